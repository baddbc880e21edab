// Issue 5's leak test: a recognisable key goes through everything a user does — generations on two
// wire protocols, an inpainting edit, a refused key, a provider failure after retries, an export, and
// the browser UI's server (`atelier serve`) over its WebSocket and /media route — and is then searched
// for everywhere it could land: every file of the library folder (database, WAL, SHM, originals,
// thumbnails), the exported files and their PNG text chunks, all CLI and server output, every WebSocket
// frame, and the fake provider's responses. It may appear only in the Authorization headers the
// provider received. With a Secret Service (DBUS_SESSION_BUS_ADDRESS) the key lives in the real
// keychain, as a user's would; without one it comes from ATELIER_KEY_<ID>.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ServerResponse } from 'node:http';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { keychainService } from '../../electron/core/secrets/keychain-backend';
import { atelier as runAtelier, root, tempLibrary } from '../cli/helpers';
import { startFakeProvider, type FakeProvider } from '../fake-provider';

const key = `sk-LEAKCANARY-${randomBytes(12).toString('hex')}`;
const id = `leak-${randomBytes(4).toString('hex')}`;
const envName = `ATELIER_KEY_${id.toUpperCase().replace(/-/g, '_')}`;
const useKeychain = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const env = useKeychain ? {} : { [envName]: key };

/** Everything that was said or written anywhere but the library folder, each with where it came from. */
const said: Array<{ where: string; bytes: Buffer }> = [];
let fake: FakeProvider;
let library: string;
let work: string;

// The fake provider runs in this process; what it answers is recorded at the one place every reply
// goes through, so quirk replies written by hand (keep-alive spaces, cut-off JSON) are caught too.
const original = {
  write: ServerResponse.prototype.write,
  end: ServerResponse.prototype.end,
  writeHead: ServerResponse.prototype.writeHead,
};
function recordReplies(): void {
  const keep = (chunk: unknown) => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array)
      said.push({ where: 'fake provider response', bytes: Buffer.from(chunk as string) });
  };
  ServerResponse.prototype.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    keep(chunk);
    return (original.write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof original.write;
  ServerResponse.prototype.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    keep(chunk);
    return (original.end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as typeof original.end;
  ServerResponse.prototype.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    said.push({ where: 'fake provider response headers', bytes: Buffer.from(JSON.stringify(args)) });
    return (original.writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof original.writeHead;
}

async function atelier(...args: string[]) {
  const run = await runAtelier(library, args, { env });
  said.push(
    { where: `stdout of atelier ${args.join(' ')}`, bytes: Buffer.from(run.stdout) },
    { where: `stderr of atelier ${args.join(' ')}`, bytes: Buffer.from(run.stderr) },
  );
  return run;
}

/** Where the key (as text or base64, as a Basic header would carry it) shows up. */
function leaksIn(items: Array<{ where: string; bytes: Buffer }>): string[] {
  const forms = [key, Buffer.from(key).toString('base64')];
  return items.filter((item) => forms.some((form) => item.bytes.includes(form))).map((item) => item.where);
}

async function folderFiles(dir: string): Promise<Array<{ where: string; bytes: Buffer }>> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  const items = [];
  for (const file of files) {
    const path = join(file.parentPath, file.name);
    const bytes = readFileSync(path);
    items.push({ where: path, bytes });
    // PNG text chunks may be compressed (zTXt, iTXt): search their decoded text as well.
    const comments = await sharp(bytes)
      .metadata()
      .then((meta) => meta.comments ?? [])
      .catch(() => []);
    for (const comment of comments)
      items.push({ where: `${path} text chunk ${comment.keyword}`, bytes: Buffer.from(comment.text) });
  }
  return items;
}

beforeAll(async () => {
  recordReplies();
  fake = await startFakeProvider({ key, falSteps: { queued: 1, inProgress: 1 } });
  work = tempLibrary('atelier-leak-');
  library = join(work, 'library');
  const added = await atelier('providers', 'add', id, '--preset', 'quickrouter', '--base-url', fake.baseUrl, '--json');
  expect(added.code, added.stderr).toBe(0);
  if (useKeychain) {
    const run = await runAtelier(library, ['providers', 'set-key', id, '--json'], { input: `${key}\n` });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).key).toEqual({ status: 'set', backend: 'keychain', last4: key.slice(-4) });
    said.push({ where: 'providers set-key output', bytes: Buffer.from(run.stdout + run.stderr) });
  }
});

