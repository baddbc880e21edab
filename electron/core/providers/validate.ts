// Checks made before anything is sent, each with a message a user can act on. Unknown (generic) models
// are only held to the rules every API shares, so they stay usable.
import sharp from 'sharp';
import { AppError, type ErrorDetails, errorDetails } from '../../../shared/errors';
import type { ModelInfo } from '../../../shared/contract/models';
import { maxInputFileBytes } from '../../../shared/limits';
import {
  dallE2EditImage,
  gptImageBackgrounds,
  gptImageModels,
  gptImageModerations,
  partialImages,
  inputFidelities,
  isGptImageModel,
  outputCompression,
  transparentFormats,
} from '../../../shared/gpt-image';
import { presets } from '../../../shared/presets';
import type { ImageRequest, InputImage } from './types';

const acceptedFormats = ['png', 'jpeg', 'webp'];

export interface ValidationIssue {
  field: 'prompt' | 'n' | 'size' | 'aspectRatio' | 'quality' | 'outputFormat' | 'images' | 'mask' | 'extra';
  message: string;
  /** The same refusal as facts, for the page to say in the user's language. */
  details: ErrorDetails;
  /** A fix the UI can offer with one click (scale the mask to the image). */
  fix?: 'scale_mask';
}

const list = (values: string[]) => values.join(', ');

function checkOptions(model: ModelInfo, request: ImageRequest, issues: ValidationIssue[]): void {
  const strict = model.source !== 'generic';
  const prompt = request.prompt.trim();
  if (prompt === '')
    issues.push({
      field: 'prompt',
      message: 'Write a prompt: describe the image you want.',
      details: errorDetails('prompt_empty', {}),
    });
  if (model.promptMax !== null && request.prompt.length > model.promptMax) {
    issues.push({
      field: 'prompt',
      message: `The prompt is ${request.prompt.length} characters; ${model.id} accepts at most ${model.promptMax}. Shorten it.`,
      details: errorDetails('prompt_too_long', {
        model: model.id,
        limit: model.promptMax,
        actual: request.prompt.length,
      }),
    });
  }
  const n = request.n ?? 1;
  if (!Number.isInteger(n) || n < model.n.min || n > model.n.max) {
    const range = model.n.min === model.n.max ? `exactly ${model.n.min}` : `${model.n.min} to ${model.n.max}`;
    issues.push({
      field: 'n',
      message: `${model.id} makes ${range} image(s) per request; you asked for ${n}.`,
      details: errorDetails('count_out_of_range', { model: model.id, min: model.n.min, max: model.n.max, actual: n }),
    });
  }
  if (request.size !== undefined) {
    if (model.sizes && !model.sizes.includes(request.size)) {
      issues.push({
        field: 'size',
        message: `${model.id} does not take the size ${request.size}. Choose one of: ${list(model.sizes)}.`,
        details: errorDetails('size_not_offered', { model: model.id, size: request.size, choices: model.sizes }),
      });
    } else if (!model.sizes && request.size !== 'auto' && !/^\d+x\d+$/.test(request.size)) {
      issues.push({
        field: 'size',
        message: `"${request.size}" is not a size. Write it as WIDTHxHEIGHT, e.g. 1024x1024, or auto.`,
        details: errorDetails('size_malformed', { size: request.size }),
      });
    }
  }
  if (request.aspectRatio !== undefined && strict) {
    if (model.aspectRatios.length === 0) {
      issues.push({
        field: 'aspectRatio',
        message: `${model.id} takes no aspect ratio. Choose a size instead.`,
        details: errorDetails('aspect_ratio_not_taken', { model: model.id }),
      });
    } else if (!model.aspectRatios.includes(request.aspectRatio)) {
      issues.push({
        field: 'aspectRatio',
        message: `${model.id} does not take ${request.aspectRatio}. Choose one of: ${list(model.aspectRatios)}.`,
        details: errorDetails('aspect_ratio_not_offered', {
          model: model.id,
          aspectRatio: request.aspectRatio,
          choices: model.aspectRatios,
        }),
      });
    }
  }
  if (request.quality !== undefined && strict && !model.qualities.includes(request.quality)) {
    const choose = model.qualities.length ? `Choose one of: ${list(model.qualities)}.` : 'Leave quality unset.';
    issues.push({
      field: 'quality',
      message: `${model.id} does not take the quality "${request.quality}". ${choose}`,
      details: model.qualities.length
        ? errorDetails('quality_not_offered', { model: model.id, quality: request.quality, choices: model.qualities })
        : errorDetails('quality_not_taken', { model: model.id, quality: request.quality }),
    });
  }
  if (request.outputFormat !== undefined && strict && !model.outputFormats.includes(request.outputFormat)) {
    const choose = model.outputFormats.length
      ? `Choose one of: ${list(model.outputFormats)}.`
      : 'Leave the format unset.';
    const format = request.outputFormat;
    issues.push({
      field: 'outputFormat',
      message: `${model.id} cannot answer in ${format}. ${choose}`,
      details: model.outputFormats.length
        ? errorDetails('output_format_not_offered', { model: model.id, format, choices: model.outputFormats })
        : errorDetails('output_format_not_taken', { model: model.id, format }),
    });
  }
}

