import { z } from 'zod';
import { isoDateSchema } from './dates';
import { channel } from './define';

/** The doors into the core: the desktop window, the browser harness, the tests, the command line. */
export const transports = ['electron', 'harness', 'test', 'cli'] as const;
export type Transport = (typeof transports)[number];

export const appChannels = {
  'app.info': channel(
    z.object({}).strict(),
    z.object({
      name: z.string(),
      version: z.string(),
      platform: z.string(),
      transport: z.enum(transports),
      libraryDir: z.string(),
      /** True where a native folder dialog can pick another library (the desktop app). */
      canChooseLibrary: z.boolean(),
    }),
  ),
  /** Desktop only: pick another library folder; the app restarts onto it. */
  'app.chooseLibrary': channel(z.object({}).strict(), z.object({ libraryDir: z.string(), restarting: z.boolean() })),
  /**
   * The user's "Quit anyway" after `app.quitRequested`: the host quits (the desktop app; `atelier serve` stops).
   * Unavailable where the page cannot end the process.
   */
  'app.quit': channel(z.object({}).strict(), z.object({ quitting: z.literal(true) })),
  'app.ping': channel(
    z.object({ nonce: z.string().min(1).max(200) }).strict(),
    z.object({ nonce: z.string(), receivedAt: isoDateSchema }),
  ),
};

export const appEvents = {
  'app.notice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
  /** Quitting now would lose the answers of paid calls in flight (they may still be charged): the page asks. */
  'app.quitRequested': z.object({ paidCalls: z.number().int().min(1) }),
};
