// Result downloads: verified as decodable, a truncated image retried once, an expired link said plainly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { HttpClient } from '../../electron/core/http/client';
import { downloadResultImage } from '../../electron/core/providers/download';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { adapterFor } from './helpers';

let clock = Date.now();
let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ now: () => clock, urlTtlMs: 60 * 60_000 });
});
afterAll(() => fake.close());

const http = new HttpClient({ provider: 'QuickRouter', sleep: async () => {} });

async function resultUrl(): Promise<string> {
  const outcome = await adapterFor(fake.baseUrl, 'quickrouter', 'dall-e-2').submit({ model: 'dall-e-2', prompt: 'x', size: '256x256' });
  if (outcome.kind !== 'done') throw new Error('expected an answer');
  return outcome.result.images[0]!.url!;
}

describe('result download', () => {
  it('downloads and verifies the image', async () => {
    const image = await downloadResultImage(http, { url: await resultUrl() });
    expect([image.format, image.width, image.height]).toEqual(['png', 256, 256]);
  });

  it('decodes inline base64 answers', async () => {
    const outcome = await adapterFor(fake.baseUrl, 'quickrouter', 'gpt-image-1').submit({ model: 'gpt-image-1', prompt: 'x', size: '1024x1024' });
    if (outcome.kind !== 'done') throw new Error('expected an answer');
    expect((await downloadResultImage(http, outcome.result.images[0]!)).width).toBe(1024);
  });

  it('a truncated image is downloaded again; twice truncated fails clearly', async () => {
    const url = await resultUrl();
    fake.fault('files', { kind: 'truncated-image' });
    expect((await downloadResultImage(http, { url })).width).toBe(256);
    fake.fault('files', { kind: 'truncated-image' }, { kind: 'truncated-image' });
    const error = (await downloadResultImage(http, { url }).catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toBe('The image from QuickRouter arrived damaged and could not be decoded. Run the request again.');
  });

  it('an expired URL says the link expired, not that the key is wrong', async () => {
    const url = await resultUrl();
    clock += 61 * 60_000;
    const error = (await downloadResultImage(http, { url }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('provider_failed');
    expect(error.message).toMatch(/^The image link from QuickRouter no longer works \(403\); provider links expire after about an hour/);
  });
});
