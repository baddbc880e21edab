import type { z } from 'zod';

/** One request channel: the payload the renderer sends and the result the core answers with. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelSpec<I, O> {
  return { input, output };
}

export type ChannelMap = Record<string, ChannelSpec>;
export type EventMap = Record<string, z.ZodType>;
