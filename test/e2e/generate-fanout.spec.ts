// The daily Generate workflow (issue 14, points 1, 3 and 4), in both languages, through `atelier serve`: a fan-out to
// the local model and a fake QuickRouter model with different parameters each → each card's result → reuse its
// settings → the same bytes again from the local model → a failed job's Retry → cancel a slow job → a desktop
// notification for a job that ends while the window is hidden.
import type { Page } from '@playwright/test';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { expect, test } from './fixtures';
import { addProviderInSettings } from './settings-steps';

const key = 'sk-fanout-test-00000000000';
let fake: FakeProvider;

test.beforeAll(async () => {
  // A slow fal queue, so a fal job is still on its way when Cancel is clicked.
  fake = await startFakeProvider({ key, falSteps: { queued: 4, inProgress: 60 } });
});
test.afterAll(() => fake.close());

/** Counts the notifications the page constructs, and lets the test say the window is hidden. */
const notificationSpy = () => {
  const seen: string[] = [];
  const Real = window.Notification;
  class Spy extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      seen.push(title);
    }
  }
  Object.defineProperty(window, 'Notification', { value: Spy });
  const spied = window as unknown as { seenNotifications: string[]; hidden: boolean };
  spied.seenNotifications = seen;
  spied.hidden = false;
  Object.defineProperty(document, 'visibilityState', { get: () => (spied.hidden ? 'hidden' : 'visible') });
};

const addQuickRouter = (page: Page) =>
  addProviderInSettings(page, { preset: 'quickrouter', id: 'qr', baseUrl: fake.baseUrl, key });

/** The bytes an image of the page shows, as a hex digest of its media URL's answer. */
async function digestOf(page: Page, image: ReturnType<Page['locator']>): Promise<string> {
  const src = await image.getAttribute('src');
  return page.evaluate(async (url) => {
    const bytes = await (await fetch(url!)).arrayBuffer();
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  }, src);
}

const words = {
  en: { done: 'Done', took: /s in all/, inference: /s at the provider/, notify: 'Image ready' },
  'zh-CN': { done: '完成', took: /共 .+ 秒/, inference: /服务商用时/, notify: '图片已完成' },
} as const;

