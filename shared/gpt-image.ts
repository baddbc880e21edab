// OpenAI's images options beyond size/quality/format, each fact as openai/openai-node src/resources/images.ts
// (ImageGenerateParams, ImageEditParams) states it. Sent through ImageRequest.extra under their wire names.

/** ImageGenerateParams.background / ImageEditParams.background: 'transparent' | 'opaque' | 'auto'. */
export const gptImageBackgrounds = ['auto', 'opaque', 'transparent'] as const;
/** Same comment: "If `transparent`, the output format needs to support transparency ... `png` (default) or `webp`". */
export const transparentFormats = ['png', 'webp'] as const;
/** ImageGenerateParams.output_compression: "0-100% ... only supported ... with the `webp` or `jpeg` output formats". */
export const outputCompression = { min: 0, max: 100, formats: ['jpeg', 'webp'] } as const;
/** ImageGenerateParams.moderation: 'low' | 'auto'; ImageEditParams has no moderation (generations only). */
export const gptImageModerations = ['auto', 'low'] as const;
/**
 * input_fidelity on edits: 'high' | 'low' (unsure: the stored openai-node version, commit 583cfe9, does not list it
 * yet; the fake's edit fields and issue 11 name it, and say gpt-image-1-mini does not take it).
 */
export const inputFidelities = ['high', 'low'] as const;
/** ImageEditParams.image: "For `dall-e-2`, you can only provide one image, and it should be a square `png` file less than 4MB." */
export const dallE2EditImage = { maxBytes: 4 * 1024 * 1024, format: 'png', count: 1 } as const;

/**
 * The GPT image models and whether each takes input_fidelity. openai-node's ImageModel (commit 583cfe9) lists only
 * 'gpt-image-1'; -mini and -1.5 are the later ids issue 11 names (unsure in the catalogue).
 */
export const gptImageModels = {
  'gpt-image-1': { inputFidelity: true },
  'gpt-image-1-mini': { inputFidelity: false },
  'gpt-image-1.5': { inputFidelity: true },
} as const;
type GptImageModelId = keyof typeof gptImageModels;

export function isGptImageModel(id: string): id is GptImageModelId {
  return Object.hasOwn(gptImageModels, id);
}

/**
 * Live previews: a GPT image request with `stream: true` and `partial_images` 1-3 answers server-sent events, its
 * partial images first, then the final one (openai/openai-node examples/image-stream.ts: `stream: true,
 * partial_images: 3`, events `image_generation.partial_image` then `image_generation.completed`; edits answer
 * `image_edit.*`). Each partial image costs an extra 100 image output tokens (OpenAI's image generation guide,
 * "Partial images cost"): +$0.004 each on gpt-image-1, about a third more than a low-quality 1024² image (272
 * tokens). So previews are asked for per job (`partial_images` in its params, 0 = none) and are off by default:
 * a preview nobody asked for is money spent without the user's word. Fewer partials may arrive than asked for.
 */
export const partialImages = { min: 0, max: 3, byDefault: 0, extraOutputTokensEach: 100, whenAsked: 2 } as const;

/** US dollars per million tokens, by kind of token, as a GPT image answer's `usage` counts them. */
export interface TokenPrices {
  textInput: number;
  imageInput: number;
  imageOutput: number;
}

/**
 * OpenAI's list prices per 1M tokens, from its model pages (developers.openai.com/api/docs/models/gpt-image-1:
 * text in $5, image in $10, image out $40; …/gpt-image-1-mini: $2, $2.50, $8). gpt-image-1.5 has no page in the
 * stored sources, so it has no price here and its cost stays "not reported" rather than guessed.
 */
export const gptImageTokenPrices: Partial<Record<GptImageModelId, TokenPrices>> = {
  'gpt-image-1': { textInput: 5, imageInput: 10, imageOutput: 40 },
  'gpt-image-1-mini': { textInput: 2, imageInput: 2.5, imageOutput: 8 },
};
