import { EventEmitter } from 'node:events';
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

  it('denies every permission request and check', () => {
    const callback = vi.fn();
    recorded.permissionRequestHandler!({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(recorded.permissionCheckHandler!({}, 'notifications')).toBe(false);
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
