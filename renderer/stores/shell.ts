import { create } from 'zustand';
import { invoke } from '../api';
import type { ChannelOutput } from '../../shared/contract';

export const views = ['generate', 'gallery', 'editor', 'settings'] as const;
export type View = (typeof views)[number];

type Connection =
  | { state: 'connecting' }
  | { state: 'connected'; info: ChannelOutput<'app.info'>; roundTripMs: number }
  | { state: 'failed'; message: string };

interface ShellState {
  view: View;
  connection: Connection;
  setView(view: View): void;
  /** Round-trips app.ping and reads app.info: proves the whole path renderer → transport → core. */
  connect(): Promise<void>;
}

export const useShell = create<ShellState>()((set) => ({
  view: 'generate',
  connection: { state: 'connecting' },
  setView: (view) => set({ view }),
  connect: async () => {
    try {
      const started = performance.now();
      const nonce = crypto.randomUUID();
      const pong = await invoke('app.ping', { nonce });
      if (pong.nonce !== nonce) throw new Error('the core answered a different ping');
      const roundTripMs = Math.max(1, Math.round(performance.now() - started));
      const info = await invoke('app.info', {});
      set({ connection: { state: 'connected', info, roundTripMs } });
    } catch (error) {
      set({ connection: { state: 'failed', message: (error as Error).message } });
    }
  },
}));
