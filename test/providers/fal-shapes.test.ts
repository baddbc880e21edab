// fal apps as they really are: namespaced apps (workflows/, comfy/) keep their namespace in status, result and
// cancel paths (fal-ai/fal-js libs/client/src/utils.ts parseEndpointId, queue.ts); some apps answer one `image`
// instead of `images[]`; apps that edit with several inputs take them as `image_urls`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { falAppPath } from '../../electron/core/providers/fal-queue';
import { protocolFor } from '../../electron/core/providers/catalog';
import type { ProviderAdapter, RemoteRef } from '../../electron/core/providers/types';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { adapterFor, solidPng, testKey } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ key: testKey, falSteps: { queued: 0, inProgress: 0 } });
});
afterAll(() => fake.close());

async function finish(adapter: ProviderAdapter, remote: RemoteRef) {
  for (let poll = 0; poll < 5; poll++) {
    const outcome = await adapter.poll(remote);
    if (outcome.kind === 'done') return outcome.result;
    if (outcome.kind === 'cancelled') throw new Error('cancelled');
  }
  throw new Error('never finished');
}

async function submit(adapter: ProviderAdapter, model: string, images: Buffer[] = []): Promise<RemoteRef> {
  const outcome = await adapter.submit({
    model,
    prompt: 'x',
    images: images.map((bytes) => ({ bytes, mimeType: 'image/png' })),
  });
  if (outcome.kind !== 'pending') throw new Error('expected a queue ticket');
  return outcome.remote;
}

describe('fal apps as fal-js addresses them', () => {
  it('keeps the workflows/ and comfy/ namespace in the app path, and drops only the subpath', () => {
    expect(falAppPath('workflows/fal-ai/sdxl-flow')).toBe('workflows/fal-ai/sdxl-flow');
    expect(falAppPath('comfy/acme/upscale/v2')).toBe('comfy/acme/upscale');
    expect(falAppPath('fal-ai/flux-pro/v1/fill')).toBe('fal-ai/flux-pro');
    expect(protocolFor('quickrouter', 'workflows/fal-ai/sdxl-flow')).toBe('fal-queue');
  });

  it('polls, fetches and cancels a namespaced request at its namespaced path, even from a ticket without URLs', async () => {
    const model = 'workflows/fal-ai/sdxl-flow';
    const adapter = adapterFor(fake.baseUrl, 'fal', model);
    const ticket = await submit(adapter, model);
    // A request stored with its id only (an older record, a resumed job) is found by the path fal-js builds.
    const remote: RemoteRef = { protocol: 'fal-queue', id: ticket.id, model };
    const result = await finish(adapter, remote);
    expect(result.images).toHaveLength(1);
    await adapter.cancel(remote);
    const paths = fake.requests.filter((request) => request.path.includes(ticket.id)).map((request) => request.path);
    expect(new Set(paths)).toEqual(
      new Set([
        `/${model}/requests/${ticket.id}/status`,
        `/${model}/requests/${ticket.id}`,
        `/${model}/requests/${ticket.id}/cancel`,
      ]),
    );
  });

  it('reads an app that answers one `image` instead of `images[]`', async () => {
    const model = 'fal-ai/birefnet';
    const adapter = adapterFor(fake.baseUrl, 'fal', model);
    const result = await finish(adapter, await submit(adapter, model, [await solidPng(32, 32)]));
    expect(result.images).toHaveLength(1);
    expect(result.images[0]).toMatchObject({ width: 64, height: 64, contentType: 'image/jpeg' });
    expect(result.images[0]!.url).toMatch(/\/files\//);
  });

  it('sends several inputs as `image_urls` (one as `image_url`), which a multi-input app requires', async () => {
    const model = 'fal-ai/flux-pro/kontext/max/multi';
    const adapter = adapterFor(fake.baseUrl, 'fal', model);
    const [a, b] = [await solidPng(16, 16), await solidPng(16, 16, { r: 0, g: 0, b: 255 })];
    await finish(adapter, await submit(adapter, model, [a, b]));
    const sent = fake.requests.findLast((request) => request.route === 'fal.submit')!.json as Record<string, unknown>;
    expect(sent.image_url).toBeUndefined();
    expect(sent.image_urls).toEqual([a, b].map((bytes) => `data:image/png;base64,${bytes.toString('base64')}`));
    await submit(adapterFor(fake.baseUrl, 'fal', 'fal-ai/flux-pro/v1/fill'), 'fal-ai/flux-pro/v1/fill', [a]);
    const single = fake.requests.findLast((request) => request.route === 'fal.submit')!.json as Record<string, unknown>;
    expect([typeof single.image_url, single.image_urls]).toEqual(['string', undefined]);
  });
});
