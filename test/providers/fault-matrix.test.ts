// Every fault the fake server can inject ends in success after a retry or in a clear AppError: never a crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { startFakeProvider, type FakeProvider, type Fault, type RouteName } from '../fake-provider';
import { adapterFor, recordedSleep, testKey } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ key: testKey });
});
afterAll(() => fake.close());

function generate(model = 'dall-e-3', preset: 'quickrouter' | 'imagerouter' = 'quickrouter', timeoutMs?: number) {
  const log = recordedSleep();
  const adapter = adapterFor(fake.baseUrl, preset, model, { sleep: log.sleep, timeoutMs, label: 'QuickRouter' });
  return { log, run: () => adapter.submit({ model, prompt: 'a lighthouse' }) };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function countOn(route: RouteName, since: number): number {
  return fake.requests.slice(since).filter((request) => request.route === route).length;
}

describe('fault matrix (OpenAI images)', () => {
  const recoverable: Array<[string, Fault, number | null]> = [
    ['429 with retry-after seconds', { kind: 'rate-limit', retryAfterSeconds: 2 }, 2000],
    ['429 with retry-after-ms', { kind: 'rate-limit', retryAfterMs: 150 }, 150],
    ['429 with retry-after as an HTTP date', { kind: 'rate-limit', retryAfterDateInMs: 5000 }, null],
    ['500', { kind: 'status', status: 500 }, null],
    ['502', { kind: 'status', status: 502 }, null],
    ['503', { kind: 'status', status: 503 }, null],
    ['connection reset', { kind: 'reset' }, null],
    [
      'a 400 the server marks x-should-retry: true',
      { kind: 'status', status: 400, headers: { 'x-should-retry': 'true' } },
      null,
    ],
  ];

  for (const [name, fault, delay] of recoverable) {
    it(`recovers from ${name} with one retry`, async () => {
      fake.fault('openai.generations', fault);
      const since = fake.requests.length;
      const { log, run } = generate();
      const outcome = await run();
      expect(outcome.kind).toBe('done');
      expect(countOn('openai.generations', since)).toBe(2);
      expect(log.delays).toHaveLength(1);
      if (delay !== null) expect(log.delays[0]).toBe(delay);
      else expect(log.delays[0]).toBeGreaterThan(0);
    });
  }

  // Re-sending a generation whose answer did not parse is paying for it again (providers.md §6).
  const unreadable: Array<[string, Fault, string]> = [
    ['a 200 whose JSON is cut short', { kind: 'malformed-json' }, 'not_json'],
    ['a 200 of server-sent events to a request that did not stream', { kind: 'event-stream' }, 'stream_unasked'],
  ];
  for (const [name, fault, kind] of unreadable) {
    it(`reports ${name} as a failure with its reason, sent once`, async () => {
      fake.fault('openai.generations', fault);
      const since = fake.requests.length;
      const { log, run } = generate();
      const error = await failure(run());
      expect(error.code).toBe('provider_failed');
      expect(error.details).toMatchObject({ kind, provider: 'QuickRouter', status: 200 });
      expect(error.message).toMatch(/not sent again, as that may charge twice/);
      expect(countOn('openai.generations', since)).toBe(1);
      expect(log.delays).toHaveLength(0);
    });
  }

  it('recovers from an answer slower than the time-out', async () => {
    fake.fault('openai.generations', { kind: 'slow', delayMs: 1500 });
    const { run } = generate('dall-e-3', 'quickrouter', 300);
    expect((await run()).kind).toBe('done');
  });

  it('gives up after two retries of a 500 with a plain message', async () => {
    fake.fault(
      'openai.generations',
      ...Array<Fault>(3).fill({ kind: 'status', status: 500, message: 'upstream exploded' }),
    );
    const since = fake.requests.length;
    const { log, run } = generate();
    const error = await failure(run());
    expect(error.code).toBe('provider_failed');
    expect(error.message).toBe('QuickRouter failed on its side (500): upstream exploded. Try again later.');
    expect(countOn('openai.generations', since)).toBe(3);
    expect(log.delays).toHaveLength(2);
  });

  it('does not retry a 503 the server marks x-should-retry: false', async () => {
    fake.fault('openai.generations', { kind: 'status', status: 503, headers: { 'x-should-retry': 'false' } });
    const since = fake.requests.length;
    expect((await failure(generate().run())).code).toBe('provider_failed');
    expect(countOn('openai.generations', since)).toBe(1);
  });

  it('gives up on a persistent 429 with a rate-limit message', async () => {
    fake.fault('openai.generations', ...Array<Fault>(3).fill({ kind: 'rate-limit', retryAfterMs: 10 }));
    const error = await failure(generate().run());
    expect(error.code).toBe('provider_failed');
    expect(error.message).toMatch(/rate-limiting or out of quota \(429\)/);
  });

  it('refuses a bad key at once (401 is never retried) and tells where to fix it', async () => {
    fake.fault('openai.generations', {
      kind: 'status',
      status: 401,
      message: `Incorrect API key provided: ${testKey}`,
    });
    const since = fake.requests.length;
    const error = await failure(generate().run());
    expect(error.code).toBe('auth_refused');
    expect(error.message).toMatch(/^QuickRouter refused the key \(401\).*Check it in Settings → Providers\.$/);
    // The key echoed by the provider never reaches the message.
    expect(error.message).not.toContain(testKey);
    expect(countOn('openai.generations', since)).toBe(1);
  });

  it('a wrong key is refused by the server with a 401', async () => {
    const adapter = adapterFor(fake.baseUrl, 'quickrouter', 'dall-e-3', { key: 'sk-wrong-key-000000' });
    const error = await failure(adapter.submit({ model: 'dall-e-3', prompt: 'x' }));
    expect(error.code).toBe('auth_refused');
  });

  it('reports ImageRouter\'s 200 + whitespace + {"error"} as a failure, not a success', async () => {
    fake.fault('imagerouter.generations', { kind: 'error-200', message: 'Upstream model overloaded' });
    const log = recordedSleep();
    const adapter = adapterFor(fake.baseUrl, 'imagerouter', 'test/test', { sleep: log.sleep, label: 'ImageRouter' });
    const error = await failure(adapter.submit({ model: 'test/test', prompt: 'x' }));
    expect(error.code).toBe('provider_failed');
    expect(error.message).toBe('ImageRouter could not make the image: Upstream model overloaded');
  });

  it("maps ImageRouter's {error:{message,type}} on a 400 to invalid_input with its message", async () => {
    fake.fault('imagerouter.generations', { kind: 'status', status: 400, message: 'size must be one of 1024x1024' });
    const adapter = adapterFor(fake.baseUrl, 'imagerouter', 'test/test', { label: 'ImageRouter' });
    const error = await failure(adapter.submit({ model: 'test/test', prompt: 'x' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('size must be one of 1024x1024');
  });

  it('a connection refused ends in network_failed after retries', async () => {
    const closed = await startFakeProvider();
    const url = closed.baseUrl;
    await closed.close();
    const log = recordedSleep();
    const adapter = adapterFor(url, 'quickrouter', 'dall-e-3', { sleep: log.sleep, label: 'QuickRouter' });
    const error = await failure(adapter.submit({ model: 'dall-e-3', prompt: 'x' }));
    expect(error.code).toBe('network_failed');
    expect(error.message).toMatch(/^Could not reach QuickRouter \(ECONNREFUSED\)/);
    expect(log.delays).toHaveLength(2);
  });

  it('cancelling during a slow answer stops at once with code cancelled', async () => {
    fake.fault('openai.generations', { kind: 'slow', delayMs: 2000 });
    const controller = new AbortController();
    const adapter = adapterFor(fake.baseUrl, 'quickrouter', 'dall-e-3');
    const pending = adapter.submit({ model: 'dall-e-3', prompt: 'x' }, controller.signal);
    setTimeout(() => controller.abort(), 50);
    const error = await failure(pending);
    expect(error.code).toBe('cancelled');
  });
});
