// One error shape for every door out of the core (IPC, WebSocket harness, CLI).
// `code` is stable and machine-readable; `message` is written for the user and must say what to do.
export const errorCodes = [
  'unknown_channel',
  'invalid_payload',
  'forbidden_sender',
  'not_found',
  'conflict',
  'invalid_input',
  'auth_refused',
  'provider_failed',
  'network_failed',
  'cancelled',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toInfo(): ErrorInfo {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** The envelope every invoke answers with, so errors keep their code across IPC and WebSocket. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
