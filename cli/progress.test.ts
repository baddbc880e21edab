// The terminal progress board: one line per job, redrawn in place, cut to the terminal width.
import { describe, expect, it } from 'vitest';
import type { Job } from '../shared/contract/jobs';
import { ProgressBoard, progressText } from './progress';

function job(changes: Partial<Job>): Job {
  return {
    id: 'job_1',
    batchId: null,
    providerId: 'qr',
    model: 'fal-ai/flux-1/dev',
    protocol: 'fal-queue',
    kind: 'generate',
    status: 'queued',
    prompt: 'x',
    params: {},
    remoteId: null,
    queuePosition: null,
    logs: [],
    progress: null,
    preview: null,
    attempts: 0,
    error: null,
    imageIds: [],
    parentId: null,
    costUsd: null,
    latencyMs: null,
    createdAt: '2026-01-02T03:04:05.000Z',
    updatedAt: '2026-01-02T03:04:05.000Z',
    finishedAt: null,
    ...changes,
  };
}

describe('progress lines', () => {
  it('say queued / position N / running / downloading / done in words', () => {
    expect(progressText(job({}))).toBe('job_1  qr/fal-ai/flux-1/dev  queued');
    expect(progressText(job({ status: 'running', queuePosition: 3 }))).toMatch(/position 3$/);
    expect(progressText(job({ status: 'running', logs: ['step 1 of 4'] }))).toMatch(/running: step 1 of 4$/);
    expect(progressText(job({ status: 'downloading' }))).toMatch(/downloading$/);
    expect(progressText(job({ status: 'done', imageIds: ['a', 'b'] }))).toMatch(/done \(2 images\)$/);
    expect(progressText(job({ status: 'failed', error: { code: 'auth_refused', message: 'Key refused.' } }))).toMatch(
      /failed: Key refused\.$/,
    );
  });

  it('redraws every job’s line in place, and only when something changed', () => {
    const written: string[] = [];
    const board = new ProgressBoard({ write: (text) => written.push(text) });
    board.update(job({ id: 'job_a' }));
    board.update(job({ id: 'job_b' }));
    board.update(job({ id: 'job_b' }));
    board.update(job({ id: 'job_a', status: 'downloading' }));
    expect(written).toEqual([
      '\r\u001b[2Kjob_a  qr/fal-ai/flux-1/dev  queued\n',
      '\u001b[1A\r\u001b[2Kjob_a  qr/fal-ai/flux-1/dev  queued\n\r\u001b[2Kjob_b  qr/fal-ai/flux-1/dev  queued\n',
      '\u001b[2A\r\u001b[2Kjob_a  qr/fal-ai/flux-1/dev  downloading\n\r\u001b[2Kjob_b  qr/fal-ai/flux-1/dev  queued\n',
    ]);
    board.message('Cancelling…');
    board.update(job({ id: 'job_b', status: 'cancelled' }));
    expect(written.at(-1)).toBe(
      '\r\u001b[2Kjob_a  qr/fal-ai/flux-1/dev  downloading\n\r\u001b[2Kjob_b  qr/fal-ai/flux-1/dev  cancelled\n',
    );
  });

  it('cuts a long line to the terminal width so a wrap never breaks the redraw', () => {
    const written: string[] = [];
    const board = new ProgressBoard({ write: (text) => written.push(text), columns: 30 });
    board.update(
      job({ status: 'failed', error: { code: 'provider_failed', message: 'a very long reason\nover two lines' } }),
    );
    const line = written[0]!.replace('\r\u001b[2K', '').replace('\n', '');
    expect(line.length).toBeLessThan(30);
    expect(line.endsWith('…')).toBe(true);
  });
});
