import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../shared/contract';

vi.mock('electron', () => import('./fake-electron'));

const { recorded, app } = await import('./fake-electron');

async function waitFor<T>(probe: () => T | undefined | null, what: string): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const trustedFrame = { url: 'app://atelier/index.html', parent: null };

describe('electron/main.ts with a stand-in electron module', () => {
  beforeAll(async () => {
    await import('../../electron/main');
    await waitFor(() => recorded.windows[0]?.loadedUrl, 'the window to load');
  });

  it('opens one window with every webPreference the security checklist asks for', () => {
    const preferences = recorded.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(String(preferences.preload)).toMatch(/preload\.cjs$/);
    expect(recorded.sandboxEnabled).toBe(true);
  });

  it('loads the UI from the app:// protocol, never file://', () => {
    expect(recorded.windows[0]!.loadedUrl).toBe('app://atelier/index.html');
    expect(recorded.privilegedSchemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('registers exactly one ipcMain handler per contract channel', () => {
    expect([...recorded.handlers.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('answers a trusted frame and refuses frames from other origins or sub-frames', async () => {
    const ping = recorded.handlers.get('app.ping')!;
    await expect(ping({ senderFrame: trustedFrame }, { nonce: 'n1' })).resolves.toMatchObject({
      ok: true,
      value: { nonce: 'n1' },
    });
    for (const senderFrame of [
      { url: 'https://evil.example/', parent: null },
      { url: 'app://atelier/index.html', parent: {} },
      { url: 'file:///etc/passwd', parent: null },
      null,
    ]) {
      await expect(ping({ senderFrame }, { nonce: 'n1' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'forbidden_sender' },
      });
    }
  });

  it('refuses tampered payloads with a clear error: wrong type, extra fields', async () => {
    const ping = recorded.handlers.get('app.ping')!;
    const wrongType = (await ping({ senderFrame: trustedFrame }, { nonce: 42 })) as {
      ok: false;
      error: { code: string; message: string };
    };
    expect(wrongType.error.code).toBe('invalid_payload');
    expect(wrongType.error.message).toContain('nonce');
    const extra = (await ping({ senderFrame: trustedFrame }, { nonce: 'a', admin: true })) as {
      ok: false;
      error: { code: string; message: string };
    };
    expect(extra.error.code).toBe('invalid_payload');
    expect(extra.error.message).toContain('admin');
  });

  it('denies every permission request and check but notifications, and those only to our own page', () => {
    const ask = (url: string, permission: string) => {
      const callback = vi.fn();
      recorded.permissionRequestHandler!({ getURL: () => url }, permission, callback);
      return callback.mock.calls[0]![0] as boolean;
    };
    expect(ask('app://atelier/index.html', 'media')).toBe(false);
    expect(ask('app://atelier/index.html', 'notifications')).toBe(true);
    expect(ask('https://evil.example/', 'notifications')).toBe(false);
    expect(recorded.permissionCheckHandler!({}, 'notifications', 'app://atelier')).toBe(true);
    expect(recorded.permissionCheckHandler!({}, 'notifications', 'https://evil.example')).toBe(false);
    expect(recorded.permissionCheckHandler!({}, 'geolocation', 'app://atelier')).toBe(false);
  });

  it('quits without asking when no paid call is in flight', () => {
    const preventDefault = vi.fn();
    app.emit('before-quit', { preventDefault });
    expect(preventDefault).not.toHaveBeenCalled();
    expect(recorded.messageBoxes).toHaveLength(0);
  });

  it('asks before quitting while a paid call is in flight, in the OS language; Keep running keeps it', async () => {
    // A provider that takes the call and never answers (the key from ATELIER_KEY_<ID>, as a user may give it).
    const requests: string[] = [];
    const server = createServer((request) => requests.push(request.url ?? ''));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.env.ATELIER_KEY_HELD = 'sk-held-000000000000000000';
    const call = (channel: string, payload: unknown) =>
      recorded.handlers.get(channel)!({ senderFrame: trustedFrame }, payload);
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await expect(call('providers.add', { id: 'held', preset: 'openai', baseUrl })).resolves.toMatchObject({
        ok: true,
      });
      await expect(
        call('jobs.create', { targets: [{ providerId: 'held', model: 'dall-e-2' }], prompt: 'held' }),
      ).resolves.toMatchObject({ ok: true });
      await waitFor(() => requests.length > 0, 'the call to reach the provider');

      recorded.messageBoxAnswer = 0;
      const kept = vi.fn();
      app.emit('before-quit', { preventDefault: kept });
      expect(kept).toHaveBeenCalled();
      expect(recorded.messageBoxes.at(-1)).toMatchObject({
        message: '有 1 个生成正在进行。',
        buttons: ['继续运行', '仍要退出'],
        cancelId: 0,
      });

      recorded.messageBoxAnswer = 1;
      const quit = vi.fn();
      app.emit('before-quit', { preventDefault: quit });
      expect(quit).not.toHaveBeenCalled();
    } finally {
      delete process.env.ATELIER_KEY_HELD;
      server.closeAllConnections();
      server.close();
    }
  });

  it('denies navigation, redirects, webviews and new windows in every web contents', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    app.emit('web-contents-created', {}, contents);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      contents.emit(event, { preventDefault });
      expect(preventDefault, event).toHaveBeenCalled();
    }
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]![0] as (details: { url: string }) => {
      action: string;
    };
    expect(openHandler({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(recorded.openedExternally).toEqual(['https://example.com']);
  });

  it('serves the renderer over app:// with a strict CSP and refuses path tricks', async () => {
    const rendererDir = join(__dirname, '..', '..', 'dist', 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, '.shell-test.html'), '<p>x</p>');
    const handler = recorded.protocolHandlers.get('app')!;
    const ok = await handler(new Request('app://atelier/.shell-test.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(ok.headers.get('content-security-policy')).not.toContain('unsafe');
    for (const path of [
      '/%2e%2e/%2e%2e/package.json',
      '/..%2f..%2fpackage.json',
      '/no-such-file.js',
      '/media/does-not-exist/original',
    ]) {
      expect((await handler(new Request(`app://atelier${path}`))).status, path).toBe(404);
    }
    expect((await handler(new Request('app://elsewhere/index.html'))).status).toBe(404);
    rmSync(join(rendererDir, '.shell-test.html'));
  });

  it('switches the library through a folder dialog: remembers it and restarts onto it', async () => {
    const choose = recorded.handlers.get('app.chooseLibrary')!;
    recorded.dialogAnswer = null;
    await expect(choose({ senderFrame: trustedFrame }, {})).resolves.toMatchObject({
      ok: true,
      value: { restarting: false },
    });
    expect(recorded.relaunched).toBe(0);

    const chosen = join(tmpdir(), `atelier-chosen-${process.pid}`);
    recorded.dialogAnswer = chosen;
    await expect(choose({ senderFrame: trustedFrame }, {})).resolves.toEqual({
      ok: true,
      value: { libraryDir: chosen, restarting: true },
    });
    await waitFor(() => recorded.relaunched > 0, 'the relaunch');
    expect(JSON.parse(readFileSync(join(app.userData, 'settings.json'), 'utf8'))).toEqual({ libraryDir: chosen });
  });

  it('refuses a library folder it cannot write to, and does not restart', async () => {
    const choose = recorded.handlers.get('app.chooseLibrary')!;
    const before = recorded.relaunched;
    const aFile = join(tmpdir(), `atelier-not-a-folder-${process.pid}`);
    writeFileSync(aFile, 'x');
    recorded.dialogAnswer = join(aFile, 'library');
    const answer = (await choose({ senderFrame: trustedFrame }, {})) as {
      ok: false;
      error: { code: string; message: string };
    };
    expect(answer.error.code).toBe('invalid_input');
    expect(answer.error.message).toContain(`Atelier cannot write to ${join(aFile, 'library')}`);
    expect(recorded.relaunched).toBe(before);
  });
});
