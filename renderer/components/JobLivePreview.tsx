import { useTranslation } from 'react-i18next';
import { isFinished, type Job } from '../../shared/contract/jobs';

/**
 * A running job's live preview: the latest partial image its provider streamed (never a library image) and how far
 * along it is. Shown only while the job runs and its provider sends either; the frame is reserved square, so the
 * card keeps its size as partials arrive. A progress the provider does not tell is an indeterminate bar.
 */
export function JobLivePreview({ job }: { job: Job }) {
  const { t } = useTranslation();
  if (isFinished(job.status) || (job.preview === null && job.progress === null)) return null;
  const percent = job.progress === null ? null : Math.round(job.progress * 100);
  const label = t('jobs.liveProgress');
  return (
    <figure className="job-live-preview" data-testid="job-live-preview">
      {job.preview && (
        <div className="frame">
          <img
            key={job.preview.url}
            src={job.preview.url}
            alt={t('jobs.livePreview', { number: job.preview.index + 1 })}
            data-testid="job-live-image"
            data-index={job.preview.index}
            decoding="async"
          />
        </div>
      )}
      <div
        className="bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? t('jobs.liveProgressUnknown') : `${percent}%`}
        data-testid="job-live-progress"
      >
        {percent !== null && <span style={{ width: `${percent}%` }} />}
      </div>
    </figure>
  );
}
