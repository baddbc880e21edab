// Replicate as replicate-javascript speaks it: a community model `owner/name:version` is created at
// `POST /v1/predictions {version, input}` (lib/predictions.js), directly and on QuickRouter's /replicate relay; inputs
// over 10 MB go up through the Files API (lib/files.js, lib/util.js transformFileInputs) instead of inline data URIs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protocolFor } from '../../electron/core/providers/catalog';
import { replicateInlineLimitBytes } from '../../electron/core/providers/replicate';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { adapterFor, testKey } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ key: testKey, replicateSteps: 0 });
});
afterAll(() => fake.close());

const version = 'a1b2c3d4'.repeat(8);
const community = `acme/watercolour:${version}`;
/** Bytes that only have to travel: the adapter sends them as they are. */
const bytesOf = (length: number) =>
  Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(length - 8, 7)]);
const created = () => fake.requests.findLast((request) => request.route.startsWith('replicate.create'))!;

describe('replicate community models and large inputs', () => {
  it('creates a community model by its version at POST /v1/predictions {version, input}', async () => {
    const outcome = await adapterFor(fake.baseUrl, 'replicate', community).submit({ model: community, prompt: 'x' });
    expect(outcome.kind).toBe('done');
    const request = created();
    expect([request.route, request.path]).toEqual(['replicate.createVersion', '/v1/predictions']);
    expect(request.json).toEqual({ version, input: { prompt: 'x' } });
  });

  it('does the same through QuickRouter’s /replicate relay, where such an id is a Replicate model', async () => {
    expect(protocolFor('quickrouter', community)).toBe('replicate');
    const adapter = adapterFor(fake.baseUrl, 'quickrouter', community);
    await adapter.submit({ model: community, prompt: 'x' });
    expect(created().path).toBe('/replicate/v1/predictions');
  });

  it('uploads an input over 10 MB through the Files API and sends its URL, not a data URI', async () => {
    const big = bytesOf(replicateInlineLimitBytes + 1);
    const since = fake.requests.length;
    const model = 'black-forest-labs/flux-kontext-max';
    const outcome = await adapterFor(fake.baseUrl, 'replicate', model).submit({
      model,
      prompt: 'x',
      images: [{ bytes: big, mimeType: 'image/png' }],
    });
    expect(outcome.kind).toBe('done');
    const [upload, create] = fake.requests.slice(since);
    expect([upload!.route, upload!.method, upload!.path]).toEqual(['replicate.upload', 'POST', '/v1/files']);
    const content = upload!.files!.find((file) => file.field === 'content')!;
    expect(content.bytes.equals(big)).toBe(true);
    const input = (create!.json as { input: Record<string, string> }).input;
    expect(input.input_image).toMatch(new RegExp(`^${fake.baseUrl}/v1/files/\\w+$`));
  });

  it('keeps an input of 10 MB or less inline, as a data URI', async () => {
    const small = bytesOf(1024);
    const model = 'black-forest-labs/flux-kontext-max';
    await adapterFor(fake.baseUrl, 'replicate', model).submit({
      model,
      prompt: 'x',
      images: [{ bytes: small, mimeType: 'image/png' }],
    });
    const input = (created().json as { input: Record<string, string> }).input;
    expect(input.input_image).toBe(`data:image/png;base64,${small.toString('base64')}`);
  });

  it('the fake refuses what the real service refuses: inline data past 10 MB, a bad version, a file it never gave', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${fake.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${testKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const inline = `data:image/png;base64,${bytesOf(replicateInlineLimitBytes + 1).toString('base64')}`;
    const model = '/v1/models/black-forest-labs/flux-kontext-max/predictions';
    expect((await post(model, { input: { prompt: 'x', input_image: inline } })).status).toBe(413);
    expect((await post('/v1/predictions', { version: 'acme/watercolour', input: { prompt: 'x' } })).status).toBe(422);
    const unknownFile = { prompt: 'x', input_image: `${fake.baseUrl}/v1/files/nope` };
    expect((await post(model, { input: unknownFile })).status).toBe(422);
  });
});
