// Looking after the library through `atelier serve`: the trash view (browse, restore, delete for good,
// empty with a confirmation), in English and Chinese. Screenshots go to test-results/screens/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, test } from './fixtures';
import { atelierCli } from './cli';

/** Real images imported through the real CLI into the library the server has open. */
async function importImages(libraryDir: string, count: number): Promise<Array<{ id: string; sha256: string }>> {
  const folder = mkdtempSync(join(tmpdir(), 'atelier-care-src-'));
  for (let index = 0; index < count; index++) {
    const background = { r: (index * 70) % 255, g: 90 + index * 20, b: 200 - index * 30 };
    writeFileSync(
      join(folder, `picture-${index}.png`),
      await sharp({ create: { width: 300, height: 200, channels: 3, background } })
        .png()
        .toBuffer(),
    );
  }
  return atelierCli(libraryDir, 'library', 'import', folder).imported as Array<{ id: string; sha256: string }>;
}

/** Generated images with a provider and a price, as paid jobs would leave them (add-priced-images.ts). */
function addPricedImages(
  libraryDir: string,
  entries: Array<{ provider: string; costUsd: number | null; prompt: string }>,
): void {
  // A minute apart and in order, the last one newest, all within this month.
  const start = Date.now() - entries.length * 60_000;
  const dated = entries.map((entry, index) => ({ ...entry, at: new Date(start + index * 60_000).toISOString() }));
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'test/e2e/add-priced-images.ts', libraryDir, JSON.stringify(dated)],
    { encoding: 'utf8' },
  );
}

/** How many originals are on the disk (deleting for good must remove them, trashing must not). */
function originalsOnDisk(libraryDir: string): number {
  const root = join(libraryDir, 'originals');
  return readdirSync(root).reduce((sum, folder) => sum + readdirSync(join(root, folder)).length, 0);
}

test('the trash: browse, restore, delete for good after a confirmation, empty it', async ({ page, atelier }) => {
  await importImages(atelier.libraryDir, 4);
  await page.goto(atelier.url);
  await page.getByTestId('nav-gallery').click();
  const items = page.getByTestId('gallery-item');
  await expect(items).toHaveCount(4);

  // An empty trash says so, and offers the way back.
  await page.getByTestId('gallery-trash-view').click();
  await expect(page.getByTestId('trash-empty-state')).toContainText('The trash is empty');
  await page.getByTestId('trash-back').click();
  await expect(items).toHaveCount(4);

  // Three images to the trash (Delete moves to the trash outside it); their files stay on the disk.
  for (let index = 0; index < 3; index++) {
    await items.first().click();
    await page.keyboard.press('Delete');
    await expect(items).toHaveCount(3 - index);
  }
  expect(originalsOnDisk(atelier.libraryDir)).toBe(4);

  await page.getByTestId('gallery-trash-view').click();
  await expect(page.getByTestId('gallery-trash-view')).toHaveAttribute('aria-pressed', 'true');
  await expect(items).toHaveCount(3);
  await expect(page.getByTestId('trash-restore')).toBeDisabled();

  // Restore one: it leaves the trash and is back in the gallery.
  const restored = await items.first().getAttribute('data-image-id');
  await items.first().click();
  await page.getByTestId('trash-restore').click();
  await expect(items).toHaveCount(2);

  // Delete for good asks first; Cancel keeps the image, Delete in the grid asks the same.
  await items.first().click();
  await page.getByTestId('trash-delete').click();
  await expect(page.getByRole('alertdialog')).toContainText('Delete 1 image for good?');
  await page.getByTestId('trash-confirm-cancel').click();
  await expect(items).toHaveCount(2);
  await items.first().click();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/trash-confirm.png' });
  await page.getByTestId('trash-confirm').click();
  await expect(items).toHaveCount(1);
  await expect(page.getByTestId('toast')).toContainText(/Deleted 1 image for good: .* freed\./);
  expect(originalsOnDisk(atelier.libraryDir)).toBe(3);
  await page.screenshot({ path: 'test-results/screens/trash.png' });

  // Empty the trash: the last trashed image goes, with its file.
  await page.getByTestId('trash-empty').click();
  await expect(page.getByRole('alertdialog')).toContainText('every image in the trash');
  await page.getByTestId('trash-confirm').click();
  await expect(page.getByTestId('trash-empty-state')).toBeVisible();
  expect(originalsOnDisk(atelier.libraryDir)).toBe(2);

  await page.getByTestId('trash-back').click();
  await expect(items).toHaveCount(2);
  await expect(page.locator(`[data-image-id="${restored}"]`)).toHaveCount(1);
});