for (const locale of ['en', 'zh-CN'] as const) {
  test(`fan-out with per-model parameters, reuse, retry, cancel and a background notification (${locale})`, async ({
    browser,
    atelier,
  }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ locale });
    await context.grantPermissions(['notifications'], { origin: atelier.origin });
    await context.addInitScript(notificationSpy);
    const page = await context.newPage();
    await page.goto(atelier.url);
    await addQuickRouter(page);
    await page.getByTestId('nav-generate').click();

    // Two targets, each with the parameters its own model takes.
    await page.getByTestId('prompt-input').fill(`a red fox in the snow (${locale})`);
    // The local model takes a negative prompt (dall-e-3 does not: it is sent to the local target alone).
    const negative = `blurry, text (${locale})`;
    await page.getByTestId('negative-prompt-input').fill(negative);
    const first = page.getByTestId('target').nth(0);
    await first.getByTestId('param-n').selectOption('2');
    await first.getByTestId('param-seed').fill('42');
    await page.getByTestId('add-target').click();
    await page.getByTestId('provider-select-1').selectOption('qr');
    await page.getByTestId('model-select-1').selectOption('dall-e-3');
    const second = page.locator('[data-testid="target"][data-model="dall-e-3"]');
    await expect(second.getByTestId('param-size')).toBeVisible();
    // dall-e-3 makes one image and takes no seed: neither control is offered for it.
    await expect(second.getByTestId('param-n')).toHaveCount(0);
    await expect(second.getByTestId('param-seed')).toHaveCount(0);
    await second.getByTestId('param-size').selectOption('1792x1024');
    await second.getByTestId('param-quality').selectOption('hd');
    // The local target keeps its own values.
    await expect(first.getByTestId('param-n')).toHaveValue('2');
    // Beside dall-e-3, the negative prompt says it goes to the local model alone.
    await expect(page.getByTestId('negative-prompt-scope')).toContainText('Local pattern (offline)');
    await page.screenshot({ path: `test-results/screens/generate-targets-${locale}.png` });
    await page.getByTestId('generate-button').click();

    const batch = page.getByTestId('batch').first();
    const localJob = batch.locator('[data-testid="job-item"]').filter({ hasText: 'local/pattern' });
    const dalleJob = batch.locator('[data-testid="job-item"]').filter({ hasText: 'dall-e-3' });
    await expect(localJob).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(dalleJob).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(localJob.getByTestId('job-image')).toHaveCount(2);
    await expect(dalleJob.getByTestId('job-image')).toHaveCount(1);
    await expect(localJob.getByTestId('job-state')).toHaveText(words[locale].done);
    await expect(localJob.getByTestId('job-elapsed')).toHaveText(words[locale].took);
    await expect(localJob.getByTestId('job-latency')).toHaveText(words[locale].inference);
    await page.screenshot({ path: `test-results/screens/generate-fanout-${locale}.png` });
    const original = await digestOf(page, localJob.getByTestId('job-image').first().locator('img'));

    // Reuse the local job's settings: one target, its seed and negative prompt, and the same bytes again.
    await page.getByTestId('negative-prompt-input').fill('');
    await localJob.getByTestId('reuse-settings').click();
    await expect(page.getByTestId('target')).toHaveCount(1);
    await expect(page.getByTestId('param-seed')).toHaveValue('42');
    await expect(page.getByTestId('negative-prompt-input')).toHaveValue(negative);
    await expect(page.getByTestId('negative-prompt-scope')).toHaveCount(0);
    await page.screenshot({ path: `test-results/screens/generate-reused-${locale}.png` });
    const batches = await page.getByTestId('batch').count();
    await page.getByTestId('generate-button').click();
    // The new batch goes on top: wait for it, or `first()` may still be the two-job fan-out.
    await expect(page.getByTestId('batch')).toHaveCount(batches + 1);
    const again = page.getByTestId('batch').first().getByTestId('job-item');
    await expect(again).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    expect(await digestOf(page, again.getByTestId('job-image').first().locator('img'))).toBe(original);

    // The image's detail panel in the gallery shows its negative prompt, and its Reuse settings refills it too.
    await page.getByTestId('negative-prompt-input').fill('');
    await again.getByTestId('job-image').first().click();
    const detail = page.getByTestId('image-detail');
    await expect(detail.getByTestId('detail-negative-prompt')).toContainText(negative);
    await page.screenshot({ path: `test-results/screens/generate-detail-negative-${locale}.png` });
    await detail.getByTestId('reuse-settings').click();
    await expect(page.getByTestId('negative-prompt-input')).toHaveValue(negative);
    await expect(page.getByTestId('param-seed')).toHaveValue('42');

    // A failed job, and Retry sends it again.
    fake.fault('openai.generations', { kind: 'status', status: 400, message: 'Your request was rejected.' });
    await page.getByTestId('provider-select').selectOption('qr');
    await page.getByTestId('model-select').selectOption('dall-e-3');
    // dall-e-3 alone takes no negative prompt: the field is not offered.
    await expect(page.getByTestId('negative-prompt-input')).toHaveCount(0);
    await page.getByTestId('generate-button').click();
    const failing = page.getByTestId('batch').first().getByTestId('job-item');
    await expect(failing).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
    await expect(failing.getByTestId('job-error')).toBeVisible();
    await failing.getByTestId('job-retry').click();
    await expect(failing).toHaveAttribute('data-status', 'done', { timeout: 30_000 });

    // A slow job is cancelled, and can be retried or removed.
    await page.getByTestId('model-select').selectOption('fal-ai/flux-1/dev');
    await page.getByTestId('generate-button').click();
    const slow = page.getByTestId('batch').first().getByTestId('job-item');
    await expect(slow.getByTestId('job-cancel')).toBeVisible();
    await slow.getByTestId('job-cancel').click();
    await expect(slow).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 });
    await expect(slow.getByTestId('job-retry')).toBeVisible();
    await page.screenshot({ path: `test-results/screens/generate-cancelled-${locale}.png` });
    await slow.getByTestId('job-remove').click();
    await expect(page.locator(`[data-testid="job-item"][data-status="cancelled"]`)).toHaveCount(0);

    // Notifications on, the window hidden: a job that ends tells the system.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('notify-toggle').check();
    await expect(page.getByTestId('notify-toggle')).toBeChecked();
    await page.getByTestId('nav-generate').click();
    await page.getByTestId('provider-select').selectOption('local');
    await page.evaluate(() => ((window as unknown as { hidden: boolean }).hidden = true));
    await page.getByTestId('generate-button').click();
    await expect(page.getByTestId('batch').first().getByTestId('job-item')).toHaveAttribute('data-status', 'done', {
      timeout: 30_000,
    });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { seenNotifications: string[] }).seenNotifications))
      .toEqual([expect.stringContaining(words[locale].notify)]);
    await context.close();
  });
}
