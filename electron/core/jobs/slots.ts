// A counting semaphore whose waits can be abandoned: a job cancelled while it waits for a slot stops
// waiting at once instead of holding its place in line.
import { AppError } from '../../../shared/errors';

export class Slots {
  private used = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** How many wait in line for a slot (the engine sends nothing new while results queue up here). */
  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with the function that gives the slot back (calling it twice gives back one slot). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw cancelled();
    if (this.used < this.limit) this.used++;
    else await this.queue(signal);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.handOn();
    };
  }

  /** A slot now if one is free (nobody waits then), else null: for work that may go ahead or be written down. */
  tryAcquire(): (() => void) | null {
    if (this.used >= this.limit) return null;
    this.used++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.handOn();
    };
  }

  /** The slot goes straight to the next in line, so `used` only drops when nobody waits. */
  private handOn(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.used--;
  }

  private queue(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiting.indexOf(granted);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(cancelled());
      };
      const granted = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiting.push(granted);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function cancelled(): AppError {
  return new AppError('cancelled', 'The job was cancelled.');
}
