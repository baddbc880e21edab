import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../electron/core/core';
import { startHarness } from '../../electron/harness/server';
import { type Command, UsageError } from '../command';
import { paidCallsWarning } from '../paid-calls-warning';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rendererDir = join(projectRoot, 'dist', 'renderer');

/** `npm install` builds the UI (prepare); if it is missing anyway (a fresh checkout), build it once now. */
async function ensureRendererBuilt(log: (text: string) => void): Promise<void> {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  log('Building the Atelier UI once (about half a minute)…');
  const { build } = await import('vite');
  await build({
    configFile: join(projectRoot, 'vite.config.ts'),
    root: join(projectRoot, 'renderer'),
    logLevel: 'warn',
  });
}

export const serveCommands: Command[] = [
  {
    words: ['serve'],
    usage: 'serve [--port N]',
    summary: 'The same UI in a browser, on 127.0.0.1 only; prints the address with its one-time token.',
    options: { port: { type: 'string' } },
    async run(context, { values }) {
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}".`);
      await ensureRendererBuilt(context.err);
      let stop: () => void = () => {};
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      // The page's "Quit anyway" (app.quit) stops the server as a second Ctrl+C would.
      const core = await createCore({ libraryDir: context.libraryDir, transport: 'harness', quit: () => stop() });
      const harness = await startHarness({ core, rendererDir, port });
      const resumed = core.jobs.resume();
      if (resumed.length > 0) context.err(`Resuming ${resumed.length} unfinished job(s).`);
      context.keepOpen();
      context.out(`Atelier UI: ${harness.url}`);
      context.err(`Library: ${context.libraryDir}. Press Ctrl+C to stop.`);
      let warned = false;
      const onInterrupt = () => {
        // Paid calls in flight: the page asks too (app.quitRequested); a second Ctrl+C quits anyway.
        if (warned || core.quitGuard.request() === 'quit') return stop();
        warned = true;
        context.err(paidCallsWarning(core.jobs.paidCallsInFlight(), 'quit'));
      };
      process.on('SIGINT', onInterrupt);
      process.once('SIGTERM', stop);
      await stopped;
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', stop);
      await harness.close();
      await core.close();
      return 0;
    },
  },
];
