// "Reuse settings": what made an image or a job, as the Generate form holds it. For a seeded model the same
// settings make the same image again (the local provider: the same bytes).
import type { Job } from '../../shared/contract/jobs';
import type { LibraryImage, Seed } from '../../shared/contract/library';
import { maxSeed } from '../../shared/limits';
import type { GenerateParams, Target } from './targets';

export interface ReusedSettings {
  /** Null when the image names no provider and model (an import): the chosen targets stay. */
  target: Target | null;
  prompt: string;
  /** '' when none was sent (or the model takes none). */
  negativePrompt: string;
  params: GenerateParams;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A seed the form can send again; one past the range (ComfyUI's 64-bit seeds) is left to random. */
function seedText(seed: Seed | unknown): string {
  if (typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= maxSeed) return String(seed);
  if (typeof seed === 'string' && /^\d+$/.test(seed) && Number(seed) <= maxSeed) return String(Number(seed));
  return '';
}

function paramsOf(params: Record<string, unknown> | null, n: number, seed: unknown): GenerateParams {
  return {
    n,
    size: text(params?.size),
    aspectRatio: text(params?.aspectRatio),
    quality: text(params?.quality),
    seed: seedText(seed),
  };
}

/** One image's settings: its own seed, and one image (reusing it is making that image again). */
export function settingsOfImage(image: LibraryImage): ReusedSettings {
  return {
    target: image.provider && image.model ? { providerId: image.provider, model: image.model } : null,
    prompt: image.prompt ?? '',
    negativePrompt: image.negativePrompt ?? '',
    params: paramsOf(image.params, 1, image.seed),
  };
}

/** A job's settings: its batch size and the seed it was sent with, so the same images come again. */
export function settingsOfJob(job: Job): ReusedSettings {
  const n = typeof job.params.n === 'number' ? job.params.n : 1;
  return {
    target: { providerId: job.providerId, model: job.model },
    prompt: job.prompt,
    negativePrompt: text(job.params.negativePrompt),
    params: paramsOf(job.params, n, job.params.seed),
  };
}
