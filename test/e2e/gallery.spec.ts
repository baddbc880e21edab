import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, test } from './fixtures';

/** Real images imported through the real CLI into the library the server has open (WAL lets both in). */
async function importImages(libraryDir: string, names: string[]): Promise<Record<string, string>> {
  const folder = mkdtempSync(join(tmpdir(), 'atelier-gallery-src-'));
  for (const [index, name] of names.entries()) {
    await sharp({
      create: {
        width: 320,
        height: 200,
        channels: 3,
        background: { r: (index * 70) % 255, g: 120, b: 200 - index * 30 },
      },
    })
      .png()
      .toFile(join(folder, `${name}.png`));
  }
  const output = execFileSync(
    process.execPath,
    ['bin/atelier.mjs', 'library', 'import', folder, '--library', libraryDir, '--json'],
    { encoding: 'utf8' },
  );
  const result = JSON.parse(output) as { imported: Array<{ id: string; originalName: string }> };
  return Object.fromEntries(result.imported.map((image) => [image.originalName.replace(/\.png$/, ''), image.id]));
}

test('the gallery shows an empty state, then imported images with thumbnails, search, favourites and trash with undo', async ({
  page,
  atelier,
}) => {
  await page.goto(atelier.url);
  await page.getByTestId('nav-gallery').click();
  await expect(page.getByTestId('gallery-empty')).toBeVisible();
  // The empty library says what to do next: generate or import.
  await expect(page.getByTestId('gallery-empty').getByTestId('gallery-empty-import')).toBeVisible();

  const ids = await importImages(atelier.libraryDir, ['sunset-harbour', 'mountain-lake', 'city-night']);
  // The CLI wrote to the same library; reloading the view picks the new rows up.
  await page.getByTestId('nav-generate').click();
  await page.getByTestId('nav-gallery').click();
  const items = page.getByTestId('gallery-item');
  await expect(items).toHaveCount(3);

  const thumb = page.locator(`[data-image-id="${ids['mountain-lake']}"] img`);
  await expect(thumb).toHaveJSProperty('complete', true);
  expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);

  await page.getByTestId('gallery-search').fill('mount');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toHaveAttribute('data-image-id', ids['mountain-lake']!);
  await page.getByTestId('gallery-search').fill('');
  await expect(items).toHaveCount(3);

  await page.locator(`[data-image-id="${ids['city-night']}"]`).click();
  await expect(page.getByTestId('image-detail')).toContainText('city-night.png');
  await page.keyboard.press('f');
  await expect(page.getByTestId('detail-favorite')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('gallery-filter-favorite').check();
  await expect(items).toHaveCount(1);
  await page.getByTestId('gallery-filter-favorite').uncheck();
  await expect(items).toHaveCount(3);
  await page.screenshot({ path: 'test-results/screens/gallery.png' });

  await page.locator(`[data-image-id="${ids['sunset-harbour']}"]`).click();
  await page.getByTestId('detail-trash').click();
  await expect(items).toHaveCount(2);
  await page.getByTestId('toast-undo').click();
  await expect(items).toHaveCount(3);
});

test('several images are picked (Shift-click, Ctrl-click, Ctrl+A), then favourited, tagged and trashed at once, with Undo', async ({
  page,
  atelier,
}) => {
  await importImages(atelier.libraryDir, ['one-red', 'two-green', 'three-blue', 'four-grey']);
  await page.goto(atelier.url);
  await page.getByTestId('nav-gallery').click();
  const items = page.getByTestId('gallery-item');
  await expect(items).toHaveCount(4);
  const count = page.getByTestId('gallery-selection-count');

  await items.nth(0).click();
  await expect(page.getByTestId('gallery-selection-bar')).toHaveCount(0);
  await items.nth(2).click({ modifiers: ['Shift'] });
  await expect(count).toHaveText('3 images selected');
  await items.nth(1).click({ modifiers: ['ControlOrMeta'] });
  await expect(count).toHaveText('2 images selected');
  await expect(items.nth(1)).toHaveAttribute('aria-selected', 'false');
  await expect(items.nth(2)).toHaveAttribute('aria-selected', 'true');

  await page.getByTestId('gallery-bulk-favorite').click();
  await expect(page.locator('.gallery-item .badge')).toHaveCount(2);
  await page.getByTestId('gallery-bulk-tag-input').fill('series');
  await page.getByTestId('gallery-bulk-tag-input').press('Enter');
  await page.screenshot({ path: 'test-results/screens/gallery-selection.png' });
  // A new search lets the selection go, so a bulk action never reaches images out of sight.
  await page.getByTestId('gallery-search').fill('series');
  await expect(items).toHaveCount(2);
  await expect(page.getByTestId('gallery-selection-bar')).toHaveCount(0);
  await page.getByTestId('gallery-search').fill('');
  await expect(items).toHaveCount(4);

  await items.nth(3).click();
  await page.keyboard.press('ControlOrMeta+a');
  await expect(count).toHaveText('4 images selected');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('gallery-selection-bar')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await expect(items).toHaveCount(0);
  await expect(page.getByTestId('toast')).toContainText('Moved 4 images to the trash.');
  await page.getByTestId('toast-undo').click();
  await expect(items).toHaveCount(4);
  await expect(page.locator('.gallery-item .badge')).toHaveCount(2);
});

