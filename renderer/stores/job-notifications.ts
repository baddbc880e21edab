// Desktop notifications for jobs that end while the window is in the background (Notification API: Electron's
// renderer and the browser UI alike). Off until switched on in Settings; the permission is asked on that first switch.
import i18next from 'i18next';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Announcement } from './job-announcements';

export type NotificationPermissionState = NotificationPermission | 'unavailable';

interface NotificationsState {
  enabled: boolean;
  permission: NotificationPermissionState;
  /** Switches notifications on (asking the permission if it was never given) or off. */
  setEnabled(enabled: boolean): Promise<void>;
  /** Reads the permission again (the user may have changed it in the system meanwhile). */
  refresh(): void;
}

const currentPermission = (): NotificationPermissionState =>
  typeof Notification === 'undefined' ? 'unavailable' : Notification.permission;

export const useJobNotifications = create<NotificationsState>()(
  persist(
    (set) => ({
      enabled: false,
      permission: currentPermission(),
      setEnabled: async (enabled) => {
        let permission = currentPermission();
        if (enabled && permission === 'default') permission = await Notification.requestPermission();
        set({ enabled: enabled && permission === 'granted', permission });
      },
      refresh: () => set({ permission: currentPermission() }),
    }),
    { name: 'atelier.jobNotifications', version: 1, partialize: (state) => ({ enabled: state.enabled }) },
  ),
);

const titleKey: Record<Announcement['kind'], string> = {
  done: 'jobs.notifyDone',
  failed: 'jobs.notifyFailed',
  cancelled: 'jobs.notifyCancelled',
  interrupted: 'jobs.notifyInterrupted',
};

/** Tells the system about jobs that just ended, when switched on, allowed, and the window is not looked at. */
export function notifyEnded(ended: Announcement[], prompts: Record<string, string>): void {
  if (ended.length === 0 || !useJobNotifications.getState().enabled) return;
  if (currentPermission() !== 'granted' || document.visibilityState !== 'hidden') return;
  for (const job of ended) {
    const notification = new Notification(i18next.t(titleKey[job.kind], { model: job.model }), {
      body: prompts[job.jobId] ?? '',
      tag: job.jobId,
    });
    // Clicking it brings the window back, where the job's card is.
    notification.onclick = () => window.focus();
  }
}
