// Finding and acting on images (issue 14, points 7–9 and 11), in both languages: filters as removable chips and
// their counts, sort, tile size, every fact in the detail panel, the selection summary, bulk rate, export to a
// folder, compare two at full size, trash and restore, paste to import and a tile dragged out as a download.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';

const day = (offset: number) => new Date(Date.UTC(2026, 2, 10 + offset, 12)).toISOString();

/** Two free local images, two priced ones from another provider on later days, and one imported file. */
async function seed(libraryDir: string): Promise<void> {
  const entries = [
    { provider: 'local', costUsd: 0, at: day(0), prompt: 'a lighthouse at dawn' },
    { provider: 'local', costUsd: 0, at: day(1), prompt: 'a fox in the snow' },
    { provider: 'fal', costUsd: 0.04, at: day(5), prompt: 'a neon city street' },
    { provider: 'fal', costUsd: 0.08, at: day(9), prompt: 'a castle over the sea' },
  ];
  execFileSync(process.execPath, [
    '--import',
    'tsx',
    'test/e2e/add-priced-images.ts',
    libraryDir,
    JSON.stringify(entries),
  ]);
  const folder = mkdtempSync(join(tmpdir(), 'atelier-finding-src-'));
  await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 200, g: 90, b: 40 } } })
    .png()
    .toFile(join(folder, 'holiday-photo.png'));
  execFileSync(process.execPath, ['bin/atelier.mjs', 'library', 'import', folder, '--library', libraryDir, '--json']);
}

const items = (page: Page) => page.getByTestId('gallery-item');
const chips = (page: Page) => page.getByTestId('filter-chip');

