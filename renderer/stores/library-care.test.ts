import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { remeasureAfterMs, useLibraryCare } from './library-care';

const globals = globalThis as { atelier?: unknown };
let calls: string[] = [];
const usage = {
  originals: { files: 1, bytes: 10 },
  thumbnails: { files: 2, bytes: 4 },
  trash: { images: 0, bytes: 0 },
  database: { bytes: 100 },
};
const report = {
  ok: true,
  integrity: [],
  missingFiles: [],
  orphanFiles: [],
  tempFiles: [],
  missingThumbs: [],
  repaired: [],
};

beforeEach(() => {
  calls = [];
  globals.atelier = {
    invoke: async (channel: string) => {
      calls.push(channel);
      return { ok: true, value: channel === 'library.check' ? report : usage };
    },
    on: () => () => {},
  };
  useLibraryCare.setState(useLibraryCare.getInitialState());
});
afterEach(() => {
  delete globals.atelier;
  vi.useRealTimers();
});

describe('the disk view store', () => {
  it('measures once after a burst of changes, not once per image', async () => {
    vi.useFakeTimers();
    for (let index = 0; index < 20; index++) useLibraryCare.getState().loadUsageSoon();
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(remeasureAfterMs);
    expect(calls).toEqual(['library.diskUsage']);
    expect(useLibraryCare.getState().usage).toEqual(usage);
  });

  it('checks, then measures again (a repair changes the sizes)', async () => {
    await useLibraryCare.getState().check(true);
    expect(calls).toEqual(['library.check', 'library.diskUsage']);
    expect(useLibraryCare.getState()).toMatchObject({ report, checking: null, usage });
  });
});
