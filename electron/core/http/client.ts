// The one HTTP layer every adapter uses: injected fetch, a time-out per attempt, SDK-style retries,
// cancellation through AbortSignal, and errors mapped to AppError with messages a user can act on.
import { Agent } from 'undici';
import { AppError } from '../../../shared/errors';
import { defaultRequestTimeoutMs } from '../../../shared/limits';
import { redact } from '../redact';
import { Base64FieldReader } from './base64-fields';
import { eachChunk } from './each-chunk';
import {
  errorInOkBody,
  httpErrorToAppError,
  notJsonFailure,
  okBodyFailure,
  parseErrorBody,
  streamCutFailure,
  streamUnaskedFailure,
} from './error-body';
import { abortableSleep, openAiRetry, type HttpMethod, type RetryPolicy } from './retry-policy';
import { EventStreamCut, readServerSentEvents, type ServerSentEvent } from './sse';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpClientOptions {
  /** The provider's label for messages ("ImageRouter"). */
  provider: string;
  fetch?: FetchLike;
  /** Per attempt, covering the answer's body too. Image generation can hold a request for minutes. */
  timeoutMs?: number;
  /** Caps every policy's retries (the connection probe asks once: 0). */
  maxRetries?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  /** The protocol's own rule (retry-policy.ts); OpenAI-compatible (openai-node's) when not given. */
  retry?: RetryPolicy;
  headers?: Record<string, string>;
  /** A JSON value (sent as application/json) or FormData (multipart); both can be re-sent on retry. */
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Status codes that are answers, not errors (fal's 202 while queued). 2xx always are. */
  acceptStatus?: number[];
  /**
   * JSON fields whose string values are large base64 data (b64_json): `json` decodes them to Buffers as the answer
   * arrives, chunk by chunk, instead of parsing one string of megabytes on the main thread (base64-fields.ts).
   */
  base64Fields?: readonly string[];
}

/** A streaming request's answer: its events were handed over one by one, or it came as plain JSON after all. */
export type StreamAnswer = { kind: 'events'; count: number } | { kind: 'json'; body: unknown };

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Node's fetch (undici) gives up after 300 s waiting for headers or between body chunks unless its dispatcher says
 * otherwise, and a long generation cut there would be retried and billed again (providers.md §6). Each time-out
 * gets an Agent whose limits sit just past our own, so our timer (and its clear message) always speaks first.
 */
const agents = new Map<number, Agent>();
function dispatcherFor(timeoutMs: number): Agent {
  let agent = agents.get(timeoutMs);
  if (!agent) {
    agent = new Agent({ headersTimeout: timeoutMs + 1000, bodyTimeout: timeoutMs + 1000 });
    agents.set(timeoutMs, agent);
  }
  return agent;
}

export class HttpClient {
  readonly provider: string;
  private readonly fetchImpl: FetchLike;
  /** One request's time-out unless the request names its own. */
  readonly timeoutMs: number;
  private readonly maxRetries: number | undefined;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(options: HttpClientOptions) {
    this.provider = options.provider;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? defaultRequestTimeoutMs;
    this.maxRetries = options.maxRetries;
    this.sleep = options.sleep ?? abortableSleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** Sends and parses a JSON answer. Whitespace before the JSON is allowed (ImageRouter keep-alive). */
  async json<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>> {
    return this.send(request, async (response) => {
      // A 2xx that is not the JSON asked for is reported, never re-sent: the provider may have made (and billed)
      // the image already, and sending again would pay twice (providers.md §6).
      if (/^text\/event-stream\b/i.test(response.headers.get('content-type') ?? '')) {
        await response.body?.cancel();
        throw streamUnaskedFailure(this.provider, response.status);
      }
      let body: unknown;
      try {
        body = request.base64Fields
          ? await readWithBase64Fields(response, request.base64Fields)
          : await readJson(response);
      } catch (error) {
        if (error instanceof SyntaxError) throw notJsonFailure(this.provider, response.status);
        throw error;
      }
      const hidden = errorInOkBody(body);
      if (hidden) throw okBodyFailure(this.provider, response.status, hidden);
      return body as T;
    });
  }

  /**
   * Sends a request that asked to stream and hands each server-sent event to `onEvent` as it arrives (what
   * `onEvent` throws ends the stream). Retried only until the answer's headers arrive: once events flow the
   * provider is at work, so a stream that stops early is a stream_cut failure, never a second request. A JSON
   * answer (a router that ignores `stream`) is read as `json` reads it.
   */
  async eventStream(
    request: HttpRequest,
    onEvent: (event: ServerSentEvent) => void,
  ): Promise<HttpResponse<StreamAnswer>> {
    return this.send({ ...request, headers: { Accept: 'text/event-stream', ...request.headers } }, async (response) => {
      if (!/^text\/event-stream\b/i.test(response.headers.get('content-type') ?? '')) {
        const raw = await response.text();
        try {
          return { kind: 'json', body: raw.trim() === '' ? null : JSON.parse(raw) };
        } catch {
          throw notJsonFailure(this.provider, response.status);
        }
      }
      if (!response.body) throw streamCutFailure(this.provider, 0);
      let count = 0;
      try {
        for await (const event of readServerSentEvents(response.body)) {
          count++;
          onEvent(event);
        }
      } catch (error) {
        if (error instanceof EventStreamCut) throw streamCutFailure(this.provider, error.eventsRead);
        throw error;
      }
      return { kind: 'events', count };
    });
  }

  /** Downloads bytes (a result image). */
  async bytes(request: HttpRequest): Promise<HttpResponse<Buffer>> {
    return this.send(request, async (response) => {
      const chunks: Uint8Array[] = [];
      await eachChunk(response, (chunk) => chunks.push(chunk));
      return Buffer.concat(chunks);
    });
  }

  private async send<T>(request: HttpRequest, read: (response: Response) => Promise<T>): Promise<HttpResponse<T>> {
    const policy = request.retry ?? openAiRetry;
    const maxRetries = Math.min(policy.maxRetries, this.maxRetries ?? policy.maxRetries);
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(request, read, policy);
      if (outcome.ok) return outcome.response;
      const retriesLeft = attempt < maxRetries;
      if (!outcome.retryable || !retriesLeft) throw outcome.error;
      try {
        await this.sleep(policy.delayMs(attempt, outcome.headers, this.now(), this.random), request.signal);
      } catch {
        throw cancelled(this.provider);
      }
    }
  }

  private async attempt<T>(
    request: HttpRequest,
    read: (response: Response) => Promise<T>,
    policy: RetryPolicy,
  ): Promise<
    { ok: true; response: HttpResponse<T> } | { ok: false; error: AppError; retryable: boolean; headers?: Headers }
  > {
    if (request.signal?.aborted) return { ok: false, error: cancelled(this.provider), retryable: false };
    const controller = new AbortController();
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.fetchImpl(request.url, this.init(request, controller.signal, timeoutMs));
      const accepted = response.ok || (request.acceptStatus ?? []).includes(response.status);
      if (!accepted) {
        const raw = await response.text().catch(() => '');
        const info = parseErrorBody(safeParse(raw));
        const error = httpErrorToAppError(this.provider, response.status, info, urlPart(request.url, 'pathname'));
        return {
          ok: false,
          error,
          retryable: policy.retryStatus(response.status, response.headers, request.method),
          headers: response.headers,
        };
      }
      const body = await read(response);
      return { ok: true, response: { status: response.status, headers: response.headers, body } };
    } catch (thrown) {
      if (request.signal?.aborted) return { ok: false, error: cancelled(this.provider), retryable: false };
      // Thrown while reading an answer that arrived (a stream cut by the time-out too): final, never re-sent.
      if (thrown instanceof AppError) return { ok: false, error: thrown, retryable: false };
      if (timedOut) {
        const seconds = Math.round(timeoutMs / 100) / 10;
        const error = new AppError(
          'network_failed',
          `${this.provider} did not answer within ${seconds} s. Try again, or later if it keeps happening.`,
        );
        return { ok: false, error, retryable: policy.retryConnection(request.method) };
      }
      const error = connectionError(this.provider, request.url, thrown);
      return { ok: false, error, retryable: policy.retryConnection(request.method) };
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  private init(request: HttpRequest, signal: AbortSignal, timeoutMs: number): RequestInit {
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    let body: string | FormData | undefined;
    if (request.form) body = request.form;
    else if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    // `dispatcher` is undici's own RequestInit field, unknown to the DOM type.
    const dispatcher = dispatcherFor(timeoutMs);
    return { method: request.method, headers, body, signal, redirect: 'follow', dispatcher } as RequestInit;
  }
}

async function readJson(response: Response): Promise<unknown> {
  const raw = await response.text();
  return raw.trim() === '' ? null : JSON.parse(raw);
}

async function readWithBase64Fields(response: Response, fields: readonly string[]): Promise<unknown> {
  const reader = new Base64FieldReader(fields);
  await eachChunk(response, (chunk) => reader.push(chunk));
  return reader.finish();
}

function safeParse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw.trim() ? { message: raw.trim().slice(0, 200) } : null;
  }
}