test('a media URL for an unknown id or a path trick is a 404, and media needs the token', async ({ page, atelier }) => {
  await page.goto(atelier.url);
  await expect(page.getByTestId('core-status')).toHaveAttribute('data-state', 'connected');
  const statuses = await page.evaluate(async () => {
    const paths = [
      'media/0123456789abcdef/original',
      'media/..%2f..%2fatelier.db/original',
      'media/0123456789abcdef/../../atelier.db',
    ];
    return Promise.all(paths.map(async (path) => (await fetch(path)).status));
  });
  expect(statuses).toEqual([404, 404, 404]);
  const withoutCookie = await fetch(`${atelier.origin}/media/0123456789abcdef/original`);
  expect(withoutCookie.status).toBe(403);
});

test('files chosen or dropped into the gallery import; refused ones are named with the reason', async ({
  page,
  atelier,
}) => {
  const folder = mkdtempSync(join(tmpdir(), 'atelier-drop-'));
  await sharp({ create: { width: 200, height: 150, channels: 3, background: '#336699' } })
    .jpeg()
    .toFile(join(folder, 'harbour.jpg'));
  await sharp({ create: { width: 120, height: 120, channels: 4, background: '#cc339980' } })
    .png()
    .toFile(join(folder, 'badge.png'));
  writeFileSync(join(folder, 'fake.png'), 'this is text, not a picture');

  await page.goto(atelier.url);
  await page.getByTestId('nav-gallery').click();
  await page.getByTestId('gallery-import-input').setInputFiles([join(folder, 'harbour.jpg'), join(folder, 'fake.png')]);
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('Imported 1');
  await expect(report.getByTestId('import-refused')).toHaveCount(1);
  await expect(report.getByTestId('import-refused')).toContainText('fake.png');
  await expect(report.getByTestId('import-refused')).toContainText('not an image');
  await expect(page.getByTestId('gallery-item')).toHaveCount(1);

  // A drop from the desktop: the same files again (one already there) plus a new one.
  const files = await Promise.all(
    ['harbour.jpg', 'badge.png'].map(async (name) => ({
      name,
      base64: (await import('node:fs')).readFileSync(join(folder, name)).toString('base64'),
    })),
  );
  await page.evaluate((items) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (char) => char.charCodeAt(0));
      transfer.items.add(
        new File([bytes], item.name, { type: item.name.endsWith('.png') ? 'image/png' : 'image/jpeg' }),
      );
    }
    const target = document.querySelector('.view.gallery')!;
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
  await expect(report).toContainText('Imported 1 · 1 already in the library · 0 refused');
  // The duplicate is named as the user knows it, not only counted.
  await expect(report.getByTestId('import-duplicate')).toHaveText('harbour.jpg is already in the library');
  await expect(page.getByTestId('gallery-item')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/screens/gallery-import.png' });
});

test('tags are added and removed in the detail panel, and search finds images by tag (in Chinese too)', async ({
  page,
  atelier,
}) => {
  const ids = await importImages(atelier.libraryDir, ['koi-pond', 'bamboo']);
  await page.goto(atelier.url);
  await page.getByTestId('nav-gallery').click();
  await page.locator(`[data-image-id="${ids['koi-pond']}"]`).click();
  const input = page.getByTestId('detail-tag-input');
  await input.fill('water, 锦鲤');
  await input.press('Enter');
  await expect(page.getByTestId('detail-tag')).toHaveText(['water×', '锦鲤×']);
  // Typing F in the tag field is text, not the favourite shortcut.
  await input.fill('f');
  await expect(page.getByTestId('detail-favorite')).toHaveAttribute('aria-pressed', 'false');
  await input.fill('');

  await page.getByTestId('gallery-search').fill('锦鲤');
  await expect(page.getByTestId('gallery-item')).toHaveCount(1);
  await expect(page.getByTestId('gallery-item')).toHaveAttribute('data-image-id', ids['koi-pond']!);

  await page.getByTestId('gallery-search').fill('');
  await expect(page.getByTestId('gallery-item')).toHaveCount(2);

  // Pinyin still being composed in an input method is not searched for; the characters it commits are.
  const ime = await page.context().newCDPSession(page);
  await page.getByTestId('gallery-search').focus();
  await ime.send('Input.imeSetComposition', { text: 'jinli', selectionStart: 5, selectionEnd: 5 });
  await expect(page.getByTestId('gallery-search')).toHaveValue('jinli');
  // Longer than a search's round trip here: a search for "jinli" would have emptied the grid by now.
  await page.waitForTimeout(400);
  await expect(page.getByTestId('gallery-no-match')).toHaveCount(0);
  await expect(page.getByTestId('gallery-item')).toHaveCount(2);
  await ime.send('Input.insertText', { text: '锦鲤' });
  await expect(page.getByTestId('gallery-search')).toHaveValue('锦鲤');
  await expect(page.getByTestId('gallery-item')).toHaveCount(1);
  await page.getByTestId('gallery-search').fill('');
  await expect(page.getByTestId('gallery-item')).toHaveCount(2);

  await page.getByRole('button', { name: 'Remove the tag 锦鲤' }).click();
  await expect(page.getByTestId('detail-tag')).toHaveText(['water×']);
  await page.getByTestId('gallery-search').fill('锦鲤');
  await expect(page.getByTestId('gallery-no-match')).toBeVisible();
  await page.getByTestId('gallery-search').fill('water');
  await expect(page.getByTestId('gallery-item')).toHaveCount(1);
  const shown = JSON.parse(
    execFileSync(
      process.execPath,
      ['bin/atelier.mjs', 'library', 'show', ids['koi-pond']!, '--library', atelier.libraryDir, '--json'],
      { encoding: 'utf8' },
    ),
  );
  expect(shown.tags).toEqual(['water']);
});

