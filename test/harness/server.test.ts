import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../electron/core/core';
import { type Harness, startHarness } from '../../electron/harness/server';

const projectRoot = join(__dirname, '..', '..');
let core: Core;
let harness: Harness;
let origin: string;

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'atelier-renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<html><head><title>x</title></head><body></body></html>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  // What `vite build` copies into dist/renderer from renderer/public (the icons).
  cpSync(join(projectRoot, 'renderer', 'public'), rendererDir, { recursive: true });
  core = await createCore({ libraryDir: mkdtempSync(join(tmpdir(), 'atelier-lib-')), transport: 'harness' });
  harness = await startHarness({ core, rendererDir, token: 'test-token-123456' });
  origin = `http://127.0.0.1:${harness.port}`;
});
afterAll(async () => {
  await harness.close();
  await core.close();
});

function connect(options: { token?: string; origin?: string; host?: string } = {}): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${harness.port}/__atelier/ws?token=${options.token ?? harness.token}`, {
    origin: options.origin ?? origin,
    headers: options.host ? { host: options.host } : {},
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

function call(socket: WebSocket, channel: unknown, payload: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const id = Math.floor(Math.random() * 1e9);
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString());
      if (message.id === id) resolve(message.envelope);
    });
    socket.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
  });
}

describe('the browser harness', () => {
  it('prints a loopback address carrying its token', () => {
    expect(harness.url).toBe(`${origin}/#token=test-token-123456`);
  });

  it('serves the renderer with the bridge script injected first and a strict CSP', async () => {
    const response = await fetch(`${origin}/`);
    const html = await response.text();
    expect(html.indexOf('__atelier/bridge.js')).toBeLessThan(html.indexOf('<title>'));
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${origin}/__atelier/bridge.js`)).status).toBe(200);
  });

  it('round-trips a call over the socket with the right token, origin and host', async () => {
    const socket = await connect();
    expect(await call(socket, 'app.ping', { nonce: 'abc' })).toMatchObject({ ok: true, value: { nonce: 'abc' } });
    expect(await call(socket, 'app.ping', { nonce: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(await call(socket, 'nope', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    socket.close();
  });

  it('pushes core events to connected pages', async () => {
    const socket = await connect();
    const received = new Promise((resolve) => socket.on('message', (raw) => resolve(JSON.parse(raw.toString()))));
    core.events.emit('app.notice', { level: 'info', message: 'hello' });
    expect(await received).toEqual({
      type: 'event',
      event: 'app.notice',
      payload: { level: 'info', message: 'hello' },
    });
    socket.close();
  });

  it('refuses a socket with a wrong or missing token', async () => {
    await expect(connect({ token: 'guess' })).rejects.toThrow('403');
    await expect(connect({ token: '' })).rejects.toThrow('403');
  });

  it('refuses a socket opened by another web site (Origin check)', async () => {
    await expect(connect({ origin: 'https://evil.example' })).rejects.toThrow('403');
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    await expect(connect({ host: `evil.example:${harness.port}` })).rejects.toThrow(/403|421/);
    // fetch() may not set Host, so ask with node:http as a rebinding attacker's browser would.
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: harness.port, path: '/', headers: { host: 'evil.example' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(421);
  });

  it('refuses path tricks and media without the token cookie', async () => {
    expect((await fetch(`${origin}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    expect((await fetch(`${origin}/media/x/original`)).status).toBe(403);
    expect(
      (
        await fetch(`${origin}/media/x/original`, {
          headers: { cookie: `atelier_token_${harness.port}=test-token-123456` },
        })
      ).status,
    ).toBe(404);
  });

  it('serves the app icon at /favicon.ico, and the page links it', async () => {
    const response = await fetch(`${origin}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/x-icon');
    const icon = Buffer.from(await response.arrayBuffer());
    expect([icon.readUInt16LE(0), icon.readUInt16LE(2)]).toEqual([0, 1]); // an ICO file
    const sizes = [];
    for (let entry = 0; entry < icon.readUInt16LE(4); entry++) {
      const at = 6 + 16 * entry;
      const image = icon.subarray(icon.readUInt32LE(at + 12), icon.readUInt32LE(at + 12) + icon.readUInt32LE(at + 8));
      const { width, height } = await sharp(image).metadata();
      expect([width, height]).toEqual([icon[at], icon[at + 1]]);
      sizes.push(width);
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 32]));
    expect((await fetch(`${origin}/icon.svg`)).headers.get('content-type')).toBe('image/svg+xml');
    const page = readFileSync(join(projectRoot, 'renderer', 'index.html'), 'utf8');
    expect(page).toContain('<link rel="icon" href="/favicon.ico"');
    expect(page).toContain('<link rel="icon" href="/icon.svg" type="image/svg+xml"');
  });

  it('listens on 127.0.0.1 only', () => {
    expect(new URL(harness.url).hostname).toBe('127.0.0.1');
  });
});

/**
 * One browser's cookie jar. Cookies belong to a host, whatever its port (RFC 6265 §8.5), so the pages of
 * two `atelier serve` runs on 127.0.0.1 share one jar.
 */
function browser() {
  const cookies = new Map<string, string>();
  return {
    cookieHeader: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    /** Opens a harness's printed address: runs the bridge script it serves, as its page does, minus the socket. */
    async open(server: Harness): Promise<void> {
      const host = `127.0.0.1:${server.port}`;
      const source = await (await fetch(`http://${host}/__atelier/bridge.js`)).text();
      const document = {
        set cookie(text: string) {
          const pair = text.split(';')[0]!;
          cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
        },
      };
      class NeverOpens {
        static OPEN = 1;
        readyState = 0;
      }
      runInNewContext(source, {
        location: { hash: `#token=${server.token}`, host, port: String(server.port), protocol: 'http:', pathname: '/' },
        sessionStorage: { getItem: () => null, setItem: () => undefined },
        history: { replaceState: () => undefined },
        document,
        URLSearchParams,
        WebSocket: NeverOpens,
        setTimeout: () => 0,
        window: {},
      });
    },
  };
}

describe('two harnesses in one browser', () => {
  const servers: Array<{ core: Core; harness: Harness; imageId: string }> = [];

  beforeAll(async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'atelier-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body></body></html>');
    for (const colour of ['#204080', '#802040']) {
      const libraryDir = mkdtempSync(join(tmpdir(), 'atelier-lib-'));
      const file = join(libraryDir, 'in.png');
      writeFileSync(
        file,
        await sharp({ create: { width: 8, height: 8, channels: 3, background: colour } })
          .png()
          .toBuffer(),
      );
      const serverCore = await createCore({ libraryDir, transport: 'harness' });
      const imported = (await serverCore.invoke('library.import', { paths: [file] })) as {
        ok: true;
        value: { imported: Array<{ id: string }> };
      };
      servers.push({
        core: serverCore,
        harness: await startHarness({ core: serverCore, rendererDir }),
        imageId: imported.value.imported[0]!.id,
      });
    }
  });
  afterAll(async () => {
    for (const server of servers) {
      await server.harness.close();
      await server.core.close();
    }
  });

  it("keeps showing the first one's images after the second one is opened (a token cookie per server)", async () => {
    const jar = browser();
    for (const server of servers) await jar.open(server.harness);
    for (const { harness: server, imageId } of servers) {
      const response = await fetch(`http://127.0.0.1:${server.port}/media/${imageId}/original`, {
        headers: { cookie: jar.cookieHeader() },
      });
      expect(response.status, `port ${server.port}`).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
    }
  });
});
