import { z } from 'zod';
import { channels, isChannelName } from '../../shared/contract';
import { AppError, type Envelope, type ErrorInfo, errorDetails, isAppError } from '../../shared/errors';
import type { CallContext, HandlerTable } from './handlers';
import { redact } from './redact';

/**
 * The single place where an untrusted payload becomes a typed call: unknown channels, wrong types
 * and extra fields are refused with a clear message before any handler runs. Used by the Electron
 * shell (ipc.ts), the browser harness and the tests alike.
 */
export async function dispatch(
  handlers: HandlerTable,
  channelName: unknown,
  payload: unknown,
  context: CallContext,
): Promise<Envelope<unknown>> {
  try {
    if (!isChannelName(channelName)) {
      throw new AppError(
        'unknown_channel',
        `There is no channel named ${JSON.stringify(String(channelName)).slice(0, 80)}.`,
        errorDetails('channel_unknown', { channel: String(channelName).slice(0, 80) }),
      );
    }
    const parsed = channels[channelName].input.safeParse(payload ?? {});
    if (!parsed.success) {
      throw new AppError(
        'invalid_payload',
        `The request to ${channelName} was refused: ${z.prettifyError(parsed.error)}`,
        errorDetails('field_invalid', { channel: channelName, field: firstField(parsed.error) }),
      );
    }
    const handler = handlers[channelName] as (input: unknown, context: CallContext) => unknown;
    const value = await handler(parsed.data, context);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}

/** The field the first problem is in, as a dotted path ("targets.0.model"); an extra field names itself. */
function firstField(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'payload';
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  return path.map(String).join('.') || 'payload';
}

export function toErrorInfo(error: unknown): ErrorInfo {
  if (isAppError(error)) {
    const info = error.toInfo();
    return { ...info, message: redact(info.message) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: redact(`Something went wrong inside Atelier: ${message}`) };
}
