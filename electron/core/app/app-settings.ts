// The desktop app's own settings (which library folder to open), kept beside the app's data rather
// than in a library: it says which library to open in the first place. Written atomically.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const settingsSchema = z.object({ libraryDir: z.string().optional() });
export type AppSettings = z.infer<typeof settingsSchema>;

const fileName = 'settings.json';

export function readAppSettings(dataDir: string): AppSettings {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(join(dataDir, fileName), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    // Missing or unreadable settings mean defaults; a broken file must never stop the app from starting.
    return {};
  }
}

export function writeAppSettings(dataDir: string, settings: AppSettings): void {
  const target = join(dataDir, fileName);
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`, { flush: true });
  renameSync(temporary, target);
}
