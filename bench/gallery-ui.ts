// The gallery UI benchmark (issue 14, point 15): a 100,000-image library with real thumbnails in the gallery of the
// real `atelier serve`, in headless Chromium, each figure beside a baseline from the same run:
// - opening the gallery to the first screen of loaded thumbnails (< 300 ms), beside a bare CSS grid of the same
//   thumbnail URLs filling the same box;
// - scrolling, p95 frame within 1.1× of that bare grid scrolled the same way (each run in a fresh browser context,
//   so both fetch and decode every thumbnail they show);
// - search as you type, from the last key to the grid showing the matches (< 100 ms, any debounce included),
//   beside the same library.list call through the page's bridge;
// - renderer memory after scrolling 10,000 rows (< 300 MB), beside the same page at its first screen.
// The library: a few hundred distinct images imported for real (originals and thumbnails made by the library),
// then 100,000 rows sharing their files, inserted in one transaction as bench/library.ts does.
// Run: npm run bench gallery-ui (or npx tsx bench/gallery-ui.ts).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { migrations } from '../electron/core/db/migrations';
import { openDatabase } from '../electron/core/db/open';
import { keySlotsPerMs } from '../electron/core/library/add-image';
import { createLibrary } from '../electron/core/library/library';
import {
  benchContext,
  budgetLine,
  frameTimes,
  heapAfterGc,
  launchChromium,
  percentile,
  printTable,
  type Served,
  serveLibrary,
} from './_serve';

const rowCount = Number(process.env.BENCH_ROWS ?? 100_000);
const distinctImages = 240;
const scrollFrames = 240;
/** CSS pixels a frame: a brisk flick, about a row every five frames. */
const scrollSpeed = 40;
const rowsToScroll = 10_000;
const searchCount = 4;
const workDir = join(import.meta.dirname, '.work', 'gallery-ui');
// At the root, as the app's index.html is: the thumbnails' relative URLs (media/<id>/thumb256) resolve alike.
const bareGridPath = '/bench-bare-grid';

const words = 'cat dog castle forest ocean portrait neon city mountain dragon robot flower sunset river'.split(' ');
const styles = 'oil painting|watercolor|photo|cinematic|pixel art|isometric|anime'.split('|');
const aspects: Array<[number, number]> = [
  [512, 512],
  [512, 288],
  [344, 512],
  [512, 344],
  [288, 512],
  [512, 384],
  [384, 512],
];

// A seeded generator (mulberry32): the same library every run.
let state = 20261202;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;

