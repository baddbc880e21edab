import type { EventName, EventPayload } from '../../shared/contract';

export type CoreEventListener = <K extends EventName>(event: K, payload: EventPayload<K>) => void;

/** A tiny typed fan-out: the shell forwards to the window, the harness to its sockets, the CLI to its progress line. */
export class CoreEvents {
  private readonly listeners = new Set<CoreEventListener>();

  subscribe(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // A broken listener (a closed socket, a destroyed window) must not stop the others or the job.
      }
    }
  }
}
