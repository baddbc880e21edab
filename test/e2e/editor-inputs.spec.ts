// The editor's inputs (issue 13, points 6–8): every dropped or pasted file is imported into the library first, so
// the edit records its parent; only models that edit are offered, mask tools only where the model takes a mask;
// several images are the base and references up to the model's limit, the rest named.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { expect, test } from './fixtures';
import { atelierCli } from './cli';
import { dropFiles, png } from './drop-files';
import { addProviderInSettings } from './settings-steps';

const key = 'sk-editor-inputs-test-000000';
let fake: FakeProvider;
test.beforeAll(async () => {
  fake = await startFakeProvider({ key });
});
test.afterAll(() => fake.close());

const cli = atelierCli;

test('a dropped file is imported first, so its edit has it as parent; files past the limit are named; a pasted image opens', async ({
  page,
  atelier,
}) => {
  await page.goto(atelier.url);
  await page.getByTestId('nav-editor').click();
  const lake = { name: 'lake.png', base64: await png(400, 300, '#3a6ea5') };
  const extra = [
    { name: 'extra-one.png', base64: await png(64, 64, '#aa0000') },
    { name: 'extra-two.png', base64: await png(32, 32, '#00aa00') },
  ];
  await dropFiles(page, 'editor-drop-zone', [lake, ...extra]);
  await expect(page.getByTestId('editor-canvas')).toHaveAttribute('width', '400');
  // The local model takes only the image being edited: the two others are named, not dropped silently.
  await expect(page.getByTestId('toast')).toContainText('extra-one.png, extra-two.png');
  await expect(page.getByTestId('editor-reference')).toHaveCount(0);

  const imported = cli(atelier.libraryDir, 'library', 'list').images.find(
    (image: { originalName: string | null }) => image.originalName === 'lake.png',
  );
  expect(imported).toMatchObject({ source: 'imported', width: 400, height: 300 });

  // Ctrl+Enter in the prompt sends.
  await page.getByTestId('prompt-input').fill('a stormy sky');
  await page.getByTestId('prompt-input').press('Control+Enter');
  await expect(page.getByTestId('job-item')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const resultId = await page.getByTestId('job-item').getByTestId('job-image').first().getAttribute('data-image-id');
  expect(cli(atelier.libraryDir, 'library', 'show', resultId!).parentId).toBe(imported.id);

  // Pasted with nothing open: it opens, imported like a dropped file.
  await page.getByTestId('editor-close').click();
  const pasted = await png(120, 90, '#884422');
  await page.evaluate((base64) => {
    const transfer = new DataTransfer();
    transfer.items.add(
      new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'pasted.png', { type: 'image/png' }),
    );
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer }));
  }, pasted);
  await expect(page.getByTestId('editor-canvas')).toHaveAttribute('width', '120');
  const names = cli(atelier.libraryDir, 'library', 'list').images.map((image: any) => image.originalName);
  expect(names).toContain('pasted.png');
});

test('only models that edit: a provider with none says so and Edit waits; Kontext has no mask tools; gpt-image-1 takes references in the strip’s order', async ({
  page,
  atelier,
}) => {
  await page.goto(atelier.url);
  for (const [preset, id] of [
    ['quickrouter', 'qr'],
    ['fal', 'f'],
  ] as const) {
    await addProviderInSettings(page, { preset, id, baseUrl: fake.baseUrl, key });
  }

  await page.getByTestId('nav-editor').click();
  await dropFiles(page, 'editor-drop-zone', [{ name: 'lake.png', base64: await png(400, 300, '#3a6ea5') }]);
  await expect(page.getByTestId('editor-canvas')).toHaveAttribute('width', '400');
  await page.getByTestId('prompt-input').fill('add a boat');

  await page.getByTestId('provider-select').selectOption('f');
  await expect(page.getByTestId('no-model')).toContainText('has no model that can edit images');
  await expect(page.getByTestId('model-select')).toHaveCount(0);
  await expect(page.getByTestId('edit-submit')).toBeDisabled();
  await expect(page.getByTestId('error-banner')).toHaveCount(0);

  await page.getByTestId('provider-select').selectOption('qr');
  // The provider's models arrive from the catalogue after the switch: wait for them before reading the list.
  await expect(page.getByTestId('model-select').locator('option[value="gpt-image-1"]')).toHaveCount(1);
  const offered = await page
    .getByTestId('model-select')
    .locator('option')
    .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
  expect(offered).toContain('gpt-image-1');
  expect(offered).not.toContain('flux-1');
  await page.getByTestId('model-select').selectOption('flux-kontext-pro');
  await expect(page.getByTestId('mask-unsupported')).toContainText('edits the whole image');
  await expect(page.getByTestId('tool-brush')).toHaveCount(0);
  await expect(page.getByTestId('tool-hand')).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: 'test-results/screens/editor-no-mask.png' });

  await page.getByTestId('model-select').selectOption('gpt-image-1');
  await expect(page.getByTestId('mask-unsupported')).toHaveCount(0);
  await expect(page.getByTestId('tool-brush')).toBeVisible();

  // References: added from files, reordered, one removed; sent after the base in the strip's order.
  const folder = mkdtempSync(join(tmpdir(), 'atelier-editor-refs-'));
  const paths = [];
  for (const [name, size] of [
    ['wide.png', 64],
    ['small.png', 32],
    ['middle.png', 48],
  ] as const) {
    const path = join(folder, name);
    await sharp({ create: { width: size, height: size, channels: 3, background: '#556677' } })
      .png()
      .toFile(path);
    paths.push(path);
  }
  await page.getByTestId('reference-add').setInputFiles(paths);
  await expect(page.getByTestId('editor-reference')).toHaveCount(3);
  await page.getByTestId('editor-reference').nth(1).getByTestId('reference-earlier').click();
  await page.getByTestId('editor-reference').nth(2).getByTestId('reference-remove').click();
  await expect(page.getByTestId('editor-reference')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/screens/editor-references.png' });
  await page.getByTestId('edit-submit').click();
  await expect
    .poll(() => fake.requests.filter((request) => request.route === 'openai.edits').length, { timeout: 30_000 })
    .toBe(1);
  const sent = fake.requests.find((request) => request.route === 'openai.edits')!;
  const widths = [];
  for (const file of sent.files!.filter((entry) => entry.field.startsWith('image')))
    widths.push((await sharp(file.bytes).metadata()).width);
  expect(widths).toEqual([400, 32, 64]);
});

