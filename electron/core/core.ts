// createCore wires every domain of the main process together. It never imports 'electron': the
// Electron shell, the browser harness, the CLI and the tests all build the same core from here.
import { mkdirSync } from 'node:fs';
import { appHandlers } from './app/handlers';
import { dispatch } from './dispatch';
import { CoreEvents } from './events';
import type { CallContext, HandlerTable } from './handlers';
import { version } from './version';

export interface CoreOptions {
  /** The library folder: atelier.db and the image files. */
  libraryDir: string;
  transport: 'electron' | 'harness' | 'test' | 'cli';
  now?: () => number;
}

export interface Core {
  handlers: HandlerTable;
  events: CoreEvents;
  /** Validate and run one call, answering with an envelope (never throws). */
  invoke(channel: unknown, payload: unknown, context?: CallContext): ReturnType<typeof dispatch>;
  /** Resolves `/media/<id>/<variant>` to a file for the app:// protocol and the harness; null is a 404. */
  media(path: string): Promise<{ path: string; mime: string } | null>;
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? Date.now;
  mkdirSync(options.libraryDir, { recursive: true });
  const events = new CoreEvents();
  const handlers: HandlerTable = {
    ...appHandlers({ name: 'Atelier', version, libraryDir: options.libraryDir, transport: options.transport }, now),
  };
  const defaultContext: CallContext = { transport: options.transport };
  return {
    handlers,
    events,
    invoke: (channel, payload, context = defaultContext) => dispatch(handlers, channel, payload, context),
    media: async () => null,
    close: async () => {},
  };
}
