// The library benchmark (issue 3): the gallery page query on a 100,000-image library next to the
// same SQL run bare, and import throughput of 500 real 1024×1024 images next to a bare sharp
// thumbnail loop over the same files; and (issue 12) import of the real files in
// ../shared/corpus/real-images next to a bare sharp metadata+thumbnail loop over them, with the
// metadata readers' time per file. Run: npx tsx bench/library.ts (or npm run bench).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import type { ListFilter } from '../shared/contract/library';
import { migrations } from '../electron/core/db/migrations';
import { type Db, openDatabase } from '../electron/core/db/open';
import { createLibrary } from '../electron/core/library/library';
import { keySlotsPerMs } from '../electron/core/library/add-image';
import { buildListQuery, facetSql, planHints } from '../electron/core/library/query';
import { metadataText, readGeneration } from '../electron/core/library/metadata/read-generation';

const rowCount = Number(process.env.BENCH_ROWS ?? 100_000);
const importCount = Number(process.env.BENCH_IMPORTS ?? 500);
/** `query`, `import` or both (default): lets one part be rerun alone while tuning. */
const parts = (process.env.BENCH_PART ?? 'query,import,real').split(',');
const realImages = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'real-images');
const workDir = join(import.meta.dirname, '.work', 'library');

const words =
  'cat dog castle forest ocean portrait neon city mountain dragon robot flower sunset river winter desert galaxy garden lantern knight'.split(
    ' ',
  );
const styles = 'oil painting|watercolor|photo|cinematic|pixel art|studio lighting|isometric|anime'.split('|');
const models = ['gpt-image-1', 'flux-pro', 'flux-dev', 'sdxl', 'imagen-4', 'seedream-3', 'recraft-v3', 'ideogram-3'];
const providers = ['quickrouter', 'imagerouter', 'fal', 'replicate'];
const tagNames = Array.from({ length: 30 }, (_, index) => `tag${index}`);

// A seeded generator (mulberry32): the same library every run, with no accidental correlations.
let state = 20260301;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function pick<T>(list: T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function fillSyntheticRows(db: Db): void {
  const insert =
    db.prepare(`INSERT INTO images (pk, id, sha256, path, width, height, format, bytes, created_at, source, provider, model, prompt, params, seed, favorite, rating)
    VALUES (?, ?, ?, ?, 1024, 1024, 'png', 1500000, ?, ?, ?, ?, ?, '{"quality":"high"}', ?, ?, ?)`);
  const link = db.prepare('INSERT OR IGNORE INTO image_tags (image_id, tag_id) VALUES (?, ?)');
  // Two years of history, ending before the real sample images added afterwards.
  const start = Date.now() - rowCount * 600_000;
  db.transaction(() => {
    tagNames.forEach((name) => db.prepare('INSERT INTO tags (name) VALUES (?)').run(name));
    for (let n = 0; n < rowCount; n++) {
      const id = randomBytes(8).toString('hex');
      const sha = randomBytes(32).toString('hex');
      const createdAt = start + n * 600_000;
      const prompt = `${pick(words)} ${pick(words)} near a ${pick(words)}, ${pick(styles)}`;
      insert.run(
        createdAt * keySlotsPerMs,
        id,
        sha,
        `originals/${sha.slice(0, 2)}/${sha}.png`,
        createdAt,
        random() < 0.1 ? 'edited' : 'generated',
        pick(providers),
        pick(models),
        prompt,
        n,
        random() < 0.1 ? 1 : 0,
        Math.floor(random() * 6),
      );
      if (random() < 0.3) link.run(id, 1 + Math.floor(random() * tagNames.length));
      if (random() < 0.1) link.run(id, 1 + Math.floor(random() * tagNames.length));
    }
  })();
  db.exec('ANALYZE');
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs the two alternately, so load from other processes on the machine falls on both alike. */
function timeAlternately(ours: () => unknown, bare: () => unknown, iterations: number): [number[], number[]] {
  const samples: [number[], number[]] = [[], []];
  for (let index = 0; index < iterations; index++) {
    for (const [slot, run] of [ours, bare].entries()) {
      const started = performance.now();
      run();
      samples[slot]!.push(performance.now() - started);
    }
  }
  return samples;
}

async function makeTestImages(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  // A smooth gradient with fine noise: PNGs of about a megabyte, like real generations, and all different.
  const size = 1024;
  const base = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const offset = (y * size + x) * 3;
      base[offset] = (x / 4) & 255;
      base[offset + 1] = (y / 4) & 255;
      base[offset + 2] = ((x + y) / 8 + ((x * 31 + y * 17) % 23)) & 255;
    }
  }
  const paths: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < importCount) {
      const n = next++;
      const pixels = Buffer.from(base);
      pixels.fill(n & 255, 0, 3 * 64 * (1 + (n >> 8)));
      const image = sharp(pixels, { raw: { width: size, height: size, channels: 3 } });
      const path = join(dir, `image-${String(n).padStart(4, '0')}.${n % 2 ? 'jpg' : 'png'}`);
      await (n % 2 ? image.jpeg({ quality: 90 }) : image.png()).toFile(path);
      paths[n] = path;
    }
  };
  await Promise.all(Array.from({ length: availableParallelism() }, worker));
  return paths;
}

