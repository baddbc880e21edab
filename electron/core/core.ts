// createCore wires every domain of the main process together. It never imports 'electron': the
// Electron shell, the browser harness, the CLI and the tests all build the same core from here.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Transport } from '../../shared/contract/app';
import { type AppHost, appHandlers } from './app/handlers';
import { createQuitGuard, type QuitGuard } from './app/quit-guard';
import { dispatch } from './dispatch';
import { type Db, openDatabase } from './db/open';
import { migrations } from './db/migrations';
import { CoreEvents } from './events';
import { createJobEngine, type JobEngine, type JobEngineOptions } from './jobs/engine';
import { jobsHandlers } from './jobs/handlers';
import type { CallContext, HandlerTable } from './handlers';
import { libraryHandlers } from './library/handlers';
import type { FileHost } from './library/os-file';
import { createLibrary, type Library } from './library/library';
import { ProviderRegistry } from './providers/registry';
import { createModelCatalog } from './providers/catalog-cache';
import { providersHandlers } from './providers/handlers';
import { createSecretStore } from './secrets/create-secret-store';
import { secretsHandlers } from './secrets/handlers';
import type { SecretStore } from './secrets/types';
import { version } from './version';

export interface CoreOptions {
  /** The library folder: atelier.db and the image files. */
  libraryDir: string;
  transport: Transport;
  now?: () => number;
  /** Where keys live. The Electron shell passes one built with safeStorage; default: keychain, else memory. */
  secrets?: SecretStore;
  /** What only the host can do (folder dialog, restart); the Electron shell passes one. */
  host?: AppHost;
  /** Reveal in the file manager and dragging files out (library/os-file.ts); the Electron shell passes one. */
  files?: FileHost;
  /** Ends the process when the user confirms "Quit anyway" (the desktop shell and `atelier serve` pass one). */
  quit?: () => void;
  /** Job engine tuning: HTTP (fetch, time-outs), poll interval, concurrency. Tests and benchmarks set these. */
  jobs?: Pick<JobEngineOptions, 'http' | 'pollIntervalMs' | 'sleep' | 'concurrency' | 'leaseMs'>;
}

export interface Core {
  handlers: HandlerTable;
  events: CoreEvents;
  /** The library database (atelier.db), shared by every domain. */
  db: Db;
  /** The library API other domains call (the jobs engine stores results through library.addImage). */
  library: Library;
  /** Configured providers; `providers.keyFor(id)` is the key a request must carry. */
  providers: ProviderRegistry;
  /** The persistent job queue; the Electron shell calls `jobs.resume()` on start, the CLI on `jobs resume`. */
  jobs: JobEngine;
  /** Asks before a quit would lose paid calls in flight; the host calls `request()` when the user quits. */
  quitGuard: QuitGuard;
  /** Validate and run one call, answering with an envelope (never throws). */
  invoke(channel: unknown, payload: unknown, context?: CallContext): ReturnType<typeof dispatch>;
  /** Resolves a URL path `/media/<id>/<variant>` to a file for the app:// protocol and the harness; null is a 404. */
  media(path: string): Promise<{ path: string; mime: string } | null>;
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? Date.now;
  mkdirSync(options.libraryDir, { recursive: true });
  const events = new CoreEvents();
  const db = openDatabase(join(options.libraryDir, 'atelier.db'), { migrations });
  const library = createLibrary({
    db,
    libraryDir: options.libraryDir,
    now,
    onChange: (reason, ids) => events.emit('library.changed', { reason, ids }),
  });
  const secrets = options.secrets ?? createSecretStore();
  const providers = new ProviderRegistry(db, secrets, now);
  const catalog = createModelCatalog({ db, registry: providers, now });
  const jobs = createJobEngine({ db, library, registry: providers, catalog, events, now, ...options.jobs });
  const quitGuard = createQuitGuard({ events, paidCallsInFlight: () => jobs.paidCallsInFlight(), quit: options.quit });
  const handlers: HandlerTable = {
    ...appHandlers(
      { name: 'Atelier', version, libraryDir: options.libraryDir, transport: options.transport },
      now,
      options.host,
      quitGuard,
    ),
    ...libraryHandlers(library, options.files),
    ...providersHandlers({ registry: providers, secrets, catalog }),
    ...secretsHandlers(secrets),
    ...jobsHandlers(jobs),
  };
  const defaultContext: CallContext = { transport: options.transport };
  return {
    handlers,
    events,
    db,
    library,
    providers,
    jobs,
    quitGuard,
    invoke: (channel, payload, context = defaultContext) => dispatch(handlers, channel, payload, context),
    // A running job's live preview (never a library image), else a library image.
    media: async (path) => (await jobs.previewMedia(path)) ?? library.resolveMediaPath(path),
    close: async () => {
      await jobs.close();
      await library.close();
      db.close();
    },
  };
}
