// One core call from a command: the answer's value, or the error it carried thrown as an AppError so
// cli/main.ts turns it into a message and an exit code.
import type { ChannelInput, ChannelName, ChannelOutput } from '../shared/contract';
import { AppError } from '../shared/errors';
import type { CommandContext } from './command';

export async function call<K extends ChannelName>(
  context: CommandContext,
  channel: K,
  payload: ChannelInput<K>,
): Promise<ChannelOutput<K>> {
  const core = await context.core();
  const answer = await core.invoke(channel, payload);
  if (!answer.ok) throw new AppError(answer.error.code, answer.error.message, answer.error.details);
  return answer.value as ChannelOutput<K>;
}
