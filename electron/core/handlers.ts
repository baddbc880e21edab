import type { ChannelName, ChannelOutput, ChannelParsedInput } from '../../shared/contract';
import type { Transport } from '../../shared/contract/app';

/** Who is calling: lets handlers answer differently per transport without importing it. */
export interface CallContext {
  transport: Transport;
}

export type Handler<K extends ChannelName> = (
  input: ChannelParsedInput<K>,
  context: CallContext,
) => Promise<ChannelOutput<K>> | ChannelOutput<K>;

export type HandlerTable = { [K in ChannelName]: Handler<K> };

/** A slice of the handler table contributed by one domain (app, library, providers …). */
export type HandlerSlice<K extends ChannelName> = { [P in K]: Handler<P> };
