// A loopback fake of every provider protocol Atelier speaks, quirks included, with faults on demand.
// Usable from Vitest, Playwright and benchmarks: `const fake = await startFakeProvider(); … fake.close()`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FalQueue, falAppLength, falError } from './fal-routes';
import { FileStore } from './images';
import { errorReply, imagesRoute, modelsRoute } from './openai-routes';
import { ReplicatePredictions, replicateError } from './replicate-routes';
import type { FakeProviderOptions, Fault, RecordedRequest, Reply, RouteName } from './types';

export type { FakeProviderOptions, Fault, RecordedRequest, RouteName } from './types';

export interface FakeProvider {
  baseUrl: string;
  /** Every request received, oldest first. */
  requests: RecordedRequest[];
  /** Queues faults for a route; each one answers (or spoils) one request, in order. */
  fault(route: RouteName, ...faults: Fault[]): void;
  /** Faults still waiting (to assert that a test used them all). */
  pendingFaults(route: RouteName): number;
  close(): Promise<void>;
}

function route(method: string, path: string): { name: RouteName | 'unknown'; params: string[]; prefix: string } {
  const prefix = path.startsWith('/replicate/') ? '/replicate' : '';
  const rest = path.slice(prefix.length);
  const s = rest.split('/').filter(Boolean).map(decodeURIComponent);
  const is = (m: string, pattern: RegExp) => method === m && pattern.test(rest);
  if (is('POST', /^\/v1\/images\/generations$/)) return { name: 'openai.generations', params: [], prefix };
  if (is('POST', /^\/v1\/images\/edits$/)) return { name: 'openai.edits', params: [], prefix };
  if (is('POST', /^\/v1\/openai\/images\/generations$/)) return { name: 'imagerouter.generations', params: [], prefix };
  if (is('POST', /^\/v1\/openai\/images\/edits$/)) return { name: 'imagerouter.edits', params: [], prefix };
  if (is('POST', /^\/v1\/models\/[^/]+\/[^/]+\/predictions$/))
    return { name: 'replicate.create', params: [s[2]!, s[3]!], prefix };
  if (is('POST', /^\/v1\/predictions$/)) return { name: 'replicate.createVersion', params: [], prefix };
  if (is('POST', /^\/v1\/files$/)) return { name: 'replicate.upload', params: [], prefix };
  if (is('GET', /^\/v1\/models\/?$/)) return { name: 'imagerouter.models', params: [], prefix };
  if (is('GET', /^\/v1\/models\/.+/)) return { name: 'imagerouter.model', params: [s.slice(2).join('/')], prefix };
  if (is('GET', /^\/v1\/predictions\/[^/]+$/)) return { name: 'replicate.get', params: [s[2]!], prefix };
  if (is('POST', /^\/v1\/predictions\/[^/]+\/cancel$/)) return { name: 'replicate.cancel', params: [s[2]!], prefix };
  if (is('GET', /^\/files\/[^/]+$/)) return { name: 'files', params: [s[1]!], prefix };
  const appLength = falAppLength(s);
  if (s.length >= appLength + 2 && s[appLength] === 'requests') {
    const app = s.slice(0, appLength).join('/');
    const [id, tail, ...more] = s.slice(appLength + 1);
    if (method === 'GET' && tail === 'status' && more.length === 0)
      return { name: 'fal.status', params: [id!, app], prefix };
    if (method === 'GET' && tail === undefined) return { name: 'fal.result', params: [id!, app], prefix };
    if (method === 'PUT' && tail === 'cancel' && more.length === 0)
      return { name: 'fal.cancel', params: [id!, app], prefix };
  }
  if (method === 'POST' && s.length >= 2 && s[0] !== 'v1') return { name: 'fal.submit', params: s, prefix };
  return { name: 'unknown', params: [], prefix };
}

