// Shared set-up for provider tests: a fake server, a provider config on it and a no-wait retry sleep.
import sharp from 'sharp';
import type { PresetId, ProviderConfig } from '../../shared/presets';
import { createProviderAdapter } from '../../electron/core/providers/adapter';
import { protocolFor } from '../../electron/core/providers/catalog';
import type { ProviderAdapter } from '../../electron/core/providers/types';

export const testKey = 'sk-test-0123456789abcdef';

export interface SleepLog {
  delays: number[];
  sleep: (ms: number) => Promise<void>;
}

/** Records the back-off delays instead of waiting them out. */
export function recordedSleep(): SleepLog {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

export function providerOn(baseUrl: string, preset: PresetId, label = 'Test router'): ProviderConfig {
  return { id: `${preset}-1`, label, preset, baseUrl };
}

export function adapterFor(
  baseUrl: string,
  preset: PresetId,
  model: string,
  extra: { sleep?: (ms: number) => Promise<void>; timeoutMs?: number; key?: string | null; label?: string } = {},
): ProviderAdapter {
  return createProviderAdapter({
    provider: providerOn(baseUrl, preset, extra.label),
    key: extra.key === undefined ? testKey : extra.key,
    protocol: protocolFor(preset, model),
    sleep: extra.sleep ?? (async () => {}),
    timeoutMs: extra.timeoutMs,
  });
}

export async function solidPng(width: number, height: number, colour = { r: 200, g: 40, b: 40 }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

/** A mask as the editor paints it: white opaque rectangle on a black background. */
export async function paintedMask(
  width: number,
  height: number,
  rect: { left: number; top: number; width: number; height: number },
): Promise<Buffer> {
  const white = await sharp({ create: { width: rect.width, height: rect.height, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#000000' } })
    .composite([{ input: white, left: rect.left, top: rect.top }])
    .png()
    .toBuffer();
}

export async function pixelAt(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [...data.subarray(offset, offset + info.channels)];
}
