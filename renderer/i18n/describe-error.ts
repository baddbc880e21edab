// Turns an error the core (or the page) gave into a sentence in the user's language: the sentence for
// its `details.kind` when there is one, else the one for its `code`, and the core's English message
// only when neither is known (a newer core, a failure inside the page itself).
import type { i18n } from 'i18next';
import { numberFormat } from './format';
import { type ErrorFieldType, type ErrorInfo, type ErrorKind, errorKindFields, kindOf } from '../../shared/errors';

type Translator = Pick<i18n, 't' | 'exists' | 'language'>;

/** Kinds whose English message also carries the provider's own words (why it refused), worth showing too. */
const providerAnswers = new Set<ErrorKind>([
  'key_refused',
  'rate_limited',
  'payment_required',
  'request_rejected',
  'endpoint_not_found',
  'provider_down',
]);

export interface ErrorDescription {
  /** The sentence in the user's language. */
  text: string;
  /** The core's own words, when the sentence could not say everything they do (a provider's reason). */
  detail: string | null;
}

function formatValue(type: ErrorFieldType, value: unknown, language: string): string {
  if (type === 'bytes' && typeof value === 'number')
    return numberFormat(language, { maximumFractionDigits: 1 }).format(value / 1024 / 1024);
  if (type === 'count' && typeof value === 'number') return numberFormat(language).format(value);
  if (type === 'list' && Array.isArray(value))
    return new Intl.ListFormat(language, { type: 'disjunction' }).format(value.map(String));
  return String(value ?? '');
}

/** Only the fields the kind declares, formatted for the language: nothing else reaches i18next's options. */
function valuesOf(kind: ErrorKind, details: unknown, language: string): Record<string, string> {
  const fields: Record<string, ErrorFieldType> = errorKindFields[kind];
  const record = details as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(fields).map(([name, type]) => [name, formatValue(type, record[name], language)]),
  );
}

export function explainError(translator: Translator, error: ErrorInfo): ErrorDescription {
  const kind = kindOf(error.details);
  if (kind && translator.exists(`errors.kind.${kind}`)) {
    const text = translator.t(`errors.kind.${kind}`, valuesOf(kind, error.details, translator.language));
    return { text, detail: providerAnswers.has(kind) && error.message !== text ? error.message : null };
  }
  if (translator.exists(`errors.code.${error.code}`)) {
    const text = translator.t(`errors.code.${error.code}`);
    return { text, detail: error.message && error.message !== text ? error.message : null };
  }
  return { text: error.message, detail: null };
}

export function describeError(translator: Translator, error: ErrorInfo): string {
  return explainError(translator, error).text;
}
