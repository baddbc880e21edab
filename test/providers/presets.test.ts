// The presets carry every fact that differs between providers — whether a key is needed, the built-in
// offline provider, how many jobs run at once, how a connection is tested — and the core reads only
// the table. Each test walks the table, so a new preset is covered without being named here.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract/jobs';
import { addablePresetIds, builtInTarget, type PresetId, presetIds, presets } from '../../shared/presets';
import { testConnection } from '../../electron/core/providers/test-connection';
import { openCore, tempLibrary } from '../jobs/helpers';

const key = 'sk-presets-0123456789abcdef';
const seen: Array<{ method: string; url: string; auth: string | undefined }> = [];
let server: Server;
let base: string;

beforeAll(async () => {
  // Answers every probe the way its API answers a good key: JSON, and 404 for fal's made-up request.
  server = createServer((request, response) => {
    seen.push({ method: request.method!, url: request.url!, auth: request.headers.authorization });
    const notFound = presetIds.some(
      (id) => presets[id].probe?.notFoundMeansWorks && presets[id].probe.path === request.url,
    );
    response.writeHead(notFound ? 404 : 200, { 'Content-Type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const provider = (preset: PresetId) => ({ id: preset, label: presets[preset].label, preset, baseUrl: base });

describe('presets', () => {
  it('a preset has a probe exactly when it has something to connect to, and one preset is the built-in one', () => {
    for (const id of presetIds) expect(presets[id].probe === null, id).toBe(presets[id].offline === true);
    const builtIn = presetIds.filter((id) => presets[id].builtIn);
    expect(builtIn).toEqual([builtInTarget.providerId]);
    expect(addablePresetIds).toEqual(presetIds.filter((id) => !builtIn.includes(id)));
  });

  it("test connection sends each preset's probe with its auth scheme, and asks for a key first where one is needed", async () => {
    for (const id of presetIds) {
      const { probe, needsKey, authScheme } = presets[id];
      seen.length = 0;
      const withoutKey = await testConnection(provider(id), null);
      expect(withoutKey.outcome, id).toBe(needsKey ? 'no_key' : 'works');
      expect(seen, id).toEqual([]);
      if (!probe) continue;
      const withKey = await testConnection(provider(id), key);
      expect(withKey.outcome, id).toBe('works');
      expect(seen, id).toEqual([{ method: probe.method, url: probe.path, auth: `${authScheme} ${key}` }]);
    }
  });

  it('the built-in provider exists from first open, cannot be added again or removed, and runs its preset’s jobs at once', async () => {
    const core = await openCore(tempLibrary());
    try {
      const { providerId, model } = builtInTarget;
      const builtIn = presets[providerId as PresetId];
      const list = await core.invoke('providers.list', {});
      expect(list).toMatchObject({ ok: true, value: { providers: [{ id: providerId, baseUrl: null }] } });
      expect(await core.invoke('providers.add', { id: 'second', preset: providerId })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringContaining('built in') },
      });
      expect(await core.invoke('providers.remove', { id: providerId })).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('cannot be removed') },
      });

      // No limit given: the engine takes the preset's.
      const inFlight = new Set<string>();
      let most = 0;
      core.events.subscribe((event, payload) => {
        if (event !== 'jobs.changed') return;
        const job = payload as Job;
        if (['submitted', 'running'].includes(job.status)) inFlight.add(job.id);
        else inFlight.delete(job.id);
        most = Math.max(most, inFlight.size);
      });
      const created = await core.invoke('jobs.create', {
        targets: Array(builtIn.concurrency + 3).fill({ providerId, model }),
        prompt: 'x',
        size: '32x32',
      });
      if (!created.ok) throw new Error(created.error.message);
      const { jobs } = created.value as { jobs: Job[] };
      await Promise.all(jobs.map((job) => core.jobs.waitFor(job.id)));
      expect(most).toBe(builtIn.concurrency);
    } finally {
      await core.close();
    }
  });
});