/** Each family answers errors in its own documented shape. */
function errorFor(name: RouteName | 'unknown', status: number, message: string): Reply {
  if (name.startsWith('fal.')) return falError(status, message);
  if (name.startsWith('replicate.')) return replicateError(status, message);
  if (name.startsWith('imagerouter.'))
    return errorReply('imagerouter', status, message, status === 401 ? 'authentication_error' : 'api_error');
  return errorReply('openai', status, message, status === 401 ? 'invalid_request_error' : 'server_error');
}

async function readRequest(req: IncomingMessage, name: RecordedRequest['route']): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const url = new URL(req.url ?? '/', 'http://fake');
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
  );
  const recorded: RecordedRequest = {
    route: name,
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
  };
  const type = headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake/', {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    }).formData();
    recorded.fields = {};
    recorded.files = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') (recorded.fields[field] ??= []).push(value);
      else
        recorded.files.push({
          field,
          filename: value.name,
          contentType: value.type,
          bytes: Buffer.from(await value.arrayBuffer()),
        });
    }
  } else if (body.length > 0) {
    try {
      recorded.json = JSON.parse(body.toString('utf8'));
    } catch {
      recorded.json = undefined;
    }
  }
  return recorded;
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const isBytes = Buffer.isBuffer(reply.body);
  const payload = isBytes
    ? (reply.body as Buffer)
    : Buffer.from(reply.body === undefined ? '' : JSON.stringify(reply.body));
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': String(payload.length),
    ...reply.headers,
  });
  res.end(payload);
}

/**
 * Writes a streamed answer event by event, a moment apart, as a generation sends its previews; `cutAfter` drops the
 * connection after that many events, as a lost network would.
 */
async function sendEvents(res: ServerResponse, reply: Reply, cutAfter?: number): Promise<void> {
  res.writeHead(reply.status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...reply.headers });
  const events = reply.events ?? [];
  for (let index = 0; index < events.length; index++) {
    if (res.destroyed) return;
    if (cutAfter !== undefined && index >= cutAfter) return void res.socket?.destroy();
    const { event, data } = events[index]!;
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    await wait(20);
  }
  if (cutAfter !== undefined) return void res.socket?.destroy();
  res.end();
}

const wait = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
  });

