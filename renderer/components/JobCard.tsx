import { useTranslation } from 'react-i18next';
import { formatUsd, numberFormat } from '../i18n/format';
import { isFinished, retryableStatuses, type Job } from '../../shared/contract/jobs';
import { mediaUrl } from '../api';
import { ErrorBanner } from './ErrorBanner';
import { JobLivePreview } from './JobLivePreview';
import { ReuseSettingsButton } from './ReuseSettingsButton';
import { settingsOfJob } from '../stores/reuse';
import { elapsedMs, jobStateOf, useJobs } from '../stores/jobs';

const seconds = (ms: number, language: string) =>
  numberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ms / 1000);

/** One job: its model, one state that agrees with itself, its images, cost and times, and what can be done with it. */
export function JobCard({ job, onOpen }: { job: Job; onOpen?: (imageId: string) => void }) {
  const { t, i18n } = useTranslation();
  const cancel = useJobs((state) => state.cancel);
  const retry = useJobs((state) => state.retry);
  const remove = useJobs((state) => state.remove);
  const retryable = (retryableStatuses as readonly string[]).includes(job.status);
  const state = jobStateOf(job);
  const lastLog = job.logs[job.logs.length - 1];
  const took = elapsedMs(job);
  return (
    <article className={`job-card ${job.status}`} data-testid="job-item" data-status={job.status} data-job-id={job.id}>
      <header>
        <strong>{job.model}</strong>
        <span className="muted">{job.providerId}</span>
        <span className={`status-chip ${job.status}`} data-testid="job-state">
          {state.label === 'queue' ? t('jobs.inQueue') : t(`jobs.status.${state.label}`)}
        </span>
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
        {isFinished(job.status) && (
          <button type="button" data-testid="job-remove" title={t('jobs.removeHint')} onClick={() => remove(job.id)}>
            {t('jobs.remove')}
          </button>
        )}
      </header>
      {job.status === 'interrupted' && (
        <p className="job-interrupted" role="note" data-testid="job-interrupted">
          {t('jobs.interrupted')}
        </p>
      )}
      {state.position !== null && (
        <p className="muted" data-testid="job-position">
          {state.position === 'next' ? t('jobs.positionNext') : t('jobs.position', { position: state.position })}
        </p>
      )}
      <JobLivePreview job={job} />
      {!isFinished(job.status) && lastLog && <p className="muted log">{lastLog}</p>}
      {/* A failure is the job's state, kept with it: nothing to dismiss. */}
      {job.error && job.status !== 'interrupted' && <ErrorBanner error={job.error} testId="job-error" />}
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
        {took !== null && job.status === 'done' && (
          <span data-testid="job-elapsed">{t('jobs.took', { seconds: seconds(took, i18n.language) })}</span>
        )}
        {job.latencyMs !== null && (
          <span data-testid="job-latency">
            {t('jobs.inference', { seconds: seconds(job.latencyMs, i18n.language) })}
          </span>
        )}
        {job.attempts > 1 && <span>{t('jobs.attempts', { count: job.attempts })}</span>}
      </footer>
    </article>
  );
}
