import { expect, test } from './fixtures';

test('a new user generates offline with the built-in local model: live job, stored result, shown in the gallery', async ({
  page,
  atelier,
}) => {
  await page.goto(atelier.url);
  await expect(page.getByTestId('generate-empty')).toBeVisible();
  await expect(page.getByTestId('provider-select')).toHaveValue('local');
  await expect(page.getByTestId('model-select')).not.toHaveValue('');
  await expect(page.getByTestId('generate-button')).toBeDisabled();

  await page.getByTestId('prompt-input').fill('a lighthouse on a cliff at dawn');
  await page.getByTestId('param-seed').fill('42');
  await page.getByTestId('generate-button').click();

  const job = page.getByTestId('job-item').first();
  await expect(job).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const image = job.getByTestId('job-image').first().locator('img');
  await expect(image).toHaveJSProperty('complete', true);
  expect(await image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(100);
  await page.screenshot({ path: 'test-results/screens/generate-done.png' });

  await job.getByTestId('job-image').first().click();
  await expect(page.getByTestId('nav-gallery')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('image-detail')).toContainText('a lighthouse on a cliff at dawn');
  await expect(page.getByTestId('image-detail')).toContainText('42');
});

test('fan-out: one prompt to two models makes one batch with a job per model', async ({ page, atelier }) => {
  await page.goto(atelier.url);
  await page.getByTestId('prompt-input').fill('two takes on a red fox');
  await page.getByTestId('add-target').click();
  await expect(page.getByTestId('generate-button')).toContainText('2');
  await page.getByTestId('prompt-input').press('Control+Enter');
  const batch = page.getByTestId('batch').first();
  await expect(batch.getByTestId('job-item')).toHaveCount(2);
  await expect(batch.locator('[data-testid="job-item"][data-status="done"]')).toHaveCount(2, { timeout: 30_000 });
});

test('the prompt survives a reload (nothing typed is lost)', async ({ page, atelier }) => {
  await page.goto(atelier.url);
  await page.getByTestId('prompt-input').fill('unsent words');
  await page.reload();
  await expect(page.getByTestId('prompt-input')).toHaveValue('unsent words');
});
