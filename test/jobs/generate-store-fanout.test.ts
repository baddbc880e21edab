// The Generate form's fan-out (issue 14, point 1) through its store against a real core behind a stand-in
// window.atelier: each target is sent what its own model takes, so a second model with other limits is not refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract/jobs';
import type { Core } from '../../electron/core/core';
import { useCatalog } from '../../renderer/stores/catalog';
import { useGenerate } from '../../renderer/stores/generate';
import { useJobs } from '../../renderer/stores/jobs';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { addProviders, jobKey, openCore, tempLibrary } from './helpers';
import { bridgeToCore, unbridge } from '../renderer/core-bridge';

const initial = useGenerate.getState();
let core: Core;
let fake: FakeProvider;

beforeEach(async () => {
  fake = await startFakeProvider({ key: jobKey });
  core = await openCore(tempLibrary());
  await addProviders(core, fake.baseUrl);
  bridgeToCore(core);
  useGenerate.setState(initial, true);
  await useCatalog.getState().load('local');
  await useCatalog.getState().load('qr');
});
afterEach(async () => {
  unbridge();
  await core.close();
  await fake.close();
});

describe('the Generate form sends each target its own parameters', () => {
  it('a local model with four images and a seed beside dall-e-3 (one image, no seed) both run', async () => {
    useGenerate.setState({
      prompt: 'a fox, twice',
      targets: [
        { providerId: 'local', model: 'local/pattern', own: { size: '32x32' } },
        { providerId: 'qr', model: 'dall-e-3', own: { size: '1024x1792' } },
      ],
      params: { n: 4, size: '', aspectRatio: '', quality: 'hd', seed: '7' },
    });
    const before = new Set(Object.keys(useJobs.getState().jobs));
    await useGenerate.getState().submit();
    expect(useGenerate.getState().error).toBeNull();
    const created = Object.values(useJobs.getState().jobs).filter((job) => !before.has(job.id));
    const done: Job[] = await Promise.all(created.map((job) => core.jobs.waitFor(job.id)));
    const byModel = Object.fromEntries(done.map((job) => [job.model, job]));
    expect(byModel['local/pattern']).toMatchObject({ status: 'done', params: { n: 4, size: '32x32', seed: 7 } });
    expect(byModel['local/pattern']!.params.quality).toBeUndefined();
    expect(byModel['dall-e-3']).toMatchObject({ status: 'done', params: { n: 1, size: '1024x1792', quality: 'hd' } });
    expect(byModel['dall-e-3']!.params.seed).toBeUndefined();
  });
});
