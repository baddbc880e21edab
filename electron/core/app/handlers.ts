import type { HandlerSlice } from '../handlers';

export interface AppInfo {
  name: string;
  version: string;
  libraryDir: string;
  transport: 'electron' | 'harness' | 'test' | 'cli';
}

export function appHandlers(info: AppInfo, now: () => number): HandlerSlice<'app.info' | 'app.ping'> {
  return {
    'app.info': () => ({ ...info, platform: process.platform }),
    'app.ping': ({ nonce }) => ({ nonce, receivedAt: now() }),
  };
}
