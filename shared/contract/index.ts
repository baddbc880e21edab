// The only door between the renderer and the core. Every channel the renderer may call and every
// event the core may push is listed here; main, the harness and the preload expose nothing else.
// To add a domain: write shared/contract/<domain>.ts with `<domain>Channels` / `<domain>Events`
// and spread them below.
import type { z } from 'zod';
import { appChannels, appEvents } from './app';
import { libraryChannels, libraryEvents } from './library';
import { jobsChannels, jobsEvents } from './jobs';
import { modelsChannels } from './models';
import { providersChannels } from './providers';

export const channels = {
  ...appChannels,
  ...libraryChannels,
  ...providersChannels,
  ...modelsChannels,
  ...jobsChannels,
};

export const events = {
  ...appEvents,
  ...libraryEvents,
  ...jobsEvents,
};

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ChannelParsedInput<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Channels[K]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** What the preload (and the harness bridge) put on `window.atelier`. */
export interface AtelierBridge {
  invoke(channel: string, payload: unknown): Promise<import('../errors').Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
