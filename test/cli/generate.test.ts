// `atelier generate` and `atelier edit` in child processes against the fake provider server: the local
// provider with no key, each wire protocol through QuickRouter, an inpainting edit, and the exit codes
// a script relies on (2 usage, 3 key refused, 4 provider failure after retries).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { atelier, imageKeys, tempLibrary } from './helpers';

const key = 'sk-cli-generate-test-0001';
const env = { ATELIER_KEY_QR: key };
let fake: FakeProvider;
let library: string;

const run = (...args: string[]) => atelier(library, args, { env });

beforeAll(async () => {
  fake = await startFakeProvider({ key, falSteps: { queued: 1, inProgress: 1 }, replicateSteps: 1 });
  library = tempLibrary();
  const added = await run('providers', 'add', 'qr', '--preset', 'quickrouter', '--base-url', fake.baseUrl);
  expect(added.code, added.stderr).toBe(0);
});
afterAll(async () => {
  await fake.close();
  rmSync(library, { recursive: true, force: true });
});

describe('atelier generate', { timeout: 60_000 }, () => {
  it('renders with the local provider, no key needed, and prints { job, images } in the documented shape', async () => {
    const result = await run(
      'generate',
      '--provider',
      'local',
      '--model',
      'local/pattern',
      '--prompt',
      'a red fox',
      '--n',
      '2',
      '--size',
      '64x48',
      '--seed',
      '7',
      '--json',
    );
    expect(result.code, result.stderr).toBe(0);
    const { job, images } = result.json();
    expect(job).toMatchObject({ status: 'done', providerId: 'local', model: 'local/pattern', prompt: 'a red fox' });
    expect(images).toHaveLength(2);
    for (const key of imageKeys) expect(images[0]).toHaveProperty(key);
    expect(images[0]).toMatchObject({
      source: 'generated',
      provider: 'local',
      width: 64,
      height: 48,
      seed: 7,
      jobId: job.id,
      prompt: 'a red fox',
    });
    // Not a TTY: no progress lines, nothing but the JSON document on stdout.
    expect(result.stderr).not.toContain('\u001b[');
    const listed = (await run('library', 'list', '--json')).json();
    expect(listed.images.map((image: { id: string }) => image.id)).toEqual(expect.arrayContaining(job.imageIds));
  });

  it('prints one line per stored image without --json', async () => {
    const result = await run(
      'generate',
      '--provider',
      'local',
      '--model',
      'local/pattern',
      '--prompt',
      'plain',
      '--size',
      '32x32',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^[0-9a-f]{16} {2}32×32 +\/.+\.png\n$/);
  });

  it('speaks OpenAI images through QuickRouter, with the key from ATELIER_KEY_QR', async () => {
    const result = await run(
      'generate',
      '--provider',
      'qr',
      '--model',
      'gpt-image-1',
      '--prompt',
      'a lighthouse',
      '--size',
      '1024x1024',
      '--quality',
      'low',
      '--param',
      'background=transparent',
      '--json',
    );
    expect(result.code, result.stderr).toBe(0);
    const { job, images } = result.json();
    expect(job).toMatchObject({ status: 'done', protocol: 'openai-images', providerId: 'qr' });
    expect(images[0]).toMatchObject({ provider: 'qr', model: 'gpt-image-1', width: 1024, height: 1024 });
    const sent = fake.requests.filter((request) => request.route === 'openai.generations').at(-1)!;
    expect(sent.headers.authorization).toBe(`Bearer ${key}`);
    expect(sent.json).toMatchObject({
      model: 'gpt-image-1',
      prompt: 'a lighthouse',
      size: '1024x1024',
      quality: 'low',
      background: 'transparent',
    });
  });

  it('speaks the fal queue through the relay: the request id is stored and the result downloaded', async () => {
    const result = await run(
      'generate',
      '--provider',
      'qr',
      '--model',
      'fal-ai/flux-1/dev',
      '--prompt',
      'a tiger eye',
      '--size',
      '80x60',
      '--json',
    );
    expect(result.code, result.stderr).toBe(0);
    const { job, images } = result.json();
    expect(job).toMatchObject({
      status: 'done',
      protocol: 'fal-queue',
      remoteId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(images[0]).toMatchObject({ width: 80, height: 60, format: 'jpeg' });
    expect(fake.requests.some((request) => request.route === 'fal.status' && request.path.includes(job.remoteId))).toBe(
      true,
    );
  });

  it('speaks Replicate predictions through the relay’s /replicate prefix', async () => {
    const result = await run(
      'generate',
      '--provider',
      'qr',
      '--model',
      'black-forest-labs/flux-kontext-max',
      '--prompt',
      'snow',
      '--aspect',
      '1:1',
      '--json',
    );
    expect(result.code, result.stderr).toBe(0);
    const { job } = result.json();
    expect(job).toMatchObject({ status: 'done', protocol: 'replicate' });
    expect(fake.requests.some((request) => request.path === `/replicate/v1/predictions/${job.remoteId}`)).toBe(true);
  });

  it('exit 3 when the provider refuses the key, with a message that says where to fix it', async () => {
    const result = await atelier(
      library,
      ['generate', '--provider', 'qr', '--model', 'dall-e-3', '--prompt', 'x', '--json'],
      { env: { ATELIER_KEY_QR: 'sk-wrong-key-000000000' } },
    );
    expect(result.code).toBe(3);
    expect(result.json().job).toMatchObject({ status: 'failed', error: { code: 'auth_refused' } });
    expect(result.stderr).toMatch(
      /failed: QuickRouter \(qr\) refused the key \(401\): Invalid API key provided\. Check it in Settings → Providers\./,
    );
    expect(result.stderr + result.stdout).not.toContain('sk-wrong-key-000000000');
  });

  it('exit 4 when the provider keeps failing after the retries', async () => {
    const before = fake.requests.filter((request) => request.route === 'openai.generations').length;
    const failure = { kind: 'status', status: 503, headers: { 'retry-after-ms': '5' } } as const;
    fake.fault('openai.generations', failure, failure, failure);
    const result = await run('generate', '--provider', 'qr', '--model', 'dall-e-3', '--prompt', 'x', '--json');
    expect(result.code).toBe(4);
    expect(result.json().job).toMatchObject({ status: 'failed', error: { code: 'provider_failed' } });
    expect(fake.requests.filter((request) => request.route === 'openai.generations').length - before).toBe(3);
    expect(fake.pendingFaults('openai.generations')).toBe(0);
  });
});

describe('atelier edit', { timeout: 60_000 }, () => {
  it('sends a library image and the painted mask, converted to OpenAI’s alpha convention, and stores the child', async () => {
    const work = tempLibrary('atelier-cli-in-');
    const photo = join(work, 'photo.png');
    const maskFile = join(work, 'mask.png');
    writeFileSync(
      photo,
      await sharp({ create: { width: 40, height: 40, channels: 3, background: '#336699' } })
        .png()
        .toBuffer(),
    );
    // Painted = edit here: a white square in the top-left quarter, black elsewhere.
    const white = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    writeFileSync(
      maskFile,
      await sharp({ create: { width: 40, height: 40, channels: 3, background: '#000000' } })
        .composite([{ input: white, left: 0, top: 0 }])
        .png()
        .toBuffer(),
    );
    const imported = await run('library', 'import', photo, '--json');
    const parentId = imported.json().imported[0].id;

    const result = await run(
      'edit',
      '--provider',
      'qr',
      '--model',
      'gpt-image-1',
      '--prompt',
      'make it night',
      '--image',
      parentId,
      '--mask',
      maskFile,
      '--json',
    );
    expect(result.code, result.stderr).toBe(0);
    const { job, images } = result.json();
    expect(job).toMatchObject({ status: 'done', kind: 'edit', parentId });
    expect(images[0]).toMatchObject({ source: 'edited', parentId, prompt: 'make it night' });

    const sent = fake.requests.filter((request) => request.route === 'openai.edits').at(-1)!;
    expect(sent.files!.map((file) => file.field)).toEqual(['image', 'mask']);
    const { data, info } = await sharp(sent.files![1]!.bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const alphaAt = (x: number, y: number) => data[(y * info.width + x) * info.channels + 3];
    expect(alphaAt(5, 5)).toBe(0); // painted: transparent, edit here
    expect(alphaAt(30, 30)).toBe(255); // not painted: kept
    rmSync(work, { recursive: true, force: true });
  });

  it('edits a file with the local provider', async () => {
    const work = tempLibrary('atelier-cli-in-');
    const photo = join(work, 'photo.jpg');
    writeFileSync(
      photo,
      await sharp({ create: { width: 48, height: 32, channels: 3, background: '#aa3300' } })
        .jpeg()
        .toBuffer(),
    );
    const result = await run(
      'edit',
      '--provider',
      'local',
      '--model',
      'local/pattern',
      '--prompt',
      'stars',
      '--image',
      photo,
      '--json',
    );
    expect(result.code, result.stderr).toBe(0);
    // The file is imported first, so the edit records it as its parent (and can be compared with it).
    const edited = result.json().images[0];
    expect(edited).toMatchObject({ source: 'edited', width: 48, height: 32 });
    expect(edited.parentId).toMatch(/^[0-9a-f]{16}$/);
    const lineage = (await run('library', 'lineage', edited.id, '--json')).json();
    expect(lineage.ancestors.at(-1)).toMatchObject({
      id: edited.parentId,
      source: 'imported',
      originalName: 'photo.jpg',
    });
    // The same file again is a duplicate: the second edit's parent is the image already imported.
    const again = await run(
      'edit',
      '--provider',
      'local',
      '--model',
      'local/pattern',
      '--prompt',
      'moon',
      '--image',
      photo,
      '--json',
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.json().images[0].parentId).toBe(edited.parentId);
    rmSync(work, { recursive: true, force: true });
  });

  it('an edit of an edit keeps its lineage, shown by library lineage', async () => {
    const work = tempLibrary('atelier-cli-in-');
    const photo = join(work, 'photo.png');
    writeFileSync(
      photo,
      await sharp({ create: { width: 32, height: 32, channels: 3, background: '#2266aa' } })
        .png()
        .toBuffer(),
    );
    const rootId = (await run('library', 'import', photo, '--json')).json().imported[0].id;
    const edit = async (image: string, prompt: string) => {
      const result = await run(
        'edit',
        '--provider',
        'local',
        '--model',
        'local/pattern',
        '--prompt',
        prompt,
        '--image',
        image,
        '--json',
      );
      expect(result.code, result.stderr).toBe(0);
      return result.json().images[0].id as string;
    };
    const firstId = await edit(rootId, 'stars');
    const secondId = await edit(firstId, 'more stars');

    const middle = await run('library', 'lineage', firstId, '--json');
    expect(middle.code, middle.stderr).toBe(0);
    expect(middle.json()).toMatchObject({
      image: { id: firstId },
      ancestors: [{ id: rootId }],
      children: [{ id: secondId, prompt: 'more stars' }],
      childCount: 1,
    });
    const last = await run('library', 'lineage', secondId);
    expect(last.stdout).toMatch(
      new RegExp(`made from:\\n  ${rootId} .*\\n  ${firstId} .*stars\\nthis image:\\n  ${secondId} .*more stars`),
    );
    expect((await run('library', 'lineage', 'ffffffffffffffff')).code).not.toBe(0);
    rmSync(work, { recursive: true, force: true });
  });

  it('refuses a mask of another size with the way out, and scales it with --scale-mask', async () => {
    const work = tempLibrary('atelier-cli-in-');
    const photo = join(work, 'photo.png');
    const maskFile = join(work, 'small-mask.png');
    writeFileSync(
      photo,
      await sharp({ create: { width: 64, height: 64, channels: 3, background: '#224466' } })
        .png()
        .toBuffer(),
    );
    writeFileSync(
      maskFile,
      await sharp({ create: { width: 32, height: 32, channels: 3, background: '#ffffff' } })
        .png()
        .toBuffer(),
    );
    const args = [
      'edit',
      '--provider',
      'local',
      '--model',
      'local/pattern',
      '--prompt',
      'stars',
      '--image',
      photo,
      '--mask',
      maskFile,
      '--json',
    ];
    const refused = await run(...args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('The mask is 32×32 but the image is 64×64');
    expect(refused.stderr).toContain('Add --scale-mask');
    const scaled = await run(...args, '--scale-mask');
    expect(scaled.code, scaled.stderr).toBe(0);
    expect(scaled.json().images[0]).toMatchObject({ width: 64, height: 64, source: 'edited' });
    rmSync(work, { recursive: true, force: true });
  });
});

describe('usage errors exit 2 before anything is sent', { timeout: 60_000 }, () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['no prompt', ['generate', '--provider', 'local', '--model', 'local/pattern'], /--prompt/],
    [
      'size and aspect',
      [
        'generate',
        '--provider',
        'local',
        '--model',
        'local/pattern',
        '--prompt',
        'x',
        '--size',
        '64x64',
        '--aspect',
        '1:1',
      ],
      /not both/,
    ],
    [
      'n out of range',
      ['generate', '--provider', 'local', '--model', 'local/pattern', '--prompt', 'x', '--n', '0'],
      /--n must be/,
    ],
    [
      'an unknown option',
      ['generate', '--provider', 'local', '--model', 'local/pattern', '--prompt', 'x', '--colour', 'red'],
      /Unknown option/,
    ],
    ['edit without an image', ['edit', '--provider', 'local', '--model', 'local/pattern', '--prompt', 'x'], /--image/],
    [
      'a key as a parameter',
      ['generate', '--provider', 'qr', '--model', 'dall-e-3', '--prompt', 'x', '--param', 'api_key=abc'],
      /never accepted as a command-line argument/,
    ],
    [
      'a key as a stray argument',
      ['generate', '--provider', 'qr', '--model', 'dall-e-3', '--prompt', 'x', 'sk-proj-abcdefghijklmnopqrst'],
      /never accepted as a command-line argument/,
    ],
    [
      'a request the model refuses',
      ['generate', '--provider', 'qr', '--model', 'dall-e-3', '--prompt', 'x', '--n', '2'],
      /dall-e-3 makes exactly 1 image/,
    ],
    [
      'an image id not in the library',
      ['edit', '--provider', 'qr', '--model', 'gpt-image-1', '--prompt', 'x', '--image', '0123456789abcdef'],
      /0123456789abcdef/,
    ],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const before = fake.requests.length;
    const result = await run(...args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(fake.requests.length).toBe(before);
  });
});
