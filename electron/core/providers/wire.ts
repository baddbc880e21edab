// Small helpers every protocol adapter shares.
import type { PresetSpec } from '../../../shared/presets';
import { registerSecret } from '../redact';

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** `Authorization: Bearer KEY`, or fal's own `Authorization: Key KEY`; none for keyless providers. */
export function authHeaders(preset: PresetSpec, key: string | null): Record<string, string> {
  if (!key || !preset.authScheme) return {};
  registerSecret(key);
  return { Authorization: `${preset.authScheme} ${key}` };
}

/** Drops undefined fields so the wire carries only what the user set. */
export function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null));
}

/** `created` is seconds at OpenAI and milliseconds at ImageRouter: anything past year 5138 in seconds is ms. */
export function createdToMs(created: unknown): number | undefined {
  if (typeof created !== 'number' || !Number.isFinite(created)) return undefined;
  return created > 1e11 ? created : created * 1000;
}

export function dataUri(bytes: Buffer, mimeType: string): string {
  return `data:${mimeType};base64,${bytes.toString('base64')}`;
}

export function parseSize(size: string | undefined): { width: number; height: number } | null {
  const match = size ? /^(\d+)x(\d+)$/.exec(size) : null;
  return match ? { width: Number(match[1]), height: Number(match[2]) } : null;
}
