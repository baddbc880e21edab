// Steps the Generate-store tests share: they drive the form against a real core behind a stand-in window.atelier.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Job } from '../../shared/contract/jobs';
import type { Core } from '../../electron/core/core';
import { useGenerate } from '../../renderer/stores/generate';
import { useJobs } from '../../renderer/stores/jobs';

/** Submits the form as it stands and waits for its one new job to end. */
export async function submitAndWait(core: Core): Promise<Job> {
  const before = new Set(Object.keys(useJobs.getState().jobs));
  await useGenerate.getState().submit();
  expect(useGenerate.getState().error).toBeNull();
  const created = Object.values(useJobs.getState().jobs).find((job) => !before.has(job.id));
  return core.jobs.waitFor(created!.id);
}

/** The stored bytes of a library image. */
export const bytesOf = (core: Core, imageId: string): Buffer => readFileSync(core.library.get(imageId).path);
