import { afterEach, describe, expect, it } from 'vitest';
import type { ShownError } from './attempt';
import { attempt } from './attempt';
import { useGallery } from './gallery';
import { useJobs } from './jobs';

const globals = globalThis as { atelier?: unknown };
afterEach(() => {
  delete globals.atelier;
});

/** A core whose every call is refused with this error envelope. */
function refusingCore(error: { code: string; message: string; details?: unknown }) {
  globals.atelier = { invoke: async () => ({ ok: false, error }), on: () => () => {} };
}

describe('attempt', () => {
  const holder = () => {
    const state: { error: ShownError | null } = { error: null };
    return { state, set: (patch: { error: ShownError | null }) => Object.assign(state, patch) };
  };

  it('keeps a failure as data (code, message, details) and answers false instead of rejecting', async () => {
    const { state, set } = holder();
    const { ApiError } = await import('../api');
    const ok = await attempt(set, async () => {
      throw new ApiError('not_found', 'There is no job j1.', { kind: 'job_not_found', id: 'j1' });
    });
    expect(ok).toBe(false);
    expect(state.error).toEqual({
      code: 'not_found',
      message: 'There is no job j1.',
      details: { kind: 'job_not_found', id: 'j1' },
    });
  });

  it("a user's action that succeeds clears the error; a background refresh leaves it to be read", async () => {
    const { state, set } = holder();
    const shown: ShownError = { code: 'internal', message: 'earlier' };
    set({ error: shown });
    await attempt(set, async () => {}, { background: true });
    expect(state.error).toBe(shown);
    await attempt(set, async () => {});
    expect(state.error).toBeNull();
  });

  it('a background refresh leaves "not connected" to the shell, which says it already', async () => {
    const { state, set } = holder();
    const { ApiError } = await import('../api');
    const offline = () => Promise.reject(new ApiError('unavailable', 'Atelier is not connected.'));
    await attempt(set, offline, { background: true });
    expect(state.error).toBeNull();
    await attempt(set, offline);
    expect(state.error).toMatchObject({ code: 'unavailable' });
  });

  it('drops the outcome of a call a newer one replaced', async () => {
    const { state, set } = holder();
    await attempt(set, () => Promise.reject(new Error('stale')), { current: () => false });
    expect(state.error).toBeNull();
  });
});

describe("a store action's failure lands in the store's error", () => {
  const refusal = {
    code: 'not_found',
    message: 'No image with id x1 in this library.',
    details: { kind: 'image_not_found', id: 'x1' },
  };

  it('gallery: trashing an image the core no longer has', async () => {
    refusingCore(refusal);
    await expect(useGallery.getState().trash(['x1'])).resolves.toBeUndefined();
    expect(useGallery.getState().error).toEqual(refusal);
    useGallery.getState().dismissError();
    expect(useGallery.getState().error).toBeNull();
  });

  it('jobs: cancelling a job that is gone (the Cancel button used to drop this on the floor)', async () => {
    const gone = { code: 'not_found', message: 'There is no job j9.', details: { kind: 'job_not_found', id: 'j9' } };
    refusingCore(gone);
    await expect(useJobs.getState().cancel('j9')).resolves.toBeUndefined();
    expect(useJobs.getState().error).toEqual(gone);
  });
});
