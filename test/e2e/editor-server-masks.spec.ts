// The editor's "Done when" (issue 13), asserted where it counts: on the server. Through `atelier serve` against the
// fake provider, a stroke painted at 400 % after a pan reaches an OpenAI-compatible endpoint as a PNG mask of the
// image's size with alpha 0 exactly where the stroke was, and a FLUX-fill style model as white where painted; the
// result is staged on the canvas, accepted and edited again; the compare view runs at full size in every mode; an
// extended canvas is imported first so its edit has a parent; the gallery strip and the Editor's nav item bring
// library images in.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { startFakeProvider, type FakeProvider, type RecordedRequest } from '../fake-provider';
import { dropFiles, png } from './drop-files';
import { expect, test } from './fixtures';
import { atelierCli } from './cli';
import { addProviderInSettings } from './settings-steps';

const key = 'sk-editor-server-masks-0000';
let fake: FakeProvider;
test.beforeAll(async () => {
  fake = await startFakeProvider({ key });
});
test.afterAll(() => fake.close());

const cli = atelierCli;

const addProvider = (page: Page, preset: string, id: string) =>
  addProviderInSettings(page, { preset, id, baseUrl: fake.baseUrl, key });

async function pickModel(page: Page, providerId: string, model: string): Promise<void> {
  await page.getByTestId('provider-select').selectOption(providerId);
  // The provider's models arrive from its catalogue after the switch.
  await expect(page.getByTestId('model-select').locator(`option[value="${model}"]`)).toHaveCount(1);
  await page.getByTestId('model-select').selectOption(model);
}

/** The painted coverage (0–255) of every mask pixel, read back from the editor's overlay at full opacity. */
async function coverage(page: Page): Promise<number[]> {
  return page.getByTestId('editor-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const out: number[] = [];
    for (let index = 3; index < data.length; index += 4) out.push(data[index]!);
    return out;
  });
}

/** A screen point in the canvas's image pixels (the canvas's box is the image under the view transform). */
async function imagePoint(page: Page, point: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const canvas = page.getByTestId('editor-canvas');
  const box = (await canvas.boundingBox())!;
  const width = Number(await canvas.getAttribute('width'));
  const height = Number(await canvas.getAttribute('height'));
  return { x: ((point.x - box.x) * width) / box.width, y: ((point.y - box.y) * height) / box.height };
}

/** How many pixels two read-backs differ in (a count: a diff of 120,000 numbers would be unreadable). */
function differing(one: number[], other: number[]): number {
  let count = Math.abs(one.length - other.length);
  for (let index = 0; index < Math.min(one.length, other.length); index++) if (one[index] !== other[index]) count++;
  return count;
}

function distanceToSegment(x: number, y: number, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(x - (a.x + t * dx), y - (a.y + t * dy));
}

