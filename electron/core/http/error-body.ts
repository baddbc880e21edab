// Every error shape the routers answer with, reduced to one plain sentence:
//   OpenAI       {"error":{"message","type","param","code"}}
//   ImageRouter  {"error":{"message","type"}}   (also after 200 + keep-alive whitespace)
//   Replicate    {"detail":"…"}                 (plus title/status in problem+json)
//   fal          {"message":"…"} or 422 {"detail":[{"loc":[…],"msg","type"}]}
import { AppError, type ErrorDetails, errorDetails } from '../../../shared/errors';
import { redact } from '../redact';

export interface ProviderErrorInfo {
  message: string;
  type?: string;
  code?: string;
  param?: string;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Reads any documented error shape; null when the body is not one. */
export function parseErrorBody(body: unknown): ProviderErrorInfo | null {
  const record = asRecord(body);
  if (!record) return null;
  const error = record.error;
  const nested = asRecord(error);
  if (nested) {
    const message = text(nested.message) ?? text(nested.type) ?? 'no message';
    return {
      message,
      type: text(nested.type),
      code: text(nested.code) ?? numberText(nested.code),
      param: text(nested.param),
    };
  }
  if (text(error)) return { message: text(error)! };
  if (Array.isArray(record.detail)) {
    const parts = record.detail.map((item) => {
      const entry = asRecord(item);
      if (!entry) return String(item);
      const loc = Array.isArray(entry.loc) ? entry.loc.filter((part) => part !== 'body').join('.') : '';
      const msg = text(entry.msg) ?? 'invalid';
      return loc ? `${loc}: ${msg}` : msg;
    });
    return { message: parts.join('; ') || 'invalid request' };
  }
  const detail = text(record.detail) ?? text(record.message);
  if (detail) return { message: detail, type: text(record.type) ?? text(record.title) };
  return null;
}

function numberText(value: unknown): string | undefined {
  return typeof value === 'number' ? String(value) : undefined;
}

/**
 * The ImageRouter quirk: 200 headers went out before the failure, so the body (after whitespace) is
 * `{"error":{…}}`. Only an error object counts: a fal status or a Replicate prediction carries a string
 * `error` field that its adapter reads itself.
 */
export function errorInOkBody(body: unknown): ProviderErrorInfo | null {
  const record = asRecord(body);
  if (!record || !asRecord(record.error) || record.data !== undefined) return null;
  return parseErrorBody(record);
}

/** The provider's own sentence after a colon; it usually ends with a full stop, and ours follows it. */
function saidBy(info: ProviderErrorInfo | null): string {
  return info ? `: ${info.message.replace(/[.\s]+$/, '')}` : '';
}

/**
 * Maps an HTTP failure to the AppError a user sees. `provider` is the provider's label ("ImageRouter"),
 * `path` the URL path that answered (a 404 says where it looked).
 */
export function httpErrorToAppError(
  provider: string,
  status: number,
  info: ProviderErrorInfo | null,
  path: string,
): AppError {
  const said = saidBy(info);
  const details = {
    status,
    ...(info?.type ? { type: info.type } : {}),
    ...(info?.code ? { providerCode: info.code } : {}),
  };
  // The kind (with the facts its sentence needs) lets the page say it in the user's language.
  const say = (code: ConstructorParameters<typeof AppError>[0], message: string, kind?: ErrorDetails) =>
    new AppError(code, redact(message), { ...details, ...kind });
  const answered = { provider, status };
  if (status === 401)
    return say(
      'auth_refused',
      `${provider} refused the key (401)${said}. Check it in Settings → Providers.`,
      errorDetails('key_refused', answered),
    );
  if (status === 403)
    return say(
      'auth_refused',
      `${provider} denied access (403)${said}. Check the key, its plan and region in Settings → Providers.`,
      errorDetails('key_refused', answered),
    );
  if (status === 429)
    return say(
      'provider_failed',
      `${provider} is rate-limiting or out of quota (429)${said}. Wait a moment, or check the account's balance.`,
      errorDetails('rate_limited', answered),
    );
  if (status === 402)
    return say(
      'provider_failed',
      `${provider} says payment is required (402)${said}. Top up the account's balance.`,
      errorDetails('payment_required', answered),
    );
  if (status === 404)
    return say(
      'invalid_input',
      `${provider} answered 404 Not Found at ${path}${said}. Check the model, and the base URL in Settings → Providers.`,
      errorDetails('endpoint_not_found', { ...answered, path }),
    );
  if (status === 400 || status === 422)
    return say(
      'invalid_input',
      `${provider} rejected the request (${status})${said}. Change the parameters and try again.`,
      errorDetails('request_rejected', answered),
    );
  if (status >= 500)
    return say(
      'provider_failed',
      `${provider} failed on its side (${status})${said}. Try again later.`,
      errorDetails('provider_down', answered),
    );
  return say('provider_failed', `${provider} answered ${status}${said}.`);
}

// ImageRouter refuses a key inside a 200 answer too: only its error's type or words say so.
const refusedKeyWords = /auth|api key|unauthori[sz]ed|invalid key/i;

/** The error object found in a 2xx answer (errorInOkBody), as the AppError a user sees. */
export function okBodyFailure(provider: string, status: number, info: ProviderErrorInfo): AppError {
  const details = { status, ...(info.type ? { type: info.type } : {}) };
  if (refusedKeyWords.test(`${info.type ?? ''} ${info.message}`)) {
    const message = `${provider} refused the key${saidBy(info)}. Check it in Settings → Providers.`;
    return new AppError('auth_refused', redact(message), {
      ...details,
      ...errorDetails('key_refused', { provider, status }),
    });
  }
  return providerFailure(provider, info.message, details);
}

/** A 2xx answer that is not JSON: a web page where the API should be, or a body cut short. Not re-sent. */
export function notJsonFailure(provider: string, status: number): AppError {
  const message =
    `${provider} answered with something that is not JSON (${status}): the base URL may point at a web page ` +
    'instead of the API, or the answer was cut short. It was not sent again, as that may charge twice: check the ' +
    'base URL in Settings → Providers, then try again.';
  return new AppError('provider_failed', message, {
    notJson: true,
    ...errorDetails('not_json', { provider, status }),
  });
}

/** A 2xx answer of server-sent events to a request that did not ask to stream. Not re-sent either. */
export function streamUnaskedFailure(provider: string, status: number): AppError {
  const message =
    `${provider} answered with a stream of events (${status}) to a request that did not ask for one. It was not ` +
    'sent again, as that may charge twice: check the base URL and the model in Settings → Providers.';
  return new AppError('provider_failed', message, {
    notJson: true,
    ...errorDetails('stream_unasked', { provider, status }),
  });
}

/**
 * A streamed answer (the request asked for `stream: true`) that stopped before its final event: the connection
 * dropped, or the time-out passed. The provider has begun (and may bill) the image, so it is never re-sent.
 */
export function streamCutFailure(provider: string, events: number): AppError {
  const message =
    `${provider} stopped sending after ${events} events, before the final image. It may have been charged, so it ` +
    'was not sent again: Retry sends it again.';
  return new AppError('network_failed', message, errorDetails('stream_cut', { provider, events }));
}

/** A failure carried in a 200 answer (ImageRouter keep-alive, a Replicate prediction's `error`, a fal failure). */
export function providerFailure(provider: string, message: string, details?: unknown): AppError {
  return new AppError('provider_failed', redact(`${provider} could not make the image: ${message}`), details);
}