for (const locale of ['en', 'zh-CN'] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test('filters, sort, tile size, detail facts, bulk rate/export/compare, trash and restore, paste and drag out', async ({
      page,
      atelier,
    }) => {
      await seed(atelier.libraryDir);
      await page.goto(atelier.url);
      await page.getByTestId('nav-gallery').click();
      await expect(items(page)).toHaveCount(5);

      // Each menu offers its choices with their counts.
      const provider = page.getByTestId('gallery-filter-provider');
      await expect(provider.locator('option[value="fal"]')).toHaveText(/\(2\)/);
      await expect(provider.locator('option[value="local"]')).toHaveText(/Local \(offline\) \(2\)/);
      await expect(page.getByTestId('gallery-filter-source').locator('option[value="imported"]')).toHaveText(/\(1\)/);

      // Combined: provider + date range, each a chip; removing one chip widens the result again. The first chip
      // moves nothing: the grid stays where it was under the pointer (issue 14, point 6).
      const gridTop = async () => (await page.getByTestId('gallery-grid').boundingBox())!.y;
      const gridTopBefore = await gridTop();
      await provider.selectOption('fal');
      await expect(items(page)).toHaveCount(2);
      await expect(chips(page)).toHaveCount(1);
      expect(await gridTop()).toBe(gridTopBefore);
      await page.getByTestId('gallery-filter-date-to').fill('2026-03-16');
      await expect(items(page)).toHaveCount(1);
      await expect(chips(page)).toHaveCount(2);
      await page.getByTestId('gallery-filter-date-from').fill('2026-03-12');
      await expect(chips(page)).toHaveCount(3);
      await expect(items(page)).toHaveCount(1);
      await page.screenshot({ path: `test-results/screens/gallery-filters-${locale}.png` });
      await page.locator('[data-testid="filter-chip"][data-filter="dateTo"] button').click();
      await expect(items(page)).toHaveCount(2);
      await page.getByTestId('filter-chips-clear').click();
      await expect(chips(page)).toHaveCount(0);
      await expect(items(page)).toHaveCount(5);

      // Source, then nothing matches with a provider on top: the no-match state clears everything.
      await page.getByTestId('gallery-filter-source').selectOption('imported');
      await expect(items(page)).toHaveCount(1);
      await provider.selectOption('local');
      await expect(page.getByTestId('gallery-no-match')).toBeVisible();
      await page.getByTestId('gallery-clear-filters').click();
      await expect(items(page)).toHaveCount(5);

      // Sort by cost: the dearest first.
      await page.getByTestId('gallery-sort').selectOption('cost');
      await items(page).first().click();
      await expect(page.getByTestId('detail-prompt')).toHaveText('a castle over the sea');
      await page.getByTestId('gallery-sort').selectOption('newest');

      // Tile size: the tiles follow the slider.
      const before = (await items(page).first().boundingBox())!.height;
      await page.getByTestId('tile-size').fill('320');
      await expect.poll(async () => (await items(page).first().boundingBox())!.height).toBeGreaterThan(before + 40);

      // Every fact of one image: provider by its label, model, size, cost (free said in words), created, prompt.
      await page.getByTestId('gallery-search').fill('lighthouse');
      await expect(items(page)).toHaveCount(1);
      await items(page).first().click();
      const detail = page.getByTestId('image-detail');
      await expect(detail.getByTestId('detail-fact-provider')).toContainText('Local (offline)');
      await expect(detail.getByTestId('detail-fact-model')).toContainText('local-model');
      await expect(detail.getByTestId('detail-fact-size')).toContainText('64 × 64');
      await expect(detail.getByTestId('detail-fact-cost')).not.toContainText('$0.00');
      await expect(detail.getByTestId('detail-fact-created')).toContainText('2026');
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await detail.getByTestId('copy-prompt').click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('a lighthouse at dawn');
      // The browser UI downloads the original (the desktop app reveals it in the file manager instead).
      const download = detail.getByTestId('download');
      await expect(download).toHaveAttribute('href', /media\/[0-9a-f]{16}\/original$/);
      await expect(detail.getByTestId('reveal')).toHaveCount(0);
      await expect(detail.getByTestId('open-in-editor')).toBeVisible();
      await page.getByTestId('gallery-search').fill('');
      await expect(items(page)).toHaveCount(5);

      // The imported file's detail offers its own metadata.
      await page.getByTestId('gallery-filter-source').selectOption('imported');
      await items(page).first().click();
      await expect(detail.getByTestId('detail-fact-file')).toContainText('holiday-photo.png');
      await expect(detail.getByTestId('detail-metadata')).toBeVisible();
      await page.getByTestId('filter-chip-remove').click();
      await expect(items(page)).toHaveCount(5);

      // Two picked: the panel shows the selection, the bar rates, exports and compares them.
      await page.getByTestId('gallery-sort').selectOption('cost');
      await items(page).nth(0).click();
      await items(page)
        .nth(1)
        .click({ modifiers: ['ControlOrMeta'] });
      const summary = page.getByTestId('selection-summary');
      await expect(summary).toBeVisible();
      await expect(page.getByTestId('image-detail')).toHaveCount(0);
      await expect(summary.locator('img')).toHaveCount(2);
      await expect(summary.getByTestId('selection-summary-cost')).toContainText('0.12');
      await page.getByTestId('gallery-bulk-rate').selectOption('4');
      await expect(page.getByTestId('gallery-filter-rating').locator('option[value="4"]')).toHaveText(/\(2\)/);

      const folder = mkdtempSync(join(tmpdir(), 'atelier-finding-export-'));
      await page.getByTestId('gallery-bulk-export').click();
      await page.getByTestId('gallery-export-folder').fill(folder);
      await page.getByTestId('gallery-export-confirm').click();
      await expect(page.getByTestId('export-toast')).toContainText(folder);
      // The notice stands above the selection bar, not under it.
      const toastBox = (await page.getByTestId('export-toast').boundingBox())!;
      const barBox = (await page.getByTestId('gallery-selection-bar').boundingBox())!;
      expect(toastBox.y + toastBox.height).toBeLessThanOrEqual(barBox.y);
      const written = readdirSync(folder);
      expect(written.filter((name) => name.endsWith('.json'))).toHaveLength(2);
      expect(written.filter((name) => !name.endsWith('.json'))).toHaveLength(2);

      await page.getByTestId('gallery-bulk-compare').click();
      const compare = page.getByTestId('lineage-compare-dialog');
      await expect(compare).toBeVisible();
      await page.screenshot({ path: `test-results/screens/gallery-compare-${locale}.png` });
      await page.getByTestId('lineage-compare-close').click();
      await expect(compare).toHaveCount(0);
      await page.screenshot({ path: `test-results/screens/gallery-selection-${locale}.png` });

      // Trash the two, find them in the trash view, restore them.
      await page.getByTestId('gallery-bulk-trash').click();
      await expect(items(page)).toHaveCount(3);
      await expect(provider.locator('option[value="fal"]')).toHaveCount(0);
      await page.getByTestId('gallery-trash-view').click();
      await expect(items(page)).toHaveCount(2);
      await items(page).first().click();
      await items(page)
        .nth(1)
        .click({ modifiers: ['ControlOrMeta'] });
      await page.getByTestId('trash-restore').click();
      await expect(items(page)).toHaveCount(0);
      await page.getByTestId('gallery-trash-view').click();
      await expect(items(page)).toHaveCount(5);
      await expect(provider.locator('option[value="fal"]')).toHaveText(/\(2\)/);

      // Ctrl/⌘+V of an image imports it (newest first, so it comes first).
      await page.getByTestId('gallery-sort').selectOption('newest');
      await page.evaluate(async () => {
        const canvas = document.createElement('canvas');
        canvas.width = 40;
        canvas.height = 30;
        const context = canvas.getContext('2d')!;
        context.fillStyle = '#3a8';
        context.fillRect(0, 0, 40, 30);
        const blob = await new Promise<Blob>((resolve) => canvas.toBlob((made) => resolve(made!), 'image/png'));
        const data = new DataTransfer();
        data.items.add(new File([blob], 'image.png', { type: 'image/png' }));
        window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data }));
      });
      await expect(items(page)).toHaveCount(6);

      // A tile dragged out of the browser UI carries a DownloadURL of its original.
      const dragged = await items(page)
        .first()
        .evaluate((tile) => {
          const data = new DataTransfer();
          tile.dispatchEvent(new DragEvent('dragstart', { dataTransfer: data, bubbles: true }));
          return data.getData('DownloadURL');
        });
      expect(dragged).toMatch(/^image\/png:pasted-[^:]+\.png:http:\/\/[^/]+\/media\/[0-9a-f]{16}\/original$/);
      await page.screenshot({ path: `test-results/screens/gallery-finding-${locale}.png` });
    });
  });
}
