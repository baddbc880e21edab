import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, invoke, mediaUrl, on } from './api';

const globals = globalThis as { atelier?: unknown };
afterEach(() => {
  delete globals.atelier;
});

describe('renderer/api.ts', () => {
  it('unwraps a successful envelope into the value', async () => {
    globals.atelier = {
      invoke: async () => ({ ok: true, value: { nonce: 'n', receivedAt: '2026-01-01T00:00:00.000Z' } }),
      on: () => () => {},
    };
    await expect(invoke('app.ping', { nonce: 'n' })).resolves.toEqual({
      nonce: 'n',
      receivedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('turns an error envelope into an ApiError carrying code and message', async () => {
    globals.atelier = {
      invoke: async () => ({ ok: false, error: { code: 'invalid_payload', message: 'bad nonce' } }),
      on: () => () => {},
    };
    const error = await invoke('app.ping', { nonce: 'n' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'invalid_payload', message: 'bad nonce' });
  });

  it('says plainly when no bridge is present', async () => {
    await expect(invoke('app.info', {})).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('passes event subscriptions through and returns the unsubscribe', () => {
    const seen: unknown[] = [];
    globals.atelier = {
      invoke: async () => ({}),
      on: (event: string, listener: (payload: unknown) => void) => (listener({ event }), () => seen.push('off')),
    };
    const off = on('app.notice', (payload) => seen.push(payload));
    off();
    expect(seen).toEqual([{ event: 'app.notice' }, 'off']);
  });

  it('builds media URLs by id, relative to the app origin, escaping the id', () => {
    expect(mediaUrl('abc', 'thumb256')).toBe('media/abc/thumb256');
    expect(mediaUrl('../x', 'original')).toBe('media/..%2Fx/original');
  });
});
