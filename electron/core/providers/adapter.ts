// Builds the adapter for one provider and protocol. The jobs engine asks for it per job:
// protocolFor(preset, model) decides the protocol, so one QuickRouter provider speaks three.
import { AppError, errorDetails } from '../../../shared/errors';
import { defaultRequestTimeoutMs } from '../../../shared/limits';
import { presets, type ProtocolId, type ProviderConfig } from '../../../shared/presets';
import { HttpClient, type HttpClientOptions } from '../http/client';
import { findModel } from './catalog';
import { createFalQueueAdapter } from './fal-queue';
import { createLocalAdapter } from './local';
import type { ModelInfo } from '../../../shared/contract/models';
import { createOpenAiImagesAdapter } from './openai-images';
import { createReplicateAdapter } from './replicate';
import type { ProviderAdapter } from './types';

export interface AdapterOptions extends Omit<HttpClientOptions, 'provider'> {
  provider: ProviderConfig;
  key: string | null;
  protocol: ProtocolId;
  /** The provider's remote catalogue (ImageRouter), for model capabilities. */
  remoteModels?: ModelInfo[];
}

/** The time-out one request to this provider gets: its own, else its preset's, else limits.ts's default. */
export function requestTimeoutOf(provider: ProviderConfig): number {
  return provider.requestTimeoutMs ?? presets[provider.preset].requestTimeoutMs ?? defaultRequestTimeoutMs;
}

export function createHttpClient(options: Omit<AdapterOptions, 'protocol' | 'remoteModels' | 'key'>): HttpClient {
  const { provider, ...http } = options;
  const timeoutMs = http.timeoutMs ?? requestTimeoutOf(provider);
  return new HttpClient({ ...http, timeoutMs, provider: provider.label });
}

export function createProviderAdapter(options: AdapterOptions): ProviderAdapter {
  const { provider, key, protocol } = options;
  const preset = presets[provider.preset];
  if (protocol === 'local') return createLocalAdapter();
  if (!preset.protocols.includes(protocol)) {
    throw new AppError(
      'invalid_input',
      `${provider.label} does not speak ${protocol}. Choose another provider for this model.`,
    );
  }
  const baseUrl = provider.baseUrl ?? preset.defaultBaseUrl;
  if (!baseUrl)
    throw new AppError(
      'invalid_input',
      `${provider.label} has no base URL. Set it in Settings → Providers.`,
      errorDetails('base_url_missing', { provider: provider.label }),
    );
  if (preset.needsKey && !key)
    throw new AppError(
      'auth_refused',
      `${provider.label} has no API key. Add it in Settings → Providers.`,
      errorDetails('key_missing', { provider: provider.label }),
    );
  const http = createHttpClient(options);
  const context = { http, preset, baseUrl, key, label: provider.label };
  if (protocol === 'fal-queue') return createFalQueueAdapter(context);
  if (protocol === 'replicate') return createReplicateAdapter(context);
  return createOpenAiImagesAdapter({ ...context, model: (id) => findModel(provider.preset, id, options.remoteModels) });
}