afterAll(async () => {
  Object.assign(ServerResponse.prototype, original);
  if (useKeychain) {
    const keytar = (await import('keytar')).default;
    await keytar.deletePassword(keychainService, id);
  }
  await fake.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the key never leaks', { timeout: 180_000 }, () => {
  const imageIds: string[] = [];

  it('generates on two protocols, edits with a mask, fails twice, exports — all through the CLI', async () => {
    const openai = await atelier(
      'generate',
      '--provider',
      id,
      '--model',
      'gpt-image-1',
      '--prompt',
      'a canary',
      '--size',
      '1024x1024',
      '--json',
    );
    expect(openai.code, openai.stderr).toBe(0);
    const fal = await atelier(
      'generate',
      '--provider',
      id,
      '--model',
      'fal-ai/flux-1/dev',
      '--prompt',
      'a canary in flight',
      '--json',
    );
    expect(fal.code, fal.stderr).toBe(0);
    imageIds.push(openai.json().images[0].id, fal.json().images[0].id);

    const maskFile = join(work, 'mask.png');
    writeFileSync(
      maskFile,
      await sharp({
        create: { width: 1024, height: 1024, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 1 } },
      })
        .png()
        .toBuffer(),
    );
    const edit = await atelier(
      'edit',
      '--provider',
      id,
      '--model',
      'gpt-image-1',
      '--prompt',
      'paint it blue',
      '--image',
      imageIds[0]!,
      '--mask',
      maskFile,
      '--json',
    );
    expect(edit.code, edit.stderr).toBe(0);
    imageIds.push(edit.json().images[0].id);

    fake.fault('openai.generations', { kind: 'status', status: 401 });
    const refused = await atelier('generate', '--provider', id, '--model', 'dall-e-3', '--prompt', 'refused', '--json');
    expect(refused.code).toBe(3);
    const failing = { kind: 'status', status: 500, headers: { 'retry-after-ms': '5' } } as const;
    fake.fault('openai.generations', failing, failing, failing);
    const failed = await atelier('generate', '--provider', id, '--model', 'dall-e-3', '--prompt', 'broken', '--json');
    expect(failed.code).toBe(4);

    const exported = await atelier('library', 'export', ...imageIds, '--to', join(work, 'exports'), '--json');
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.json().files).toHaveLength(3);
    for (const args of [
      ['providers', 'list', '--json'],
      ['providers', 'test', id],
      ['jobs', 'list', '--json'],
      ['library', 'list', '--json'],
    ]) {
      expect((await atelier(...args)).code).toBe(0);
    }
  });

  it('drives one generation and a refused one through `atelier serve`, its WebSocket and /media', async () => {
    const server = spawn(
      process.execPath,
      [join(root, 'bin', 'atelier.mjs'), 'serve', '--port', '0', '--library', library],
      { cwd: root, env: { ...process.env, ...env } },
    );
    const output = { stdout: '', stderr: '' };
    server.stdout.on('data', (chunk) => (output.stdout += chunk));
    server.stderr.on('data', (chunk) => (output.stderr += chunk));
    try {
      const url = new URL(await addressOf(server, output));
      const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
      const socket = new WebSocket(`ws://${url.host}/__atelier/ws?token=${token}`, { origin: url.origin });
      const frames: Buffer[] = [];
      socket.on('message', (raw) => frames.push(Buffer.from(raw as Buffer)));
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));

      const done = await createAndWait(socket, frames, {
        targets: [{ providerId: id, model: 'gpt-image-1' }],
        prompt: 'served canary',
      });
      expect(done).toMatchObject({ status: 'done' });
      fake.fault('openai.generations', { kind: 'status', status: 401 });
      expect(
        await createAndWait(socket, frames, {
          targets: [{ providerId: id, model: 'dall-e-3' }],
          prompt: 'served refusal',
        }),
      ).toMatchObject({ status: 'failed' });
      await invoke(socket, frames, 'providers.list', {});

      for (const variant of ['original', 'thumb256']) {
        const media = await fetch(`${url.origin}/media/${done.imageIds[0]}/${variant}`, {
          headers: { cookie: `atelier_token_${url.port}=${token}` }, // named per server (see electron/harness/server.ts)
        });
        expect(media.status).toBe(200);
        said.push({ where: `/media ${variant}`, bytes: Buffer.from(await media.arrayBuffer()) });
      }
      socket.close();
      frames.forEach((frame, index) => said.push({ where: `WebSocket frame ${index}`, bytes: frame }));
      // While the server runs, the database has its WAL and SHM files: search them now.
      expect(leaksIn(await folderFiles(library))).toEqual([]);
    } finally {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
      said.push(
        { where: 'atelier serve stdout', bytes: Buffer.from(output.stdout) },
        { where: 'atelier serve stderr', bytes: Buffer.from(output.stderr) },
      );
    }
  });

  it('finds the key only in the Authorization headers the provider received', async () => {
    const authorised = fake.requests.filter((request) => request.headers.authorization === `Bearer ${key}`);
    expect(authorised.length).toBeGreaterThan(5);
    const requestsWithoutAuth = fake.requests.map((request) => {
      const { authorization: _auth, ...headers } = request.headers;
      return {
        where: `request ${request.method} ${request.path}`,
        bytes: Buffer.from(JSON.stringify({ ...request, headers, files: undefined })),
      };
    });
    const uploads = fake.requests.flatMap((request) =>
      (request.files ?? []).map((file) => ({ where: `upload ${file.field} to ${request.path}`, bytes: file.bytes })),
    );

    const libraryFiles = await folderFiles(library);
    expect(libraryFiles.map((item) => item.where)).toEqual(expect.arrayContaining([join(library, 'atelier.db')]));
    expect(libraryFiles.length).toBeGreaterThan(10);
    const exports = await folderFiles(join(work, 'exports'));
    expect(exports.some((item) => item.where.endsWith('.json'))).toBe(true);
    expect(said.some((item) => item.where === 'fake provider response')).toBe(true);
    expect(said.some((item) => item.where.startsWith('WebSocket frame'))).toBe(true);

    expect(leaksIn([...libraryFiles, ...exports, ...said, ...requestsWithoutAuth, ...uploads])).toEqual([]);
    // The search itself works: the same check finds the key where it is known to be.
    expect(
      leaksIn([{ where: 'a request header', bytes: Buffer.from(JSON.stringify(authorised[0]!.headers)) }]),
    ).toEqual(['a request header']);
  });
});

