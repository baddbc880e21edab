import { describe, expect, it, vi } from 'vitest';

const exposed = new Map<string, Record<string, (...args: any[]) => any>>();
const ipcListeners = new Map<string, (...args: unknown[]) => void>();
const invoked: unknown[][] = [];

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (name: string, api: Record<string, (...args: any[]) => any>) => exposed.set(name, api),
  },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return { ok: true, value: 'from-main' };
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => ipcListeners.set(channel, listener),
    removeListener: (channel: string) => ipcListeners.delete(channel),
  },
}));

await import('../../electron/preload');
const api = exposed.get('atelier')!;

describe('electron/preload.ts', () => {
  it('exposes only window.atelier with invoke and on', () => {
    expect([...exposed.keys()]).toEqual(['atelier']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract channels to main and refuses anything else without touching IPC', async () => {
    await expect(api.invoke!('app.ping', { nonce: 'x' })).resolves.toEqual({ ok: true, value: 'from-main' });
    expect(invoked).toEqual([['app.ping', { nonce: 'x' }]]);
    await expect(api.invoke!('ipc:raw', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    await expect(api.invoke!('toString', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(invoked).toHaveLength(1);
  });

  it('subscribes to contract events only and hands listeners the payload, never the IPC event', () => {
    const received: unknown[] = [];
    const off = api.on!('app.notice', (...args: unknown[]) => received.push(args));
    ipcListeners.get('atelier:event:app.notice')!({ sender: 'secret-ipc-event' }, { level: 'info', message: 'hi' });
    expect(received).toEqual([[{ level: 'info', message: 'hi' }]]);
    off();
    expect(ipcListeners.has('atelier:event:app.notice')).toBe(false);
    expect(() => api.on!('ipc:anything', () => {})).toThrow(/no event/);
  });
});
