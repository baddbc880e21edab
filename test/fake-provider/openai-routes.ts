// OpenAI-style images as QuickRouter/OpenAI (seconds `created`, usage for gpt-image-1) and ImageRouter
// (milliseconds `created`, latency, cost, `image[]`/`mask[]`, the /v1/models catalogue, free test/test).
import sharp from 'sharp';
import { type FileStore, formatOf, makeImage, sizeOf } from './images';
import { streamAsked, streamRefusal, streamReply } from './openai-stream';
import type { RecordedRequest, Reply } from './types';

export type Flavour = 'openai' | 'imagerouter';

export function errorReply(
  flavour: Flavour,
  status: number,
  message: string,
  type = 'invalid_request_error',
  facts: { param?: string; code?: string } = {},
): Reply {
  const error =
    flavour === 'openai' ? { message, type, param: facts.param ?? null, code: facts.code ?? null } : { message, type };
  return { status, body: { error } };
}

// The fields OpenAI's images endpoints take (openai/openai-node src/resources/images.ts, ImageGenerateParams and
// ImageEditParams), plus `aspect_ratio`, which QuickRouter adds for Flux models (seed 000), and `moderation` on edits
// (QuickRouter's seed 001 documents it there; OpenAI takes it on generations only). OpenAI answers any other
// field with 400 `unknown_parameter`; ImageRouter instead strips every field but a few (providers.md §6).
const generationFields = new Set([
  'prompt',
  'model',
  'n',
  'size',
  'quality',
  'response_format',
  'output_format',
  'output_compression',
  'background',
  'moderation',
  'style',
  'user',
  'stream',
  'partial_images',
  'aspect_ratio',
]);
const editFields = new Set([
  'prompt',
  'model',
  'n',
  'size',
  'quality',
  'response_format',
  'output_format',
  'output_compression',
  'background',
  'input_fidelity',
  'user',
  'stream',
  'partial_images',
  'aspect_ratio',
  'moderation',
  'image',
  'image[]',
  'mask',
]);

/**
 * ImageRouter keeps only these fields of a request and strips the rest (n, background, seed …): its bodySchema in
 * DaWe35/image-router src/services/validateImageParams.js (prompt, model, response_format, quality, size) is all
 * src/services/generationWrapper.js passes on; output_format as providers.md §6 lists it (unsure). Files stay.
 */
const imageRouterKeeps = new Set(['prompt', 'model', 'response_format', 'quality', 'size', 'output_format']);

function keptByImageRouter(request: RecordedRequest): RecordedRequest {
  const keep = <T>(entries: Record<string, T>) =>
    Object.fromEntries(Object.entries(entries).filter(([name]) => imageRouterKeeps.has(name)));
  const json =
    request.json && typeof request.json === 'object' ? keep(request.json as Record<string, unknown>) : undefined;
  return { ...request, json, fields: request.fields ? keep(request.fields) : undefined };
}

/** OpenAI's refusal of a request the real API refuses before generating anything, or null. */
function openAiRefusal(request: RecordedRequest, edit: boolean, model: string): Reply | null {
  const known = edit ? editFields : generationFields;
  const names = request.json && typeof request.json === 'object' ? Object.keys(request.json) : [];
  names.push(...Object.keys(request.fields ?? {}), ...(request.files ?? []).map((file) => file.field));
  const unknown = names.find((name) => !known.has(name));
  if (unknown)
    return errorReply('openai', 400, `Unknown parameter: '${unknown}'.`, 'invalid_request_error', {
      param: unknown,
      code: 'unknown_parameter',
    });
  // openai-node src/resources/images.ts, response_format: "not supported for the GPT image models, which always
  // return base64-encoded images". (unsure) The exact words of the refusal.
  if (model.startsWith('gpt-image') && param(request, 'response_format') !== undefined)
    return errorReply('openai', 400, "Unknown parameter: 'response_format'.", 'invalid_request_error', {
      param: 'response_format',
      code: 'unknown_parameter',
    });
  return streamRefusal(param(request, 'stream'), param(request, 'partial_images'), model);
}

function param(request: RecordedRequest, name: string): unknown {
  if (request.json && typeof request.json === 'object') return (request.json as Record<string, unknown>)[name];
  return request.fields?.[name]?.[0];
}

async function maskMismatch(request: RecordedRequest): Promise<string | null> {
  const files = request.files ?? [];
  const image = files.find((file) => file.field === 'image' || file.field === 'image[]');
  const mask = files.find((file) => file.field === 'mask' || file.field === 'mask[]');
  if (!mask) return null;
  if (!image) return 'A mask was given without an image.';
  const [a, b] = await Promise.all([sharp(image.bytes).metadata(), sharp(mask.bytes).metadata()]);
  if (a.width !== b.width || a.height !== b.height)
    return 'Invalid mask image format - mask size does not match image size';
  if (mask.contentType !== 'image/png' && b.format !== 'png') return 'Invalid mask image format - mask must be a PNG';
  return null;
}