const isEdit = (request: ImageRequest) => (request.images?.length ?? 0) > 0 || request.mask !== undefined;

/** True when every preset the entry is offered on (one, as the catalogue answers it per provider) has the fact. */
const everyPreset = (model: ModelInfo, fact: (spec: (typeof presets)[keyof typeof presets]) => boolean) =>
  model.presets.length > 0 && model.presets.every((id) => fact(presets[id]));

/**
 * A preset that strips fields (ImageRouter, presets.ts keptFields) would drop these without a word: refused, so a
 * job never records what was not sent (n, sizes and the rest are narrowed in the catalogue already).
 */
function checkKeptFields(model: ModelInfo, request: ImageRequest, issues: ValidationIssue[]): void {
  const spec = presets[model.presets[0]!];
  const kept = spec?.keptFields;
  if (!kept || !everyPreset(model, (other) => other.keptFields !== undefined)) return;
  // An aspect ratio of a catalogued model is refused by checkOptions already (the catalogue offers none here).
  const aspect = model.source === 'generic' ? request.aspectRatio : undefined;
  const sent = { aspect_ratio: aspect, seed: request.seed, ...request.extra };
  for (const [option, value] of Object.entries(sent))
    if (value !== undefined && !kept.includes(option))
      issues.push({
        field: option === 'aspect_ratio' ? 'aspectRatio' : 'extra',
        message: `${model.id} does not take ${option}: ${spec.label} drops it. Leave it unset.`,
        details: errorDetails('option_not_taken', { model: model.id, option }),
      });
}

