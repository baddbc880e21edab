// The model catalogue: built-in ids of the seeds, protocol per id, ImageRouter's /v1/models merged in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  builtinCatalog,
  fetchRemoteCatalog,
  findModel,
  mergeCatalog,
  protocolFor,
} from '../../electron/core/providers/catalog';
import { modelInfoSchema } from '../../shared/contract/models';
import { HttpClient } from '../../electron/core/http/client';
import { startFakeProvider, type FakeProvider } from '../fake-provider';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());

describe('model catalogue', () => {
  it('knows every model id the seeds name, with valid entries', () => {
    const quick = builtinCatalog('quickrouter').map((model) => model.id);
    expect(quick).toEqual(
      expect.arrayContaining([
        'flux-1',
        'flux-kontext-pro',
        'flux-kontext-max',
        'gpt-image-1',
        'gpt-image-1-all',
        'dall-e-2',
        'dall-e-3',
        'fal-ai/flux-1/dev',
        'black-forest-labs/flux-kontext-max',
      ]),
    );
    expect(builtinCatalog('imagerouter').map((model) => model.id)).toEqual(['test/test']);
    expect(builtinCatalog('local').map((model) => model.protocol)).toEqual(['local']);
    for (const preset of ['quickrouter', 'imagerouter', 'openai', 'fal', 'replicate', 'local'] as const) {
      for (const model of builtinCatalog(preset)) expect(modelInfoSchema.safeParse(model).success).toBe(true);
    }
  });

  it('maps each id to its protocol on QuickRouter', () => {
    expect(protocolFor('quickrouter', 'flux-kontext-pro')).toBe('openai-images');
    expect(protocolFor('quickrouter', 'fal-ai/flux-1/dev')).toBe('fal-queue');
    expect(protocolFor('quickrouter', 'black-forest-labs/flux-kontext-max')).toBe('replicate');
    expect(protocolFor('quickrouter', 'fal-ai/some-new-app')).toBe('fal-queue');
    expect(protocolFor('quickrouter', 'some-new-model')).toBe('openai-images');
    expect(protocolFor('imagerouter', 'openai/gpt-image-1')).toBe('openai-images');
  });

  it('offers the 21:9 … 9:21 enum for Flux models on routers', () => {
    expect(findModel('quickrouter', 'flux-kontext-max').aspectRatios).toEqual([
      '21:9',
      '16:9',
      '4:3',
      '3:2',
      '1:1',
      '2:3',
      '3:4',
      '9:16',
      '9:21',
    ]);
  });

  it("merges ImageRouter's object keyed by id, image models only, with prices", async () => {
    const http = new HttpClient({ provider: 'ImageRouter' });
    const remote = await fetchRemoteCatalog(http, 'imagerouter', fake.baseUrl, null);
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe('/v1/models');
    expect(request.query).toEqual({ type: 'image', sort: 'date', limit: '1000' });
    const merged = mergeCatalog('imagerouter', remote);
    expect(merged.map((model) => model.id)).toEqual([
      'test/test',
      'openai/gpt-image-1',
      'black-forest-labs/FLUX-1-schnell',
      'black-forest-labs/FLUX-1-fill-dev',
      'acme/relay-inpaint',
    ]);
    const gpt = merged[1]!;
    expect(gpt).toMatchObject({
      source: 'imagerouter',
      edit: true,
      mask: true,
      maskConvention: 'alpha',
      priceUsd: { min: 0.011, max: 0.25 },
    });
    expect(gpt.sizes).toEqual(['auto', '1024x1024', '1536x1024', '1024x1536']);
    expect(merged[2]).toMatchObject({ edit: false, mask: false, qualities: [], priceUsd: { min: 0.003, max: 0.003 } });
    // Built-in facts win over the remote entry of the same id.
    expect(merged[0]).toMatchObject({ source: 'builtin', label: 'Test model (free)' });
  });

  it('keeps an unknown model usable with generic parameters', () => {
    const model = findModel('openai-compatible', 'acme/brand-new');
    expect(model).toMatchObject({
      source: 'generic',
      protocol: 'openai-images',
      generate: true,
      edit: true,
      promptMax: null,
      sizes: null,
    });
  });
});
