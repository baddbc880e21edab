// Result downloads: handed to the pixel check, a truncated image fetched once more, an expired link said plainly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { HttpClient } from '../../electron/core/http/client';
import { checkImage } from '../../electron/core/library/check-image';
import type { ResultImage } from '../../electron/core/providers/types';
import { takeResultImage } from '../../electron/core/providers/download';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { adapterFor } from './helpers';

let clock = Date.now();
let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ now: () => clock, urlTtlMs: 60 * 60_000 });
});
afterAll(() => fake.close());

const http = new HttpClient({ provider: 'QuickRouter', sleep: async () => {} });
const downloadResultImage = (image: ResultImage) => takeResultImage(http, image, checkImage);

async function resultUrl(): Promise<string> {
  const outcome = await adapterFor(fake.baseUrl, 'quickrouter', 'dall-e-2').submit({
    model: 'dall-e-2',
    prompt: 'x',
    size: '256x256',
  });
  if (outcome.kind !== 'done') throw new Error('expected an answer');
  return outcome.result.images[0]!.url!;
}

describe('result download', () => {
  it('downloads and checks the image', async () => {
    const image = await downloadResultImage({ url: await resultUrl() });
    expect([image.format, image.width, image.height]).toEqual(['png', 256, 256]);
  });

  it('decodes inline base64 answers', async () => {
    const outcome = await adapterFor(fake.baseUrl, 'quickrouter', 'gpt-image-1').submit({
      model: 'gpt-image-1',
      prompt: 'x',
      size: '1024x1024',
    });
    if (outcome.kind !== 'done') throw new Error('expected an answer');
    expect((await downloadResultImage(outcome.result.images[0]!)).width).toBe(1024);
  });

  it('a truncated image is downloaded again; twice truncated fails clearly', async () => {
    const url = await resultUrl();
    fake.fault('files', { kind: 'truncated-image' });
    expect((await downloadResultImage({ url })).width).toBe(256);
    fake.fault('files', { kind: 'truncated-image' }, { kind: 'truncated-image' });
    const error = (await downloadResultImage({ url }).catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toBe(
      'The image from QuickRouter arrived damaged and could not be decoded. Run the request again.',
    );
  });

  it('a failure that is not about the bytes (the disk, the database) is passed on as it is, with no second download', async () => {
    const url = await resultUrl();
    const fetchesBefore = fake.requests.filter((request) => request.route === 'files').length;
    const diskFull = new AppError('internal', 'Could not store the image: no space left on the disk.');
    const error = await takeResultImage(http, { url }, async () => {
      throw diskFull;
    }).catch((e: unknown) => e);
    expect(error).toBe(diskFull);
    expect(fake.requests.filter((request) => request.route === 'files').length).toBe(fetchesBefore + 1);
  });

  it('an expired URL says the link expired, not that the key is wrong', async () => {
    const url = await resultUrl();
    clock += 61 * 60_000;
    const error = (await downloadResultImage({ url }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('provider_failed');
    expect(error.message).toMatch(
      /^The image link from QuickRouter no longer works \(403\); provider links expire after about an hour/,
    );
  });
});