/** OpenAI's own options, sent in `extra` under their wire names; the rules of openai-node src/resources/images.ts. */
function checkOpenAiOptions(model: ModelInfo, request: ImageRequest, issues: ValidationIssue[]): void {
  const extra = request.extra ?? {};
  const refuse = (message: string, details: ErrorDetails) => issues.push({ field: 'extra', message, details });
  const options = ['background', 'output_compression', 'input_fidelity', 'moderation', 'partial_images'].filter(
    (name) => extra[name] !== undefined,
  );
  if (!isGptImageModel(model.id)) {
    // "This parameter is only supported for `gpt-image-1`" (each option's comment); other models pass extra as is.
    if (model.id.startsWith('dall-e'))
      for (const option of options)
        refuse(
          `${model.id} does not take ${option}. Leave it unset.`,
          errorDetails('option_not_taken', { model: model.id, option }),
        );
    return;
  }
  const offered = (option: string, choices: readonly string[]) => {
    const value = extra[option];
    if (value === undefined || choices.includes(String(value))) return true;
    refuse(
      `${model.id} does not take ${option} "${String(value)}". Choose one of: ${list([...choices])}.`,
      errorDetails('option_not_offered', { model: model.id, option, value: String(value), choices: [...choices] }),
    );
    return false;
  };
  // output_format defaults to png (ImageEditParams.output_format).
  const format = request.outputFormat ?? 'png';
  if (offered('background', gptImageBackgrounds) && extra.background === 'transparent') {
    if (!(transparentFormats as readonly string[]).includes(format))
      refuse(
        `A transparent background needs png or webp; ${format} has no transparency.`,
        errorDetails('transparent_needs_format', { model: model.id, format, choices: [...transparentFormats] }),
      );
  }
  const compression = extra.output_compression;
  if (compression !== undefined) {
    if (
      typeof compression !== 'number' ||
      !Number.isInteger(compression) ||
      compression < outputCompression.min ||
      compression > outputCompression.max
    )
      refuse(
        `Compression must be a whole number from ${outputCompression.min} to ${outputCompression.max}; ${String(compression)} is not.`,
        errorDetails('compression_out_of_range', {
          model: model.id,
          min: outputCompression.min,
          max: outputCompression.max,
          actual: String(compression),
        }),
      );
    else if (!(outputCompression.formats as readonly string[]).includes(format))
      refuse(
        `Compression applies only to jpeg and webp; ${model.id} is set to answer in ${format}.`,
        errorDetails('compression_needs_format', { model: model.id, format, choices: [...outputCompression.formats] }),
      );
  }
  const partials = extra.partial_images;
  if (
    partials !== undefined &&
    !(Number.isInteger(partials) && Number(partials) >= partialImages.min && Number(partials) <= partialImages.max)
  )
    refuse(
      `partial_images (live previews) must be a whole number from ${partialImages.min} to ${partialImages.max}; ${String(partials)} is not.`,
      errorDetails('option_not_offered', {
        model: model.id,
        option: 'partial_images',
        value: String(partials),
        choices: Array.from({ length: partialImages.max - partialImages.min + 1 }, (_, at) =>
          String(partialImages.min + at),
        ),
      }),
    );
  const moderatesEdits = everyPreset(model, (spec) => spec.moderationOnEdits === true);
  if (
    extra.moderation !== undefined &&
    offered('moderation', gptImageModerations) &&
    isEdit(request) &&
    !moderatesEdits
  )
    refuse(
      `${model.id} takes a moderation level for new images only, not for edits. Leave it unset.`,
      errorDetails('moderation_on_edit', { model: model.id }),
    );
  if (extra.input_fidelity !== undefined) {
    if (!gptImageModels[model.id].inputFidelity || !isEdit(request))
      refuse(
        `${model.id} does not take input_fidelity${isEdit(request) ? '' : ' for new images (edits only)'}. Leave it unset.`,
        errorDetails('option_not_taken', { model: model.id, option: 'input_fidelity' }),
      );
    else offered('input_fidelity', inputFidelities);
  }
}

/** ImageEditParams.image: dall-e-2 edits one square PNG under 4 MB. */
function checkDallE2Edit(
  model: ModelInfo,
  image: InputImage,
  meta: { format?: string; width?: number; height?: number },
  issues: ValidationIssue[],
): void {
  const refuse = (message: string, details: ErrorDetails) => issues.push({ field: 'images', message, details });
  if (meta.format !== dallE2EditImage.format)
    refuse(
      `${model.id} edits PNG images only. Convert the image to PNG.`,
      errorDetails('edit_image_not_png', { model: model.id }),
    );
  if (meta.width !== meta.height)
    refuse(
      `${model.id} edits square images only; this one is ${meta.width}×${meta.height}. Crop it square.`,
      errorDetails('edit_image_not_square', { model: model.id, width: meta.width ?? 0, height: meta.height ?? 0 }),
    );
  if (image.bytes.length >= dallE2EditImage.maxBytes)
    refuse(
      `${model.id} edits images under 4 MB; this one is ${(image.bytes.length / 1024 / 1024).toFixed(1)} MB. Use a smaller file.`,
      errorDetails('edit_image_too_large', {
        model: model.id,
        limit: dallE2EditImage.maxBytes,
        actual: image.bytes.length,
      }),
    );
}

