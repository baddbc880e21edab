// Live job progress from a queued provider (the fal relay of seed 002, through QuickRouter): queue
// position, the status bar's running count wherever the user is, and cancel that reaches the provider.
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { expect, test } from './fixtures';
import { addProviderInSettings } from './settings-steps';

const key = 'sk-progress-test-0000000000';
let fake: FakeProvider;

test.beforeAll(async () => {
  fake = await startFakeProvider({ key, falSteps: { queued: 6, inProgress: 30 } });
});
test.afterAll(() => fake.close());

test('a queued job shows its position and the running count, and Cancel stops it at the provider too', async ({
  page,
  atelier,
}) => {
  await page.goto(atelier.url);
  await addProviderInSettings(page, { preset: 'quickrouter', id: 'qr', baseUrl: fake.baseUrl, key });

  await page.getByTestId('nav-generate').click();
  await page.getByTestId('provider-select').selectOption('qr');
  await page.getByTestId('model-select').selectOption('fal-ai/flux-1/dev');
  await page.getByTestId('prompt-input').fill('a tiger eye, close up');
  await page.getByTestId('generate-button').click();

  const job = page.getByTestId('job-item').first();
  await expect(job).toContainText(/Position \d+ in the queue/);
  await page.getByTestId('nav-gallery').click();
  await expect(page.getByTestId('status-jobs')).toHaveText('1 job running');
  await page.getByTestId('status-jobs').click();
  await expect(page.getByTestId('nav-generate')).toHaveAttribute('aria-current', 'page');

  await job.getByTestId('job-cancel').click();
  await expect(job).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('status-jobs')).toHaveCount(0);
  await expect
    .poll(() => fake.requests.some((request) => request.method === 'PUT' && request.path.endsWith('/cancel')))
    .toBe(true);
});
