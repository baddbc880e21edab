// Steps through Settings that many e2e walks begin with, kept in one place so a change to the provider form is
// made once.
import { expect, type Page } from '@playwright/test';

export interface ProviderToAdd {
  preset: string;
  id: string;
  baseUrl: string;
  key: string;
}

/** Adds a provider in Settings → Providers with its base URL, saves its key, and waits for the key to show as set. */
export async function addProviderInSettings(page: Page, { preset, id, baseUrl, key }: ProviderToAdd): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('provider-add-preset').selectOption(preset);
  await page.getByTestId('provider-add-id').fill(id);
  await page.getByTestId('provider-add-base-url').fill(baseUrl);
  await page.getByTestId('provider-add').click();
  const row = page.locator(`[data-testid="settings-provider"][data-provider-id="${id}"]`);
  await row.getByTestId('key-input').fill(key);
  await row.getByTestId('key-save').click();
  await expect(row.getByTestId('key-status')).toHaveAttribute('data-status', 'set');
}
