// How every store action that calls the core handles a failure: it is kept in the store's `error`
// (the view shows it with <ErrorBanner> until dismissed) instead of escaping as a rejected promise
// nobody reads. The error is kept as data, not text, so it is said in the language shown at the time.
import { type ErrorInfo, type ErrorKind, type ErrorKindValues, errorDetails } from '../../shared/errors';
import { ApiError } from '../api';

/** An error a store keeps for its view: the core's answer or a refusal made in the page; `subject` names a file. */
export interface ShownError extends ErrorInfo {
  subject?: string;
}

export type ErrorSetter = (patch: { error: ShownError | null }) => void;

export function toShownError(error: unknown, subject?: string): ShownError {
  const about = subject === undefined ? {} : { subject };
  if (error instanceof ApiError) return { code: error.code, message: error.message, details: error.details, ...about };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error), ...about };
}

/**
 * A refusal the page makes before calling the core (a file the editor cannot take), shaped like the
 * core's so it is said the same way. Its message is only the kind: the sentence lives in renderer/i18n.
 */
export function pageRefusal<K extends ErrorKind>(kind: K, values: ErrorKindValues<K>, subject?: string): ShownError {
  return { code: 'invalid_input', message: kind, details: errorDetails(kind, values), ...(subject && { subject }) };
}

export interface AttemptOptions {
  /**
   * A refresh nobody clicked (a mount, an event, a scroll): its success leaves an error the user has
   * not read yet in place, and "the core is not connected" is left to the shell's banner, which says so
   * already. A user's action that succeeds clears the error an earlier one left.
   */
  background?: boolean;
  /** False once a newer call of the same action has started: this one's outcome is dropped. */
  current?: () => boolean;
  /** What the failure is about (a file name), shown before the sentence. */
  subject?: string;
}

/** Runs one action; never rejects. Answers whether it succeeded, for callers that go on (clear a form). */
export async function attempt(
  set: ErrorSetter,
  run: () => Promise<void>,
  options: AttemptOptions = {},
): Promise<boolean> {
  const current = options.current ?? (() => true);
  try {
    await run();
    if (!options.background && current()) set({ error: null });
    return true;
  } catch (error) {
    const shown = toShownError(error, options.subject);
    if (current() && !(options.background && shown.code === 'unavailable')) set({ error: shown });
    return false;
  }
}
