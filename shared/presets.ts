// Provider presets: what a user picks in Settings or with `atelier providers add --preset P`.
// A preset says where the router lives, how it wants the key, which wire protocols it speaks at which
// paths, how many jobs it takes at once and how "Test connection" checks it. Several providers may share
// one preset (two QuickRouter accounts, say). Views, CLI and core read these facts; none of them names a preset.
export const presetIds = [
  'local',
  'quickrouter',
  'imagerouter',
  'openai',
  'fal',
  'replicate',
  'openai-compatible',
] as const;
export type PresetId = (typeof presetIds)[number];

/** The wire protocols an adapter in electron/core/providers/ speaks (one file each). */
export const protocolIds = ['openai-images', 'fal-queue', 'replicate', 'local'] as const;
export type ProtocolId = (typeof protocolIds)[number];
/**
 * Protocols whose one call both makes and answers the image: once sent, no provider API can stop it, and an
 * unanswered call may still have been charged (the engine marks it interrupted; quitting asks first).
 */
export const synchronousProtocols: readonly ProtocolId[] = ['openai-images'];
/** Protocols that render on this computer and cost nothing: a lost answer is simply rendered again. */
export const freeProtocols: readonly ProtocolId[] = ['local'];
/** Protocols whose adapters send a seed (the OpenAI images API takes none): only their models show and record one. */
export const seededProtocols: readonly ProtocolId[] = ['local', 'fal-queue', 'replicate'];

/**
 * "Test connection": the cheapest call that proves the key works, sent through the same HTTP client,
 * auth header and error mapping as a real call, and never retried.
 */
export interface ConnectionProbe {
  method: 'GET' | 'POST';
  /** Below the base URL. */
  path: string;
  /** The JSON body of a POST probe. */
  json?: unknown;
  /** The probe asks for something that does not exist: a 404 with a JSON body means the key got through. */
  notFoundMeansWorks?: boolean;
}

export interface PresetSpec {
  id: PresetId;
  label: string;
  /** Base URL a new provider starts with; the user may edit it. Null for the local provider. */
  defaultBaseUrl: string | null;
  needsKey: boolean;
  /**
   * Every library starts with the one provider of this preset (id = the preset's id, made by its
   * migration); it cannot be added a second time or removed.
   */
  builtIn?: boolean;
  /** Renders on this computer: takes no base URL and has nothing to connect to. */
  offline?: boolean;
  /** Jobs sent to one provider of this preset at once, unless the job engine is told otherwise. */
  concurrency: number;
  /** One request's time-out when it is not limits.ts's defaultRequestTimeoutMs (a slower or faster service). */
  requestTimeoutMs?: number;
  /** How "Test connection" checks a provider of this preset; null when there is nothing to connect to. */
  probe: ConnectionProbe | null;
  /** How the key is sent: `Authorization: Bearer KEY` or fal's own `Authorization: Key KEY`. */
  authScheme: 'Bearer' | 'Key' | null;
  protocols: ProtocolId[];
  /** Path prefix of the OpenAI-style images endpoints below the base URL. */
  imagesPath?: string;
  /** Path prefix of the Replicate API below the base URL (QuickRouter relays it under /replicate). */
  replicatePath?: string;
  /** A relay's fal tickets carry URLs on the upstream queue host: rewrite them onto the base URL. */
  rebaseFalQueueUrls?: boolean;
  /** Model catalogue endpoint (ImageRouter's object keyed by id), when the preset has one. */
  catalogPath?: string;
  /** Multipart edits name files `image[]` / `mask[]` even when there is one (ImageRouter, seed 003). */
  arrayFileFields?: boolean;
  /**
   * The service bills GPT image calls at OpenAI's own token prices (shared/gpt-image.ts gptImageTokenPrices), so a
   * cost can be worked out from the answer's `usage` when it names none. Routers set their own prices: not them.
   */
  billsAtOpenAiTokenPrices?: boolean;
  /**
   * The request fields (wire names) the service keeps; it strips every other one, files aside. The catalogue then
   * offers, the adapter sends and a job records only these (providers.md §6).
   */
  keptFields?: readonly string[];
  /** Takes `moderation` on edits too (OpenAI takes it on generations only). */
  moderationOnEdits?: boolean;
}

