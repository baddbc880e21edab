// The browser harness: the same core and the same built renderer as the desktop app, served on
// loopback only, with `window.atelier` bridged over a WebSocket. Guarded three ways, because any web
// page the user visits can reach 127.0.0.1: a random per-run token, the Origin header (no cross-site
// socket), and the Host header (no DNS rebinding).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core/core';
import { contentSecurityPolicy } from '../page/content-security-policy';
import { mimeTypeOf, resolveStaticFile } from '../page/static-files';
import { bridgeClientSource } from './bridge-client';

export interface HarnessOptions {
  core: Core;
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
}

export interface Harness {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const maxMessageBytes = 128 * 1024 * 1024;

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  // Cookies ignore ports: a name per port keeps two servers' tokens apart in one browser.
  const tokenCookie = () => `atelier_token_${port}`;

  const server = createServer((request, response) => {
    if (!allowedHosts().has(request.headers.host ?? '')) return refuse(response, 421, 'Wrong Host header.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed.');
    serveHttp(request, response).catch(() => {
      // A file that vanished or a library that closed mid-answer: end this response, keep serving.
      if (response.headersSent) response.destroy();
      else refuse(response, 500, 'Internal error.');
    });
  });

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/__atelier/bridge.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      response.end(bridgeClientSource(tokenCookie()));
      return;
    }
    if (path.startsWith('/media/')) {
      if (!hasToken(cookieValue(request.headers.cookie, tokenCookie()), token))
        return refuse(response, 403, 'Missing token.');
      const media = await options.core.media(path);
      if (!media) return refuse(response, 404, 'No such image.');
      response.writeHead(200, { 'content-type': media.mime, 'cache-control': 'private, max-age=31536000, immutable' });
      createReadStream(media.path).pipe(response);
      return;
    }
    const file = resolveStaticFile(options.rendererDir, path);
    if (!file) return refuse(response, 404, 'Not found.');
    const headers = {
      'content-type': mimeTypeOf(file),
      'x-content-type-options': 'nosniff',
      'content-security-policy': contentSecurityPolicy(),
      'cache-control': 'no-cache',
    };
    if (file.endsWith('index.html')) {
      const html = readFileSync(file, 'utf8').replace(
        '<head>',
        '<head>\n    <script src="./__atelier/bridge.js"></script>',
      );
      response.writeHead(200, headers);
      response.end(html);
      return;
    }
    response.writeHead(200, headers);
    createReadStream(file).pipe(response);
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const ok =
      url.pathname === '/__atelier/ws' &&
      allowedHosts().has(request.headers.host ?? '') &&
      allowedOrigins().has(request.headers.origin ?? '') &&
      hasToken(url.searchParams.get('token'), token);
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => bridge(client, options.core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function bridge(client: WebSocket, core: Core): void {
  const unsubscribe = core.events.subscribe((event, payload) => {
    if (client.readyState === client.OPEN) client.send(JSON.stringify({ type: 'event', event, payload }));
  });
  client.on('close', unsubscribe);
  client.on('message', (raw) => {
    let message: { type?: unknown; id?: unknown; channel?: unknown; payload?: unknown };
    try {
      message = JSON.parse(raw.toString());
    } catch {
      return;
    }
    if (message.type !== 'invoke' || typeof message.id !== 'number') return;
    const id = message.id;
    // core.invoke never rejects: every outcome, a failure too, is an envelope sent back to the page.
    void core.invoke(message.channel, message.payload, { transport: 'harness' }).then((envelope) => {
      if (client.readyState === client.OPEN) client.send(JSON.stringify({ type: 'result', id, envelope }));
    });
  });
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(message);
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const pair of (header ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return null; // a malformed cookie is no token
    }
  }
  return null;
}

function hasToken(candidate: string | null, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
