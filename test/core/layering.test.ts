// The layers only point down (shared ← electron/core ← electron/*.ts; shared ← renderer), and the
// core never imports Electron, so it keeps running under plain Node, the CLI and the harness.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|cts|js|mjs)$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers: string[] = [];
  for (const match of text.matchAll(
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm,
  )) {
    specifiers.push(match[1] ?? match[2] ?? match[3] ?? match[4]!);
  }
  return specifiers;
}

describe('import layering', () => {
  it('finds imports in the forms the code uses (guards the scanner itself)', () => {
    expect(importsOf('electron/main.ts')).toContain('electron');
    expect(importsOf('electron/preload.ts')).toContain('electron');
  });

  it('nothing under electron/core imports electron', () => {
    const offenders = sourceFiles('electron/core').filter((file) =>
      importsOf(file).some((spec) => spec === 'electron' || spec.startsWith('electron/')),
    );
    expect(offenders).toEqual([]);
  });

  it('electron/core does not reach up into the shell, the renderer or the CLI', () => {
    const offenders = sourceFiles('electron/core').flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => relative(root, join(root, file, '..', spec)))
        .filter(
          (target) => !target.startsWith('electron/core') && !target.startsWith('shared') && target !== 'package.json',
        )
        .map((target) => `${file} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('shared imports only shared code and zod', () => {
    const offenders = sourceFiles('shared').flatMap((file) =>
      importsOf(file)
        .filter(
          (spec) =>
            !(
              spec === 'zod' ||
              (spec.startsWith('.') && relative(root, join(root, file, '..', spec)).startsWith('shared'))
            ),
        )
        .map((spec) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the renderer imports neither Node, Electron, nor the main process', () => {
    const offenders = sourceFiles('renderer').flatMap((file) =>
      importsOf(file)
        .filter(
          (spec) =>
            spec.startsWith('node:') ||
            spec === 'electron' ||
            ['fs', 'path', 'child_process', 'os'].includes(spec) ||
            (spec.startsWith('.') && relative(root, join(root, file, '..', spec)).startsWith('electron')),
        )
        .map((spec) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only renderer/api.ts touches window.atelier', () => {
    const touching = sourceFiles('renderer').filter((file) =>
      /\.atelier\b/.test(readFileSync(join(root, file), 'utf8')),
    );
    expect(touching).toEqual(['renderer/api.ts']);
  });
});
