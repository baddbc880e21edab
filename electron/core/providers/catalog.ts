// The model catalogue: built-in facts, ImageRouter's /v1/models merged in, and a generic entry for any
// id a user types, so an unknown model stays usable with generic parameters.
import { presets, type PresetId, type ProtocolId } from '../../../shared/presets';
import type { HttpClient } from '../http/client';
import { builtinModels } from './catalog-builtin';
import { falEndpointNamespaces } from './fal-queue';
import type { MaskConvention, ModelInfo } from '../../../shared/contract/models';

/**
 * An entry as one preset offers it: its presets narrowed to that one (so a check knows the preset's own rules), and
 * nothing a preset that strips fields (ImageRouter, presets.ts keptFields) would drop, so the form cannot offer it.
 */
function asOfferedOn(preset: PresetId, model: ModelInfo): ModelInfo {
  const kept = presets[preset].keptFields;
  const offered = { ...model, presets: [preset] };
  if (!kept) return offered;
  return {
    ...offered,
    n: kept.includes('n') ? model.n : { min: 1, max: 1 },
    aspectRatios: kept.includes('aspect_ratio') ? model.aspectRatios : [],
    qualities: kept.includes('quality') ? model.qualities : [],
    outputFormats: kept.includes('output_format') ? model.outputFormats : [],
  };
}

export function builtinCatalog(preset: PresetId): ModelInfo[] {
  return builtinModels.filter((model) => model.presets.includes(preset)).map((model) => asOfferedOn(preset, model));
}

/** Which wire protocol a model id goes through on a preset: fal ids through the queue, owner/name through predictions. */
export function protocolFor(preset: PresetId, modelId: string): ProtocolId {
  const known = builtinModels.find((model) => model.id === modelId && model.presets.includes(preset));
  if (known) return known.protocol;
  const spoken = presets[preset].protocols;
  if (spoken.length === 1) return spoken[0]!;
  const owner = modelId.split('/')[0]!;
  if (spoken.includes('fal-queue') && (owner === 'fal-ai' || falEndpointNamespaces.includes(owner))) return 'fal-queue';
  // owner/name, or a community model's owner/name:version (replicate-javascript lib/identifier.js).
  if (spoken.includes('replicate') && /^[\w.-]+\/[\w.-]+(:\w+)?$/.test(modelId)) return 'replicate';
  return spoken.includes('openai-images') ? 'openai-images' : spoken[0]!;
}

export function genericModel(preset: PresetId, modelId: string): ModelInfo {
  const protocol = protocolFor(preset, modelId);
  // A router with a catalogue serves each model through a provider the catalogue names: for an id outside it, which
  // one (and so which mask convention) is not known.
  const openAiMask: MaskConvention = presets[preset].catalogPath ? 'unknown' : 'alpha';
  return asOfferedOn(preset, {
    id: modelId,
    label: modelId,
    protocol,
    sizes: null,
    aspectRatios: [],
    n: { min: 1, max: 10 },
    qualities: [],
    outputFormats: [],
    generate: true,
    edit: true,
    mask: true,
    maskConvention: protocol === 'openai-images' ? openAiMask : 'white-on-black',
    maxInputImages: 16,
    promptMax: null,
    // Whether an unknown model takes one is not known: none is sent rather than a field it may refuse.
    negativePrompt: false,
    priceUsd: null,
    presets: [preset],
    source: 'generic',
    unsure: ['all'],
  });
}

/** Built-in entries first (their facts win), then the remote catalogue's other models. */
export function mergeCatalog(preset: PresetId, remote: ModelInfo[] = []): ModelInfo[] {
  const builtin = builtinCatalog(preset);
  const merged = builtin.map((model) => {
    const fromRemote = remote.find((entry) => entry.id === model.id);
    return fromRemote?.priceUsd && !model.priceUsd ? { ...model, priceUsd: fromRemote.priceUsd } : model;
  });
  const known = new Set(builtin.map((model) => model.id));
  const others = remote.filter((entry) => !known.has(entry.id)).map((entry) => asOfferedOn(preset, entry));
  return [...merged, ...others];
}

