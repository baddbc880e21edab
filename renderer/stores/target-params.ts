// Each target of a fan-out is sent with the parameters its own model takes: the form's shared values where the model
// accepts them, the target's own where it was set by itself. Nothing a model cannot take is sent to it, so one model's
// limits never make the core refuse the whole batch (issue 14, point 1).
import type { JobTarget } from '../../shared/contract/jobs';
import type { ModelInfo } from '../../shared/contract/models';
import { isGptImageModel, partialImages } from '../../shared/gpt-image';
import { seededProtocols } from '../../shared/presets';
import { findModel } from './catalog';
import type { GenerateParams, Target } from './targets';

/** The values this model takes, from what the form holds for it ('' = the model's default). */
export function fitParams(model: ModelInfo | undefined, params: GenerateParams): GenerateParams {
  // A model whose catalogue is not loaded yet is sent what the form holds; the core checks it.
  if (!model) return params;
  const n = Math.min(Math.max(params.n, model.n.min), model.n.max);
  const size = model.sizes
    ? model.sizes.includes(params.size)
      ? params.size
      : ''
    : /^\d+x\d+$/.test(params.size)
      ? params.size
      : '';
  return {
    n,
    size,
    aspectRatio: model.aspectRatios.includes(params.aspectRatio) ? params.aspectRatio : '',
    quality: model.qualities.includes(params.quality) ? params.quality : '',
    seed: seededProtocols.includes(model.protocol) ? params.seed : '',
    livePreview: isGptImageModel(model.id) && params.livePreview === true,
  };
}

/** What a target's panel shows and sends: the shared values under its own. */
export function paramsOfTarget(shared: GenerateParams, target: Target, model: ModelInfo | undefined): GenerateParams {
  return fitParams(model, { ...shared, ...target.own });
}

/** Every target as jobs.create takes it, each with the values its own model takes; no shared option is sent. */
export function requestTargets(
  targets: Target[],
  shared: GenerateParams,
  negativePrompt: string,
  models: Record<string, ModelInfo[]>,
): JobTarget[] {
  return targets.map((target) => {
    const model = findModel(models, target.providerId, target.model);
    return requestTarget(target, paramsOfTarget(shared, target, model), negativePrompt, model);
  });
}

/** Whether the form's negative prompt goes to this model: where it takes one, or its catalogue is not loaded yet. */
export function takesNegativePrompt(model: ModelInfo | undefined): boolean {
  return model ? model.negativePrompt : true;
}

/**
 * The target as jobs.create takes it: every option named, so no shared default the model cannot take applies; the
 * negative prompt only for a model that takes one (a model not yet known gets it, and the core decides).
 */
export function requestTarget(
  target: Target,
  params: GenerateParams,
  negativePrompt = '',
  model?: ModelInfo,
): JobTarget {
  const seed = params.seed.trim() === '' ? undefined : Number(params.seed);
  const negative = takesNegativePrompt(model) && negativePrompt.trim() !== '' ? negativePrompt : undefined;
  return {
    providerId: target.providerId,
    model: target.model,
    n: params.n,
    ...(params.size && { size: params.size }),
    ...(params.aspectRatio && { aspectRatio: params.aspectRatio }),
    ...(params.quality && { quality: params.quality }),
    ...(Number.isInteger(seed) && { seed }),
    ...(negative !== undefined && { negativePrompt: negative }),
    ...(params.livePreview && { params: { partial_images: partialImages.whenAsked } }),
  };
}
