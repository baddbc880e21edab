// A core on a temp library with providers pointing at the fake server and keys from env overrides.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from '../../shared/contract/jobs';
import { createCore, type Core, type CoreOptions } from '../../electron/core/core';
import { createSecretStore } from '../../electron/core/secrets/create-secret-store';

export const jobKey = 'sk-jobs-test-key-0001';

/** Providers every job test uses: id → preset. */
export const testProviders = { qr: 'quickrouter', ir: 'imagerouter', fal: 'fal', rep: 'replicate' } as const;

export const keyEnv = {
  ATELIER_KEY_QR: jobKey,
  ATELIER_KEY_IR: jobKey,
  ATELIER_KEY_FAL: jobKey,
  ATELIER_KEY_REP: jobKey,
};

export function tempLibrary(): string {
  return mkdtempSync(join(tmpdir(), 'atelier-jobs-'));
}

export async function openCore(libraryDir: string, jobs: CoreOptions['jobs'] = {}): Promise<Core> {
  const secrets = createSecretStore({ keychain: false, env: keyEnv });
  return createCore({
    libraryDir,
    transport: 'test',
    secrets,
    jobs: { pollIntervalMs: 0, http: { sleep: async () => {} }, ...jobs },
  });
}

export async function addProviders(core: Core, baseUrl: string): Promise<void> {
  for (const [id, preset] of Object.entries(testProviders)) {
    const answer = await core.invoke('providers.add', { id, preset, baseUrl });
    if (!answer.ok) throw new Error(answer.error.message);
  }
}

/** Every status a job went through, in order, from the core's events. */
export function statusTrail(core: Core): Map<string, string[]> {
  const trail = new Map<string, string[]>();
  core.events.subscribe((event, payload) => {
    if (event !== 'jobs.changed') return;
    const job = payload as Job;
    const list = trail.get(job.id) ?? [];
    if (list.at(-1) !== job.status) list.push(job.status);
    trail.set(job.id, list);
  });
  return trail;
}