async function readFormat(image: InputImage): Promise<{ format?: string; width?: number; height?: number } | null> {
  try {
    return await sharp(image.bytes).metadata();
  } catch {
    return null;
  }
}

async function checkFile(image: InputImage, label: string, field: 'images' | 'mask', issues: ValidationIssue[]) {
  if (image.bytes.length > maxInputFileBytes) {
    const megabytes = (image.bytes.length / 1024 / 1024).toFixed(1);
    issues.push({
      field,
      message: `${label} is ${megabytes} MB; the limit is ${maxInputFileBytes / 1024 / 1024} MB. Use a smaller or compressed file.`,
      details: errorDetails('file_too_large', { limit: maxInputFileBytes, actual: image.bytes.length }),
    });
    return null;
  }
  const meta = await readFormat(image);
  if (!meta?.format || !acceptedFormats.includes(meta.format)) {
    issues.push({
      field,
      message: `${label} is not a PNG, JPEG or WebP image. Convert it and try again.`,
      details: errorDetails('format_not_editable', {}),
    });
    return null;
  }
  return meta;
}

async function checkInputs(model: ModelInfo, request: ImageRequest, issues: ValidationIssue[]): Promise<void> {
  const images = request.images ?? [];
  if (images.length > 0 && !model.edit) {
    issues.push({
      field: 'images',
      message: `${model.id} cannot edit images. Remove the input image or choose a model that edits.`,
      details: errorDetails('edit_not_supported', { model: model.id }),
    });
  } else if (images.length > model.maxInputImages) {
    issues.push({
      field: 'images',
      message: `${model.id} takes at most ${model.maxInputImages} input image(s); you gave ${images.length}. Remove some.`,
      details: errorDetails('too_many_images', { model: model.id, limit: model.maxInputImages, actual: images.length }),
    });
  }
  const metas = [];
  for (const [index, image] of images.entries())
    metas.push(await checkFile(image, `Input image ${index + 1}`, 'images', issues));
  const first = metas[0];
  if (model.id === 'dall-e-2' && images[0] && first) checkDallE2Edit(model, images[0], first, issues);
  if (!request.mask) return;
  if (!model.mask) {
    issues.push({
      field: 'mask',
      message: `${model.id} does not take a mask. Clear the mask, or choose a model that inpaints (e.g. gpt-image-1).`,
      details: errorDetails('mask_not_supported', { model: model.id }),
    });
    return;
  }
  if (images.length === 0) {
    issues.push({
      field: 'mask',
      message: 'A mask needs an input image to apply to. Add the image first.',
      details: errorDetails('mask_without_image', {}),
    });
    return;
  }
  const mask = await checkFile(request.mask, 'The mask', 'mask', issues);
  if (mask && first && !request.scaleMask && (mask.width !== first.width || mask.height !== first.height)) {
    issues.push({
      field: 'mask',
      message: `The mask is ${mask.width}×${mask.height} but the image is ${first.width}×${first.height}. Scale the mask to the image.`,
      details: errorDetails('mask_size_mismatch', {
        maskWidth: mask.width ?? 0,
        maskHeight: mask.height ?? 0,
        width: first.width ?? 0,
        height: first.height ?? 0,
      }),
      fix: 'scale_mask',
    });
  }
}

export async function validateRequest(model: ModelInfo, request: ImageRequest): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = [];
  checkOptions(model, request, issues);
  checkKeptFields(model, request, issues);
  if (model.protocol === 'openai-images' && model.source !== 'generic') checkOpenAiOptions(model, request, issues);
  await checkInputs(model, request, issues);
  return issues;
}

/** Throws AppError('invalid_input') carrying every issue, the first one as the message and the details' kind. */
export async function assertValidRequest(model: ModelInfo, request: ImageRequest): Promise<void> {
  const issues = await validateRequest(model, request);
  if (issues.length === 0) return;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw new AppError('invalid_input', `${issues[0]!.message}${more}`, { ...issues[0]!.details, issues });
}
