// Settings → Providers in Chromium through the browser harness and the real core: a key typed once
// reaches the core in exactly one message, the page only ever shows its status, and the connection
// test reports in plain words.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

const key = `sk-E2E-${randomBytes(12).toString('hex')}`;
const providerId = `e2e-${randomBytes(3).toString('hex')}`;
let router: Server;
let routerUrl: string;

test.beforeAll(async () => {
  // An OpenAI-compatible router that knows one key.
  router = createServer((request, response) => {
    const ok = request.headers.authorization === `Bearer ${key}`;
    response.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(ok ? { object: 'list', data: [] } : { error: { message: 'Invalid API key' } }));
  });
  await new Promise<void>((resolve) => router.listen(0, '127.0.0.1', resolve));
  routerUrl = `http://127.0.0.1:${(router.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => router.close(() => resolve())));

test('a key is saved once, shown only as its status, tested, removed', async ({ page, atelier }) => {
  const framesWithKey: Array<'sent' | 'received'> = [];
  page.on('websocket', (socket) => {
    socket.on('framesent', (frame) => String(frame.payload).includes(key) && framesWithKey.push('sent'));
    socket.on('framereceived', (frame) => String(frame.payload).includes(key) && framesWithKey.push('received'));
  });
  await page.goto(atelier.url);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('secrets-backend')).toBeVisible();

  await page.getByTestId('provider-add-preset').selectOption('openai-compatible');
  await page.getByTestId('provider-add-id').fill(providerId);
  await page.getByTestId('provider-add-base-url').fill(routerUrl);
  await page.getByTestId('provider-add').click();

  const row = page.locator(`[data-testid="settings-provider"][data-provider-id="${providerId}"]`);
  await expect(row.getByTestId('key-status')).toHaveAttribute('data-status', 'unset');
  await row.getByTestId('provider-test').click();
  await expect(row.getByTestId('provider-test-result')).toHaveAttribute('data-outcome', 'no_key');

  await row.getByTestId('key-input').fill(key);
  await row.getByTestId('key-save').click();
  await expect(row.getByTestId('key-status')).toHaveAttribute('data-status', 'set');
  await expect(row.getByTestId('key-status')).toContainText(`…${key.slice(-4)}`);
  await expect(row.getByTestId('key-input')).toHaveValue('');

  await row.getByTestId('provider-test').click();
  await expect(row.getByTestId('provider-test-result')).toHaveAttribute('data-outcome', 'works');
  await page.screenshot({ path: 'test-results/screens/settings-providers.png', fullPage: true });

  // After a reload the page learns everything again from the core: still only the status.
  await page.reload();
  await page.getByTestId('nav-settings').click();
  await expect(row.getByTestId('key-status')).toContainText(`…${key.slice(-4)}`);
  expect(await page.content()).not.toContain(key);

  await row.getByTestId('key-remove').click();
  await expect(row.getByTestId('key-status')).toHaveAttribute('data-status', 'unset');
  await row.getByTestId('provider-test').click();
  await expect(row.getByTestId('provider-test-result')).toHaveAttribute('data-outcome', 'no_key');
  await row.getByTestId('provider-remove').click();
  await expect(row).toHaveCount(0);

  expect(framesWithKey).toEqual(['sent']);
});

test('a wrong key is reported as refused, in the language of the UI', async ({ browser, atelier }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(atelier.url);
  await page.getByTestId('nav-settings').click();
  const id = `${providerId}-zh`;
  await page.getByTestId('provider-add-preset').selectOption('openai-compatible');
  await page.getByTestId('provider-add-id').fill(id);
  await page.getByTestId('provider-add-base-url').fill(routerUrl);
  await page.getByTestId('provider-add').click();
  const row = page.locator(`[data-testid="settings-provider"][data-provider-id="${id}"]`);
  await row.getByTestId('key-input').fill('sk-wrong-0000000000000000');
  await row.getByTestId('key-save').click();
  await expect(row.getByTestId('key-status')).toContainText('已设置');
  await row.getByTestId('provider-test').click();
  await expect(row.getByTestId('provider-test-result')).toHaveAttribute('data-outcome', 'key_refused');
  await expect(row.getByTestId('provider-test-result')).toContainText('密钥被拒绝');
  await row.getByTestId('provider-remove').click();
  await expect(row).toHaveCount(0);
  await context.close();
});