/** The received mask's pixels, decoded on the server's side of the wire. */
async function receivedMask(request: RecordedRequest) {
  const file = request.files!.find((entry) => entry.field === 'mask' || entry.field === 'mask[]')!;
  const meta = await sharp(file.bytes).metadata();
  const { data, info } = await sharp(file.bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { format: meta.format, width: info.width, height: info.height, data, channels: info.channels };
}

async function imageSent(request: RecordedRequest) {
  const file = request.files!.find((entry) => entry.field === 'image' || entry.field === 'image[]')!;
  return { bytes: file.bytes, ...(await sharp(file.bytes).metadata()) };
}

/**
 * Whether the core must count a pixel of the editor's mask as painted: from half coverage (128 of 255), as
 * masks.ts reads the page's greyscale PNG. Null within a step of the threshold, where the overlay read-back
 * (coverage as the canvas's alpha) may round either way.
 */
function mustBePainted(coverageValue: number): boolean | null {
  return coverageValue >= 129 ? true : coverageValue < 127 ? false : null;
}

async function waitForRequests(route: string, count: number): Promise<RecordedRequest> {
  await expect
    .poll(() => fake.requests.filter((request) => request.route === route).length, { timeout: 30_000 })
    .toBe(count);
  return fake.requests.filter((request) => request.route === route)[count - 1]!;
}

test('OpenAI edit: a stroke at 400 % after a pan arrives as alpha 0 exactly where it was; staged, accepted, edited again; compare in every mode', async ({
  page,
  atelier,
}) => {
  await page.goto(atelier.url);
  await addProvider(page, 'quickrouter', 'qr');
  await page.getByTestId('nav-editor').click();
  await dropFiles(page, 'editor-drop-zone', [{ name: 'lake.png', base64: await png(400, 300, '#3a6ea5') }]);
  await expect(page.getByTestId('editor-canvas')).toHaveAttribute('width', '400');
  // The overlay lists the keys the handler takes: = zooms in as + does, and it is used below.
  await page.getByTestId('shortcuts-button').click();
  await expect(page.getByTestId('shortcut-overlay').locator('[data-does="zoomIn"]')).toContainText('=');
  await page.getByTestId('shortcut-overlay-close').click();
  await pickModel(page, 'qr', 'gpt-image-1');
  // A hard brush, 20 image pixels wide, and the overlay at full opacity so it reads back as the mask's coverage.
  await page.getByTestId('brush-size').fill('20');
  await page.getByTestId('brush-feather').fill('0');
  await page.getByTestId('mask-overlay-opacity').fill('100');

  // 400 %, then a middle-drag pan.
  await page.locator('.mask-stage').focus();
  await page.keyboard.press('1');
  await page.keyboard.press('=');
  await page.getByTestId('zoom-in').click();
  await expect(page.getByTestId('zoom-level')).toHaveText('400 %');
  const stage = (await page.locator('.mask-stage').boundingBox())!;
  const centre = { x: stage.x + stage.width / 2, y: stage.y + stage.height / 2 };
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.down({ button: 'middle' });
  await page.mouse.move(centre.x + 90, centre.y + 40, { steps: 4 });
  await page.mouse.up({ button: 'middle' });

  // A stroke, its ends in image pixels from where the pointer is on the zoomed, panned canvas.
  await page.getByTestId('tool-brush').click();
  const from = { x: centre.x - 100, y: centre.y + 10 };
  const to = { x: centre.x + 80, y: centre.y - 30 };
  const a = await imagePoint(page, from);
  const b = await imagePoint(page, to);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
  const stroke = await coverage(page);

  // Space held: the drag pans, nothing paints.
  const beforeSpace = (await page.getByTestId('editor-canvas').boundingBox())!;
  await page.mouse.move(centre.x, centre.y);
  await page.keyboard.down('Space');
  await page.mouse.down();
  await page.mouse.move(centre.x - 60, centre.y - 20, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Space');
  expect((await page.getByTestId('editor-canvas').boundingBox())!.x).toBeCloseTo(beforeSpace.x - 60, 0);
  expect(differing(await coverage(page), stroke)).toBe(0);

  // Invert, then undo: the stroke again, to the pixel.
  await page.getByTestId('mask-invert').click();
  expect((await coverage(page)).filter((value) => value > 0).length).toBeGreaterThan(stroke.length / 2);
  await page.keyboard.press('Control+z');
  expect(differing(await coverage(page), stroke)).toBe(0);
  await page.screenshot({ path: 'test-results/screens/editor-server-mask-stroke.png' });

  await page.getByTestId('prompt-input').fill('a red boat');
  await page.getByTestId('edit-submit').click();
  const sent = await waitForRequests('openai.edits', 1);
  const mask = await receivedMask(sent);
  expect(mask.format).toBe('png');
  expect([mask.width, mask.height]).toEqual([400, 300]);
  const image = await imageSent(sent);
  expect([image.width, image.height]).toEqual([400, 300]);
  // Alpha 0 where the editor's mask is painted, opaque elsewhere.
  // Counted, then asserted once each (an expect per pixel would take minutes).
  let mismatched = 0;
  let transparent = 0;
  let partial = 0;
  let farFromStroke = 0;
  const radius = 10;
  for (let pixel = 0; pixel < 400 * 300; pixel++) {
    const alpha = mask.data[pixel * mask.channels + mask.channels - 1]!;
    if (alpha !== 0 && alpha !== 255) partial++;
    const expected = mustBePainted(stroke[pixel]!);
    if (expected !== null && (alpha === 0) !== expected) mismatched++;
    if (alpha !== 0) continue;
    transparent++;
    // And the painted pixels are the stroke's: within the brush's radius of the segment the pointer drew.
    const distance = distanceToSegment((pixel % 400) + 0.5, Math.floor(pixel / 400) + 0.5, a, b);
    if (distance > radius + 1.5) farFromStroke++;
  }
  expect({ partial, mismatched, farFromStroke }).toEqual({ partial: 0, mismatched: 0, farFromStroke: 0 });
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  expect(transparent).toBeGreaterThan(length * 2 * radius * 0.9);
  // Every pixel well inside the stroke is transparent.
  for (let t = 0; t <= 1; t += 0.05) {
    const x = Math.floor(a.x + t * (b.x - a.x));
    const y = Math.floor(a.y + t * (b.y - a.y));
    expect(mask.data[(y * 400 + x) * mask.channels + mask.channels - 1]).toBe(0);
  }

  // The result lands on the canvas as a candidate, is accepted, and becomes the next edit's image.
  await expect(page.getByTestId('staging-candidate')).toBeVisible({ timeout: 30_000 });
  const resultId = await page.getByTestId('staging-candidate').getAttribute('data-image-id');
  await page.screenshot({ path: 'test-results/screens/editor-server-mask-staged.png' });
  // Compare at full size, in each mode.
  await page.getByTestId('compare-full').click();
  const view = page.getByTestId('compare-full-view').getByTestId('compare-view');
  for (const mode of ['split', 'side-by-side', 'blink', 'difference']) {
    await view.getByTestId('compare-mode').selectOption(mode);
    await expect(view).toHaveAttribute('data-mode', mode);
    expect((await view.locator('.compare-stage').boundingBox())!.width).toBeGreaterThan(600);
    await page.screenshot({ path: `test-results/screens/editor-server-compare-${mode}.png` });
  }
  await page.getByTestId('compare-close').click();

  await page.getByTestId('staging-accept').click();
  await expect(page.getByTestId('staging-candidate')).toHaveCount(0);
  const result = cli(atelier.libraryDir, 'library', 'show', resultId!);
  await expect(page.getByTestId('editor-canvas')).toHaveAttribute('width', String(result.width));

  // Edited again: the accepted result is what is sent, with a new mask of its own size.
  await page.getByTestId('tool-rect').click();
  const box = (await page.getByTestId('editor-canvas').boundingBox())!;
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await page.getByTestId('prompt-input').fill('and a gull');
  await page.getByTestId('edit-submit').click();
  const again = await waitForRequests('openai.edits', 2);
  const secondImage = await imageSent(again);
  expect([secondImage.width, secondImage.height]).toEqual([result.width, result.height]);
  expect(secondImage.bytes.equals(image.bytes)).toBe(false);
  const secondMask = await receivedMask(again);
  expect([secondMask.width, secondMask.height]).toEqual([result.width, result.height]);
  await expect(page.getByTestId('job-item').first()).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const children = cli(atelier.libraryDir, 'library', 'list').images.filter(
    (entry: { parentId: string | null }) => entry.parentId === resultId,
  );
  expect(children).toHaveLength(1);
});

test('FLUX fill on an extended canvas: imported first, white where painted and in the new area; gallery strip and the nav item bring images in', async ({
  page,
  atelier,
}) => {
  const folder = mkdtempSync(join(tmpdir(), 'atelier-editor-flux-'));
  const meadow = join(folder, 'meadow.png');
  await sharp({ create: { width: 400, height: 300, channels: 3, background: '#28a05a' } })
    .png()
    .toFile(meadow);
  const original = cli(atelier.libraryDir, 'library', 'import', meadow).imported[0];

  await page.goto(atelier.url);
  await addProvider(page, 'imagerouter', 'ir');
  await page.getByTestId('nav-editor').click();
  // The strip lists the library; a click opens the image as the base without leaving the editor.
  const strip = page.getByTestId('editor-gallery-strip');
  await strip.locator(`[data-testid="editor-gallery-tile"][data-image-id="${original.id}"]`).click();
  await expect(page.getByTestId('editor-canvas')).toHaveAttribute('width', '400');
  await pickModel(page, 'ir', 'black-forest-labs/FLUX-1-fill-dev');
  await page.getByTestId('mask-overlay-opacity').fill('100');

  await page.getByTestId('tool-rect').click();
  const box = (await page.getByTestId('editor-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.25);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 4 });
  await page.mouse.up();

  // Outpainting: 100 pixels more on the right, masked for the model by themselves.
  await page.getByTestId('canvas-extend').click();
  await page.getByTestId('canvas-extend-right').fill('100');
  await page.getByTestId('canvas-extend-apply').click();
  await expect(page.getByTestId('editor-canvas')).toHaveAttribute('width', '500');
  const painted = await coverage(page);
  await page.screenshot({ path: 'test-results/screens/editor-server-mask-extended.png' });

  await page.getByTestId('prompt-input').fill('more meadow');
  await page.getByTestId('edit-submit').click();
  const sent = await waitForRequests('imagerouter.edits', 1);
  expect(sent.fields?.model).toEqual(['black-forest-labs/FLUX-1-fill-dev']);
  const image = await imageSent(sent);
  expect([image.width, image.height]).toEqual([500, 300]);
  const mask = await receivedMask(sent);
  expect(mask.format).toBe('png');
  expect([mask.width, mask.height]).toEqual([500, 300]);
  let mismatched = 0;
  let grey = 0;
  for (let pixel = 0; pixel < 500 * 300; pixel++) {
    const value = mask.data[pixel * mask.channels]!;
    if (value !== 0 && value !== 255) grey++;
    const expected = mustBePainted(painted[pixel]!);
    if (expected !== null && (value === 255) !== expected) mismatched++;
  }
  expect({ grey, mismatched }).toEqual({ grey: 0, mismatched: 0 });
  const at = (x: number, y: number) => mask.data[(y * 500 + x) * mask.channels]!;
  expect([at(150, 110), at(450, 20), at(499, 299)]).toEqual([255, 255, 255]); // the rectangle, the new area
  expect([at(20, 20), at(390, 280)]).toEqual([0, 0]);

  // The padded image went into the library first, its parent the meadow; the edit's parent is the padded image.
  await expect(page.getByTestId('job-item').first()).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const images = cli(atelier.libraryDir, 'library', 'list').images;
  const padded = images.find((entry: { originalName: string | null }) => entry.originalName === 'meadow-extended.png');
  expect(padded).toMatchObject({ width: 500, height: 300, parentId: original.id });
  const resultId = await page.getByTestId('job-item').getByTestId('job-image').first().getAttribute('data-image-id');
  expect(cli(atelier.libraryDir, 'library', 'show', resultId!).parentId).toBe(padded.id);
  await page.screenshot({ path: 'test-results/screens/editor-server-flux-result.png' });

  // A gallery image dragged onto the Editor's nav item opens there, the strip's + adds one as a reference.
  await page.getByTestId('nav-gallery').click();
  const drop = await page.evaluateHandle((id) => {
    const transfer = new DataTransfer();
    transfer.setData('application/x-atelier-image-id', id);
    return transfer;
  }, original.id);
  await page.getByTestId('nav-editor').dispatchEvent('drop', { dataTransfer: drop });
  await expect(page.getByTestId('nav-editor')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('editor-canvas')).toHaveAttribute('width', '400');
  await pickModel(page, 'ir', 'test/test');
  await strip
    .locator(`[data-testid="editor-gallery-tile"][data-image-id="${padded.id}"]`)
    .locator('..')
    .getByTestId('editor-gallery-reference')
    .click();
  await expect(page.getByTestId('editor-reference')).toHaveAttribute('data-image-id', padded.id);
  await page.screenshot({ path: 'test-results/screens/editor-gallery-strip.png' });
});
