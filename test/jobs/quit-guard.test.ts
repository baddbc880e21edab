// Quitting while paid calls are in flight asks first (issue 11, point 4). The core's guard counts the calls its
// engine has sent and not had answered (a synchronous OpenAI-style generation); a queued fal job is not one (its
// request id is stored and it resumes). The page's "Quit anyway" (app.quit) ends the process through the host.
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { createSecretStore } from '../../electron/core/secrets/create-secret-store';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { addProviders, jobKey, keyEnv, tempLibrary } from './helpers';

let fake: FakeProvider;
let core: Core | undefined;
beforeAll(async () => {
  fake = await startFakeProvider({ key: jobKey, falSteps: { queued: 1000, inProgress: 1000 } });
});
afterAll(() => fake.close());
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function coreWithQuit(quit?: () => void): Promise<Core> {
  const secrets = createSecretStore({ keychain: false, env: keyEnv });
  core = await createCore({
    libraryDir: tempLibrary(),
    transport: 'test',
    secrets,
    quit,
    jobs: { pollIntervalMs: 5, http: { sleep: async () => {} } },
  });
  await addProviders(core, fake.baseUrl);
  return core;
}

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries > 400) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the quit guard', () => {
  it('lets a quit through when nothing paid is in flight, even with a fal job queued at the provider', async () => {
    const app = await coreWithQuit(() => {});
    const asked: unknown[] = [];
    app.events.subscribe((event, payload) => event === 'app.quitRequested' && asked.push(payload));
    expect(app.quitGuard.request()).toBe('quit');
    await app.jobs.create({ targets: [{ providerId: 'qr', model: 'fal-ai/flux-1/dev' }], prompt: 'queued' });
    await until(() => app.jobs.list({}).some((job) => job.remoteId !== null));
    expect(app.quitGuard.request()).toBe('quit');
    expect(asked).toEqual([]);
  });

  it('asks while a synchronous generation is sent and unanswered, and the page’s Quit anyway quits', async () => {
    fake.fault('openai.generations', { kind: 'slow', delayMs: 30_000 });
    let quits = 0;
    const app = await coreWithQuit(() => quits++);
    const asked: unknown[] = [];
    app.events.subscribe((event, payload) => event === 'app.quitRequested' && asked.push(payload));
    await app.jobs.create({ targets: [{ providerId: 'qr', model: 'dall-e-2' }], prompt: 'paid', n: 1 });
    await until(() => app.jobs.paidCallsInFlight() === 1);

    expect(app.quitGuard.request()).toBe('asked');
    expect(asked).toEqual([{ paidCalls: 1 }]);
    const answer = await app.invoke('app.quit', {});
    expect(answer).toEqual({ ok: true, value: { quitting: true } });
    await until(() => quits === 1);
    // Confirmed: the host's own quit path (before-quit, the window's close) is not asked again.
    expect(app.quitGuard.request()).toBe('quit');
  });

  it('answers app.quit with a reason where the host cannot quit (no quit given)', async () => {
    const app = await coreWithQuit(undefined);
    const answer = await app.invoke('app.quit', {});
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('unavailable');
  });
});
