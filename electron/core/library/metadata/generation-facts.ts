// What a metadata reader gives back, whichever tool wrote the file, and the small value helpers the
// readers share (seeds kept exactly, texts trimmed, model file names without their extension).
import type { Generator, Seed } from '../../../../shared/contract/library';
import type { EmbeddedText } from './containers';

export interface GenerationFacts {
  generator: Generator;
  prompt: string | null;
  negativePrompt: string | null;
  model: string | null;
  seed: Seed | null;
  /** The tool's other settings, under the tool's own names. */
  params: Record<string, unknown> | null;
  /** Only our own chunk names the provider an image came from. */
  provider?: string | null;
}

/** Reads one tool's metadata; null when the text is not that tool's. */
export type MetadataReader = (text: EmbeddedText) => GenerationFacts | null;

/**
 * A seed exactly as written: a number when a number holds it, else its digits as text (ComfyUI and
 * Fooocus seeds run to 2^64). Anything that is not a whole number (TensorArt's "-1" for "random") is none.
 */
export function seedOf(value: unknown): Seed | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const digits = value.trim();
  if (!/^\d+$/.test(digits)) return null;
  const number = Number(digits);
  return Number.isSafeInteger(number) ? number : digits.replace(/^0+(?=\d)/, '');
}

export function textOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/\r\n?/g, '\n').trim();
  return text || null;
}

/** A checkpoint's file name as the web UIs show it: `wai_v16.safetensors` → `wai_v16`. */
export function modelName(value: unknown): string | null {
  const text = textOf(value);
  return text && text.replace(/\.(safetensors|ckpt|pt|pth|bin|gguf|sft)$/i, '');
}

/** Params without the nulls and the fields already given their own column. */
export function paramsOf(
  generator: Generator,
  values: Record<string, unknown>,
  omit: readonly string[] = [],
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || omit.includes(key)) continue;
    params[key] = value;
  }
  return { ...params, generator };
}
