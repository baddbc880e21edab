// window.atelier as the preload gives the page, for renderer stores tested under Node: answered by a real core in
// this process, or by any stand-in that answers as the bridge does (an envelope).
import type { Core } from '../../electron/core/core';

type Invoke = (channel: string, payload: unknown) => unknown;
const globals = globalThis as { atelier?: { invoke: Invoke; on: () => () => void } };

export function bridgeTo(invoke: Invoke): void {
  globals.atelier = { invoke, on: () => () => {} };
}

/** The bridge answered by the core; `seen` is told of every call first (a recorder of what the page sent). */
export function bridgeToCore(core: Core, seen?: (channel: string, payload: unknown) => void): void {
  bridgeTo((channel, payload) => {
    seen?.(channel, payload);
    return core.invoke(channel, payload);
  });
}

export function unbridge(): void {
  delete globals.atelier;
}
