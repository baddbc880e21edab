// Shared by the browser benchmarks (painter, gallery-ui): the real `atelier serve` on a library folder the bench
// filled beforehand, and Debian's Chromium launched with the very flags playwright.config.ts gives the e2e tests.
// Files starting with `_` are not run by scripts/bench.mjs.
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import playwrightConfig from '../playwright.config';
import { spawnServe, stopServe } from '../test/serve-process';

export interface Served {
  /** The tokenised address `atelier serve` printed. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Starts `atelier serve --port 0` on `libraryDir` (as test/e2e/fixtures.ts does) and waits for its address. */
export async function serveLibrary(libraryDir: string): Promise<Served> {
  const served = await spawnServe(libraryDir);
  return { url: served.url, origin: served.origin, close: () => stopServe(served.process) };
}

/** Headless Chromium with playwright.config.ts's executable and flags (plus `extraArgs`), nothing else. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const { launchOptions, headless } = playwrightConfig.use ?? {};
  return chromium.launch({
    ...launchOptions,
    headless: headless ?? true,
    args: [...(launchOptions?.args ?? []), ...extraArgs],
  });
}

export const viewport = playwrightConfig.use?.viewport ?? { width: 1280, height: 800 };

/**
 * A context at the e2e tests' viewport. tsx compiles the benches with esbuild's keepNames, which wraps named
 * functions inside page.evaluate callbacks in `__name(...)`: the page gets that helper as a no-op.
 */
export async function benchContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  await context.addInitScript({ content: 'window.__name = (target) => target;' });
  return context;
}

/**
 * Live JS memory of the page after a full garbage collection: the V8 heap plus the ArrayBuffer backing stores
 * (typed arrays such as the mask and its undo tiles live there, outside the heap proper), in MB.
 */
export async function heapAfterGc(cdp: CDPSession): Promise<{ heapMb: number; buffersMb: number; totalMb: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  const mb = (bytes: number) => bytes / 1024 / 1024;
  const buffers = usage.backingStorageSize ?? 0;
  return { heapMb: mb(usage.usedSize), buffersMb: mb(buffers), totalMb: mb(usage.usedSize + buffers) };
}

/**
 * Frame times while `window.benchStep(frame)` (installed by the caller with page.evaluate) runs once per animation
 * frame for `frames` frames, measured in the page as the deltas between requestAnimationFrame callbacks; the first
 * delta, before any step, is dropped. No eval, so the app's Content-Security-Policy has nothing to refuse.
 */
export async function frameTimes(page: Page, frames: number): Promise<number[]> {
  return page.evaluate(
    (frames) =>
      new Promise<number[]>((resolve) => {
        const step = (window as unknown as { benchStep: (frame: number) => void }).benchStep;
        const deltas: number[] = [];
        let last = 0;
        let frame = 0;
        const tick = (now: number) => {
          if (last > 0) deltas.push(now - last);
          last = now;
          if (frame === frames) return resolve(deltas.slice(1));
          step(frame++);
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    frames,
  );
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One line of a bench table: the figure, its baseline from the same run, and the budget, met or missed. */
export function budgetLine(label: string, figure: string, baseline: string, budget: string, met: boolean): string[] {
  return [label, figure, baseline, budget, met ? 'met' : 'MISSED'];
}

export function printTable(title: string, rows: string[][]): void {
  const header = ['measure', 'Atelier', 'baseline (same run)', 'budget', ''];
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
}
