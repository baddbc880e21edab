// "Test connection": one cheap authenticated call per provider, answered in plain words.
// Each preset gets the cheapest call that actually checks the key: a catalogue where the catalogue
// needs a key, ImageRouter's free test/test model (its catalogue is public, so it would accept any key),
// Replicate's account, and for fal a status query of a request that does not exist (404 = key accepted).
import { presets, type ProviderConfig } from '../../../shared/presets';
import { redact } from '../redact';

export type ConnectionOutcome = 'works' | 'key_refused' | 'no_key' | 'no_network' | 'bad_base_url' | 'provider_error';

export interface ConnectionResult {
  outcome: ConnectionOutcome;
  message: string;
  /** HTTP status of the answer, when there was one. */
  httpStatus: number | null;
}

export interface TestConnectionOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

interface Probe {
  url: string;
  init: RequestInit;
  /** fal's probe asks for a request that does not exist: a 404 means the key got through. */
  notFoundMeansWorks: boolean;
}

const dummyFalRequest = '00000000-0000-4000-8000-000000000000';

function probeFor(provider: ProviderConfig, key: string): Probe {
  const spec = presets[provider.preset];
  const base = (provider.baseUrl ?? '').replace(/\/+$/, '');
  const headers: Record<string, string> = {
    Authorization: `${spec.authScheme ?? 'Bearer'} ${key}`,
    Accept: 'application/json',
  };
  switch (provider.preset) {
    case 'imagerouter':
      return {
        url: `${base}${spec.imagesPath}/generations`,
        init: {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ prompt: 'connection test', model: 'test/test', n: 1 }),
        },
        notFoundMeansWorks: false,
      };
    case 'replicate':
      return { url: `${base}${spec.replicatePath}/account`, init: { headers }, notFoundMeansWorks: false };
    case 'fal':
      return {
        url: `${base}/fal-ai/flux-1/requests/${dummyFalRequest}/status`,
        init: { headers },
        notFoundMeansWorks: true,
      };
    default:
      return { url: `${base}/v1/models`, init: { headers }, notFoundMeansWorks: false };
  }
}

export async function testConnection(
  provider: ProviderConfig,
  key: string | null,
  options: TestConnectionOptions = {},
): Promise<ConnectionResult> {
  const spec = presets[provider.preset];
  const name = provider.label || provider.id;
  if (provider.preset === 'local') {
    return {
      outcome: 'works',
      message: `${name} renders images on this computer; there is nothing to connect to.`,
      httpStatus: null,
    };
  }
  if (!provider.baseUrl) {
    return {
      outcome: 'bad_base_url',
      message: `${name} has no base URL. Set one in Settings → Providers.`,
      httpStatus: null,
    };
  }
  if (spec.needsKey && !key) {
    return { outcome: 'no_key', message: `${name} has no key yet. Add one in Settings → Providers.`, httpStatus: null };
  }
  const probe = probeFor(provider, key ?? '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  let response: Response;
  let body: string;
  try {
    response = await (options.fetch ?? fetch)(probe.url, { ...probe.init, signal: AbortSignal.timeout(timeoutMs) });
    body = await response.text();
  } catch (error) {
    return { ...networkFailure(provider, name, error, timeoutMs), httpStatus: null };
  }
  const result = classify(name, response.status, body, probe);
  return { ...result, message: redact(result.message), httpStatus: response.status };
}

function networkFailure(
  provider: ProviderConfig,
  name: string,
  error: unknown,
  timeoutMs: number,
): Omit<ConnectionResult, 'httpStatus'> {
  const baseUrl = provider.baseUrl ?? '';
  const code = errorCode(error);
  const host = safeHost(baseUrl);
  const defaultBaseUrl = presets[provider.preset].defaultBaseUrl;
  const isPresetHost = defaultBaseUrl !== null && safeHost(defaultBaseUrl) === host;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    // A lookup failing for the preset's own, well-known host means the network is down, not a typo.
    if (isPresetHost) {
      return { outcome: 'no_network', message: `Could not look up ${host}. Check your network connection.` };
    }
    return {
      outcome: 'bad_base_url',
      message: `Could not find ${host} (DNS lookup failed). Check ${name}'s base URL, or your network connection.`,
    };
  }
  if (code === 'ERR_INVALID_URL' || (error instanceof TypeError && /invalid url/i.test(error.message))) {
    return { outcome: 'bad_base_url', message: `${name}'s base URL "${redact(baseUrl)}" is not a valid web address.` };
  }
  if (code === 'TimeoutError' || code === 'AbortError') {
    return {
      outcome: 'no_network',
      message: `${host} did not answer within ${timeoutMs / 1000} s. Check your network connection.`,
    };
  }
  const detail = code ? ` (${code})` : '';
  return {
    outcome: 'no_network',
    message: `Could not connect to ${host}${detail}. Check your network connection and ${name}'s base URL.`,
  };
}

function classify(name: string, status: number, body: string, probe: Probe): Omit<ConnectionResult, 'httpStatus'> {
  const json = parseJson(body);
  // ImageRouter answers 200 and then, after whitespace, an error object: read the body, not only the status.
  const errorMessage = json === undefined ? null : providerMessage(json);
  if (status === 401 || status === 403) {
    return {
      outcome: 'key_refused',
      message: `${name} refused the key (${status})${said(errorMessage)}. Check it in Settings → Providers.`,
    };
  }
  if (status === 404 && probe.notFoundMeansWorks && json !== undefined) {
    return { outcome: 'works', message: `${name} accepted the key.` };
  }
  if (status === 404) {
    return {
      outcome: 'bad_base_url',
      message: `${name} answered 404 Not Found at ${pathOf(probe.url)}. Check the base URL.`,
    };
  }
  if (status === 429) {
    return {
      outcome: 'provider_error',
      message: `${name} is limiting requests right now (429)${said(errorMessage)}. Try again in a minute.`,
    };
  }
  if (status >= 500) {
    return {
      outcome: 'provider_error',
      message: `${name} is having trouble (${status})${said(errorMessage)}. Try again later.`,
    };
  }
  if (json === undefined) {
    return {
      outcome: 'bad_base_url',
      message: `${name} answered, but not with JSON: the base URL probably does not point at its API.`,
    };
  }
  if (status >= 200 && status < 300 && errorMessage === null) {
    return { outcome: 'works', message: `${name} accepted the key.` };
  }
  if (/auth|api key|unauthori[sz]ed|invalid key/i.test(errorMessage ?? '')) {
    return {
      outcome: 'key_refused',
      message: `${name} refused the key${said(errorMessage)}. Check it in Settings → Providers.`,
    };
  }
  return { outcome: 'provider_error', message: `${name} answered with an error (${status})${said(errorMessage)}.` };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body.trim());
  } catch {
    return undefined;
  }
}

/** The error text of OpenAI/ImageRouter (`error.message`), fal (`message`, `detail`) and Replicate (`detail`). */
function providerMessage(json: unknown): string | null {
  if (!json || typeof json !== 'object') return null;
  const record = json as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && typeof (error as Record<string, unknown>).message === 'string') {
    return (error as Record<string, string>).message ?? null;
  }
  if (typeof record.detail === 'string') return record.detail;
  return null;
}

function said(message: string | null): string {
  return message ? `: "${message.slice(0, 200)}"` : '';
}

function errorCode(error: unknown): string | null {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return error.name;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return redact(url);
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
