import { accessSync, constants, mkdirSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { Transport } from '../../../shared/contract/app';
import { isoDate } from '../../../shared/contract/dates';
import { AppError } from '../../../shared/errors';
import type { HandlerSlice } from '../handlers';
import type { QuitGuard } from './quit-guard';

export interface AppInfo {
  name: string;
  version: string;
  libraryDir: string;
  transport: Transport;
}

/**
 * What only the host process can do (a native folder dialog, a restart). The Electron shell passes
 * one in; the harness and the CLI have none, and say how to use another library instead.
 */
export interface AppHost {
  /** Asks the user for a folder; null when they cancel. */
  chooseFolder(): Promise<string | null>;
  /** Remembers the new library folder and restarts onto it (after this call has answered). */
  switchLibrary(dir: string): Promise<void>;
}

/** A library folder must be an absolute path we can create and write into. */
export function checkLibraryFolder(dir: string): void {
  if (!isAbsolute(dir)) throw new AppError('invalid_input', `The library folder must be a full path, not "${dir}".`);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new AppError(
      'invalid_input',
      `Atelier cannot write to ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Choose another folder.`,
    );
  }
}

export function appHandlers(
  info: AppInfo,
  now: () => number,
  host: AppHost | undefined,
  quitGuard: QuitGuard,
): HandlerSlice<'app.info' | 'app.ping' | 'app.chooseLibrary' | 'app.quit'> {
  return {
    'app.quit': () => {
      quitGuard.confirm();
      return { quitting: true as const };
    },
    'app.info': () => ({ ...info, platform: process.platform, canChooseLibrary: Boolean(host) }),
    'app.ping': ({ nonce }) => ({ nonce, receivedAt: isoDate(now()) }),
    'app.chooseLibrary': async () => {
      if (!host) {
        throw new AppError(
          'unavailable',
          'This window cannot switch libraries. Start Atelier with --library DIR (or ATELIER_LIBRARY) to use another folder.',
        );
      }
      const dir = await host.chooseFolder();
      if (!dir || dir === info.libraryDir) return { libraryDir: info.libraryDir, restarting: false };
      checkLibraryFolder(dir);
      // Answer first, then restart: the window learns the outcome before it goes away.
      setTimeout(() => void host.switchLibrary(dir), 50);
      return { libraryDir: dir, restarting: true };
    },
  };
}
