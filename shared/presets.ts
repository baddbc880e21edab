// Provider presets: what a user picks in Settings or with `atelier providers add --preset P`.
// A preset says where the router lives, how it wants the key, and which wire protocols it speaks
// at which paths. Several providers may share one preset (two QuickRouter accounts, say).
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

export type ProtocolId = 'openai-images' | 'fal-queue' | 'replicate' | 'local';

export interface PresetSpec {
  id: PresetId;
  label: string;
  /** Base URL a new provider starts with; the user may edit it. Null for the local provider. */
  defaultBaseUrl: string | null;
  needsKey: boolean;
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
}

export const presets: Record<PresetId, PresetSpec> = {
  local: {
    id: 'local',
    label: 'Local (offline)',
    defaultBaseUrl: null,
    needsKey: false,
    authScheme: null,
    protocols: ['local'],
  },
  quickrouter: {
    id: 'quickrouter',
    label: 'QuickRouter',
    defaultBaseUrl: 'https://api.quickrouter.ai',
    needsKey: true,
    authScheme: 'Bearer',
    protocols: ['openai-images', 'fal-queue', 'replicate'],
    imagesPath: '/v1/images',
    replicatePath: '/replicate/v1',
    rebaseFalQueueUrls: true,
  },
  imagerouter: {
    id: 'imagerouter',
    label: 'ImageRouter',
    defaultBaseUrl: 'https://api.imagerouter.io',
    needsKey: true,
    authScheme: 'Bearer',
    protocols: ['openai-images'],
    imagesPath: '/v1/openai/images',
    catalogPath: '/v1/models',
    arrayFileFields: true,
  },
  openai: {
    id: 'openai',
    label: 'OpenAI',
    defaultBaseUrl: 'https://api.openai.com',
    needsKey: true,
    authScheme: 'Bearer',
    protocols: ['openai-images'],
    imagesPath: '/v1/images',
  },
  fal: {
    id: 'fal',
    label: 'fal',
    defaultBaseUrl: 'https://queue.fal.run',
    needsKey: true,
    authScheme: 'Key',
    protocols: ['fal-queue'],
  },
  replicate: {
    id: 'replicate',
    label: 'Replicate',
    defaultBaseUrl: 'https://api.replicate.com',
    needsKey: true,
    authScheme: 'Bearer',
    protocols: ['replicate'],
    replicatePath: '/v1',
  },
  'openai-compatible': {
    id: 'openai-compatible',
    label: 'OpenAI-compatible',
    defaultBaseUrl: null,
    needsKey: true,
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
}