test('compare at full size: split with a handle and labels, side by side sharing one zoom, blink on C, amplified difference, any two of the lineage', async ({
  page,
  atelier,
}) => {
  await page.goto(atelier.url);
  await page.getByTestId('nav-editor').click();
  await dropFiles(page, 'editor-drop-zone', [{ name: 'meadow.png', base64: await png(400, 300, '#28a05a') }]);
  await expect(page.getByTestId('editor-canvas')).toHaveAttribute('width', '400');
  // The local model changes only the masked bottom-right quarter.
  await page.getByTestId('tool-rect').click();
  const box = (await page.getByTestId('editor-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width, box.y + box.height, { steps: 4 });
  await page.mouse.up();
  await page.getByTestId('prompt-input').fill('poppies');
  await page.getByTestId('edit-submit').click();
  await expect(page.getByTestId('job-item')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });

  await page.getByTestId('compare-full').click();
  const view = page.getByTestId('compare-full-view').getByTestId('compare-view');
  await expect(view).toHaveAttribute('data-mode', 'split');
  await expect(page.getByTestId('editor-canvas')).toHaveCount(0);
  const stageBox = (await view.locator('.compare-stage').boundingBox())!;
  expect(stageBox.width).toBeGreaterThan(600);
  await expect(view.locator('.compare-label')).toHaveText(['Original', 'Result']);
  // The split handle drags.
  const handle = view.getByTestId('compare-slider');
  const handleBox = (await handle.boundingBox())!;
  await page.mouse.move(handleBox.x + handleBox.width / 2, handleBox.y + handleBox.height / 2);
  await page.mouse.down();
  await page.mouse.move(stageBox.x + stageBox.width * 0.25, handleBox.y + handleBox.height / 2, { steps: 4 });
  await page.mouse.up();
  expect(Number(await handle.getAttribute('aria-valuenow'))).toBeCloseTo(25, -1);
  await page.screenshot({ path: 'test-results/screens/compare-split.png' });

  // Side by side: a wheel zoom over one pane zooms both the same.
  await view.getByTestId('compare-mode').selectOption('side-by-side');
  const zoomBefore = await view.getByTestId('compare-zoom').textContent();
  await page.mouse.move(stageBox.x + stageBox.width * 0.25, stageBox.y + stageBox.height / 2);
  await page.mouse.wheel(0, -400);
  await expect(view.getByTestId('compare-zoom')).not.toHaveText(zoomBefore!);
  const placed = await view.locator('.compare-pane').evaluateAll((panes) =>
    panes.map((pane) => {
      const image = pane.querySelector('img')!;
      return [image.offsetLeft, image.offsetTop, image.offsetWidth];
    }),
  );
  expect(placed).toHaveLength(2);
  expect(placed[1]).toEqual(placed[0]);
  await page.screenshot({ path: 'test-results/screens/compare-side-by-side.png' });

  // Blink: C swaps the two at once.
  await view.getByTestId('compare-mode').selectOption('blink');
  const pane = view.locator('.compare-pane');
  await view.locator('.compare-stage').focus();
  await page.keyboard.press('c'); // by hand from now on: it no longer swaps by itself
  const showing = await pane.getAttribute('data-showing');
  await page.keyboard.press('c');
  await expect(pane).not.toHaveAttribute('data-showing', showing!);
  await page.waitForTimeout(900);
  await page.keyboard.press('c');
  await expect(pane).toHaveAttribute('data-showing', showing!);

  // Difference: black where nothing changed, bright where the edit painted.
  await view.getByTestId('compare-mode').selectOption('difference');
  const canvas = view.getByTestId('compare-difference');
  await expect(canvas).toHaveAttribute('data-ready', 'true');
  const sample = () =>
    canvas.evaluate((element: HTMLCanvasElement) => {
      const context = element.getContext('2d')!;
      return [context.getImageData(20, 20, 1, 1).data[0], context.getImageData(380, 280, 1, 1).data[0]];
    });
  await expect.poll(sample).toEqual([0, expect.any(Number)]);
  expect((await sample())[1]).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/screens/compare-difference.png' });

  // Either side can be any image of the lineage: the original and the result here.
  await expect(page.getByTestId('compare-before').locator('option')).toHaveCount(2);
  await page.getByTestId('compare-close').click();
  await expect(page.getByTestId('editor-canvas')).toBeVisible();
});
