import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../i18n/describe-error';
import { type Announcement, endedJobs } from '../stores/job-announcements';
import { useJobs } from '../stores/jobs';

/**
 * A polite live region: a screen reader hears when a job finishes or fails, wherever the user is. Off screen, not
 * hidden (a hidden region is not read).
 */
export function JobAnnouncer() {
  const { t, i18n } = useTranslation();
  const [latest, setLatest] = useState<Announcement[]>([]);
  useEffect(
    () =>
      useJobs.subscribe((state, previous) => {
        const ended = endedJobs(previous.jobs, state.jobs);
        if (ended.length > 0) setLatest(ended);
      }),
    [],
  );
  const say = (item: Announcement) => {
    if (item.kind === 'done') return t('announce.jobDone', { model: item.model, count: item.count });
    if (item.kind === 'cancelled') return t('announce.jobCancelled', { model: item.model });
    if (item.kind === 'interrupted')
      return t('announce.jobInterrupted', { model: item.model, reason: describeError(i18n, item.error) });
    return t('announce.jobFailed', { model: item.model, reason: describeError(i18n, item.error) });
  };
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="job-announcer">
      {latest.map((item) => (
        <p key={item.jobId}>{say(item)}</p>
      ))}
    </div>
  );
}
