import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

function cli(libraryDir: string, ...args: string[]): any {
  return JSON.parse(
    execFileSync(process.execPath, ['bin/atelier.mjs', ...args, '--library', libraryDir, '--json'], {
      encoding: 'utf8',
    }),
  );
}

/** Share of canvas pixels whose mask overlay is more opaque than `above` (read back from the real canvas). */
async function maskedShare(page: Page, above = 0): Promise<number> {
  return page.getByTestId('editor-canvas').evaluate((canvas: HTMLCanvasElement, threshold) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let index = 3; index < data.length; index += 4) if (data[index]! > threshold) painted++;
    return painted / (canvas.width * canvas.height);
  }, above);
}

async function dragOnCanvas(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const box = (await page.getByTestId('editor-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 8 });
  await page.mouse.up();
}

test('paint a mask with every tool, undo and redo it, edit with the local model, compare, keep editing', async ({
  page,
  atelier,
}) => {
  const folder = mkdtempSync(join(tmpdir(), 'atelier-editor-'));
  const original = join(folder, 'meadow.png');
  await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 40, g: 160, b: 90 } } })
    .png()
    .toFile(original);
  const imported = cli(atelier.libraryDir, 'library', 'import', original).imported[0];

  await page.goto(atelier.url);
  await page.getByTestId('nav-gallery').click();
  await page.locator(`[data-image-id="${imported.id}"]`).click();
  await page.getByTestId('detail-edit').click();
  await expect(page.getByTestId('nav-editor')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('editor-canvas')).toHaveAttribute('width', '400');

  await page.getByTestId('tool-brush').click();
  await dragOnCanvas(page, [0.1, 0.5], [0.4, 0.5]);
  const afterStroke = await maskedShare(page);
  expect(afterStroke).toBeGreaterThan(0.01);
  await page.getByTestId('undo').click();
  expect(await maskedShare(page)).toBe(0);
  await page.keyboard.press('Control+Shift+Z');
  expect(await maskedShare(page)).toBeCloseTo(afterStroke, 5);

  await page.getByTestId('tool-eraser').click();
  await dragOnCanvas(page, [0.1, 0.5], [0.4, 0.5]);
  // The same feathered brush leaves at most a faint fringe; nothing of the stroke's core remains.
  expect(await maskedShare(page, 64)).toBeLessThan(afterStroke / 20);

  await page.getByTestId('mask-clear').click();
  await page.keyboard.press('r');
  await expect(page.getByTestId('tool-rect')).toHaveAttribute('aria-pressed', 'true');
  await dragOnCanvas(page, [0.5, 0.5], [1, 1]);
  expect(await maskedShare(page)).toBeCloseTo(0.25, 1);
  await page.getByTestId('mask-invert').click();
  expect(await maskedShare(page)).toBeCloseTo(0.75, 1);
  await page.getByTestId('undo').click();
  expect(await maskedShare(page)).toBeCloseTo(0.25, 1);

  await page.getByTestId('tool-lasso').click();
  await dragOnCanvas(page, [0.05, 0.05], [0.3, 0.3]);
  await page.screenshot({ path: 'test-results/screens/editor-mask.png' });

  await page.getByTestId('mask-clear').click();
  await page.getByTestId('tool-rect').click();
  await dragOnCanvas(page, [0.5, 0.5], [1, 1]);
  await page.getByTestId('prompt-input').fill('a field of poppies');
  await page.getByTestId('edit-submit').click();
  await expect(page.getByTestId('job-item')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('compare-view')).toBeVisible();
  for (const mode of ['side-by-side', 'blink', 'difference', 'split']) {
    await page.getByTestId('compare-mode').selectOption(mode);
    await expect(page.getByTestId('compare-view')).toHaveAttribute('data-mode', mode);
  }
  await page.screenshot({ path: 'test-results/screens/editor-compare.png' });

  const resultId = await page.getByTestId('job-item').getByTestId('job-image').first().getAttribute('data-image-id');
  const result = cli(atelier.libraryDir, 'library', 'show', resultId!);
  expect(result.source).toBe('edited');
  expect(result.parentId).toBe(imported.id);
  expect([result.width, result.height]).toEqual([400, 300]);

  // The local provider changes only the masked quarter: the top-left stays the meadow green.
  const pixels = await sharp(result.path).removeAlpha().raw().toBuffer();
  const at = (x: number, y: number) => [...pixels.subarray((y * 400 + x) * 3, (y * 400 + x) * 3 + 3)];
  expect(at(20, 20)).toEqual([40, 160, 90]);
  expect(at(380, 280)).not.toEqual([40, 160, 90]);

  await page.getByTestId('keep-editing').click();
  expect(await maskedShare(page)).toBe(0);
  await expect(page.getByTestId('compare-view')).toHaveCount(0);
});

test('a file from the desktop opens in the editor; a file that is not an image is refused by name', async ({
  page,
  atelier,
}) => {
  const folder = mkdtempSync(join(tmpdir(), 'atelier-editor-files-'));
  const picture = join(folder, 'portrait.webp');
  await sharp({ create: { width: 240, height: 320, channels: 3, background: '#884422' } })
    .webp()
    .toFile(picture);
  const notes = join(folder, 'notes.txt');
  writeFileSync(notes, 'not a picture');

  await page.goto(atelier.url);
  await page.getByTestId('nav-editor').click();
  await page.getByTestId('editor-file-input').setInputFiles(notes);
  await expect(page.getByTestId('error-banner')).toContainText('notes.txt');
  await page.getByTestId('editor-file-input').setInputFiles(picture);
  await expect(page.getByTestId('editor-canvas')).toHaveAttribute('height', '320');
  await expect(page.getByText('portrait.webp')).toBeVisible();
});
