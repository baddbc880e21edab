// Replicate predictions: create `POST {base}{replicatePath}/models/{owner}/{name}/predictions` with
// `Prefer: wait`, poll `GET …/predictions/{id}` (seed 004 through QuickRouter's /replicate prefix), cancel
// `POST …/predictions/{id}/cancel`. `output` is one URL string or an array of them.
import type { PresetSpec } from '../../../shared/presets';
import { AppError } from '../../../shared/errors';
import type { HttpClient } from '../http/client';
import { replicateRetry } from '../http/retry-policy';
import { providerFailure } from '../http/error-body';
import { imageSize, toFluxFillMask } from '../masks';
import type {
  AdapterContext,
  ImageRequest,
  ImageResult,
  PollOutcome,
  ProviderAdapter,
  RemoteProgress,
  RemoteRef,
} from './types';
import { authHeaders, dataUri, defined, joinUrl } from './wire';

export interface ReplicateOptions extends AdapterContext {
  http: HttpClient;
  preset: PresetSpec;
}

type Prediction = Record<string, unknown>;

export async function replicateInput(request: ImageRequest): Promise<Record<string, unknown>> {
  const first = request.images?.[0];
  const image = first ? dataUri(first.bytes, first.mimeType) : undefined;
  // FLUX Fill models take `image` + a white-on-black `mask`; Kontext takes `input_image`.
  const mask =
    first && request.mask
      ? dataUri(
          await toFluxFillMask(request.mask.bytes, await imageSize(first.bytes), { scaleToImage: request.scaleMask }),
          'image/png',
        )
      : undefined;
  return defined({
    prompt: request.prompt,
    input_image: mask ? undefined : image,
    image: mask ? image : undefined,
    mask,
    aspect_ratio: request.aspectRatio,
    output_format: request.outputFormat,
    seed: request.seed,
    num_outputs: request.n !== undefined && request.n > 1 ? request.n : undefined,
    ...request.extra,
  });
}

export function createReplicateAdapter(options: ReplicateOptions): ProviderAdapter {
  const { http, preset } = options;
  const api = (path: string) => joinUrl(joinUrl(options.baseUrl, preset.replicatePath ?? '/v1'), path);
  const headers = () => authHeaders(preset, options.key);

  function outcome(prediction: Prediction, model: string): PollOutcome {
    const status = typeof prediction.status === 'string' ? prediction.status : 'starting';
    if (status === 'succeeded') return { kind: 'done', result: parsePrediction(options.label, prediction) };
    if (status === 'canceled' || status === 'aborted') return { kind: 'cancelled' };
    if (status === 'failed') {
      const error =
        typeof prediction.error === 'string' && prediction.error ? prediction.error : 'the prediction failed';
      throw providerFailure(options.label, `${error} (${model}).`, { id: prediction.id, status });
    }
    return { kind: 'pending', progress: progressOf(prediction) };
  }

  async function cancelPrediction(remote: RemoteRef, signal?: AbortSignal): Promise<void> {
    await http.json({
      method: 'POST',
      url: api(`predictions/${remote.id}/cancel`),
      headers: headers(),
      signal,
      retry: replicateRetry,
      acceptStatus: [404],
    });
  }

  return {
    protocol: 'replicate',
    pollIntervalMs: 500,
    async submit(request) {
      const [owner, name] = request.model.split('/');
      if (!owner || !name)
        throw new AppError(
          'invalid_input',
          `"${request.model}" is not a Replicate model id. Use owner/name, e.g. black-forest-labs/flux-kontext-max.`,
        );
      const url = api(`models/${owner}/${name}/predictions`);
      // The create is not given the caller's signal: a cancel (or a quit) while `Prefer: wait` holds it would drop
      // the answer, and with it the id of a prediction that goes on running and billing. As replicate-js does, the
      // create is let to return; a prediction still running is then handed back by its id, whatever the signal
      // says, so the engine stores it: a cancel then cancels it by that id, a quit leaves it for resume to poll.
      const answer = await http.json<Prediction>({
        method: 'POST',
        url,
        headers: { ...headers(), Prefer: 'wait' },
        json: { input: await replicateInput(request) },
        retry: replicateRetry,
      });
      const prediction = answer.body ?? {};
      const id = typeof prediction.id === 'string' ? prediction.id : '';
      if (!id) throw providerFailure(options.label, 'the prediction came back without an id.', { body: prediction });
      const remote: RemoteRef = { protocol: 'replicate', id, model: request.model };
      const now = outcome(prediction, request.model);
      if (now.kind === 'done') return now;
      if (now.kind === 'cancelled') throw new AppError('cancelled', `${options.label} cancelled the prediction ${id}.`);
      return { kind: 'pending', remote, progress: now.progress };
    },
    async poll(remote, signal) {
      const answer = await http.json<Prediction>({
        method: 'GET',
        url: api(`predictions/${remote.id}`),
        headers: headers(),
        signal,
        retry: replicateRetry,
      });
      return outcome(answer.body ?? {}, remote.model);
    },
    cancel: cancelPrediction,
  };
}

function progressOf(prediction: Prediction): RemoteProgress {
  const logs =
    typeof prediction.logs === 'string' ? prediction.logs.split('\n').filter((line) => line.trim() !== '') : [];
  const progress: RemoteProgress = { status: String(prediction.status ?? 'starting') };
  if (logs.length) progress.logs = logs.slice(-20);
  return progress;
}

export function parsePrediction(provider: string, prediction: Prediction): ImageResult {
  const output = prediction.output;
  const urls = (Array.isArray(output) ? output : [output]).filter(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  if (urls.length === 0)
    throw providerFailure(provider, 'the prediction succeeded but carried no image.', { id: prediction.id });
  const metrics = (prediction.metrics ?? {}) as Record<string, unknown>;
  const input = (prediction.input ?? {}) as Record<string, unknown>;
  return {
    images: urls.map((url) => ({ url })),
    latencyMs: typeof metrics.predict_time === 'number' ? Math.round(metrics.predict_time * 1000) : undefined,
    seed: typeof input.seed === 'number' ? input.seed : undefined,
    createdAt: typeof prediction.created_at === 'string' ? Date.parse(prediction.created_at) || undefined : undefined,
    raw: prediction,
  };
}
