import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { atelierCli } from './cli';

/** Images imported through the real CLI; every third one is half transparent. */
async function importImages(libraryDir: string, count: number): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'atelier-shortcuts-src-'));
  for (let index = 0; index < count; index++) {
    await sharp({
      create: {
        width: 240,
        height: 160,
        channels: 4,
        background: { r: (index * 40) % 255, g: 90, b: 160, alpha: index % 3 === 0 ? 0.3 : 1 },
      },
    })
      .png()
      .toFile(join(folder, `picture-${index}.png`));
  }
  atelierCli(libraryDir, 'library', 'import', folder);
}

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

test('? lists the keys of the view it is pressed in; Tab stays inside; Esc closes and gives the focus back', async ({
  page,
  atelier,
}) => {
  await importImages(atelier.libraryDir, 3);
  await page.goto(atelier.url);
  await page.getByTestId('nav-gallery').click();
  await page.getByTestId('gallery-item').first().click();
  await page.keyboard.press('?');
  const overlay = page.getByTestId('shortcut-overlay');
  await expect(overlay).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expect(overlay.locator('[data-does="selectAll"]')).toContainText('Select every loaded image');
  await expect(overlay.locator('[data-does="switchView"]')).toBeVisible();
  await expect(overlay.locator('[data-does="brush"]')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/shortcuts-gallery.png' });
  // A key behind the dialog does nothing: F would have made the image a favourite.
  await page.keyboard.press('f');
  for (let step = 0; step < 4; step++) {
    await page.keyboard.press('Tab');
    expect(await overlay.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(overlay).toHaveCount(0);
  await expect(page.getByTestId('detail-favorite')).toHaveAttribute('aria-pressed', 'false');
  expect(await focusedTestId(page)).toBe('gallery-item');

  // The status bar's button opens it too, in every view; the editor's list is the editor's keys.
  await page.getByTestId('nav-editor').click();
  await page.getByTestId('shortcuts-button').click();
  await expect(overlay.locator('[data-does="brush"]')).toContainText('B');
  await expect(overlay.locator('[data-does="undo"]')).toContainText('Ctrl');
  await expect(overlay.locator('[data-does="selectAll"]')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/shortcuts-editor.png' });
  await page.getByTestId('shortcut-overlay-close').click();
  await expect(overlay).toHaveCount(0);
  // Typed into the prompt, ? is a character, not a shortcut.
  await page.getByTestId('nav-generate').click();
  await page.getByTestId('prompt-input').pressSequentially('why?');
  await expect(page.getByTestId('prompt-input')).toHaveValue('why?');
  await expect(overlay).toHaveCount(0);
});

test('empty states offer their action, the no-match state spans the gallery, and Import is reached with Tab', async ({
  page,
  atelier,
}) => {
  await page.goto(atelier.url);
  await page.getByTestId('nav-gallery').click();
  const empty = page.getByTestId('gallery-empty');
  await expect(empty.getByTestId('gallery-empty-import')).toHaveText('Import images…');
  await page.screenshot({ path: 'test-results/screens/gallery-empty-actions.png' });
  await empty.getByTestId('gallery-empty-generate').click();
  await expect(page.getByTestId('nav-generate')).toHaveAttribute('aria-current', 'page');

  await importImages(atelier.libraryDir, 2);
  await page.getByTestId('nav-gallery').click();
  await page.getByTestId('gallery-trash-view').focus();
  await page.keyboard.press('Tab');
  expect(await focusedTestId(page)).toBe('gallery-import');

  await page.getByTestId('gallery-search').fill('nothing like this');
  const noMatch = page.getByTestId('gallery-no-match');
  await expect(noMatch).toBeVisible();
  const gallery = await page.locator('.gallery-body').boundingBox();
  const box = await noMatch.boundingBox();
  // It fills the grid's column (the detail column beside it), not a 260 px strip.
  expect(box!.width).toBeGreaterThan(gallery!.width - 360);
  await page.screenshot({ path: 'test-results/screens/gallery-no-match.png' });
  await noMatch.getByTestId('gallery-clear-filters').click();
  await expect(page.getByTestId('gallery-item')).toHaveCount(2);
  await expect(page.getByTestId('gallery-search')).toHaveValue('');
});

test('the grid is one tab stop with arrows inside; ratings are named; a finished job is announced', async ({
  page,
  atelier,
}) => {
  await importImages(atelier.libraryDir, 6);
  await page.goto(atelier.url);
  await page.getByTestId('nav-gallery').click();
  const items = page.getByTestId('gallery-item');
  await expect(items).toHaveCount(6);
  await expect(page.locator('[data-testid="gallery-item"][tabindex="0"]')).toHaveCount(1);

  await page.getByTestId('gallery-import').focus();
  await page.keyboard.press('Tab');
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(items.nth(1)).toBeFocused();
  await expect(items.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(items.nth(5)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(items.nth(0)).toBeFocused();
  // One Tab leaves the grid for the detail panel, whatever number of images it holds.
  await page.keyboard.press('Tab');
  expect(await page.getByTestId('gallery-grid').evaluate((grid) => grid.contains(document.activeElement))).toBe(false);
  expect(await page.getByTestId('image-detail').evaluate((panel) => panel.contains(document.activeElement))).toBe(true);

  await page.getByRole('radio', { name: '3 stars' }).click();
  await expect(page.getByRole('radio', { name: '3 stars' })).toHaveAttribute('aria-checked', 'true');

  await page.getByTestId('nav-generate').click();
  await page.getByTestId('prompt-input').fill('a quiet harbour');
  await page.getByTestId('generate-button').click();
  await expect(page.getByTestId('job-item').first()).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'finished: 1 image' })).toHaveCount(1);
});

test('gallery layout: tiles stay put when the detail opens or a second image is picked; whole images or squares, size remembered', async ({
  page,
  atelier,
}) => {
  await importImages(atelier.libraryDir, 14);
  await page.goto(atelier.url);
  await page.getByTestId('nav-gallery').click();
  const items = page.getByTestId('gallery-item');
  await expect(items).toHaveCount(14);
  const third = items.nth(2);
  const before = await third.boundingBox();
  await third.click();
  await expect(page.getByTestId('image-detail')).toBeVisible();
  expect(await third.boundingBox()).toEqual(before);
  await items.nth(4).click({ modifiers: ['ControlOrMeta'] });
  await expect(page.getByTestId('gallery-selection-bar')).toBeVisible();
  expect(await third.boundingBox()).toEqual(before);
  expect(await items.nth(4).boundingBox()).not.toBeNull();
  await page.screenshot({ path: 'test-results/screens/gallery-layout.png' });

  // Transparent pixels sit on a checkerboard.
  expect(await third.evaluate((element) => getComputedStyle(element).backgroundImage)).toContain('conic-gradient');

  // Whole images by default, at their own 3:2 ratio; the slider sets the row height.
  const ratio = async () => {
    const box = (await items.first().boundingBox())!;
    return box.width / box.height;
  };
  expect(await ratio()).toBeCloseTo(1.5, 1);
  await page.getByTestId('tile-size').fill('256');
  // Rows end where their height comes nearest the slider's: three 3:2 images 174 px high, or two 264 px high.
  await expect.poll(async () => (await items.first().boundingBox())!.height).toBeGreaterThan(200);
  await expect.poll(async () => (await items.first().boundingBox())!.height).toBeLessThanOrEqual(280);
  expect(await ratio()).toBeCloseTo(1.5, 1);
  await page.screenshot({ path: 'test-results/screens/gallery-justified.png' });
  await page.getByTestId('gallery-layout').selectOption('square');
  await expect.poll(async () => (await items.first().boundingBox())!.width).toBe(256);
  await page.reload();
  await page.getByTestId('nav-gallery').click();
  await expect(page.getByTestId('tile-size')).toHaveValue('256');
  await expect(page.getByTestId('gallery-layout')).toHaveValue('square');
  await expect.poll(async () => (await items.first().boundingBox())!.width).toBe(256);
  await page.screenshot({ path: 'test-results/screens/gallery-tile-256.png' });
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the shortcut list, empty state and rating names speak Chinese', async ({ page, atelier }) => {
    await page.goto(atelier.url);
    await page.getByTestId('nav-gallery').click();
    await expect(page.getByTestId('gallery-empty-generate')).toHaveText('生成一张图片');
    await expect(page.getByTestId('gallery-empty-import')).toHaveText('导入图片…');
    await page.screenshot({ path: 'test-results/screens/gallery-empty-zh-CN.png' });
    await importImages(atelier.libraryDir, 2);
    await page.getByTestId('nav-generate').click();
    await page.getByTestId('nav-gallery').click();
    await page.getByTestId('gallery-item').first().click();
    await expect(page.getByRole('radio', { name: '4 星' })).toBeVisible();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: '键盘快捷键' })).toBeVisible();
    await expect(page.getByTestId('shortcut-overlay').locator('[data-does="selectAll"]')).toContainText(
      '选择所有已加载的图片',
    );
    await expect(page.getByTestId('shortcut-overlay').locator('[data-does="pickOne"]')).toContainText('单击');
    await page.screenshot({ path: 'test-results/screens/shortcuts-gallery-zh-CN.png' });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('shortcut-overlay')).toHaveCount(0);
  });
});
