// Replicate predictions: create `POST {base}{replicatePath}/models/{owner}/{name}/predictions` with
// `Prefer: wait` (a community model `owner/name:version` goes to `POST …/predictions {version, input}`), poll
// `GET …/predictions/{id}` (seed 004 through QuickRouter's /replicate prefix), cancel `POST …/predictions/{id}/cancel`.
// `output` is one URL string or an array of them. Inputs over 10 MB go up through the Files API first.
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

/**
 * Files sent inline as data URIs at most this many bytes together; past it they go up through the Files API
 * (replicate/replicate-javascript lib/util.js MAX_DATA_URI_SIZE, "exceeds 10mb limit for inline encoding").
 */
export const replicateInlineLimitBytes = 10_000_000;

/** `owner/name` or a community model's `owner/name:version` (replicate-javascript lib/identifier.js). */
export function parseReplicateModel(id: string): { owner: string; name: string; version?: string } | null {
  const match = /^([^/:]+)\/([^/:]+)(?::([^/:]+))?$/.exec(id);
  return match ? { owner: match[1]!, name: match[2]!, ...(match[3] ? { version: match[3] } : {}) } : null;
}

interface InputFile {
  bytes: Buffer;
  mimeType: string;
}

/** The file inputs of a request (the image, and its mask as FLUX Fill takes it: white on black). */
async function inputFiles(request: ImageRequest): Promise<{ image?: InputFile; mask?: InputFile }> {
  const first = request.images?.[0];
  if (!first) return {};
  const image = { bytes: first.bytes, mimeType: first.mimeType };
  if (!request.mask) return { image };
  const size = await imageSize(first.bytes);
  const mask = await toFluxFillMask(request.mask.bytes, size, { scaleToImage: request.scaleMask });
  return { image, mask: { bytes: mask, mimeType: 'image/png' } };
}

const inline = async (file: InputFile) => dataUri(file.bytes, file.mimeType);

/**
 * Builds the input. Files go inline as data URIs while they come to at most replicateInlineLimitBytes together;
 * past it each goes through `upload` (the Files API) and the input carries its URL.
 */
export async function replicateInput(
  request: ImageRequest,
  upload?: (file: InputFile) => Promise<string>,
): Promise<Record<string, unknown>> {
  const files = await inputFiles(request);
  const total = (files.image?.bytes.length ?? 0) + (files.mask?.bytes.length ?? 0);
  const reference = upload && total > replicateInlineLimitBytes ? upload : inline;
  const image = files.image ? await reference(files.image) : undefined;
  const mask = files.mask ? await reference(files.mask) : undefined;
  // FLUX Fill models take `image` + a white-on-black `mask`; Kontext takes `input_image`.
  return defined({
    prompt: request.prompt,
    input_image: mask ? undefined : image,
    image: mask ? image : undefined,
    mask,
    aspect_ratio: request.aspectRatio,
    output_format: request.outputFormat,
    seed: request.seed,
    // Replicate's SD-family models name it `negative_prompt` in their input schema; sent only to a model that takes
    // one (the catalogue's negativePrompt), as the planner strips it for every other.
    negative_prompt: request.negativePrompt,
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

  /**
   * `POST /v1/files` (multipart: `content`, `metadata`), then the file's `urls.get` stands in the input, as
   * replicate-js lib/files.js createFile and lib/util.js transformFileInputsToReplicateFileURLs do. An upload is
   * not billed; retried as every Replicate POST is (429 only).
   */
  async function uploadFile(file: InputFile, signal?: AbortSignal): Promise<string> {
    const form = new FormData();
    const name = `input.${file.mimeType.split('/')[1] ?? 'bin'}`;
    form.append('content', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), name);
    form.append('metadata', new Blob(['{}'], { type: 'application/json' }), 'metadata.json');
    const answer = await http.json<Record<string, unknown>>({
      method: 'POST',
      url: api('files'),
      headers: headers(),
      form,
      signal,
      retry: replicateRetry,
    });
    const urls = (answer.body?.urls ?? {}) as Record<string, unknown>;
    if (typeof urls.get !== 'string' || !urls.get)
      throw providerFailure(options.label, 'the file upload came back without a URL.', { body: answer.body });
    return urls.get;
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
    async submit(request, signal) {
      const model = parseReplicateModel(request.model);
      if (!model)
        throw new AppError(
          'invalid_input',
          `"${request.model}" is not a Replicate model id. Use owner/name (e.g. black-forest-labs/flux-kontext-max), or owner/name:version for a community model.`,
        );
      // replicate-js lib/predictions.js: a version is created at /predictions {version, input}, a model at its own path.
      const url = api(model.version ? 'predictions' : `models/${model.owner}/${model.name}/predictions`);
      // An upload may be stopped by the caller's signal: nothing is paid for until the create.
      const input = await replicateInput(request, (file) => uploadFile(file, signal));
      // The create is not given the caller's signal: a cancel (or a quit) while `Prefer: wait` holds it would drop
      // the answer, and with it the id of a prediction that goes on running and billing. As replicate-js does, the
      // create is let to return; a prediction still running is then handed back by its id, whatever the signal
      // says, so the engine stores it: a cancel then cancels it by that id, a quit leaves it for resume to poll.
      const answer = await http.json<Prediction>({
        method: 'POST',
        url,
        headers: { ...headers(), Prefer: 'wait' },
        json: model.version ? { version: model.version, input } : { input },
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
