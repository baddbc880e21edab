// The model catalogue per provider: what each model accepts, so the UI offers only valid choices.
import { z } from 'zod';
import { presetIds, protocolIds } from '../presets';
import { isoDateSchema } from './dates';
import { channel } from './define';

/**
 * How a provider wants the painted mask: transparent where to edit (OpenAI), or white on black (FLUX Fill, and
 * ImageRouter models served by others than OpenAI, e.g. Runware's maskImage). 'unknown' where the serving provider
 * is not known (a router's model outside its catalogue, or one it may serve through either kind): the mask goes in
 * the OpenAI convention, and the editor can say it may be read the other way.
 */
export const maskConventions = ['alpha', 'white-on-black', 'unknown'] as const;
export type MaskConvention = (typeof maskConventions)[number];

export const aspectRatios = ['21:9', '16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '9:21'] as const;

export const modelInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  protocol: z.enum(protocolIds),
  /** Exact sizes ('1024x1024', 'auto'); null means any WIDTHxHEIGHT. */
  sizes: z.array(z.string()).nullable(),
  /** Accepted aspect ratios; empty when the model takes none. */
  aspectRatios: z.array(z.string()),
  n: z.object({ min: z.number().int(), max: z.number().int() }),
  qualities: z.array(z.string()),
  outputFormats: z.array(z.string()),
  generate: z.boolean(),
  edit: z.boolean(),
  mask: z.boolean(),
  maskConvention: z.enum(maskConventions).nullable(),
  maxInputImages: z.number().int(),
  /** Longest prompt in characters; null when no limit is documented. */
  promptMax: z.number().int().nullable(),
  /**
   * Takes a negative prompt (what the image should not show), sent as its API names it (`negative_prompt` on fal and
   * Replicate). Only where the model's documentation says so: FLUX, GPT image and unknown models do not.
   */
  negativePrompt: z.boolean(),
  /** Per image, when known (ImageRouter's pricing). */
  priceUsd: z.object({ min: z.number(), max: z.number() }).nullable(),
  presets: z.array(z.enum(presetIds)),
  source: z.enum(['builtin', 'imagerouter', 'generic']),
  /** Facts marked unsure in docs/providers.md: the UI may warn, validation stays tolerant. */
  unsure: z.array(z.string()),
});

export type ModelInfo = z.infer<typeof modelInfoSchema>;

export const modelsChannels = {
  'models.list': channel(
    z.object({ providerId: z.string().trim().min(1).max(40), refresh: z.boolean().optional() }).strict(),
    z.object({
      providerId: z.string(),
      models: z.array(modelInfoSchema),
      /** When the remote catalogue was fetched (ms); null for presets without one or never fetched. */
      fetchedAt: isoDateSchema.nullable(),
      /** Set when the remote catalogue could not be refreshed and the cached or built-in list is shown. */
      warning: z.string().nullable(),
    }),
  ),
};
