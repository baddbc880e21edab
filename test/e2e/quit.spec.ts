// Quitting while a paid call is in flight asks first (issue 11, point 4), in the browser UI: `atelier serve`'s
// Ctrl+C while an OpenAI generation is sent and unanswered shows the page's question; "Keep running" keeps the
// server and the call; "Quit anyway" (or a second Ctrl+C) stops it. In English and Chinese.
import type { Page } from '@playwright/test';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { expect, test, type AtelierServer } from './fixtures';
import { addProviderInSettings } from './settings-steps';

const key = 'sk-quit-test-00000000000000';
let fake: FakeProvider;

test.beforeAll(async () => {
  fake = await startFakeProvider({ key });
});
test.afterAll(() => fake.close());

async function sendSlowPaidCall(page: Page, atelier: AtelierServer): Promise<void> {
  fake.fault('openai.generations', { kind: 'slow', delayMs: 60_000 });
  await page.goto(atelier.url);
  await addProviderInSettings(page, { preset: 'openai', id: 'oa', baseUrl: fake.baseUrl, key });
  await page.getByTestId('nav-generate').click();
  await page.getByTestId('provider-select').selectOption('oa');
  await page.getByTestId('model-select').selectOption('dall-e-2');
  await page.getByTestId('prompt-input').fill('a lighthouse at dusk');
  const sent = fake.requests.filter((request) => request.route === 'openai.generations').length;
  await page.getByTestId('generate-button').click();
  await expect
    .poll(() => fake.requests.filter((request) => request.route === 'openai.generations').length)
    .toBe(sent + 1);
}

const exited = (atelier: AtelierServer) =>
  atelier.process.exitCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => atelier.process.once('exit', () => resolve()));

test('Ctrl+C asks first; Keep running keeps the call, Quit anyway stops the server', async ({ page, atelier }) => {
  await sendSlowPaidCall(page, atelier);
  atelier.process.kill('SIGINT');
  const dialog = page.getByTestId('quit-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('1 generation is running.');
  await expect(dialog).toContainText('They may still be charged');
  await page.screenshot({ path: 'test-results/screens/quit-question-en.png' });
  await page.getByTestId('quit-keep').click();
  await expect(dialog).toHaveCount(0);
  expect(atelier.process.exitCode).toBeNull();
  await expect(page.getByTestId('job-item').first()).toHaveAttribute('data-status', 'submitted');

  atelier.process.kill('SIGINT');
  // The terminal warned once already: this second Ctrl+C goes ahead, as the warning said it would.
  await exited(atelier);
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the question and Quit anyway', async ({ page, atelier }) => {
    await sendSlowPaidCall(page, atelier);
    atelier.process.kill('SIGINT');
    const dialog = page.getByTestId('quit-dialog');
    await expect(dialog).toContainText('有 1 个生成正在进行。');
    await expect(dialog).toContainText('仍要退出吗');
    await page.screenshot({ path: 'test-results/screens/quit-question-zh-CN.png' });
    await page.getByTestId('quit-confirm').click();
    await exited(atelier);
    expect(atelier.process.exitCode).toBe(0);
  });
});
