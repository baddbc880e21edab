// A batch's targets, each with its own options: the request's shared values where the target names none, the
// target's own where it does. Every target is checked before anything is written, and every problem of every
// target is reported at once, each with its model, so one refused model never hides what the others need.
import { randomInt } from 'node:crypto';
import type { JobRequest, JobTarget } from '../../../shared/contract/jobs';
import type { ModelInfo } from '../../../shared/contract/models';
import { AppError, type ErrorDetails, errorDetails, isAppError } from '../../../shared/errors';
import { maxSeed } from '../../../shared/limits';
import { type ProtocolId, seededProtocols } from '../../../shared/presets';
import type { ModelCatalog } from '../providers/catalog-cache';
import type { ProviderRegistry } from '../providers/registry';
import { findModel, protocolFor, validateRequest } from '../providers/providers';
import type { JobParams } from './job-row';
import { buildRequest } from './runner';
import type { JobInput } from './store';

export interface PlannedJob {
  providerId: string;
  model: string;
  protocol: ProtocolId;
  prompt: string;
  params: JobParams;
}

/** One refusal of one target, in the error's details.problems (the page lists them by their target). */
export interface TargetProblem {
  /** The target's place in the request's targets. */
  target: number;
  providerId: string;
  model: string;
  field: string | null;
  message: string;
  details: ErrorDetails | undefined;
  /** A fix the UI can offer with one click (validate.ts: scale the mask to the image). */
  fix?: 'scale_mask';
}

/** The options one target is sent with: its own where it names them, the request's otherwise; params per key. */
export function optionsOfTarget(request: JobRequest, target: JobTarget): JobParams {
  const pick = <K extends 'n' | 'size' | 'aspectRatio' | 'quality' | 'outputFormat' | 'seed' | 'negativePrompt'>(
    name: K,
  ) => (target[name] !== undefined ? target[name] : request[name]);
  const extra = request.params || target.params ? { ...request.params, ...target.params } : undefined;
  const params: JobParams = {
    n: pick('n'),
    size: pick('size'),
    aspectRatio: pick('aspectRatio'),
    quality: pick('quality'),
    outputFormat: pick('outputFormat'),
    seed: pick('seed'),
    negativePrompt: pick('negativePrompt'),
    scaleMask: request.scaleMask,
    extra,
  };
  // Absent options are not stored as null (the job row is JSON).
  return JSON.parse(JSON.stringify(params)) as JobParams;
}

/**
 * The seed a job is sent with, decided once and stored with it (so a retry or a resume sends the same one): the
 * asked seed, else a random one drawn here, for a model that takes a seed; none for a model that takes none.
 */
export function withSeed(params: JobParams, protocol: ProtocolId): JobParams {
  const { seed, ...rest } = params;
  if (!seededProtocols.includes(protocol)) return rest;
  return { ...rest, seed: seed ?? randomInt(0, maxSeed + 1) };
}

/**
 * The negative prompt a job is sent with: the asked one, for a model that takes one; none for a model that does not
 * (it is not shown for those either, like the seed), nor when it is only blank.
 */
export function withNegativePrompt(params: JobParams, model: ModelInfo): JobParams {
  const { negativePrompt, ...rest } = params;
  if (!model.negativePrompt || !negativePrompt?.trim()) return rest;
  return { ...rest, negativePrompt };
}

/** Every target planned, or one invalid_input error listing every problem of every target. */
export async function planBatch(
  deps: { registry: ProviderRegistry; catalog: ModelCatalog },
  request: JobRequest,
  inputs: JobInput[],
): Promise<PlannedJob[]> {
  const planned: PlannedJob[] = [];
  const problems: TargetProblem[] = [];
  for (const [index, target] of request.targets.entries()) {
    const about = { target: index, providerId: target.providerId, model: target.model };
    try {
      const provider = deps.registry.get(target.providerId);
      const protocol = protocolFor(provider.preset, target.model);
      const model = findModel(provider.preset, target.model, deps.catalog.remoteModels(provider.id));
      const params = withNegativePrompt(withSeed(optionsOfTarget(request, target), protocol), model);
      const issues = await validateRequest(model, buildRequest(target.model, request.prompt, params, inputs));
      for (const issue of issues)
        problems.push({ ...about, field: issue.field, message: issue.message, details: issue.details, fix: issue.fix });
      if (issues.length === 0)
        planned.push({ providerId: provider.id, model: target.model, protocol, prompt: request.prompt, params });
    } catch (error) {
      // A provider removed meanwhile, a model its preset cannot speak: this target's problem, not the batch's end.
      if (!isAppError(error)) throw error;
      problems.push({ ...about, field: null, message: error.message, details: error.details as ErrorDetails });
    }
  }
  if (problems.length > 0) throw batchRefused(request, problems);
  return planned;
}

/** Each problem in full, named by its model (the message is for the CLI and logs; the page words the details). */
function batchRefused(request: JobRequest, problems: TargetProblem[]): AppError {
  const named = problems.map((problem) => `${problem.model} (${problem.providerId}): ${problem.message}`);
  if (request.targets.length === 1) {
    // One target: its first problem is the error's kind, as before batches had several; the rest follow in full.
    const [first] = problems;
    const issues = problems.map(({ field, message, details, fix }) => ({ field, message, details, fix }));
    return new AppError('invalid_input', named.join(' '), { ...first!.details, issues, problems });
  }
  const models = new Set(problems.map((problem) => problem.target)).size;
  return new AppError(
    'invalid_input',
    `${problems.length} problem(s) in ${models} of ${request.targets.length} models; nothing was sent. ${named.join(' ')}`,
    { ...errorDetails('targets_invalid', { count: problems.length, models }), problems },
  );
}
