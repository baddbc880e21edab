// A provider's own request time-out (issue 11, point 3): set per configured provider (Settings, `providers set
// --timeout`), kept in the library database, and the one the provider's requests get — over its preset's, which is
// over the default. Out of range is refused and changes nothing.
import { afterAll, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../shared/contract';
import { defaultRequestTimeoutMs, requestTimeoutRangeMs } from '../../shared/limits';
import { createHttpClient } from '../../electron/core/providers/adapter';
import { atelier, tempLibrary as cliLibrary } from '../cli/helpers';
import { openCore, tempLibrary } from '../jobs/helpers';

const libraryDir = tempLibrary();
const core = await openCore(libraryDir);
afterAll(() => core.close());

async function entry(id: string) {
  const answer = await core.invoke('providers.list', {});
  if (!answer.ok) throw new Error(answer.error.message);
  const { providers } = answer.value as ChannelOutput<'providers.list'>;
  return providers.find((provider) => provider.id === id)!;
}

describe("a provider's request time-out", () => {
  it('is the default until set, then its own, and null goes back', async () => {
    await core.invoke('providers.add', { id: 'slow-router', preset: 'openai-compatible', baseUrl: 'https://x.test' });
    expect(await entry('slow-router')).toMatchObject({
      requestTimeoutMs: null,
      effectiveTimeoutMs: defaultRequestTimeoutMs,
    });

    const set = await core.invoke('providers.update', { id: 'slow-router', requestTimeoutMs: 25 * 60_000 });
    expect(set).toMatchObject({ ok: true, value: { requestTimeoutMs: 25 * 60_000, effectiveTimeoutMs: 25 * 60_000 } });
    // The requests this provider's jobs and probes make get it.
    expect(createHttpClient({ provider: core.providers.get('slow-router') }).timeoutMs).toBe(25 * 60_000);

    await core.invoke('providers.update', { id: 'slow-router', requestTimeoutMs: null });
    expect(await entry('slow-router')).toMatchObject({
      requestTimeoutMs: null,
      effectiveTimeoutMs: defaultRequestTimeoutMs,
    });
    expect(createHttpClient({ provider: core.providers.get('slow-router') }).timeoutMs).toBe(defaultRequestTimeoutMs);
  });

  it('out of range is refused and changes nothing', async () => {
    await core.invoke('providers.update', { id: 'slow-router', requestTimeoutMs: 15 * 60_000 });
    const tooShort = await core.invoke('providers.update', {
      id: 'slow-router',
      requestTimeoutMs: requestTimeoutRangeMs.min - 1,
    });
    expect(tooShort.ok).toBe(false);
    expect((await entry('slow-router')).requestTimeoutMs).toBe(15 * 60_000);
  });

  it('is set from the command line in seconds, and "default" clears it', async () => {
    const library = cliLibrary();
    await atelier(library, ['providers', 'add', 'r', '--preset', 'openai-compatible', '--base-url', 'https://x.test']);
    const set = await atelier(library, ['providers', 'set', 'r', '--timeout', '1200', '--json']);
    expect(set.code).toBe(0);
    expect(set.json()).toMatchObject({ requestTimeoutMs: 1_200_000, effectiveTimeoutMs: 1_200_000 });
    const bad = await atelier(library, ['providers', 'set', 'r', '--timeout', '5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--timeout must be whole seconds from 10 to 3600');
    const cleared = await atelier(library, ['providers', 'set', 'r', '--timeout', 'default', '--json']);
    expect(cleared.json()).toMatchObject({ requestTimeoutMs: null, effectiveTimeoutMs: defaultRequestTimeoutMs });
  });
});
