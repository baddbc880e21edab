// "Test connection" against a loopback server that answers like each router would.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderAdapter } from '../../electron/core/providers/adapter';
import { registerSecret } from '../../electron/core/redact';
import { testConnection } from '../../electron/core/providers/test-connection';
import type { PresetId, ProviderConfig } from '../../shared/presets';

const goodKey = 'sk-good-0123456789abcdef';
type Route = (request: IncomingMessage, response: ServerResponse, body: string) => void;
const seen: Array<{ method: string; url: string; auth: string | undefined; body: string }> = [];
let route: Route = () => {};
let server: Server;
let base: string;

function json(response: ServerResponse, status: number, value: unknown, prefix = ''): void {
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(prefix + JSON.stringify(value));
}
/** Accepts only `goodKey`, with the scheme the preset uses. */
const authorised = (request: IncomingMessage, scheme = 'Bearer') =>
  request.headers.authorization === `${scheme} ${goodKey}`;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, auth: request.headers.authorization, body });
      route(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function provider(preset: PresetId, baseUrl = base): ProviderConfig {
  return { id: `my-${preset}`, label: `My ${preset}`, preset, baseUrl };
}
async function check(preset: PresetId, key: string | null, handler: Route, baseUrl?: string) {
  seen.length = 0;
  route = handler;
  return testConnection(provider(preset, baseUrl), key, { timeoutMs: 3000 });
}

describe('test connection', () => {
  it('asks an OpenAI-compatible router for its models and reports that the key works', async () => {
    const result = await check('quickrouter', goodKey, (req, res) =>
      authorised(req)
        ? json(res, 200, { object: 'list', data: [] })
        : json(res, 401, { error: { message: 'bad key' } }),
    );
    expect(result).toEqual({ outcome: 'works', message: 'My quickrouter accepted the key.', httpStatus: 200 });
    expect(seen).toEqual([{ method: 'GET', url: '/v1/models', auth: `Bearer ${goodKey}`, body: '' }]);
  });

  it('says the key was refused on 401, quoting the provider but never the key', async () => {
    const wrongKey = 'sk-wrong-fedcba9876543210';
    registerSecret(wrongKey);
    const result = await check('openai', wrongKey, (req, res) =>
      json(res, 401, {
        error: {
          message: `Incorrect API key provided: ${req.headers.authorization?.slice(7)}`,
          type: 'invalid_request_error',
        },
      }),
    );
    expect(result.outcome).toBe('key_refused');
    expect(result.message).toMatch(
      /^My openai refused the key \(401\): Incorrect API key provided: \*\*\*3210\. Check it in Settings → Providers\.$/,
    );
    expect(result.message).not.toContain(wrongKey);
  });

  it("tries ImageRouter's free test/test model, because its catalogue accepts any key", async () => {
    const works = await check('imagerouter', goodKey, (req, res) =>
      authorised(req)
        ? json(res, 200, { created: Date.now(), data: [{ url: 'x' }], cost: 0 })
        : json(res, 401, { error: { message: 'x' } }),
    );
    expect(works.outcome).toBe('works');
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/openai/images/generations' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ prompt: 'connection test', model: 'test/test', n: 1 });

    // ImageRouter can answer 200, keep-alive spaces, and only then the error.
    const lateError = await check('imagerouter', goodKey, (_req, res) =>
      json(res, 200, { error: { message: 'Invalid API key', type: 'auth' } }, '   \n  '),
    );
    expect(lateError.outcome).toBe('key_refused');
  });

  it("checks a Replicate key on the account endpoint, below the preset's path", async () => {
    const result = await check('replicate', goodKey, (req, res) =>
      req.url === '/v1/account' && authorised(req)
        ? json(res, 200, { username: 'me' })
        : json(res, 401, { detail: 'Unauthenticated' }),
    );
    expect(result.outcome).toBe('works');
  });

  it('treats fal\'s 404 for a request that does not exist as "key accepted", and 401 as refused', async () => {
    const handler: Route = (req, res) =>
      authorised(req, 'Key')
        ? json(res, 404, { detail: 'Request not found' })
        : json(res, 401, { detail: 'No user found for Key ID' });
    expect((await check('fal', goodKey, handler)).outcome).toBe('works');
    expect(seen[0]!.url).toMatch(/^\/fal-ai\/flux-1\/requests\/[0-9a-f-]+\/status$/);
    expect((await check('fal', 'fal-wrong-key-123456', handler)).outcome).toBe('key_refused');
  });

  it('says the base URL is wrong when the server answers 404 or a web page instead of an API', async () => {
    const notFound = await check('openai-compatible', goodKey, (_req, res) => res.writeHead(404).end('Not Found'));
    expect(notFound).toMatchObject({
      outcome: 'bad_base_url',
      message: expect.stringContaining('answered 404 Not Found at /v1/models'),
    });
    const page = await check('openai-compatible', goodKey, (_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Welcome</html>'),
    );
    expect(page).toMatchObject({ outcome: 'bad_base_url', message: expect.stringContaining('not JSON') });
  });

  it('says there is no network when nothing listens at the address, or nothing answers in time', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await check('openai', goodKey, () => {}, `http://127.0.0.1:${port}`);
    expect(refused).toMatchObject({
      outcome: 'no_network',
      message: expect.stringContaining('Could not reach My openai (ECONNREFUSED)'),
    });

    seen.length = 0;
    route = () => {}; // never answers
    const silent = await testConnection(provider('openai'), goodKey, { timeoutMs: 300 });
    expect(silent).toMatchObject({
      outcome: 'no_network',
      message: expect.stringContaining('did not answer within 0.3 s'),
    });
  });

  it("blames a host that DNS cannot find on the base URL, but on the network when it is the preset's own host", async () => {
    const typo = await check('openai-compatible', goodKey, () => {}, 'http://atelier-test.invalid');
    expect(typo).toMatchObject({
      outcome: 'bad_base_url',
      message: expect.stringContaining('Could not find atelier-test.invalid'),
    });

    // What undici throws when the resolver has no answer (here: no network, so the lookup fails).
    const offlineFetch = (async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo EAI_AGAIN api.openai.com'), { code: 'EAI_AGAIN' }),
      });
    }) as typeof fetch;
    const offline = await testConnection(
      { id: 'openai', label: 'OpenAI', preset: 'openai', baseUrl: 'https://api.openai.com' },
      goodKey,
      {
        fetch: offlineFetch,
      },
    );
    expect(offline).toMatchObject({
      outcome: 'no_network',
      message: expect.stringContaining('Could not find api.openai.com (EAI_AGAIN)'),
    });
  });

  it('reports a server in trouble as the provider failing, not the key', async () => {
    const result = await check('openai', goodKey, (_req, res) => json(res, 503, { error: { message: 'overloaded' } }));
    expect(result).toMatchObject({ outcome: 'provider_error', httpStatus: 503 });
  });

  it('words a refusal as a real call does, and asks once: a 429 asking to retry is not retried', async () => {
    const limited: Route = (_req, res) =>
      res
        .writeHead(429, { 'Content-Type': 'application/json', 'retry-after': '1' })
        .end(JSON.stringify({ error: { message: 'Rate limit reached for images', type: 'requests' } }));
    const result = await check('openai', goodKey, limited);
    expect(seen).toHaveLength(1);
    expect(result).toMatchObject({ outcome: 'provider_error', httpStatus: 429 });

    seen.length = 0;
    const adapter = createProviderAdapter({
      provider: provider('openai'),
      key: goodKey,
      protocol: 'openai-images',
      sleep: async () => {},
    });
    const real = await adapter.submit({ model: 'dall-e-3', prompt: 'x' }).catch((error: unknown) => error);
    // The real call retries (the SDK policy), then fails with the very sentence the test showed.
    expect(seen.length).toBeGreaterThan(1);
    expect(real).toMatchObject({ code: 'provider_failed', message: result.message });
    expect(result.message).toContain('rate-limiting or out of quota (429): Rate limit reached for images');
  });

  it("reads ImageRouter's key refusal inside a 200 answer the same way for a test and a real call", async () => {
    const refusedLate: Route = (_req, res) =>
      json(res, 200, { error: { message: 'Invalid API key', type: 'auth' } }, '  \n ');
    const result = await check('imagerouter', goodKey, refusedLate);
    const adapter = createProviderAdapter({
      provider: provider('imagerouter'),
      key: goodKey,
      protocol: 'openai-images',
      sleep: async () => {},
    });
    const real = await adapter.submit({ model: 'test/test', prompt: 'x' }).catch((error: unknown) => error);
    expect(real).toMatchObject({ code: 'auth_refused', message: result.message });
    expect(result).toEqual({
      outcome: 'key_refused',
      message: 'My imagerouter refused the key: Invalid API key. Check it in Settings → Providers.',
      httpStatus: 200,
    });
  });

  it('asks for a key before calling anything, and needs none for the local provider', async () => {
    expect(await check('openai', null, () => {})).toMatchObject({
      outcome: 'no_key',
      message: expect.stringContaining('has no key yet'),
    });
    expect(seen).toEqual([]);
    expect((await testConnection({ id: 'local', label: 'Local', preset: 'local', baseUrl: null }, null)).outcome).toBe(
      'works',
    );
  });
});