/** The baseline: the same two thumbnails per file, with nothing else around them, at the same concurrency. */
async function bareThumbnailLoop(paths: string[], outDir: string, concurrency: number): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const n = next++;
      const large = await sharp(await readFile(paths[n]!))
        .rotate()
        .resize(768, 768, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer();
      const small = await sharp(large)
        .resize(256, 256, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
      await Promise.all([
        writeFile(join(outDir, `${n}-768.webp`), large),
        writeFile(join(outDir, `${n}-256.webp`), small),
      ]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** p50/p95 of the gallery's page query through the library, next to the same SQL run bare. */
async function benchQuery(): Promise<string[][]> {
  const rows: string[][] = [];
  const libraryDir = join(workDir, 'big');
  mkdirSync(libraryDir);
  const db = openDatabase(join(libraryDir, 'atelier.db'), { migrations });
  const library = createLibrary({ db, libraryDir });
  const started = performance.now();
  fillSyntheticRows(db);
  const sample = await makeSample(library);
  console.error(
    `built ${rowCount} rows (+${sample} real images with thumbnails) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const firstPage = library.list({ limit: 60 });
  const filters: Array<[string, ListFilter]> = [
    ['text "cas" + model', { query: 'cas', model: 'flux-pro', limit: 60 }],
    ['text "dragon por" + provider + rating≥3', { query: 'dragon por', provider: 'fal', minRating: 3, limit: 60 }],
    ['text "neon" + tag', { query: 'neon', tag: 'tag4', limit: 60 }],
    [
      'text "sun" + favourite, page 3',
      {
        query: 'sun',
        favorite: true,
        limit: 60,
        after: pageCursor(library, { query: 'sun', favorite: true, limit: 60 }, 2),
      },
    ],
    [
      'text "castle dragon knight" + model + rating 5 (rare)',
      { query: 'castle dragon knight', model: 'sdxl', minRating: 5, limit: 60 },
    ],
    ['text "city", best rated first', { query: 'city', sort: 'rating', limit: 60 }],
    ['no filter, newest, page 50', { limit: 60, after: pageCursor(library, { limit: 60 }, 49) }],
    [
      'provider + model + tag + rating≥2 + source + 90 days',
      {
        provider: 'fal',
        model: 'sdxl',
        tag: 'tag7',
        minRating: 2,
        source: 'generated',
        createdFrom: new Date(Date.now() - 200 * 86_400_000).toISOString(),
        createdTo: new Date(Date.now() - 110 * 86_400_000).toISOString(),
        limit: 60,
      },
    ],
  ];
  for (const [label, filter] of filters) {
    const query = buildListQuery(filter, planHints(library.context, filter));
    const bare = db.prepare(query.sql);
    timeAlternately(
      () => library.list(filter),
      () => bare.all(...query.params),
      20,
    );
    const [ours, raw] = timeAlternately(
      () => library.list(filter),
      () => bare.all(...query.params),
      300,
    );
    rows.push([
      `page query: ${label}`,
      `${percentile(ours, 50).toFixed(2)} / ${percentile(ours, 95).toFixed(2)} ms`,
      `${percentile(raw, 50).toFixed(2)} / ${percentile(raw, 95).toFixed(2)} ms`,
      (percentile(ours, 95) / percentile(raw, 95)).toFixed(2),
    ]);
  }
  // The filter menus' counts (issue 14): every facet through the library, next to the same reads run bare.
  const values = db.prepare(facetSql.values);
  const tags = db.prepare(facetSql.tags);
  const runBareFacets = () => {
    for (const facet of ['model', 'provider', 'source', 'rating', 'favorite']) values.all(facet);
    tags.all();
  };
  timeAlternately(() => library.facets(), runBareFacets, 20);
  const [ours, raw] = timeAlternately(() => library.facets(), runBareFacets, 300);
  rows.push([
    'facet counts: model, provider, tag, source, rating, favourite',
    `${percentile(ours, 50).toFixed(2)} / ${percentile(ours, 95).toFixed(2)} ms`,
    `${percentile(raw, 50).toFixed(2)} / ${percentile(raw, 95).toFixed(2)} ms`,
    (percentile(ours, 95) / percentile(raw, 95)).toFixed(2),
  ]);
  if (firstPage.images.length !== 60) throw new Error('the synthetic library gave a short first page');
  db.close();
  return rows;
}

/** Import throughput against a bare sharp thumbnail loop over the same files. */
async function benchImport(): Promise<string[]> {
  const paths = await makeTestImages(join(workDir, 'inbox'));
  const concurrency = 2;
  let started = performance.now();
  await bareThumbnailLoop(paths, join(workDir, 'bare-thumbs'), concurrency);
  const bareSeconds = (performance.now() - started) / 1000;
  const importDir = join(workDir, 'import');
  mkdirSync(importDir);
  const importDb = openDatabase(join(importDir, 'atelier.db'), { migrations });
  const importLibrary = createLibrary({ db: importDb, libraryDir: importDir });
  started = performance.now();
  const result = await importLibrary.import(paths);
  const importSeconds = (performance.now() - started) / 1000;
  importDb.close();
  if (result.imported.length !== paths.length)
    throw new Error(`only ${result.imported.length} of ${paths.length} imported: ${JSON.stringify(result.refused[0])}`);
  return [
    `import ${paths.length} × 1024² (PNG+JPEG) vs bare loop ${concurrency} at a time`,
    `${(paths.length / importSeconds).toFixed(1)} images/s`,
    `${(paths.length / bareSeconds).toFixed(1)} images/s`,
    (paths.length / importSeconds / (paths.length / bareSeconds)).toFixed(2),
  ];
}

/** The real-images folder's files, sorted, with nothing skipped by name (the SOURCES.md note aside). */
function realFiles(): string[] {
  return readdirSync(realImages, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== 'SOURCES.md')
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Real files from other tools: import throughput next to a bare loop (sharp's metadata, then the two
 * thumbnails; a file sharp cannot read is simply skipped), and the metadata readers' cost per file.
 */
async function benchRealImages(): Promise<string[][]> {
  if (!existsSync(realImages)) return [];
  const paths = realFiles();
  const concurrency = 2;
  let next = 0;
  let started = performance.now();
  const bare = async () => {
    while (next < paths.length) {
      const bytes = await readFile(paths[next++]!);
      try {
        await sharp(bytes).metadata();
        const large = await sharp(bytes)
          .rotate()
          .resize(768, 768, { fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 82 })
          .toBuffer();
        await sharp(large).resize(256, 256, { fit: 'inside' }).webp({ quality: 80 }).toBuffer();
      } catch {
        // A broken file costs the bare loop only its failed decode.
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, bare));
  const bareSeconds = (performance.now() - started) / 1000;
  const dir = join(workDir, 'real');
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(join(dir, 'atelier.db'), { migrations });
  const library = createLibrary({ db, libraryDir: dir });
  started = performance.now();
  const result = await library.import([realImages]);
  const importSeconds = (performance.now() - started) / 1000;
  db.close();
  const parse: number[] = [];
  for (const path of paths) {
    const bytes = await readFile(path);
    const at = performance.now();
    readGeneration(metadataText(bytes));
    parse.push(performance.now() - at);
  }
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  return [
    [
      `import real-images (${paths.length} files: ${result.imported.length} in, ${result.refused.length} refused) vs bare metadata+thumbnail loop`,
      `${(paths.length / importSeconds).toFixed(1)} files/s`,
      `${(paths.length / bareSeconds).toFixed(1)} files/s`,
      (bareSeconds / importSeconds).toFixed(2),
    ],
    [
      'metadata parse per real file (all readers)',
      `${ms(percentile(parse, 50))} / ${ms(percentile(parse, 95))}`,
      '-',
      '-',
    ],
  ];
}

async function main(): Promise<void> {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const rows: string[][] = [];
  if (parts.includes('query')) rows.push(...(await benchQuery()));
  if (parts.includes('import')) rows.push(await benchImport());
  if (parts.includes('real')) rows.push(...(await benchRealImages()));

  const header = ['measure', 'Atelier (p50 / p95)', 'bare baseline (p50 / p95)', 'ratio'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(
    `\nLibrary benchmark: ${rowCount.toLocaleString('en')} rows, ${availableParallelism()} cores, sharp concurrency ${sharp.concurrency()}`,
  );
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
  console.log(
    'Page-query ratio is p95 against p95 (target ≤ 2, p95 < 15 ms); import ratio is throughput against throughput (target ≥ 0.8; real images ≥ 1.0).',
  );
  rmSync(workDir, { recursive: true, force: true });
}

/** Real images with real thumbnails among the synthetic rows, so the sample the gallery shows first is genuine. */
async function makeSample(library: ReturnType<typeof createLibrary>): Promise<number> {
  const count = 60;
  for (let n = 0; n < count; n++) {
    const bytes = await sharp({
      create: { width: 512, height: 512, channels: 3, background: { r: n * 4, g: 128, b: 255 - n * 4 } },
    })
      .png()
      .toBuffer();
    await library.addImage({
      bytes,
      source: 'generated',
      model: 'flux-pro',
      provider: 'fal',
      prompt: `castle sample ${n}`,
    });
  }
  return count;
}

function pageCursor(library: ReturnType<typeof createLibrary>, filter: ListFilter, pages: number): string {
  let cursor: string | undefined;
  for (let page = 0; page < pages; page++) cursor = library.list({ ...filter, after: cursor }).next ?? cursor;
  if (!cursor) throw new Error('not enough pages for the benchmark');
  return cursor;
}

await main();
