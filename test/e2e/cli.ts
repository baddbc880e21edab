// The `atelier` command line on a test's library folder, as the e2e walks use it to set a library up.
import { execFileSync } from 'node:child_process';

/** Runs `atelier WORDS… --library DIR --json` and returns what it printed, parsed. */
export function atelierCli(libraryDir: string, ...words: string[]): any {
  return JSON.parse(
    execFileSync(process.execPath, ['bin/atelier.mjs', ...words, '--library', libraryDir, '--json'], {
      encoding: 'utf8',
    }),
  );
}
