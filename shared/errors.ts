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

/**
 * The refusals a user meets often, each with the facts its sentence needs. `details.kind` names one, so the
 * page can say it in the user's language (renderer/i18n: `errors.kind.<kind>`, with these fields as
 * placeholders); the English `message` stays for the CLI and logs. A field's type says how it is shown:
 * `bytes` as megabytes, `count` as a number, `list` as a list, `text` as it is.
 */
export const errorKindFields = {
  // The contract (dispatch.ts) and the transports.
  channel_unknown: { channel: 'text' },
  field_invalid: { channel: 'text', field: 'text' },
  core_not_connected: {},
  core_connection_lost: {},
  // A file: the library's intake, an edit's inputs, the editor.
  file_empty: {},
  file_too_large: { limit: 'bytes', actual: 'bytes' },
  too_many_pixels: { width: 'count', height: 'count', limit: 'count' },
  not_an_image: {},
  format_unsupported: { format: 'text' },
  format_not_editable: {},
  image_damaged: {},
  // Import's reasons by the format the file's first bytes name (library/format-sniff.ts).
  image_header_damaged: { format: 'text' },
  image_data_damaged: { format: 'text' },
  colour_space_unsupported: { format: 'text', colourSpace: 'text' },
  file_passed_over: { extension: 'text' },
  // A request a model does not take (providers/validate.ts).
  prompt_empty: {},
  prompt_too_long: { model: 'text', limit: 'count', actual: 'count' },
  count_out_of_range: { model: 'text', min: 'count', max: 'count', actual: 'count' },
  size_not_offered: { model: 'text', size: 'text', choices: 'list' },
  size_malformed: { size: 'text' },
  aspect_ratio_not_offered: { model: 'text', aspectRatio: 'text', choices: 'list' },
  aspect_ratio_not_taken: { model: 'text' },
  quality_not_offered: { model: 'text', quality: 'text', choices: 'list' },
  quality_not_taken: { model: 'text', quality: 'text' },
  output_format_not_offered: { model: 'text', format: 'text', choices: 'list' },
  output_format_not_taken: { model: 'text', format: 'text' },
  edit_not_supported: { model: 'text' },
  too_many_images: { model: 'text', limit: 'count', actual: 'count' },
  mask_not_supported: { model: 'text' },
  mask_without_image: {},
  mask_size_mismatch: { maskWidth: 'count', maskHeight: 'count', width: 'count', height: 'count' },
  // OpenAI images options (shared/gpt-image.ts, each from openai-node src/resources/images.ts).
  option_not_offered: { model: 'text', option: 'text', value: 'text', choices: 'list' },
  option_not_taken: { model: 'text', option: 'text' },
  transparent_needs_format: { model: 'text', format: 'text', choices: 'list' },
  compression_out_of_range: { model: 'text', min: 'count', max: 'count', actual: 'text' },
  compression_needs_format: { model: 'text', format: 'text', choices: 'list' },
  moderation_on_edit: { model: 'text' },
  edit_image_not_png: { model: 'text' },
  edit_image_not_square: { model: 'text', width: 'count', height: 'count' },
  edit_image_too_large: { model: 'text', limit: 'bytes', actual: 'bytes' },
  // A batch some of whose targets were refused (jobs/plan-batch.ts): details.problems lists each, with its model.
  targets_invalid: { count: 'count', models: 'count' },
  // A provider's answer or set-up.
  key_missing: { provider: 'text' },
  key_refused: { provider: 'text', status: 'count' },
  rate_limited: { provider: 'text', status: 'count' },
  payment_required: { provider: 'text', status: 'count' },
  request_rejected: { provider: 'text', status: 'count' },
  endpoint_not_found: { provider: 'text', status: 'count', path: 'text' },
  provider_down: { provider: 'text', status: 'count' },
  base_url_missing: { provider: 'text' },
  // A 2xx answer that is not what was asked for: reported, never sent again (http/client.ts).
  not_json: { provider: 'text', status: 'count' },
  stream_unasked: { provider: 'text', status: 'count' },
  // A streamed answer that stopped before its final image (http/client.ts eventStream): not sent again either.
  stream_cut: { provider: 'text', events: 'count' },
  // Something asked for by id.
  job_not_found: { id: 'text' },
  // jobs.remove on a job still on its way: cancel it first.
  job_not_removable: { status: 'text' },
  image_not_found: { id: 'text' },
} as const satisfies Record<string, Record<string, ErrorFieldType>>;

export type ErrorFieldType = 'text' | 'count' | 'bytes' | 'list';
interface ErrorFieldValue {
  text: string;
  count: number;
  bytes: number;
  list: readonly string[];
}
export type ErrorKind = keyof typeof errorKindFields;
export const errorKinds = Object.keys(errorKindFields) as ErrorKind[];

type FieldsOf<K extends ErrorKind> = (typeof errorKindFields)[K];
export type ErrorKindValues<K extends ErrorKind> = {
  -readonly [F in keyof FieldsOf<K>]: ErrorFieldValue[FieldsOf<K>[F] & ErrorFieldType];
};
export type ErrorDetails<K extends ErrorKind = ErrorKind> = { [P in K]: { kind: P } & ErrorKindValues<P> }[K];

/** `details` for an AppError of this kind, checked against the fields its sentence needs. */
export function errorDetails<K extends ErrorKind>(kind: K, values: ErrorKindValues<K>): ErrorDetails<K> {
  return { kind, ...values } as ErrorDetails<K>;
}

/** The kind named in an error's details, if it is one this build knows. */
export function kindOf(details: unknown): ErrorKind | undefined {
  const kind = (details as { kind?: unknown } | null | undefined)?.kind;
  return typeof kind === 'string' && Object.hasOwn(errorKindFields, kind) ? (kind as ErrorKind) : undefined;
}

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
