// Registers one ipcMain handler per contract channel. Each checks that the call comes from our own
// top-level page (app://atelier), then hands the raw payload to the core's dispatcher, which parses it
// with the contract's zod schema before any handler runs.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { channelNames } from '../shared/contract';
import type { Envelope } from '../shared/errors';
import type { Core } from './core/core';

export const appOrigin = 'app://atelier';

interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, payload: unknown) => Promise<Envelope<unknown>>): void;
}

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/** A URL of our own page, app://atelier (URL.origin is "null" for custom schemes in Node: scheme and host compared). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === appOrigin;
  } catch {
    return false;
  }
}

export function registerIpc(ipcMain: IpcMainLike, core: Core): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, payload) => {
      if (!isTrustedSender(event)) {
        return {
          ok: false,
          error: { code: 'forbidden_sender', message: 'This window is not allowed to talk to Atelier.' },
        };
      }
      return core.invoke(channel, payload, { transport: 'electron' });
    });
  }
}

/** Pushes every core event to the window, on a per-event channel the preload listens to. */
export function forwardEvents(core: Core, webContents: () => WebContents | null): () => void {
  return core.events.subscribe((event, payload) => {
    const target = webContents();
    if (target && !target.isDestroyed()) target.send(`atelier:event:${event}`, payload);
  });
}
