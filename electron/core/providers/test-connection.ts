// "Test connection": the preset's probe (shared/presets.ts) sent like a real call — the same HttpClient,
// auth header and error mapping — so the sentence a user reads here is the one a job would fail with.
// Only the outcome is read on top: which of the connection outcomes that answer means.
import type { z } from 'zod';
import type { connectionResultSchema } from '../../../shared/contract/providers';
import { AppError, isAppError } from '../../../shared/errors';
import { presets, type PresetSpec, type ProviderConfig } from '../../../shared/presets';
import { type FetchLike, lookupFailureCodes } from '../http/client';
import { createHttpClient } from './adapter';
import { authHeaders, joinUrl } from './wire';

type ConnectionResult = z.infer<typeof connectionResultSchema>;
type ConnectionOutcome = ConnectionResult['outcome'];

export interface TestConnectionOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
}

/** A test is a question asked now: one attempt, so a slow or failing provider answers in one time-out. */
const probeRetries = 0;
const probeTimeoutMs = 15_000;

export async function testConnection(
  provider: ProviderConfig,
  key: string | null,
  options: TestConnectionOptions = {},
): Promise<ConnectionResult> {
  const spec = presets[provider.preset];
  const name = provider.label;
  if (!spec.probe) {
    return {
      outcome: 'works',
      message: `${name} renders images on this computer; there is nothing to connect to.`,
      httpStatus: null,
    };
  }
  const baseUrl = provider.baseUrl ?? spec.defaultBaseUrl;
  if (!baseUrl) {
    return {
      outcome: 'bad_base_url',
      message: `${name} has no base URL. Set one in Settings → Providers.`,
      httpStatus: null,
    };
  }
  if (spec.needsKey && !key) {
    return { outcome: 'no_key', message: `${name} has no key yet. Add one in Settings → Providers.`, httpStatus: null };
  }
  const { probe } = spec;
  const http = createHttpClient({
    provider,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? probeTimeoutMs,
    maxRetries: probeRetries,
  });
  try {
    const answer = await http.json({
      method: probe.method,
      url: joinUrl(baseUrl, probe.path),
      headers: authHeaders(spec, key),
      json: probe.json,
      acceptStatus: probe.notFoundMeansWorks ? [404] : [],
    });
    return { outcome: 'works', message: `${name} accepted the key.`, httpStatus: answer.status };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const httpStatus = httpFacts(error).status ?? null;
    return { outcome: outcomeOf(error, spec, baseUrl), message: error.message, httpStatus };
  }
}

/** The fields the HTTP layer puts in an error's details (http/client.ts, http/error-body.ts). */
interface HttpFacts {
  status?: number;
  notJson?: boolean;
  errno?: string;
}

function httpFacts(error: AppError): HttpFacts {
  return (error.details ?? {}) as HttpFacts;
}

function outcomeOf(error: AppError, spec: PresetSpec, baseUrl: string): ConnectionOutcome {
  const { status, notJson, errno } = httpFacts(error);
  if (error.code === 'auth_refused') return 'key_refused';
  if (error.code === 'network_failed') {
    if (errno === 'ERR_INVALID_URL') return 'bad_base_url';
    // DNS failing for the preset's own, well-known host means the network is down, not a typo.
    const ownHost = spec.defaultBaseUrl !== null && hostOf(spec.defaultBaseUrl) === hostOf(baseUrl);
    return errno && lookupFailureCodes.includes(errno) && !ownHost ? 'bad_base_url' : 'no_network';
  }
  // The probe's path exists on every such API: a 404 or a web page means the base URL points elsewhere.
  if (status === 404 || notJson) return 'bad_base_url';
  return 'provider_error';
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
