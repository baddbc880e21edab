import { describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract/jobs';
import { endedJobs } from './job-announcements';

function job(id: string, status: Job['status'], extra: Partial<Job> = {}): Job {
  return {
    id,
    batchId: null,
    providerId: 'local',
    model: 'local-diffusion',
    status,
    prompt: 'a cat',
    params: {},
    remoteId: null,
    queuePosition: null,
    logs: [],
    progress: null,
    preview: null,
    attempts: 1,
    error: null,
    imageIds: [],
    parentId: null,
    costUsd: null,
    latencyMs: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: null,
    ...extra,
  } as Job;
}

describe('endedJobs: what the live region announces', () => {
  it('announces a job seen running that is now done, with its image count', () => {
    const before = { a: job('a', 'running') };
    const after = { a: job('a', 'done', { imageIds: ['x', 'y'] }) };
    expect(endedJobs(before, after)).toEqual([{ kind: 'done', jobId: 'a', model: 'local-diffusion', count: 2 }]);
  });

  it('announces a failure with its error, and a cancel', () => {
    const error = { code: 'provider_failed' as const, message: 'boom' };
    const before = { a: job('a', 'queued'), b: job('b', 'submitted') };
    const after = { a: job('a', 'failed', { error }), b: job('b', 'cancelled') };
    expect(endedJobs(before, after)).toEqual([
      { kind: 'failed', jobId: 'a', model: 'local-diffusion', error },
      { kind: 'cancelled', jobId: 'b', model: 'local-diffusion' },
    ]);
  });

  it('announces an interrupted job as interrupted, not as failed', () => {
    const error = { code: 'unavailable' as const, message: 'Sent, but Atelier closed before the answer came.' };
    const before = { a: job('a', 'submitted') };
    const after = { a: job('a', 'interrupted', { error }) };
    expect(endedJobs(before, after)).toEqual([{ kind: 'interrupted', jobId: 'a', model: 'local-diffusion', error }]);
  });

  it('says nothing of jobs listed already finished, of unchanged finished jobs, or of jobs still under way', () => {
    expect(endedJobs({}, { a: job('a', 'done') })).toEqual([]);
    expect(endedJobs({ a: job('a', 'done') }, { a: job('a', 'done') })).toEqual([]);
    expect(endedJobs({ a: job('a', 'queued') }, { a: job('a', 'running') })).toEqual([]);
  });
});
