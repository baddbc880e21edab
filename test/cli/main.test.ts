// How `atelier` reads its command line (cli/main.ts): the global options --library and --json go
// before or after the command, as ../shared/docs/cli.md says.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { atelier, tempLibrary } from './helpers';

const library = tempLibrary();
afterAll(() => rmSync(library, { recursive: true, force: true }));

describe('atelier global options', { timeout: 60_000 }, () => {
  it('takes --library DIR and --json before the command', async () => {
    const run = await atelier(library, ['--library', library, '--json', 'library', 'list']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual({ images: [], next: null });
  });

  it('takes them after the command, some before and some after, between the words, or written as --library=DIR', async () => {
    for (const args of [
      ['library', 'list', '--json', '--library', library],
      ['--json', 'library', 'list', '--library', library],
      ['library', '--library', library, 'list', '--json'],
      [`--library=${library}`, 'library', 'list', '--json'],
    ]) {
      const run = await atelier(library, args);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      expect(run.json()).toEqual({ images: [], next: null });
    }
  });

  it('still names an unknown command, with the usage exit code', async () => {
    const run = await atelier(library, ['--library', library, '--json', 'paint']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown command: --library');
  });
});
