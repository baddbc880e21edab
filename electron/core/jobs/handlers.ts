// The jobs.* channels over the job engine.
import type { HandlerSlice } from '../handlers';
import type { JobEngine } from './engine';

export type JobsChannel =
  'jobs.create' | 'jobs.list' | 'jobs.get' | 'jobs.cancel' | 'jobs.retry' | 'jobs.resume' | 'jobs.remove';

export function jobsHandlers(engine: JobEngine): HandlerSlice<JobsChannel> {
  return {
    'jobs.create': (request) => engine.create(request),
    'jobs.list': (filter) => ({ jobs: engine.list(filter) }),
    'jobs.get': ({ id }) => engine.get(id),
    'jobs.cancel': ({ id }) => engine.cancel(id),
    'jobs.retry': ({ id }) => engine.retry(id),
    'jobs.resume': () => ({ resumed: engine.resume() }),
    'jobs.remove': ({ id }) => engine.remove(id),
  };
}
