// The layers only point down: shared ← electron/core ← {the shell (electron/*.ts), the browser harness
// (electron/harness), the CLI}; shared ← renderer. The core never imports Electron, so it keeps running
// under plain Node, the CLI and the harness. Inside the core, db/ and http/ serve every domain and import
// none, and a domain reaches another one only through that domain's public face (or for its types).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');

/** Shipped source files under `dir`. Unit tests beside their code are left out: a test may reach across. */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|cts|js|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

interface Import {
  spec: string;
  /** `import type …`, or braces holding only `type X` names: gone once compiled, so no runtime edge. */
  typeOnly: boolean;
}

function importsWithKinds(file: string): Import[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: Import[] = [];
  for (const match of text.matchAll(
    /(?:import|export)\s([^'"]*?)from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm,
  )) {
    const clause = (match[1] ?? '').trim();
    const braces = /^\{([^}]*)\}$/.exec(clause)?.[1];
    const names = braces
      ?.split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const typeOnly =
      clause.startsWith('type ') || (names !== undefined && names.every((name) => name.startsWith('type ')));
    found.push({ spec: match[2] ?? match[3] ?? match[4] ?? match[5]!, typeOnly });
  }
  return found;
}

function importsOf(file: string): string[] {
  return importsWithKinds(file).map(({ spec }) => spec);
}

/** The project files `file` imports (relative specifiers only), as paths from the root without extension. */
function localTargets(file: string, filter: (entry: Import) => boolean = () => true): string[] {
  return importsWithKinds(file)
    .filter((entry) => entry.spec.startsWith('.') && filter(entry))
    .map(({ spec }) => relative(root, join(root, file, '..', spec)));
}

const core = 'electron/core';
/** The core's domains. Each owns its folder, its tables and its handlers. */
const domains = ['app', 'library', 'providers', 'jobs', 'secrets'];
/**
 * What another domain may import at runtime: the module that builds the domain and answers for it.
 * Anything else of a domain is its own business; other domains may still import its types.
 */
const publicFaces: Record<string, string> = {
  app: `${core}/app/handlers`,
  library: `${core}/library/library`,
  providers: `${core}/providers/providers`,
  jobs: `${core}/jobs/engine`,
  secrets: `${core}/secrets/create-secret-store`,
};
const domainOf = (path: string) => domains.find((domain) => path.startsWith(`${core}/${domain}/`));
const withoutExtension = (path: string) => path.replace(/\.(ts|tsx)$/, '');

describe('import layering', () => {
  it('finds imports in the forms the code uses (guards the scanner itself)', () => {
    expect(importsOf('electron/main.ts')).toContain('electron');
    expect(importsOf('electron/preload.ts')).toContain('electron');
    expect(importsWithKinds('electron/core/jobs/engine.ts')).toEqual(
      expect.arrayContaining([
        { spec: '../library/library', typeOnly: true },
        { spec: '../providers/providers', typeOnly: false },
      ]),
    );
  });

  it('nothing under electron/core imports electron', () => {
    const offenders = sourceFiles('electron/core').filter((file) =>
      importsOf(file).some((spec) => spec === 'electron' || spec.startsWith('electron/')),
    );
    expect(offenders).toEqual([]);
  });

  it('electron/core does not reach up into the shell, the harness, the renderer or the CLI', () => {
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

  it('the harness and the page helpers never import electron: `atelier serve` runs them under plain Node', () => {
    const offenders = [...sourceFiles('electron/harness'), ...sourceFiles('electron/page')].filter((file) =>
      importsOf(file).some((spec) => spec === 'electron' || spec.startsWith('electron/')),
    );
    expect(offenders).toEqual([]);
  });

  it('the harness imports only the core, shared, electron/page and itself; electron/page imports none of them', () => {
    const allowed = (file: string, target: string) =>
      file.startsWith('electron/page')
        ? target.startsWith('electron/page')
        : ['electron/harness', 'electron/page', core, 'shared'].some((layer) => target.startsWith(layer));
    const offenders = [...sourceFiles('electron/harness'), ...sourceFiles('electron/page')].flatMap((file) =>
      localTargets(file)
        .filter((target) => !allowed(file, target))
        .map((target) => `${file} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('inside the core, db/ and http/ import no domain', () => {
    const offenders = [...sourceFiles(`${core}/db`), ...sourceFiles(`${core}/http`)].flatMap((file) =>
      localTargets(file)
        .filter((target) => domainOf(`${target}/`) !== undefined || domainOf(target) !== undefined)
        .map((target) => `${file} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it("a domain imports another domain's public face only (its types from anywhere)", () => {
    const offenders = domains.flatMap((domain) =>
      sourceFiles(`${core}/${domain}`).flatMap((file) =>
        localTargets(file, (entry) => !entry.typeOnly)
          .filter((target) => {
            const other = domainOf(target);
            return other !== undefined && other !== domain && withoutExtension(target) !== publicFaces[other];
          })
          .map((target) => `${file} → ${target}`),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('every public face exists', () => {
    for (const face of Object.values(publicFaces)) expect(statSync(join(root, `${face}.ts`)).isFile(), face).toBe(true);
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
