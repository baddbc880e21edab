import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';

let core: Core;

beforeAll(async () => {
  core = await createCore({
    libraryDir: mkdtempSync(join(tmpdir(), 'atelier-core-')),
    transport: 'test',
    now: () => 1234,
  });
});
afterAll(() => core.close());

describe('core.invoke validates every payload against the contract', () => {
  it('answers app.ping and app.info', async () => {
    expect(await core.invoke('app.ping', { nonce: 'hello' })).toEqual({
      ok: true,
      value: { nonce: 'hello', receivedAt: '1970-01-01T00:00:01.234Z' },
    });
    const info = await core.invoke('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { name: 'Atelier', transport: 'test' } });
  });

  it('refuses an unknown channel by name', async () => {
    const answer = await core.invoke('app.shutdown', {});
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'unknown_channel',
        message: 'There is no channel named "app.shutdown".',
        details: { kind: 'channel_unknown', channel: 'app.shutdown' },
      },
    });
  });

  it.each([
    ['a prototype key as channel', '__proto__'],
    ['a non-string channel', 42],
    ['a missing channel', undefined],
  ])('refuses %s', async (_label, channel) => {
    expect(await core.invoke(channel, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('refuses a wrong type, naming the field', async () => {
    const answer = await core.invoke('app.ping', { nonce: 5 });
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.error.code).toBe('invalid_payload');
      expect(answer.error.message).toMatch(/app\.ping.*nonce/s);
      expect(answer.error.details).toEqual({ kind: 'field_invalid', channel: 'app.ping', field: 'nonce' });
    }
  });

  it('refuses extra fields instead of ignoring them', async () => {
    const answer = await core.invoke('app.info', { debug: true });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    if (!answer.ok) expect(answer.error.message).toContain('debug');
    if (!answer.ok)
      expect(answer.error.details).toEqual({ kind: 'field_invalid', channel: 'app.info', field: 'debug' });
  });

  it('refuses payloads that are not objects', async () => {
    for (const payload of ['ping', 7, [1, 2], null]) {
      const answer = await core.invoke('app.ping', payload);
      expect(answer, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
  });

  it('turns an unexpected handler failure into an internal error instead of crashing', async () => {
    const broken = {
      ...core.handlers,
      'app.ping': () => {
        throw new Error('disk on fire');
      },
    };
    const { dispatch } = await import('../../electron/core/dispatch');
    const answer = await dispatch(broken, 'app.ping', { nonce: 'x' }, { transport: 'test' });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong inside Atelier: disk on fire' },
    });
  });
});