test('an edit shows what it was made from and the edits made from it; each opens, and compares with its parent', async ({
  page,
  atelier,
}) => {
  const { root } = await importImages(atelier.libraryDir, ['root']);
  const editWithCli = (image: string, prompt: string) =>
    (
      JSON.parse(
        execFileSync(
          process.execPath,
          [
            'bin/atelier.mjs',
            'edit',
            '--provider',
            'local',
            '--model',
            'local/pattern',
            '--prompt',
            prompt,
            '--image',
            image,
            '--library',
            atelier.libraryDir,
            '--json',
          ],
          { encoding: 'utf8' },
        ),
      ) as { images: Array<{ id: string }> }
    ).images[0]!.id;
  const first = editWithCli(root!, 'stars over the sea');
  editWithCli(first, 'a comet among the stars');

  await page.goto(atelier.url);
  await page.getByTestId('nav-gallery').click();
  await page.getByTestId('gallery-search').fill('comet');
  const items = page.getByTestId('gallery-item');
  await expect(items).toHaveCount(1);
  await items.first().click();
  const lineage = page.getByTestId('detail-lineage');
  await expect(lineage.getByTestId('lineage-ancestor')).toHaveCount(2);
  await expect(lineage.getByTestId('lineage-ancestor').first()).toHaveAttribute('data-image-id', root!);
  await expect(lineage.getByTestId('lineage-child')).toHaveCount(0);

  // The first image is out of the grid (the search hides it) and still opens in the panel.
  await lineage.getByTestId('lineage-ancestor').first().click();
  await expect(page.getByTestId('image-detail')).toContainText('root.png');
  await expect(lineage.getByTestId('lineage-ancestor')).toHaveCount(0);
  await expect(lineage.getByTestId('lineage-child')).toHaveCount(1);
  await expect(lineage).toContainText('1 edit of this image');
  await lineage.getByTestId('lineage-child').click();
  await expect(page.getByTestId('detail-prompt')).toHaveText('stars over the sea');

  await lineage.getByTestId('lineage-compare').click();
  const dialog = page.getByTestId('lineage-compare-dialog');
  await expect(dialog.getByTestId('compare-view')).toBeVisible();
  await expect
    .poll(() =>
      dialog
        .locator('img')
        .evaluateAll(
          (images) => images.length > 0 && images.every((image) => (image as HTMLImageElement).naturalWidth > 0),
        ),
    )
    .toBe(true);
  await page.screenshot({ path: 'test-results/screens/gallery-lineage-compare.png' });
  // Keys go to the dialog while it is open: F does not favourite the image behind it.
  await page.keyboard.press('f');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('detail-favorite')).toHaveAttribute('aria-pressed', 'false');

  // An edit made now (through the same core the page uses) joins the open image's lineage at once.
  await page.evaluate(
    (imageId) =>
      (
        window as unknown as { atelier: { invoke(channel: string, payload: unknown): Promise<unknown> } }
      ).atelier.invoke('jobs.create', {
        targets: [{ providerId: 'local', model: 'local/pattern' }],
        prompt: 'another take',
        images: [{ imageId }],
      }),
    first,
  );
  await expect(lineage.getByTestId('lineage-child')).toHaveCount(2);
  await expect(lineage).toContainText('2 edits of this image');
  await page.screenshot({ path: 'test-results/screens/gallery-lineage.png' });
});