test('Settings shows the library on disk, and Check and repair fixes what it found', async ({ page, atelier }) => {
  const [kept, binned] = await importImages(atelier.libraryDir, 2);
  atelierCli(atelier.libraryDir, 'library', 'delete', binned!.id);
  // A thumbnail lost behind the library's back: the check finds it, the repair remakes it.
  const thumb = join(atelier.libraryDir, 'thumbs', kept!.sha256.slice(0, 2), `${kept!.sha256}-256.webp`);
  rmSync(thumb);

  await page.goto(atelier.url);
  await page.getByTestId('nav-settings').click();
  const disk = page.getByTestId('disk-view');
  await expect(disk.getByTestId('disk-originals')).toContainText('in 2 files');
  await expect(disk.getByTestId('disk-thumbnails')).toContainText('in 3 files');
  await expect(disk.getByTestId('disk-trash')).toContainText(/1 image; emptying the trash frees \d/);
  expect(Number(await disk.getByTestId('disk-trash').getAttribute('data-bytes'))).toBeGreaterThan(0);

  await disk.getByTestId('disk-check').click();
  await expect(disk.getByTestId('disk-report')).toHaveAttribute('data-ok', 'false');
  await expect(disk.getByTestId('disk-report-missingThumbs')).toHaveText('Images without their thumbnails: 1');
  expect(existsSync(thumb)).toBe(false);

  await disk.getByTestId('disk-repair').click();
  await expect(disk.getByTestId('disk-report')).toHaveAttribute('data-ok', 'true');
  await expect(disk.getByTestId('disk-report')).toContainText('Everything is in order');
  await expect(disk.getByTestId('disk-report')).toContainText('Repaired 1 thing');
  await expect(disk.getByTestId('disk-thumbnails')).toContainText('in 4 files');
  expect(existsSync(thumb)).toBe(true);
  await disk.screenshot({ path: 'test-results/screens/disk.png' });
});

test('Settings shows this month’s spending by provider and by day, a free image as free', async ({ page, atelier }) => {
  addPricedImages(atelier.libraryDir, [
    { provider: 'openai', costUsd: 0.04, prompt: 'paid one' },
    { provider: 'openai', costUsd: 0.04, prompt: 'paid two' },
    { provider: 'fal', costUsd: null, prompt: 'no price reported' },
    { provider: 'local', costUsd: 0, prompt: 'made offline' },
  ]);
  await page.goto(atelier.url);
  await page.getByTestId('nav-settings').click();
  const spend = page.getByTestId('spend-view');
  await expect(spend.getByTestId('spend-total')).toHaveText('$0.08 · 4 images · 1 without a reported price');
  await expect(spend.locator('[data-provider="openai"]')).toHaveText(/OpenAI\s*\$0\.08\s*2 images/);
  await expect(spend.locator('[data-provider="local"]')).toContainText('free');
  await expect(spend.locator('[data-provider="local"]')).not.toContainText('$');
  await expect(spend.locator('[data-provider="fal"]')).toContainText('price not reported');
  await expect(spend.getByTestId('spend-day')).toHaveCount(1);
  await expect(spend.getByTestId('spend-day')).toContainText('$0.08');
  await spend.screenshot({ path: 'test-results/screens/spend.png' });

  // The image itself says free too, never "$0.0000".
  await page.getByTestId('nav-gallery').click();
  await page.getByTestId('gallery-item').first().click();
  await expect(page.getByTestId('image-detail')).toContainText('made offline');
  await expect(page.getByTestId('image-detail')).toContainText(/Cost\s*free/);
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the trash, disk and spend views speak Chinese', async ({ page, atelier }) => {
    await importImages(atelier.libraryDir, 1);
    await page.goto(atelier.url);
    await page.getByTestId('nav-gallery').click();
    await page.getByTestId('gallery-item').first().click();
    await page.keyboard.press('Delete');
    await page.getByTestId('gallery-trash-view').click();
    await expect(page.getByTestId('trash-empty')).toHaveText('清空回收站');
    await page.getByTestId('trash-empty').click();
    await expect(page.getByRole('alertdialog')).toContainText('要永久删除回收站里的所有图片吗');
    await page.screenshot({ path: 'test-results/screens/trash-zh-CN.png' });
    await page.getByTestId('trash-confirm').click();
    await expect(page.getByTestId('trash-empty-state')).toContainText('回收站是空的');
    addPricedImages(atelier.libraryDir, [
      { provider: 'openai', costUsd: 0.04, prompt: '付费' },
      { provider: 'local', costUsd: 0, prompt: '离线' },
    ]);
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('spend-view')).toContainText('本月花费');
    await expect(page.locator('[data-provider="local"]')).toContainText('免费');
    await expect(page.getByTestId('spend-total')).toContainText('2 张图片');
    await page.getByTestId('spend-view').screenshot({ path: 'test-results/screens/spend-zh-CN.png' });
    await expect(page.getByTestId('disk-view')).toContainText('磁盘上的图库');
    await page.getByTestId('disk-check').click();
    await expect(page.getByTestId('disk-report')).toContainText('一切正常');
    await page.getByTestId('disk-view').screenshot({ path: 'test-results/screens/disk-zh-CN.png' });
  });
});