function addressOf(server: ChildProcess, output: { stdout: string; stderr: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`atelier serve printed no address. stderr: ${output.stderr}`)),
      60_000,
    );
    server.stdout!.on('data', () => {
      const match = /Atelier UI: (\S+)/.exec(output.stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    server.once('exit', (code) => reject(new Error(`atelier serve exited with ${code}. stderr: ${output.stderr}`)));
  });
}

let nextId = 1;
function invoke(socket: WebSocket, frames: Buffer[], channel: string, payload: unknown): Promise<any> {
  const callId = nextId++;
  return new Promise((resolve, reject) => {
    const onMessage = () => {
      const message = JSON.parse(frames.at(-1)!.toString());
      if (message.id !== callId) return;
      socket.off('message', onMessage);
      if (message.envelope.ok) resolve(message.envelope.value);
      else reject(new Error(message.envelope.error.message));
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'invoke', id: callId, channel, payload }));
  });
}

/** jobs.create over the socket, then the pushed jobs.changed events until the job finishes. */
async function createAndWait(socket: WebSocket, frames: Buffer[], request: unknown): Promise<any> {
  const finished = new Map<string, any>();
  let want: string | null = null;
  let settle: (job: any) => void = () => {};
  const result = new Promise<any>((resolve) => (settle = resolve));
  const onMessage = () => {
    const message = JSON.parse(frames.at(-1)!.toString());
    if (message.type !== 'event' || message.event !== 'jobs.changed') return;
    if (['done', 'failed', 'cancelled'].includes(message.payload.status))
      finished.set(message.payload.id, message.payload);
    if (want && finished.has(want)) settle(finished.get(want));
  };
  socket.on('message', onMessage);
  const { jobs } = await invoke(socket, frames, 'jobs.create', request);
  want = jobs[0].id;
  if (finished.has(want!)) settle(finished.get(want!));
  const job = await result;
  socket.off('message', onMessage);
  return job;
}