// The probes: a catalogue where the catalogue needs a key; ImageRouter's free test/test model (its
// catalogue is public, so it would accept any key); Replicate's account; and for fal the status of a
// request that does not exist (404 = key accepted).
const modelsProbe: ConnectionProbe = { method: 'GET', path: '/v1/models' };
const imageRouterImagesPath = '/v1/openai/images';
const replicateApiPath = '/v1';
const nonexistentFalRequest = '00000000-0000-4000-8000-000000000000';

export const presets: Record<PresetId, PresetSpec> = {
  local: {
    id: 'local',
    label: 'Local (offline)',
    defaultBaseUrl: null,
    needsKey: false,
    builtIn: true,
    offline: true,
    // Rendering takes the CPU: two at a time keeps the app responsive.
    concurrency: 2,
    probe: null,
    authScheme: null,
    protocols: ['local'],
  },
  quickrouter: {
    id: 'quickrouter',
    label: 'QuickRouter',
    defaultBaseUrl: 'https://api.quickrouter.ai',
    needsKey: true,
    concurrency: 4,
    probe: modelsProbe,
    authScheme: 'Bearer',
    protocols: ['openai-images', 'fal-queue', 'replicate'],
    imagesPath: '/v1/images',
    replicatePath: '/replicate/v1',
    rebaseFalQueueUrls: true,
    // Seed 001 documents `moderation` among the edit fields of gpt-image-1.
    moderationOnEdits: true,
  },
  imagerouter: {
    id: 'imagerouter',
    label: 'ImageRouter',
    defaultBaseUrl: 'https://api.imagerouter.io',
    needsKey: true,
    concurrency: 4,
    probe: {
      method: 'POST',
      path: `${imageRouterImagesPath}/generations`,
      json: { prompt: 'connection test', model: 'test/test', n: 1 },
    },
    authScheme: 'Bearer',
    protocols: ['openai-images'],
    imagesPath: imageRouterImagesPath,
    catalogPath: '/v1/models',
    arrayFileFields: true,
    // DaWe35/image-router src/services/validateImageParams.js (bodySchema: prompt, model, response_format, quality,
    // size) is all generationWrapper.js passes on; output_format per providers.md §6 (unsure: the stored server
    // version, commit f848104, does not keep it).
    keptFields: ['prompt', 'model', 'response_format', 'quality', 'size', 'output_format'],
  },
  openai: {
    id: 'openai',
    label: 'OpenAI',
    defaultBaseUrl: 'https://api.openai.com',
    needsKey: true,
    concurrency: 4,
    probe: modelsProbe,
    authScheme: 'Bearer',
    protocols: ['openai-images'],
    imagesPath: '/v1/images',
    billsAtOpenAiTokenPrices: true,
  },
  fal: {
    id: 'fal',
    label: 'fal',
    defaultBaseUrl: 'https://queue.fal.run',
    needsKey: true,
    concurrency: 4,
    probe: {
      method: 'GET',
      path: `/fal-ai/flux-1/requests/${nonexistentFalRequest}/status`,
      notFoundMeansWorks: true,
    },
    authScheme: 'Key',
    protocols: ['fal-queue'],
  },
  replicate: {
    id: 'replicate',
    label: 'Replicate',
    defaultBaseUrl: 'https://api.replicate.com',
    needsKey: true,
    concurrency: 4,
    probe: { method: 'GET', path: `${replicateApiPath}/account` },
    authScheme: 'Bearer',
    protocols: ['replicate'],
    replicatePath: replicateApiPath,
  },
  'openai-compatible': {
    id: 'openai-compatible',
    label: 'OpenAI-compatible',
    defaultBaseUrl: null,
    needsKey: true,
    concurrency: 4,
    probe: modelsProbe,
    authScheme: 'Bearer',
    protocols: ['openai-images'],
    imagesPath: '/v1/images',
  },
};

/** A configured provider, as stored in the library database. Never carries the key. */
export interface ProviderConfig {
  id: string;
  label: string;
  preset: PresetId;
  baseUrl: string | null;
  /** This provider's own request time-out, over its preset's (absent or null: the preset's, else the default). */
  requestTimeoutMs?: number | null;
}

/** The presets a user may add a provider of (a built-in one exists already). */
export const addablePresetIds = presetIds.filter((id) => !presets[id].builtIn);

/**
 * The built-in provider (its migration creates it with this id) and its model: where a new target in
 * the Generate view and the editor starts, since it works without a key or a network.
 */
export const builtInTarget: { readonly providerId: string; readonly model: string } = {
  providerId: 'local',
  model: 'local/pattern',
};