function cancelled(provider: string): AppError {
  return new AppError('cancelled', `The request to ${provider} was cancelled.`);
}

/** What Node says when DNS has no answer for a host: a typo in the base URL, or no network at all. */
export const lookupFailureCodes: readonly string[] = ['ENOTFOUND', 'EAI_AGAIN'];

/** `details.errno` carries Node's code (ECONNREFUSED, ENOTFOUND …) for callers that diagnose further. */
function connectionError(provider: string, url: string, thrown: unknown): AppError {
  const cause = thrown instanceof Error && thrown.cause instanceof Error ? thrown.cause : thrown;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  const details = code ? { errno: code } : undefined;
  if (lookupFailureCodes.includes(code)) {
    const host = urlPart(url, 'host');
    const message = `Could not find ${host} (${code}). Check ${provider}'s base URL in Settings → Providers, and the internet connection.`;
    return new AppError('network_failed', redact(message), details);
  }
  const why = code ? ` (${code})` : thrown instanceof Error ? ` (${thrown.message})` : '';
  return new AppError(
    'network_failed',
    redact(
      `Could not reach ${provider}${why}. Check the internet connection and the provider's base URL in Settings → Providers.`,
    ),
    details,
  );
}

function urlPart(url: string, part: 'host' | 'pathname'): string {
  try {
    return new URL(url)[part];
  } catch {
    return redact(url);
  }
}
