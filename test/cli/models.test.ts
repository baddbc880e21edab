// `atelier models list` in a child process: the merged catalogue in the documented JSON shape, and
// ImageRouter's remote catalogue fetched from the fake server with --refresh.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { atelier, tempLibrary } from './helpers';

let fake: FakeProvider;
let library: string;
const env = { ATELIER_KEY_IR: 'sk-cli-models-test-0001' };
const run = (...args: string[]) => atelier(library, args, { env });

beforeAll(async () => {
  fake = await startFakeProvider();
  library = tempLibrary();
  expect((await run('providers', 'add', 'qr', '--preset', 'quickrouter', '--base-url', fake.baseUrl)).code).toBe(0);
  expect((await run('providers', 'add', 'ir', '--preset', 'imagerouter', '--base-url', fake.baseUrl)).code).toBe(0);
});
afterAll(async () => {
  await fake.close();
  rmSync(library, { recursive: true, force: true });
});

describe('atelier models list', { timeout: 60_000 }, () => {
  it('lists every provider’s models with their capabilities in the documented shape', async () => {
    const result = await run('models', 'list', '--json');
    expect(result.code, result.stderr).toBe(0);
    const { models } = result.json();
    for (const model of models) {
      expect(Object.keys(model).sort()).toEqual(
        [
          'aspectRatios',
          'edit',
          'id',
          'mask',
          'maskFormat',
          'maxImages',
          'n',
          'negativePrompt',
          'promptLimit',
          'protocol',
          'provider',
          'sizes',
        ].sort(),
      );
    }
    const find = (provider: string, id: string) =>
      models.find((model: { provider: string; id: string }) => model.provider === provider && model.id === id);
    expect(find('local', 'local/pattern')).toMatchObject({ protocol: 'local', edit: true, negativePrompt: true });
    expect(find('qr', 'dall-e-3')).toMatchObject({
      protocol: 'openai-images',
      edit: false,
      negativePrompt: false,
      n: { min: 1, max: 1 },
      sizes: expect.arrayContaining(['1024x1024']),
    });
    expect(find('qr', 'gpt-image-1')).toMatchObject({
      edit: true,
      mask: true,
      maskFormat: 'alpha',
      maxImages: expect.any(Number),
    });
    expect(find('qr', 'fal-ai/flux-1/dev')).toMatchObject({ protocol: 'fal-queue' });
    expect(find('qr', 'black-forest-labs/flux-kontext-max')).toMatchObject({
      protocol: 'replicate',
      aspectRatios: expect.arrayContaining(['21:9', '9:21']),
    });
    expect(find('ir', 'test/test')).toBeDefined();
  });

  it('--refresh fetches ImageRouter’s catalogue: image models only, kept for offline use', async () => {
    const result = await run('models', 'list', '--provider', 'ir', '--refresh', '--json');
    expect(result.code, result.stderr).toBe(0);
    const ids = result.json().models.map((model: { id: string }) => model.id);
    expect(ids).toEqual(
      expect.arrayContaining(['test/test', 'openai/gpt-image-1', 'black-forest-labs/FLUX-1-schnell']),
    );
    expect(ids).not.toContain('google/veo-3');
    expect(fake.requests.some((request) => request.route === 'imagerouter.models')).toBe(true);

    await fake.close();
    const offline = await run('models', 'list', '--provider', 'ir', '--json');
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.json().models.map((model: { id: string }) => model.id)).toContain(
      'black-forest-labs/FLUX-1-schnell',
    );
  });

  it('prints a table without --json, and an unknown provider is a usage error', async () => {
    const table = await run('models', 'list', '--provider', 'local');
    expect(table.stdout).toMatch(/^local +local\/pattern +local +n 1–\d/m);
    const unknown = await run('models', 'list', '--provider', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('nope');
  });
});