export async function imagesRoute(
  received: RecordedRequest,
  flavour: Flavour,
  edit: boolean,
  files: FileStore,
  side: number,
): Promise<Reply> {
  const started = Date.now();
  const request = flavour === 'imagerouter' ? keptByImageRouter(received) : received;
  const model = String(param(request, 'model') ?? (flavour === 'openai' ? 'dall-e-2' : ''));
  const prompt = param(request, 'prompt');
  if (flavour === 'imagerouter' && !model) return errorReply(flavour, 400, 'model is required');
  const refusal = flavour === 'openai' ? openAiRefusal(request, edit, model) : null;
  if (refusal) return refusal;
  if (typeof prompt !== 'string' || prompt === '')
    return errorReply(flavour, 400, "Missing required parameter: 'prompt'.");
  if (edit) {
    const images = (request.files ?? []).filter((file) => file.field === 'image' || file.field === 'image[]');
    if (flavour === 'openai' && images.length === 0)
      return errorReply(flavour, 400, "Missing required parameter: 'image'.");
    if (images.length > 16) return errorReply(flavour, 400, 'Too many images: at most 16.');
    const mismatch = await maskMismatch(request);
    if (mismatch) return errorReply(flavour, 400, mismatch);
  }
  const n = Number(param(request, 'n') ?? 1);
  if (!Number.isInteger(n) || n < 1 || n > 10)
    return errorReply(flavour, 400, `Invalid 'n': must be between 1 and 10.`);
  const isGptImage = model.startsWith('gpt-image-1');
  const format = formatOf(param(request, 'output_format'), flavour === 'imagerouter' ? 'webp' : 'png');
  // test/test ignores its inputs and answers one fixed-size image.
  const size = model === 'test/test' ? { width: side, height: side } : sizeOf(param(request, 'size'), side);
  const asBase64 =
    isGptImage ||
    param(request, 'response_format') === 'b64_json' ||
    param(request, 'response_format') === 'b64_ephemeral';
  const data = [];
  for (let index = 0; index < (model === 'test/test' ? 1 : n); index++) {
    const image = await makeImage(size, format);
    data.push(
      asBase64 ? { b64_json: image.bytes.toString('base64') } : { url: files.put(image.bytes, image.contentType) },
    );
  }
  if (flavour === 'imagerouter') {
    const cost = model === 'test/test' ? 0 : 0.004 * data.length;
    // ImageRouter answers `created` in seconds for real models and in milliseconds for test/test (providers.md §1).
    const created = model === 'test/test' ? Date.now() : Math.floor(Date.now() / 1000);
    return { status: 200, body: { created, data, latency: Date.now() - started + 1, cost } };
  }
  const usage = isGptImage
    ? {
        input_tokens: 50,
        output_tokens: 4160,
        total_tokens: 4210,
        input_tokens_details: { text_tokens: 50, image_tokens: 0 },
      }
    : undefined;
  if (streamAsked(param(request, 'stream'))) {
    const partials = Number(param(request, 'partial_images') ?? 0);
    return streamReply({ edit, images: data, partials, size, format, usage });
  }
  return { status: 200, body: { created: Math.floor(Date.now() / 1000), data, ...(usage ? { usage } : {}) } };
}

/** ImageRouter's catalogue: an object keyed by model id. */
export const imageRouterCatalog: Record<string, unknown> = {
  'test/test': {
    providers: [{ id: 'test', model_name: 'test/test', pricing: { type: 'fixed', value: 0 } }],
    release_date: '2025-01-01',
    output: ['image'],
    supported_params: { quality: true, mask: true, edit: true },
  },
  'openai/gpt-image-1': {
    providers: [
      {
        id: 'openai',
        model_name: 'gpt-image-1',
        pricing: { type: 'calculated', range: { min: 0.011, average: 0.167, max: 0.25 } },
      },
    ],
    release_date: '2025-04-23',
    sizes: ['1024x1024', '1536x1024', '1024x1536'],
    output: ['image'],
    supported_params: { quality: true, mask: true, edit: true },
  },
  'black-forest-labs/FLUX-1-schnell': {
    providers: [
      { id: 'deepinfra', model_name: 'black-forest-labs/FLUX-1-schnell', pricing: { type: 'fixed', value: 0.003 } },
    ],
    release_date: '2024-08-01',
    output: ['image'],
    supported_params: { quality: false, mask: false, edit: false },
  },
  // Served by Runware, whose maskImage reads white = edit (providers.md §5; DaWe35/image-router lists Runware as the
  // provider of e.g. src/shared/imageModels/black-forest-labs/FLUX-1-dev.js).
  'black-forest-labs/FLUX-1-fill-dev': {
    providers: [{ id: 'runware', model_name: 'runware:102@1', pricing: { type: 'fixed', value: 0.01 } }],
    release_date: '2024-11-21',
    output: ['image'],
    supported_params: { quality: false, mask: true, edit: true },
  },
  // A model listed with an OpenAI and another provider: ImageRouter may serve it through either.
  'acme/relay-inpaint': {
    providers: [
      { id: 'openai', model_name: 'gpt-image-1', pricing: { type: 'fixed', value: 0.04 } },
      { id: 'runware', model_name: 'runware:102@1', pricing: { type: 'fixed', value: 0.01 } },
    ],
    release_date: '2025-06-01',
    output: ['image'],
    supported_params: { quality: true, mask: true, edit: true },
  },
  'google/veo-3': {
    providers: [{ id: 'google', model_name: 'veo-3', pricing: { type: 'fixed', value: 1.2 } }],
    release_date: '2025-05-20',
    output: ['video'],
    supported_params: { quality: false, mask: false, edit: false },
  },
};

export function modelsRoute(request: RecordedRequest, id: string | null): Reply {
  if (id !== null) {
    const entry = imageRouterCatalog[id];
    return entry
      ? { status: 200, body: entry }
      : errorReply('imagerouter', 404, `Model ${id} not found`, 'model_not_found');
  }
  const type = request.query.type;
  const name = request.query.name?.toLowerCase();
  const body = Object.fromEntries(
    Object.entries(imageRouterCatalog).filter(([key, value]) => {
      const output = (value as { output: string[] }).output;
      return (!type || output.includes(type)) && (!name || key.toLowerCase().includes(name));
    }),
  );
  return { status: 200, body };
}
