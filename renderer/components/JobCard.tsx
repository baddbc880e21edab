import { useTranslation } from 'react-i18next';
import { formatUsd } from '../i18n/format';
import { isFinished, retryableStatuses, type Job } from '../../shared/contract/jobs';
import { mediaUrl } from '../api';
import { ErrorBanner } from './ErrorBanner';
import { ReuseSettingsButton } from './ReuseSettingsButton';
import { settingsOfJob } from '../stores/reuse';
import { useJobs } from '../stores/jobs';

/** One job: its model, live state (queue position, last log line), its images, cost and time. */
export function JobCard({ job, onOpen }: { job: Job; onOpen?: (imageId: string) => void }) {
  const { t, i18n } = useTranslation();
  const cancel = useJobs((state) => state.cancel);
  const retry = useJobs((state) => state.retry);
  const retryable = (retryableStatuses as readonly string[]).includes(job.status);
  const lastLog = job.logs[job.logs.length - 1];
  return (
    <article className={`job-card ${job.status}`} data-testid="job-item" data-status={job.status} data-job-id={job.id}>
      <header>
        <strong>{job.model}</strong>
        <span className="muted">{job.providerId}</span>
        <span className={`status-chip ${job.status}`}>{t(`jobs.status.${job.status}`)}</span>
        {!isFinished(job.status) && (
          <button type="button" data-testid="job-cancel" onClick={() => cancel(job.id)}>
            {t('jobs.cancel')}
          </button>
        )}
        {retryable && (
          <button
            type="button"
            data-testid="job-retry"
            title={job.status === 'interrupted' ? t('jobs.retryMayCharge') : undefined}
            onClick={() => retry(job.id)}
          >
            {t('jobs.retry')}
          </button>
        )}
        {job.kind === 'generate' && <ReuseSettingsButton settings={() => settingsOfJob(job)} />}
      </header>
      {job.status === 'interrupted' && (
        <p className="muted" data-testid="job-interrupted">
          {t('jobs.interrupted')}
        </p>
      )}
      {!isFinished(job.status) && job.queuePosition !== null && (
        <p className="muted" data-testid="job-position">
          {t('jobs.position', { position: job.queuePosition })}
        </p>
      )}
      {!isFinished(job.status) && lastLog && <p className="muted log">{lastLog}</p>}
      {/* A failure is the job's state, kept with it: nothing to dismiss. */}
      {job.error && <ErrorBanner error={job.error} testId="job-error" />}
      {job.imageIds.length > 0 && (
        <div className="job-images">
          {job.imageIds.map((id) => (
            <button
              key={id}
              type="button"
              className="job-image"
              data-testid="job-image"
              data-image-id={id}
              onClick={() => onOpen?.(id)}
            >
              <img src={mediaUrl(id, 'thumb768')} alt={job.prompt} />
            </button>
          ))}
        </div>
      )}
      <footer className="muted">
        {job.costUsd !== null && (
          <span data-testid="job-cost">{formatUsd(job.costUsd, i18n.language) ?? t('spend.free')}</span>
        )}
        {job.latencyMs !== null && <span data-testid="job-latency">{(job.latencyMs / 1000).toFixed(1)} s</span>}
        {job.attempts > 1 && <span>{t('jobs.attempts', { count: job.attempts })}</span>}
      </footer>
    </article>
  );
}
