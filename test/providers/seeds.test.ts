// Each seed's request, sent exactly as the seed documents it: method, path, headers and body fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { adapterFor, paintedMask, solidPng, testKey } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ key: testKey });
});
afterAll(() => fake.close());

const last = () => fake.requests[fake.requests.length - 1]!;

describe('seed requests', () => {
  it('seed 000: QuickRouter POST /v1/images/generations with JSON and aspect_ratio', async () => {
    const adapter = adapterFor(fake.baseUrl, 'quickrouter', 'flux-kontext-pro');
    const outcome = await adapter.submit({
      model: 'flux-kontext-pro',
      prompt: 'a beautiful landscape with a river and mountains',
      n: 1,
      aspectRatio: '21:9',
    });
    const sent = last();
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v1/images/generations');
    expect(sent.headers.authorization).toBe(`Bearer ${testKey}`);
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers.accept).toBe('application/json');
    expect(sent.json).toEqual({
      model: 'flux-kontext-pro',
      prompt: 'a beautiful landscape with a river and mountains',
      n: 1,
      aspect_ratio: '21:9',
    });
    expect(outcome.kind).toBe('done');
    if (outcome.kind === 'done') {
      expect(outcome.result.images[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//);
      // QuickRouter's `created` is in seconds: normalised to ms.
      expect(Math.abs(outcome.result.createdAt! - Date.now())).toBeLessThan(60_000);
    }
  });

  it('seed 000: the request example with flux-1 and size', async () => {
    await adapterFor(fake.baseUrl, 'quickrouter', 'flux-1').submit({
      model: 'flux-1',
      prompt: 'a beautiful sunset over the ocean',
      n: 1,
      size: '1024x1024',
    });
    expect(last().json).toEqual({
      model: 'flux-1',
      prompt: 'a beautiful sunset over the ocean',
      n: 1,
      size: '1024x1024',
    });
  });

  it('seed 001: QuickRouter POST /v1/images/edits as multipart with image, mask and fields', async () => {
    const image = await solidPng(64, 48);
    const mask = await paintedMask(64, 48, { left: 0, top: 0, width: 32, height: 48 });
    const adapter = adapterFor(fake.baseUrl, 'quickrouter', 'gpt-image-1');
    const outcome = await adapter.submit({
      model: 'gpt-image-1',
      prompt: '换成红色衣服',
      n: 1,
      images: [{ bytes: image, mimeType: 'image/png' }],
      mask: { bytes: mask, mimeType: 'image/png' },
      extra: { background: 'transparent', moderation: 'low' },
    });
    const sent = last();
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v1/images/edits');
    expect(sent.headers.authorization).toBe(`Bearer ${testKey}`);
    expect(sent.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent.fields).toEqual({
      model: ['gpt-image-1'],
      prompt: ['换成红色衣服'],
      n: ['1'],
      background: ['transparent'],
      moderation: ['low'],
    });
    expect(sent.files!.map((file) => [file.field, file.contentType])).toEqual([
      ['image', 'image/png'],
      ['mask', 'image/png'],
    ]);
    // gpt-image-1 always answers base64.
    expect(outcome.kind === 'done' && (outcome.result.images[0]!.bytes ?? outcome.result.images[0]!.b64)).toBeTruthy();
  });

  it('seed 001: several input images go as repeated image[] parts', async () => {
    const a = await solidPng(32, 32);
    const b = await solidPng(32, 32, { r: 0, g: 0, b: 255 });
    await adapterFor(fake.baseUrl, 'quickrouter', 'gpt-image-1').submit({
      model: 'gpt-image-1',
      prompt: '将背景改为海滩',
      images: [
        { bytes: a, mimeType: 'image/png' },
        { bytes: b, mimeType: 'image/png' },
      ],
    });
    expect(last().files!.map((file) => file.field)).toEqual(['image[]', 'image[]']);
  });

  it('seed 002: QuickRouter fal relay POST /fal-ai/flux-1/dev with Bearer and the documented input', async () => {
    const adapter = adapterFor(fake.baseUrl, 'quickrouter', 'fal-ai/flux-1/dev');
    const outcome = await adapter.submit({
      model: 'fal-ai/flux-1/dev',
      prompt: 'Extreme close-up of a single tiger eye',
      n: 1,
      outputFormat: 'jpeg',
      extra: {
        image_size: 'landscape_4_3',
        num_inference_steps: 28,
        guidance_scale: 3.5,
        enable_safety_checker: true,
        acceleration: 'regular',
      },
    });
    const sent = last();
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/fal-ai/flux-1/dev');
    expect(sent.headers.authorization).toBe(`Bearer ${testKey}`);
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.json).toEqual({
      prompt: 'Extreme close-up of a single tiger eye',
      image_size: 'landscape_4_3',
      num_inference_steps: 28,
      guidance_scale: 3.5,
      num_images: 1,
      enable_safety_checker: true,
      output_format: 'jpeg',
      acceleration: 'regular',
    });
    expect(outcome.kind).toBe('pending');
    if (outcome.kind === 'pending') {
      expect(outcome.progress).toEqual({ status: 'IN_QUEUE', queuePosition: 1 });
      // The relay's ticket points at the upstream queue host; the client re-bases it onto the relay.
      expect(outcome.remote.statusUrl).toBe(`${fake.baseUrl}/fal-ai/flux-1/requests/${outcome.remote.id}/status`);
    }
  });

  it('seed 003: ImageRouter JSON generations with test/test, ms created, latency and cost', async () => {
    const adapter = adapterFor(fake.baseUrl, 'imagerouter', 'test/test');
    const outcome = await adapter.submit({
      model: 'test/test',
      prompt: 'a serene mountain landscape at sunset',
      quality: 'auto',
      size: 'auto',
      outputFormat: 'webp',
      extra: { response_format: 'url' },
    });
    const sent = last();
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v1/openai/images/generations');
    expect(sent.headers.authorization).toBe(`Bearer ${testKey}`);
    expect(sent.json).toEqual({
      prompt: 'a serene mountain landscape at sunset',
      model: 'test/test',
      quality: 'auto',
      size: 'auto',
      response_format: 'url',
      output_format: 'webp',
    });
    if (outcome.kind !== 'done') throw new Error('expected an immediate answer');
    expect(outcome.result.costUsd).toBe(0);
    expect(outcome.result.latencyMs).toBeGreaterThan(0);
    // created arrived in milliseconds and stays milliseconds.
    expect(Math.abs(outcome.result.createdAt! - Date.now())).toBeLessThan(60_000);
  });

  it('seed 003: ImageRouter edits name files image[] and mask[] even for one file', async () => {
    const image = await solidPng(40, 40);
    const mask = await paintedMask(40, 40, { left: 10, top: 10, width: 10, height: 10 });
    await adapterFor(fake.baseUrl, 'imagerouter', 'test/test').submit({
      model: 'test/test',
      prompt: 'fill the masked area with flowers',
      images: [{ bytes: image, mimeType: 'image/webp', filename: 'original.webp' }],
      mask: { bytes: mask, mimeType: 'image/png' },
    });
    const sent = last();
    expect(sent.path).toBe('/v1/openai/images/edits');
    expect(sent.fields).toEqual({ model: ['test/test'], prompt: ['fill the masked area with flowers'] });
    expect(sent.files!.map((file) => [file.field, file.filename])).toEqual([
      ['image[]', 'original.webp'],
      ['mask[]', 'mask.png'],
    ]);
  });

  it('seed 004: Replicate through QuickRouter: create with Prefer: wait, then GET /replicate/v1/predictions/{id}', async () => {
    const adapter = adapterFor(fake.baseUrl, 'quickrouter', 'black-forest-labs/flux-kontext-max');
    const outcome = await adapter.submit({
      model: 'black-forest-labs/flux-kontext-max',
      prompt: 'a cat in a hat',
      aspectRatio: '1:1',
      outputFormat: 'png',
    });
    const create = last();
    expect(create.method).toBe('POST');
    expect(create.path).toBe('/replicate/v1/models/black-forest-labs/flux-kontext-max/predictions');
    expect(create.headers.prefer).toBe('wait');
    expect(create.headers.authorization).toBe(`Bearer ${testKey}`);
    expect(create.json).toEqual({ input: { prompt: 'a cat in a hat', aspect_ratio: '1:1', output_format: 'png' } });
    if (outcome.kind !== 'pending') throw new Error('expected a prediction to poll');
    await adapter.poll(outcome.remote);
    const get = last();
    expect(get.method).toBe('GET');
    expect(get.path).toBe(`/replicate/v1/predictions/${outcome.remote.id}`);
    expect(get.headers.authorization).toBe(`Bearer ${testKey}`);
    expect(get.headers.accept).toBe('application/json');
  });
});
