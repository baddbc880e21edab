// The Electron shell: lifecycle, the one window, the app:// protocol and the security settings.
// Everything else lives in electron/core and is built by createCore().
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, nativeImage, net, protocol, safeStorage, session, shell } from 'electron';
import { readAppSettings, writeAppSettings } from './core/app/app-settings';
import type { AppHost } from './core/app/handlers';
import type { FileHost } from './core/library/os-file';
import { createCore, type Core } from './core/core';
import { createSecretStore } from './core/secrets/create-secret-store';
import type { Encryptor } from './core/secrets/types';
import { languageFromTags } from '../shared/languages';
import { quitQuestionFor } from '../shared/quit-question';
import { contentSecurityPolicy } from './page/content-security-policy';
import { resolveStaticFile } from './page/static-files';
import { appOrigin, forwardEvents, isAppUrl, registerIpc } from './ipc';

const rendererDir = join(__dirname, '..', 'dist', 'renderer');
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let quitConfirmed = false;

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);
app.enableSandbox();

function serveAppProtocol(): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'atelier') return new Response('Not found', { status: 404 });
    const headers = { 'content-security-policy': contentSecurityPolicy(), 'x-content-type-options': 'nosniff' };
    if (url.pathname.startsWith('/media/')) {
      const media = await core?.media(url.pathname);
      if (!media) return new Response('Not found', { status: 404 });
      const response = await net.fetch(pathToFileURL(media.path).toString());
      return new Response(response.body, { headers: { ...headers, 'content-type': media.mime } });
    }
    const file = resolveStaticFile(rendererDir, url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    return new Response(response.body, {
      headers: { ...headers, 'content-type': response.headers.get('content-type') ?? 'application/octet-stream' },
    });
  });
}

function lockDownSessions(): void {
  // Every permission is denied but desktop notifications (a job ending while the window is in the background),
  // which the user switches on in Settings; only our own page may have them.
  const allowed = (permission: string, url: string) => permission === 'notifications' && isAppUrl(url);
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) =>
    callback(allowed(permission, contents.getURL())),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowed(permission, requestingOrigin),
  );
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links to the web open in the user's browser, never inside Atelier.
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 600,
    title: 'Atelier',
    show: false,
    backgroundColor: '#16161b',
    // Written inline (not in a shared constant) so Electronegativity can read every setting.
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  // Closing the last window quits (except on macOS, where the app and its jobs carry on): ask first.
  window.on('close', (event) => {
    if (process.platform !== 'darwin' && !mayQuit()) event.preventDefault();
  });
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}

/** Electron's safeStorage, handed to the core as the keychain's fallback (the core never imports electron). */
const safeStorageEncryptor: Encryptor = {
  isAvailable: () => safeStorage.isEncryptionAvailable(),
  // Linux reports which secret store backs it; 'basic_text' means no real protection, and the core refuses it.
  backendName: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'),
  encrypt: (text) => safeStorage.encryptString(text),
  decrypt: (data) => safeStorage.decryptString(data),
};

/**
 * Quitting loses the answers of paid calls in flight (sent, unanswered, impossible to look up), which the provider
 * may still charge: ask first, in the OS's language (issue 11, point 4). True when the quit may go ahead.
 */
function mayQuit(): boolean {
  const count = quitConfirmed || !core ? 0 : core.jobs.paidCallsInFlight();
  if (count === 0) return true;
  const question = quitQuestionFor(count, languageFromTags([app.getLocale()]));
  const options = {
    type: 'warning' as const,
    title: 'Atelier',
    message: question.title,
    detail: question.detail,
    buttons: [question.keep, question.quit],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const window = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
  const choice = window ? dialog.showMessageBoxSync(window, options) : dialog.showMessageBoxSync(options);
  quitConfirmed = choice === 1;
  return quitConfirmed;
}

const host: AppHost = {
  chooseFolder: async () => {
    const options = {
      title: 'Choose the Atelier library folder',
      properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
    };
    const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  switchLibrary: async (libraryDir) => {
    writeAppSettings(app.getPath('userData'), { ...readAppSettings(app.getPath('userData')), libraryDir });
    app.relaunch();
    app.quit();
  },
};

/** The OS's side of Reveal and of dragging an image out; the core has found the file and made the icon. */
const files: FileHost = {
  reveal: (path) => shell.showItemInFolder(path),
  startDrag: (path, iconPng) =>
    mainWindow?.webContents.startDrag({ file: path, icon: nativeImage.createFromBuffer(iconPng) }),
};

async function start(): Promise<void> {
  await app.whenReady();
  lockDownSessions();
  const secrets = createSecretStore({ encryptor: safeStorageEncryptor, dataDir: app.getPath('userData') });
  const libraryDir = readAppSettings(app.getPath('userData')).libraryDir ?? join(app.getPath('userData'), 'library');
  core = await createCore({ libraryDir, transport: 'electron', secrets, host, files });
  serveAppProtocol();
  // Jobs left unfinished by a crash or a quit carry on: remote ones keep polling, unsent ones are sent.
  core.jobs.resume();
  registerIpc(ipcMain, core);
  forwardEvents(core, () => mainWindow?.webContents ?? null);
  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('before-quit', (event) => {
  if (!mayQuit()) event.preventDefault();
});
app.on('will-quit', () => {
  void core?.close();
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  void start();
}
