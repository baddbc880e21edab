import { useTranslation } from 'react-i18next';
import { JobCard } from '../../components/JobCard';
import { jobsOfBatch, useJobs } from '../../stores/jobs';

/** Every click's jobs side by side, newest batch first: fan-out results are compared at a glance. */
export function BatchResults({ onOpen }: { onOpen(imageId: string): void }) {
  const { t } = useTranslation();
  const jobs = useJobs((state) => state.jobs);
  const batches = useJobs((state) => state.batches);
  if (batches.length === 0) return null;
  return (
    <div className="batches" data-testid="job-tray" aria-label={t('jobs.title')}>
      {batches.slice(0, 30).map((batchId) => {
        const batch = jobsOfBatch(jobs, batchId);
        return (
          <section key={batchId} className="batch" data-testid="batch" data-batch-id={batchId}>
            <p className="batch-prompt">{batch[0]?.prompt}</p>
            <div className="batch-jobs">
              {batch.map((job) => (
                <JobCard key={job.id} job={job} onOpen={onOpen} />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
