import { z } from 'zod';
import { channel } from './define';

export const appChannels = {
  'app.info': channel(
    z.object({}).strict(),
    z.object({
      name: z.string(),
      version: z.string(),
      platform: z.string(),
      transport: z.enum(['electron', 'harness', 'test', 'cli']),
      libraryDir: z.string(),
      /** True where a native folder dialog can pick another library (the desktop app). */
      canChooseLibrary: z.boolean(),
    }),
  ),
  /** Desktop only: pick another library folder; the app restarts onto it. */
  'app.chooseLibrary': channel(z.object({}).strict(), z.object({ libraryDir: z.string(), restarting: z.boolean() })),
  'app.ping': channel(
    z.object({ nonce: z.string().min(1).max(200) }).strict(),
    z.object({ nonce: z.string(), receivedAt: z.number() }),
  ),
};

export const appEvents = {
  'app.notice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
};
