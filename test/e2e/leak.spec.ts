// The renderer's side of issue 5's leak test: a key saved in Settings and used for a generation must not
// be anywhere the page keeps state — localStorage, sessionStorage, cookies, IndexedDB, the DOM — nor in
// any WebSocket frame the page received. The page sends it exactly once, when it is saved.
import { randomBytes } from 'node:crypto';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { expect, test } from './fixtures';
import { addProviderInSettings } from './settings-steps';

const key = `sk-LEAKCANARY-${randomBytes(12).toString('hex')}`;
const providerId = `leak-${randomBytes(3).toString('hex')}`;
let fake: FakeProvider;

test.beforeAll(async () => {
  fake = await startFakeProvider({ key });
});
test.afterAll(() => fake.close());

test('a saved and used key is in no storage, no DOM and no received frame of the page', async ({ page, atelier }) => {
  const frames: Array<{ direction: 'sent' | 'received'; payload: string }> = [];
  page.on('websocket', (socket) => {
    socket.on('framesent', (frame) => frames.push({ direction: 'sent', payload: String(frame.payload) }));
    socket.on('framereceived', (frame) => frames.push({ direction: 'received', payload: String(frame.payload) }));
  });
  await page.goto(atelier.url);
  await addProviderInSettings(page, { preset: 'quickrouter', id: providerId, baseUrl: fake.baseUrl, key });
  const row = page.locator(`[data-testid="settings-provider"][data-provider-id="${providerId}"]`);
  await expect(row.getByTestId('key-input')).toHaveValue('');

  // Use it: one generation through the provider, so the key is read and sent by the core.
  await page.getByTestId('nav-generate').click();
  await page.getByTestId('provider-select').selectOption(providerId);
  await page.getByTestId('model-select').selectOption('gpt-image-1');
  await page.getByTestId('prompt-input').fill('a canary in a coal mine');
  await page.getByTestId('generate-button').click();
  await expect(page.getByTestId('job-item').first()).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  expect(fake.requests.some((request) => request.headers.authorization === `Bearer ${key}`)).toBe(true);

  for (const stage of ['after use', 'after reload']) {
    if (stage === 'after reload') {
      await page.reload();
      await page.getByTestId('nav-settings').click();
      await expect(row.getByTestId('key-status')).toContainText(`…${key.slice(-4)}`);
    }
    const state = await page.evaluate(async () => {
      const dump = (storage: Storage) =>
        Object.fromEntries(
          Array.from({ length: storage.length }, (_, index) => storage.key(index)!).map((name) => [
            name,
            storage.getItem(name),
          ]),
        );
      const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
      return {
        local: dump(localStorage),
        session: dump(sessionStorage),
        cookies: document.cookie,
        databases,
        html: document.documentElement.outerHTML,
      };
    });
    expect(
      Object.keys(state.local).length + Object.keys(state.session).length,
      `${stage}: the page keeps some state, so the check means something`,
    ).toBeGreaterThan(0);
    expect(JSON.stringify(state), stage).not.toContain(key);
    expect(await page.content(), stage).not.toContain(key);
    // Every input's live value, which outerHTML does not show.
    const values = await page
      .locator('input, textarea')
      .evaluateAll((elements) => elements.map((element) => (element as HTMLInputElement).value));
    expect(values.join('\n'), stage).not.toContain(key);
  }
  const withKey = frames.filter((frame) => frame.payload.includes(key)).map((frame) => frame.direction);
  expect(withKey).toEqual(['sent']);
  expect(frames.filter((frame) => frame.direction === 'received').length).toBeGreaterThan(5);

  // Leave no test key in the user's keychain (the server uses the real one under dbus).
  await row.getByTestId('key-remove').click();
  await expect(row.getByTestId('key-status')).toHaveAttribute('data-status', 'unset');
});
