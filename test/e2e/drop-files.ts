// Files handed to the page as the desktop hands them over: a drop (or a paste) of PNGs built with sharp.
import sharp from 'sharp';
import type { Page } from '@playwright/test';

/** A plain PNG of one colour, as base64 (what crosses into the page). */
export async function png(width: number, height: number, background: string): Promise<string> {
  return (
    await sharp({ create: { width, height, channels: 3, background } })
      .png()
      .toBuffer()
  ).toString('base64');
}

/** Drops files built in the page from base64 on the element with `testId`. */
export async function dropFiles(
  page: Page,
  testId: string,
  files: Array<{ name: string; base64: string }>,
): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const { name, base64 } of list)
      transfer.items.add(
        new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type: 'image/png' }),
      );
    return transfer;
  }, files);
  await page.getByTestId(testId).dispatchEvent('drop', { dataTransfer });
}
