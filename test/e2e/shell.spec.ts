import { expect, test } from './fixtures';

test('the shell round-trips app.ping to the real core and shows it connected', async ({ page, atelier }) => {
  await page.goto(atelier.url);
  const status = page.getByTestId('core-status');
  await expect(status).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('core-roundtrip')).toContainText(/\d+ ms/);
  await expect(page).not.toHaveURL(/token=/);
  await page.screenshot({ path: 'test-results/screens/shell-generate.png' });
});

test('navigation reaches every view, by click and by keyboard shortcut', async ({ page, atelier }) => {
  await page.goto(atelier.url);
  await page.getByTestId('nav-gallery').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gallery');
  await page.getByTestId('nav-editor').click();
  await expect(page.getByTestId('editor-drop-zone')).toBeVisible();
  await page.keyboard.press('Control+4');
  await expect(page.getByTestId('nav-settings')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('about-library')).toHaveText(atelier.libraryDir);
  // The browser harness cannot open a folder dialog: it says how to use another library instead.
  await expect(page.getByTestId('library-change')).toHaveCount(0);
  await expect(page.getByText('--library DIR')).toBeVisible();
  await page.keyboard.press('Control+1');
  await expect(page.getByTestId('nav-generate')).toHaveAttribute('aria-current', 'page');
});

test('language follows the OS and can be switched to zh-CN and back; the choice survives a reload', async ({
  browser,
  atelier,
}) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(atelier.url);
  await expect(page.getByTestId('nav-gallery')).toContainText('图库');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-language').selectOption('en');
  await expect(page.getByTestId('nav-gallery')).toContainText('Gallery');
  await page.reload();
  await expect(page.getByTestId('nav-gallery')).toContainText('Gallery');
  await expect(page.getByTestId('core-status')).toHaveAttribute('data-state', 'connected');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');
  await page.screenshot({ path: 'test-results/screens/settings-zh-CN.png' });
  await context.close();
});

test('the theme follows the OS colour scheme and can be forced', async ({ browser, atelier }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(atelier.url);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: 'test-results/screens/settings-dark.png' });
  await context.close();
});

test('a page without the token is refused by the core and says how to connect', async ({ page, atelier }) => {
  await page.goto(`${atelier.origin}/`);
  await expect(page.getByTestId('error-banner')).toContainText('atelier serve');
  await expect(page.getByTestId('core-status')).toHaveAttribute('data-state', 'failed');
});