export async function startFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const now = options.now ?? Date.now;
  let baseUrl = '';
  const files = new FileStore(() => baseUrl, options.urlTtlMs ?? 60 * 60_000, now);
  const fal = new FalQueue(options, files, () => baseUrl);
  const replicate = new ReplicatePredictions(options, files, () => baseUrl);
  const faults = new Map<RouteName, Fault[]>();
  const requests: RecordedRequest[] = [];

  async function answer(
    name: RouteName | 'unknown',
    params: string[],
    prefix: string,
    recorded: RecordedRequest,
    fault?: Fault,
  ): Promise<Reply> {
    const side = options.defaultImageSide ?? 64;
    const failure = fault?.kind === 'job-failed' ? (fault.message ?? 'The model failed to make an image') : undefined;
    switch (name) {
      case 'openai.generations':
      case 'openai.edits':
        return imagesRoute(recorded, 'openai', name === 'openai.edits', files, side);
      case 'imagerouter.generations':
      case 'imagerouter.edits':
        return imagesRoute(recorded, 'imagerouter', name === 'imagerouter.edits', files, side);
      case 'imagerouter.models':
        return modelsRoute(recorded, null);
      case 'imagerouter.model':
        return modelsRoute(recorded, params[0]!);
      case 'fal.submit':
        return fal.submit(recorded, params);
      case 'fal.status':
        return fal.status(params[0]!, params[1]!, recorded.query.logs === '1', failure);
      case 'fal.result':
        return fal.result(params[0]!, params[1]!);
      case 'fal.cancel':
        return fal.cancel(params[0]!, params[1]!);
      case 'replicate.create':
        return replicate.create(recorded, params[0]!, params[1]!, prefix);
      case 'replicate.createVersion':
        return replicate.createVersion(recorded, prefix);
      case 'replicate.upload':
        return replicate.upload(recorded, prefix);
      case 'replicate.get':
        return replicate.get(params[0]!, failure);
      case 'replicate.cancel':
        return replicate.cancel(params[0]!);
      case 'files': {
        const file = files.get(params[0]!);
        if (file === 'expired' || fault?.kind === 'expired')
          return {
            status: 403,
            headers: { 'content-type': 'application/xml' },
            body: Buffer.from('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>'),
          };
        if (!file) return { status: 404, body: { message: 'Not found' } };
        const bytes =
          fault?.kind === 'truncated-image' ? file.bytes.subarray(0, Math.floor(file.bytes.length / 2)) : file.bytes;
        return { status: 200, headers: { 'content-type': file.contentType }, body: bytes };
      }
      default:
        return {
          status: 404,
          body: { error: { message: `No route for ${recorded.method} ${recorded.path}`, type: 'not_found' } },
        };
    }
  }

  function authorised(name: RouteName | 'unknown', headers: Record<string, string>): boolean {
    if (name === 'files' || name === 'imagerouter.models' || name === 'imagerouter.model' || name === 'unknown')
      return true;
    // Each service takes one scheme: OpenAI (openai/openai-node src/client.ts authHeaders), ImageRouter and
    // Replicate (replicate/replicate-javascript index.js: `Bearer ${auth}`) take Bearer; fal takes `Key`
    // (fal-ai/fal-js libs/client/src/auth.ts). The fal routes here also play QuickRouter's relay, which takes its
    // own Bearer key (seed 002), so they accept both.
    const schemes = name.startsWith('fal.') ? /^(Bearer|Key) (.+)$/ : /^(Bearer) (.+)$/;
    const match = schemes.exec(headers.authorization ?? '');
    return match !== null && (options.key === undefined || match[2] === options.key);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const { name, params, prefix } = route(req.method ?? 'GET', path);
    const recorded = await readRequest(req, name);
    requests.push(recorded);
    const fault = name === 'unknown' ? undefined : faults.get(name)?.shift();
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === 'status') {
      const reply =
        fault.body !== undefined
          ? { status: fault.status, body: fault.body }
          : errorFor(name, fault.status, fault.message ?? `Injected failure ${fault.status}`);
      return send(res, { ...reply, headers: { ...reply.headers, ...fault.headers } });
    }
    if (fault?.kind === 'rate-limit') {
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
      if (fault.retryAfterDateInMs !== undefined)
        headers['retry-after'] = new Date(now() + fault.retryAfterDateInMs).toUTCString();
      return send(res, { ...errorFor(name, 429, 'Rate limit reached. Slow down.'), headers });
    }
    if (fault?.kind === 'slow') {
      // Held until the delay passes or the client gives up (a time-out, a killed process).
      await Promise.race([wait(fault.delayMs), new Promise((resolve) => res.once('close', resolve))]);
      if (res.destroyed || res.writableEnded) return;
    }
    if (fault?.kind === 'malformed-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"created": 1700000000, "data": [{"url": "htt');
    }
    if (fault?.kind === 'event-stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      return void res.end('event: image_generation.completed\ndata: {"type":"image_generation.completed"}\n\n');
    }
    if (fault?.kind === 'error-200') {
      // Headers and keep-alive spaces went out before the upstream model failed.
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let beat = 0; beat < 3; beat++) {
        res.write(' ');
        await wait(5);
      }
      const error = {
        error: { message: fault.message ?? 'Upstream provider failed to generate the image', type: 'provider_error' },
      };
      return void res.end(JSON.stringify(error));
    }
    if (!authorised(name, recorded.headers)) return send(res, errorFor(name, 401, 'Invalid API key provided.'));
    const reply = await answer(name, params, prefix, recorded, fault);
    if (reply.events) return sendEvents(res, reply, fault?.kind === 'stream-cut' ? fault.afterEvents : undefined);
    send(res, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      send(res, { status: 500, body: { error: { message: String(error), type: 'fake_crash' } } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    requests,
    fault(name, ...queued) {
      faults.set(name, [...(faults.get(name) ?? []), ...queued]);
    },
    pendingFaults: (name) => faults.get(name)?.length ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
