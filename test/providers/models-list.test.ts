// models.list through the core: built-in lists, ImageRouter's catalogue fetched, cached in the library
// database, and still shown (with a warning) when the network is gone.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { createSecretStore } from '../../electron/core/secrets/create-secret-store';
import { startFakeProvider, type FakeProvider } from '../fake-provider';

let core: Core | null = null;
let fake: FakeProvider | null = null;
afterEach(async () => {
  await core?.close();
  await fake?.close();
  core = null;
  fake = null;
});

async function open(): Promise<Core> {
  const secrets = createSecretStore({ keychain: false, env: {} });
  core = await createCore({ libraryDir: mkdtempSync(join(tmpdir(), 'atelier-models-')), transport: 'test', secrets });
  return core;
}

async function list(target: Core, providerId: string, refresh?: boolean) {
  const answer = await target.invoke('models.list', refresh === undefined ? { providerId } : { providerId, refresh });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as {
    models: Array<{ id: string; source: string }>;
    fetchedAt: string | null;
    warning: string | null;
  };
}

describe('models.list', () => {
  it("lists the local provider's models on first start", async () => {
    const result = await list(await open(), 'local');
    expect(result.models.map((model) => model.id)).toEqual(['local/pattern']);
    expect(result.warning).toBeNull();
  });

  it("fetches ImageRouter's catalogue, caches it, and falls back to the cache offline", async () => {
    fake = await startFakeProvider();
    const target = await open();
    const added = await target.invoke('providers.add', { id: 'ir', preset: 'imagerouter', baseUrl: fake.baseUrl });
    expect(added.ok).toBe(true);
    const first = await list(target, 'ir');
    expect(first.models.map((model) => model.id)).toEqual([
      'test/test',
      'openai/gpt-image-1',
      'black-forest-labs/FLUX-1-schnell',
      'black-forest-labs/FLUX-1-fill-dev',
      'acme/relay-inpaint',
    ]);
    expect(first.fetchedAt).not.toBeNull();
    const fetches = fake.requests.filter((request) => request.route === 'imagerouter.models').length;
    // Within a day the cached list answers without a request.
    await list(target, 'ir');
    expect(fake.requests.filter((request) => request.route === 'imagerouter.models').length).toBe(fetches);
    await fake.close();
    fake = null;
    const offline = await list(target, 'ir', true);
    expect(offline.models.map((model) => model.id)).toEqual(first.models.map((model) => model.id));
    expect(offline.fetchedAt).toBe(first.fetchedAt);
    expect(offline.warning).toMatch(
      /^The model list of .* could not be refreshed, so the saved list is shown\. Could not reach/,
    );
  });

  it('answers not_found for an unknown provider', async () => {
    const answer = await (await open()).invoke('models.list', { providerId: 'nope' });
    expect(answer.ok === false && answer.error.code).toBe('not_found');
  });
});