export function findModel(preset: PresetId, modelId: string, remote: ModelInfo[] = []): ModelInfo {
  return mergeCatalog(preset, remote).find((model) => model.id === modelId) ?? genericModel(preset, modelId);
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function priceOf(providers: unknown): ModelInfo['priceUsd'] {
  const values: number[] = [];
  for (const provider of Array.isArray(providers) ? providers : []) {
    const pricing = record(record(provider).pricing);
    const range = record(pricing.range);
    for (const value of [pricing.value, range.min, range.max]) if (typeof value === 'number') values.push(value);
  }
  return values.length ? { min: Math.min(...values), max: Math.max(...values) } : null;
}

/**
 * The mask convention of an ImageRouter model, from the providers its catalogue lists (providers.md §5): OpenAI
 * reads alpha, the others (Runware's maskImage …) white = edit. ImageRouter passes `mask[]` on unchanged and, when
 * one provider fails, moves to the model's next (DaWe35/image-router src/services/generationWrapper.js), so a model
 * listed with both kinds, or with none, has no one convention: unknown.
 */
export function maskConventionOf(providers: unknown): MaskConvention {
  const ids = (Array.isArray(providers) ? providers : []).map((provider) => record(provider).id);
  if (ids.length === 0 || ids.some((id) => typeof id !== 'string')) return 'unknown';
  if (ids.every((id) => id === 'openai')) return 'alpha';
  return ids.every((id) => id !== 'openai') ? 'white-on-black' : 'unknown';
}

/** ImageRouter's GET /v1/models answers an object keyed by model id; image models become catalogue entries. */
export function parseImageRouterModels(body: unknown): ModelInfo[] {
  const models: ModelInfo[] = [];
  for (const [id, value] of Object.entries(record(body))) {
    const entry = record(value);
    const output = Array.isArray(entry.output) ? entry.output : ['image'];
    if (!output.includes('image')) continue;
    const params = record(entry.supported_params);
    const sizes = Array.isArray(entry.sizes)
      ? entry.sizes.filter((size): size is string => typeof size === 'string')
      : [];
    const edit = params.edit === true;
    const mask = params.mask === true;
    models.push({
      id,
      label: id,
      protocol: 'openai-images',
      sizes: sizes.length ? [...new Set(['auto', ...sizes])] : null,
      aspectRatios: [],
      n: { min: 1, max: 1 },
      qualities: params.quality === true ? ['auto', 'low', 'medium', 'high'] : [],
      outputFormats: ['webp', 'jpeg', 'png'],
      generate: true,
      edit,
      mask,
      maskConvention: mask ? maskConventionOf(entry.providers) : null,
      maxInputImages: edit ? 16 : 0,
      promptMax: 10000,
      // ImageRouter keeps no negative prompt of a request, whatever its model (catalog-builtin.ts, test/test).
      negativePrompt: false,
      priceUsd: priceOf(entry.providers),
      presets: ['imagerouter'],
      source: 'imagerouter',
      unsure: ['n'],
    });
  }
  return models;
}

/** Fetches the catalogue of a preset that has one (ImageRouter); an empty list for the others. */
export async function fetchRemoteCatalog(
  http: HttpClient,
  preset: PresetId,
  baseUrl: string,
  key: string | null,
  signal?: AbortSignal,
): Promise<ModelInfo[]> {
  const path = presets[preset].catalogPath;
  if (!path) return [];
  const url = `${baseUrl.replace(/\/+$/, '')}${path}?type=image&sort=date&limit=1000`;
  const headers: Record<string, string> = key ? { Authorization: `Bearer ${key}` } : {};
  const answer = await http.json({ method: 'GET', url, headers, signal });
  return parseImageRouterModels(answer.body);
}