/** A distinct picture: a gradient in its own colours with fine noise, so its thumbnail is a real few-kB WebP. */
async function sampleImage(n: number): Promise<Buffer> {
  const [width, height] = aspects[n % aspects.length]!;
  const pixels = Buffer.alloc(width * height * 3);
  const [r, g, b] = [(n * 37) % 256, (n * 91) % 256, (n * 53) % 256];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 3;
      const noise = (x * 31 + y * 17 + n) % 29;
      pixels[offset] = (r + x / 3 + noise) & 255;
      pixels[offset + 1] = (g + y / 3 + noise) & 255;
      pixels[offset + 2] = (b + (x + y) / 5) & 255;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** Builds the library: real imported images, then `rowCount` rows sharing their files. */
async function buildLibrary(libraryDir: string): Promise<void> {
  mkdirSync(libraryDir, { recursive: true });
  const db = openDatabase(join(libraryDir, 'atelier.db'), { migrations });
  const library = createLibrary({ db, libraryDir });
  for (let n = 0; n < distinctImages; n++) {
    await library.addImage({ bytes: await sampleImage(n), source: 'generated', prompt: `sample ${n}` });
  }
  const samples = db.prepare('SELECT sha256, path, width, height, format, bytes FROM images').all() as Array<
    Record<string, string | number>
  >;
  db.exec('DELETE FROM images');
  const insert =
    db.prepare(`INSERT INTO images (pk, id, sha256, path, width, height, format, bytes, created_at, source, provider, model, prompt, params, seed, favorite, rating)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'generated', ?, ?, ?, '{"quality":"high"}', ?, ?, ?)`);
  const start = Date.now() - rowCount * 600_000;
  db.transaction(() => {
    for (let n = 0; n < rowCount; n++) {
      const sample = samples[Math.floor(random() * samples.length)]!;
      const createdAt = start + n * 600_000;
      insert.run(
        createdAt * keySlotsPerMs,
        randomBytes(8).toString('hex'),
        sample.sha256,
        sample.path,
        sample.width,
        sample.height,
        sample.format,
        sample.bytes,
        createdAt,
        pick(['fal', 'replicate', 'quickrouter']),
        pick(['flux-pro', 'sdxl', 'gpt-image-1']),
        `${pick(words)} ${pick(words)} near a ${pick(words)}, ${pick(styles)}`,
        n,
        random() < 0.1 ? 1 : 0,
        Math.floor(random() * 6),
      );
    }
  })();
  db.exec('ANALYZE');
  db.close();
}

/** The search words and each one's first match (newest first, as the gallery shows them). */
function searchWords(libraryDir: string): Map<string, string> {
  const db = openDatabase(join(libraryDir, 'atelier.db'), { migrations });
  const library = createLibrary({ db, libraryDir });
  const firstMatch = (query: string | undefined) => library.list({ query, sort: 'newest', limit: 120 }).images[0]?.id;
  // Only words whose last key changes what the grid shows first (no prefix of them, nor the empty box, has the same first match),
  // so the figure is the time to the result of the last key, never a result an earlier key already brought.
  const expected = new Map<string, string>();
  const candidates = [...words, ...styles.flatMap((style) => style.split(' '))];
  for (const word of new Set(candidates)) {
    const id = firstMatch(word);
    const prefixes = Array.from({ length: word.length }, (_, end) => firstMatch(word.slice(0, end) || undefined));
    if (id && !prefixes.includes(id)) expected.set(word, id);
    if (expected.size === searchCount) break;
  }
  db.close();
  if (expected.size === 0) throw new Error('no search word whose last key changes the first match');
  return expected;
}

/** The newest ids, in the gallery's order: the bare grid shows the same thumbnails. */
function newestIds(libraryDir: string, count: number): string[] {
  const db = openDatabase(join(libraryDir, 'atelier.db'), { migrations });
  const ids = (db.prepare('SELECT id FROM images ORDER BY pk DESC LIMIT ?').all(count) as Array<{ id: string }>).map(
    (row) => row.id,
  );
  db.close();
  return ids;
}

/** A fresh context (empty cache) holding the server's token cookie, as the app page would have set it. */
async function freshContext(browser: Browser, served: Served): Promise<BrowserContext> {
  const context = await benchContext(browser);
  const token = new URLSearchParams(new URL(served.url).hash.slice(1)).get('token')!;
  const port = new URL(served.url).port;
  await context.addCookies([{ name: `atelier_token_${port}`, value: encodeURIComponent(token), url: served.origin }]);
  return context;
}

/**
 * Resolves, in the page, when every thumbnail inside `scroller`'s box has loaded and the box is full of tiles;
 * returns the time since `started` (performance.now() in the page).
 */
const waitFirstScreen = `(scrollerSelector, started) => new Promise((resolve, reject) => {
  const check = () => {
    const scroller = document.querySelector(scrollerSelector);
    const images = scroller ? [...scroller.querySelectorAll('img')] : [];
    if (performance.now() - started > 20000) {
      const broken = images.filter((image) => image.complete && image.naturalWidth === 0).length;
      const pending = images.filter((image) => !image.complete).length;
      return reject(new Error('no first screen of thumbnails in 20 s: ' + images.length + ' images, ' + broken + ' broken, ' + pending + ' loading'));
    }
    if (scroller && images.length > 0) {
      const box = scroller.getBoundingClientRect();
      const shown = images.filter((image) => {
        const rect = image.getBoundingClientRect();
        return rect.bottom > box.top && rect.top < box.bottom && rect.width > 0;
      });
      const lowest = Math.max(...shown.map((image) => image.getBoundingClientRect().bottom));
      if (shown.length > 0 && lowest >= box.bottom - 1 && shown.every((image) => image.complete && image.naturalWidth > 0))
        return resolve(performance.now() - started);
    }
    requestAnimationFrame(check);
  };
  check();
})`;

/** Opens the app (Generate is the first view), then times Gallery's nav button to its first screen. */
async function openGallery(context: BrowserContext, served: Served): Promise<{ page: Page; ms: number }> {
  const page = await context.newPage();
  await page.goto(served.url);
  await page.getByTestId('nav-gallery').waitFor();
  await page.evaluate(`window.waitFirstScreen = ${waitFirstScreen}`);
  const ms = await page.evaluate(() => {
    const started = performance.now();
    document.querySelector<HTMLElement>('[data-testid="nav-gallery"]')!.click();
    const wait = (window as unknown as { waitFirstScreen: (s: string, t: number) => Promise<number> }).waitFirstScreen;
    return wait('[data-testid="gallery-grid"]', started);
  });
  return { page, ms };
}

/** The bare grid: the same thumbnails as plain <img> tiles in a CSS grid of the gallery's box; times its first screen. */
async function openBareGrid(
  context: BrowserContext,
  served: Served,
  ids: string[],
  box: { width: number; height: number },
  tileSize: number,
): Promise<{ page: Page; ms: number }> {
  await context.route(`${served.origin}${bareGridPath}`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><style>body{margin:0}
        .bare-grid{width:${box.width}px;height:${box.height}px;overflow-y:auto;display:grid;gap:8px;align-content:start;
        grid-template-columns:repeat(auto-fill,${tileSize}px)}
        .bare-grid img{width:${tileSize}px;height:${tileSize}px;object-fit:cover;display:block}</style>
        <div class="bare-grid"></div>`,
    }),
  );
  const page = await context.newPage();
  let refusals = 0;
  page.on('response', (response) => {
    if (response.status() >= 400 && refusals++ === 0)
      console.error(`  bare grid: ${response.url()} answered ${response.status()}`);
  });
  await page.goto(`${served.origin}${bareGridPath}`);
  await page.evaluate(`window.waitFirstScreen = ${waitFirstScreen}`);
  const ms = await page.evaluate((ids) => {
    const started = performance.now();
    const grid = document.querySelector('.bare-grid')!;
    for (const id of ids) {
      const image = document.createElement('img');
      image.src = `media/${id}/thumb256`;
      image.loading = 'lazy';
      image.alt = '';
      grid.append(image);
    }
    const wait = (window as unknown as { waitFirstScreen: (s: string, t: number) => Promise<number> }).waitFirstScreen;
    return wait('.bare-grid', started);
  }, ids);
  return { page, ms };
}

/** Frame times while `selector` scrolls down `scrollSpeed` pixels a frame. */
async function scrollFrameTimes(page: Page, selector: string): Promise<number[]> {
  await page.evaluate(
    ({ selector, speed }) => {
      const scroller = document.querySelector(selector)!;
      (window as unknown as { benchStep: () => void }).benchStep = () => {
        scroller.scrollTop += speed;
      };
    },
    { selector, speed: scrollSpeed },
  );
  return frameTimes(page, scrollFrames);
}

/** Time from the last key of `word` (typed at 80 ms a key) until the grid's first tile is the expected match. */
async function timedSearch(page: Page, word: string, firstMatch: string): Promise<number> {
  const search = page.getByTestId('gallery-search');
  await search.fill('');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="gallery-item"]').length > 0);
  await search.focus();
  await page.evaluate(() => {
    const marks = window as unknown as { lastKey: number };
    document.addEventListener('keydown', () => (marks.lastKey = performance.now()), { capture: true });
  });
  await page.keyboard.type(word, { delay: 80 });
  return page.evaluate(
    (firstMatch) =>
      new Promise<number>((resolve) => {
        const check = () => {
          const first = document.querySelector<HTMLElement>('[data-testid="gallery-item"]');
          if (first?.dataset.imageId === firstMatch)
            return resolve(performance.now() - (window as unknown as { lastKey: number }).lastKey);
          requestAnimationFrame(check);
        };
        check();
      }),
    firstMatch,
  );
}

/** The baseline: the same page of matches asked through the page's bridge, with no debounce and no rendering. */
async function timedBridgeSearch(page: Page, word: string): Promise<number> {
  return page.evaluate(async (word) => {
    const bridge = (window as unknown as { atelier: { invoke(channel: string, payload: unknown): Promise<unknown> } })
      .atelier;
    const started = performance.now();
    await bridge.invoke('library.list', { query: word, sort: 'newest', limit: 120 });
    return performance.now() - started;
  }, word);
}

/** Scrolls the gallery until `rowsToScroll` rows are above the screen (or the library ends), loading pages as it goes. */
async function scrollRows(page: Page): Promise<{ passed: number; rows: number }> {
  const deadline = Date.now() + 300_000;
  let report = Date.now() + 15_000;
  let [lastPassed, lastRows, stillChecks] = [-1, -1, 0];
  for (;;) {
    // A burst of frames, each jumping to the bottom (which asks for the next page), then a look at where it got.
    const { passed, rows } = await page.evaluate(
      () =>
        new Promise<{ passed: number; rows: number }>((resolve) => {
          const scroller = document.querySelector<HTMLElement>('[data-testid="gallery-grid"]')!;
          const rowHeight = document.querySelector('[role="row"]')!.getBoundingClientRect().height + 8;
          let frames = 0;
          const step = () => {
            scroller.scrollTop = scroller.scrollHeight;
            if (++frames < 30) return requestAnimationFrame(step);
            resolve({
              passed: Math.floor(scroller.scrollTop / rowHeight),
              rows: Number(scroller.getAttribute('aria-rowcount')),
            });
          };
          step();
        }),
    );
    // A library smaller than the distance (a BENCH_ROWS run) ends when the last page is in and nothing moves.
    const atEnd = passed === lastPassed && rows === lastRows;
    if (passed >= rowsToScroll || (atEnd && ++stillChecks >= 5)) return { passed, rows };
    if (!atEnd) stillChecks = 0;
    lastPassed = passed;
    lastRows = rows;
    if (Date.now() > report) {
      console.error(`  … scrolled past ${passed} rows`);
      report = Date.now() + 15_000;
    }
    if (Date.now() > deadline) throw new Error(`the gallery got only ${passed} rows down in 5 minutes`);
  }
}

/** BENCH_KEEP=1 keeps the built library (and reuses one kept before) while tuning; the numbers are the same. */
const keep = process.env.BENCH_KEEP === '1';

async function libraryToMeasure(libraryDir: string): Promise<Map<string, string>> {
  const built = join(workDir, `built-${rowCount}`);
  if (!keep || !existsSync(built)) {
    rmSync(workDir, { recursive: true, force: true });
    await buildLibrary(libraryDir);
    if (keep) writeFileSync(built, '');
  }
  return searchWords(libraryDir);
}

async function main(): Promise<void> {
  const libraryDir = join(workDir, 'library');
  const started = performance.now();
  const expected = await libraryToMeasure(libraryDir);
  const searches = [...expected.keys()];
  const ids = newestIds(libraryDir, 2000);
  console.error(
    `built ${rowCount} rows over ${distinctImages} real images in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const served = await serveLibrary(libraryDir);
  const browser = await launchChromium();
  try {
    const open: number[] = [];
    const bareOpen: number[] = [];
    const frames: number[] = [];
    const bareFrames: number[] = [];
    let box = { width: 0, height: 0 };
    let tileSize = 176;
    for (let round = 0; round < 3; round++) {
      const appContext = await freshContext(browser, served);
      const app = await openGallery(appContext, served);
      open.push(app.ms);
      box = (await app.page.getByTestId('gallery-grid').boundingBox())!;
      tileSize = Math.round((await app.page.getByTestId('gallery-item').first().boundingBox())!.height);
      frames.push(...(await scrollFrameTimes(app.page, '[data-testid="gallery-grid"]')));
      await appContext.close();
      const bareContext = await freshContext(browser, served);
      const bare = await openBareGrid(bareContext, served, ids, box, tileSize);
      bareOpen.push(bare.ms);
      bareFrames.push(...(await scrollFrameTimes(bare.page, '.bare-grid')));
      await bareContext.close();
      console.error(
        `  round ${round + 1}: open ${app.ms.toFixed(0)} ms (bare ${bare.ms.toFixed(0)} ms), scroll p95 ${percentile(frames, 95).toFixed(1)} ms (bare ${percentile(bareFrames, 95).toFixed(1)} ms)`,
      );
    }

    const context = await freshContext(browser, served);
    const { page } = await openGallery(context, served);
    const cdp = await context.newCDPSession(page);
    const searchTimes: number[] = [];
    const bridgeTimes: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const word of searches) {
        searchTimes.push(await timedSearch(page, word, expected.get(word)!));
        bridgeTimes.push(await timedBridgeSearch(page, word));
      }
    }
    await page.getByTestId('gallery-search').fill('');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="gallery-item"]').length > 0);
    const heapFirstScreen = await heapAfterGc(cdp);
    const scrolled = await scrollRows(page);
    const heapScrolled = await heapAfterGc(cdp);
    await context.close();

    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const mb = (value: number) => `${value.toFixed(1)} MB`;
    const scrollRatio = percentile(frames, 95) / percentile(bareFrames, 95);
    printTable(
      `Gallery UI benchmark: ${rowCount.toLocaleString('en')} images (${distinctImages} distinct real thumbnails), headless Chromium through atelier serve`,
      [
        budgetLine(
          'open gallery → first screen of loaded thumbnails (3 cold runs, p50 / max)',
          `${ms(percentile(open, 50))} / ${ms(Math.max(...open))}`,
          `${ms(percentile(bareOpen, 50))} / ${ms(Math.max(...bareOpen))} (bare CSS grid)`,
          '< 300 ms',
          percentile(open, 50) < 300,
        ),
        budgetLine(
          `scroll ${scrollSpeed} px a frame (${frames.length} frames, p50 / p95)`,
          `${ms(percentile(frames, 50))} / ${ms(percentile(frames, 95))}`,
          `${ms(percentile(bareFrames, 50))} / ${ms(percentile(bareFrames, 95))} (bare CSS grid)`,
          `p95 ≤ 1.1× (${scrollRatio.toFixed(2)}×)`,
          scrollRatio <= 1.1,
        ),
        budgetLine(
          `search as you type, last key → matches shown (${searchTimes.length} runs, p50 / max)`,
          `${ms(percentile(searchTimes, 50))} / ${ms(Math.max(...searchTimes))}`,
          `${ms(percentile(bridgeTimes, 50))} / ${ms(Math.max(...bridgeTimes))} (library.list via the bridge)`,
          '< 100 ms',
          percentile(searchTimes, 50) < 100,
        ),
        budgetLine(
          `renderer JS heap + buffers after scrolling ${scrolled.passed.toLocaleString('en')} rows (${scrolled.rows} rows loaded)`,
          `${mb(heapScrolled.totalMb)} (heap ${mb(heapScrolled.heapMb)})`,
          `${mb(heapFirstScreen.totalMb)} (first screen)`,
          '< 300 MB',
          heapScrolled.totalMb < 300,
        ),
      ],
    );
    console.log('Budgets are reported, not enforced: the run fails only when it cannot measure.');
  } finally {
    await browser.close();
    await served.close();
    if (!keep) rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
