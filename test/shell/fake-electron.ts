// A stand-in for the `electron` module, recording what main.ts asks of it. Electron's binary cannot
// run on our build machines, so this is how the shell's security settings are checked.
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Listener = (...args: unknown[]) => unknown;

export const recorded = {
  windows: [] as Array<{ options: Record<string, unknown>; loadedUrl: string | null }>,
  handlers: new Map<string, Listener>(),
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  permissionRequestHandler: null as null | Listener,
  permissionCheckHandler: null as null | Listener,
  sandboxEnabled: false,
  fetched: [] as string[],
  openedExternally: [] as string[],
  dialogAnswer: null as string | null,
  relaunched: 0,
  /** showMessageBoxSync's questions, and the button index it answers with. */
  messageBoxes: [] as Array<Record<string, unknown>>,
  messageBoxAnswer: 0,
};

export const app = Object.assign(new EventEmitter(), {
  userData: mkdtempSync(join(tmpdir(), 'atelier-shell-')),
  enableSandbox: () => {
    recorded.sandboxEnabled = true;
  },
  whenReady: () => Promise.resolve(),
  getPath: (name: string) => (name === 'userData' ? app.userData : tmpdir()),
  requestSingleInstanceLock: () => true,
  getLocale: () => 'zh-CN',
  quit: () => {},
  relaunch: () => {
    recorded.relaunched++;
  },
});

export class BrowserWindow extends EventEmitter {
  static getAllWindows = () => recorded.windows;
  readonly webContents = Object.assign(new EventEmitter(), { send: () => {}, isDestroyed: () => false });
  private readonly record: { options: Record<string, unknown>; loadedUrl: string | null };

  constructor(options: Record<string, unknown>) {
    super();
    this.record = { options, loadedUrl: null };
    recorded.windows.push(this.record);
  }

  loadURL(url: string) {
    this.record.loadedUrl = url;
    return Promise.resolve();
  }

  show() {}
  isDestroyed() {
    return false;
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
}

export const ipcMain = {
  handle: (channel: string, listener: Listener) => {
    recorded.handlers.set(channel, listener);
  },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privilegedSchemes.push(...schemes),
  handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
    recorded.protocolHandlers.set(scheme, handler),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler: Listener) => {
      recorded.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler: (handler: Listener) => {
      recorded.permissionCheckHandler = handler;
    },
  },
};

export const net = {
  fetch: async (url: string) => {
    recorded.fetched.push(url);
    return new Response('file body', { headers: { 'content-type': 'text/html' } });
  },
};

export const dialog = {
  showMessageBoxSync: (...args: unknown[]) => {
    recorded.messageBoxes.push(args.at(-1) as Record<string, unknown>);
    return recorded.messageBoxAnswer;
  },
  showOpenDialog: async () =>
    recorded.dialogAnswer ? { canceled: false, filePaths: [recorded.dialogAnswer] } : { canceled: true, filePaths: [] },
};

export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (text: string) => Buffer.from(`enc:${text}`),
  decryptString: (data: Buffer) => data.toString().replace(/^enc:/, ''),
};
export const shell = {
  openExternal: async (url: string) => {
    recorded.openedExternally.push(url);
  },
};
export const contextBridge = { exposeInMainWorld: () => {} };
export const ipcRenderer = { invoke: async () => ({}), on: () => {}, removeListener: () => {} };

export default {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  session,
  net,
  shell,
  safeStorage,
  contextBridge,
  ipcRenderer,
};
