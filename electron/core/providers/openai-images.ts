// OpenAI-compatible images: POST {base}{imagesPath}/generations (JSON) and /edits (multipart).
// Serves OpenAI itself, QuickRouter (seeds 000, 001), ImageRouter (seed 003) and any custom base URL.
import type { PresetSpec } from '../../../shared/presets';
import { AppError } from '../../../shared/errors';
import type { HttpClient } from '../http/client';
import { providerFailure } from '../http/error-body';
import { imageSize, toWireMask } from '../masks';
import type { ModelInfo } from '../../../shared/contract/models';
import type { AdapterContext, ImageRequest, ImageResult, ProviderAdapter, ResultImage } from './types';
import { asSent, partialImagesAsked, streamImages } from './openai-images-stream';
import { costFromUsage } from './usage-cost';
import { authHeaders, createdToMs, defined, joinUrl } from './wire';

export interface OpenAiImagesOptions extends AdapterContext {
  http: HttpClient;
  preset: PresetSpec;
  /** Looks up the model's capabilities (mask convention) for a request. */
  model: (id: string) => ModelInfo;
}

/** The request's fields under their wire names; on a preset that strips fields (ImageRouter), only those it keeps. */
function commonFields(request: ImageRequest, preset: PresetSpec): Record<string, unknown> {
  const fields = defined({
    model: request.model,
    prompt: request.prompt,
    n: request.n,
    size: request.size,
    aspect_ratio: request.aspectRatio,
    quality: request.quality,
    output_format: request.outputFormat,
    ...request.extra,
  });
  const kept = preset.keptFields;
  return kept ? Object.fromEntries(Object.entries(fields).filter(([name]) => kept.includes(name))) : fields;
}

export function createOpenAiImagesAdapter(options: OpenAiImagesOptions): ProviderAdapter {
  const { http, preset } = options;
  const endpoint = (verb: 'generations' | 'edits') =>
    joinUrl(options.baseUrl, `${preset.imagesPath ?? '/v1/images'}/${verb}`);

  async function editForm(request: ImageRequest): Promise<FormData> {
    const form = new FormData();
    for (const [name, value] of Object.entries(commonFields(request, preset))) {
      form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
    const images = request.images ?? [];
    // openai-node sends one file as `image` and several as `image[]`; ImageRouter always wants `image[]`.
    const imageField = images.length > 1 || preset.arrayFileFields ? 'image[]' : 'image';
    images.forEach((image, index) => {
      const name = image.filename ?? `image-${index + 1}.${extension(image.mimeType)}`;
      form.append(imageField, new Blob([new Uint8Array(image.bytes)], { type: image.mimeType }), name);
    });
    if (request.mask) {
      const first = images[0];
      if (!first) throw new AppError('invalid_input', 'A mask needs an image to apply to. Add the image first.');
      // Where the serving provider is unknown, the mask goes as this OpenAI-style route documents it (the model's
      // maskConvention tells the editor, which says so).
      const known = options.model(request.model).maskConvention;
      const convention = known === 'white-on-black' ? known : 'alpha';
      const wire = await toWireMask(convention, request.mask.bytes, await imageSize(first.bytes), {
        scaleToImage: request.scaleMask,
      });
      form.append(
        preset.arrayFileFields ? 'mask[]' : 'mask',
        new Blob([new Uint8Array(wire)], { type: 'image/png' }),
        'mask.png',
      );
    }
    return form;
  }

  // Token prices apply only where the service bills at OpenAI's own prices (the preset says so).
  const pricing = (model: string) => (preset.billsAtOpenAiTokenPrices ? model : undefined);

  return {
    protocol: 'openai-images',
    pollIntervalMs: 0,
    async submit(asked, signal, hooks) {
      const request = asSent(asked);
      const headers = authHeaders(preset, options.key);
      const isEdit = (request.images?.length ?? 0) > 0 || request.mask !== undefined;
      const partials = partialImagesAsked(request);
      if (partials > 0) {
        // Live previews: the answer streams; only its completed image is the result (openai-images-stream.ts).
        const body = isEdit ? { form: await editForm(request) } : { json: commonFields(request, preset) };
        const url = endpoint(isEdit ? 'edits' : 'generations');
        const result = await streamImages({
          http,
          request: { method: 'POST', url, headers, ...body, signal },
          partials,
          hooks,
          pricedModel: pricing(request.model),
          readJson: (answer) => parseImagesAnswer(options.label, answer, pricing(request.model)),
        });
        return { kind: 'done', result };
      }
      // b64_json arrives decoded, as bytes (http/base64-fields.ts).
      const base64Fields = ['b64_json'];
      const answer = isEdit
        ? await http.json({
            method: 'POST',
            url: endpoint('edits'),
            headers,
            form: await editForm(request),
            signal,
            base64Fields,
          })
        : await http.json({
            method: 'POST',
            url: endpoint('generations'),
            headers,
            json: commonFields(request, preset),
            signal,
            base64Fields,
          });
      return { kind: 'done', result: parseImagesAnswer(options.label, answer.body, pricing(request.model)) };
    },
    async poll() {
      throw new AppError('internal', 'OpenAI-compatible image requests answer at once; there is nothing to poll.');
    },
    async cancel() {
      // Nothing runs remotely after the answer; aborting the request's signal is the cancel.
    },
  };
}

function extension(mimeType: string): string {
  return mimeType === 'image/jpeg' ? 'jpg' : (mimeType.split('/')[1] ?? 'png');
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * `{created, data:[{url | b64_json, revised_prompt?}], usage?, latency?, cost?}`; a cost the answer names wins, else
 * `pricedModel` (given where the service bills at OpenAI's prices) prices its `usage`.
 */
export function parseImagesAnswer(provider: string, body: unknown, pricedModel?: string): ImageResult {
  const answer = (body ?? {}) as Record<string, unknown>;
  const data = Array.isArray(answer.data) ? answer.data : [];
  const images: ResultImage[] = [];
  let revisedPrompt: string | undefined;
  for (const item of data) {
    const entry = (item ?? {}) as Record<string, unknown>;
    if (Buffer.isBuffer(entry.b64_json) && entry.b64_json.length > 0) images.push({ bytes: entry.b64_json });
    else if (typeof entry.b64_json === 'string' && entry.b64_json) images.push({ b64: entry.b64_json });
    else if (typeof entry.url === 'string' && entry.url) images.push({ url: entry.url });
    if (typeof entry.revised_prompt === 'string') revisedPrompt ??= entry.revised_prompt;
  }
  if (images.length === 0)
    throw providerFailure(provider, 'the answer carried no image. Try again, or another model.', { body });
  return {
    images,
    costUsd: numberOrUndefined(answer.cost) ?? (pricedModel ? costFromUsage(pricedModel, answer.usage) : undefined),
    latencyMs: numberOrUndefined(answer.latency),
    createdAt: createdToMs(answer.created),
    revisedPrompt,
    raw: { ...answer, data: data.map(withoutBase64) },
  };
}

/** Keeps the job record small: the image bytes are stored in the library, not in the raw answer. */
function withoutBase64(item: unknown): unknown {
  const entry = (item ?? {}) as Record<string, unknown>;
  if (Buffer.isBuffer(entry.b64_json)) return { ...entry, b64_json: `<${entry.b64_json.length} bytes of image data>` };
  return typeof entry.b64_json === 'string'
    ? { ...entry, b64_json: `<${entry.b64_json.length} base64 characters>` }
    : entry;
}
