// Thumbnails of generated and edited images are made after the result is stored, in the background,
// one at a time, once results stop arriving for a moment (a burst of jobs is not slowed by its own
// thumbnails), so a job is done as soon as its image is safely on disk. Nothing is
// lost if the app quits first: the media route makes a missing thumbnail when it is asked for, and
// `library check --repair` remakes the rest.
import type { FileStore } from './file-store';
import { ensureThumbnails } from './thumbnails';

export class ThumbnailQueue {
  /** sha256 → the original's path relative to the library. */
  private readonly pending = new Map<string, string>();
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** When a result last arrived, and whether a caller waits for every thumbnail (then nothing pauses). */
  private lastArrival = 0;
  private draining = false;

  constructor(
    private readonly store: FileStore,
    private readonly quietMs = 200,
  ) {}

  schedule(sha256: string, relativePath: string): void {
    if (this.closed) return;
    this.pending.set(sha256, relativePath);
    this.lastArrival = Date.now();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(), this.quietMs);
    this.timer.unref();
  }

  /** Makes every scheduled thumbnail now and resolves when they all exist (tests and benchmarks wait on it). */
  async drain(): Promise<void> {
    this.draining = true;
    try {
      this.start();
      while (this.running) await this.running;
    } finally {
      this.draining = false;
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.pending.clear();
  }

  private start(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    this.running ??= this.work().finally(() => {
      this.running = null;
      // A pause (results arriving) has its timer set; otherwise what came meanwhile is made now.
      if (this.pending.size > 0 && !this.timer) this.start();
    });
  }

  private async work(): Promise<void> {
    for (const [sha256, relativePath] of this.pending) {
      if (this.closed) return;
      // Results arriving again: pause until they stop for a moment. Once started, the queue used to run through
      // a whole burst, each 1024² thumbnail taking the cores from the next results' intake (bench/jobs.ts).
      if (!this.draining && Date.now() - this.lastArrival < this.quietMs) {
        this.timer = setTimeout(() => this.start(), this.quietMs);
        this.timer.unref();
        return;
      }
      this.pending.delete(sha256);
      try {
        await ensureThumbnails(this.store, sha256, relativePath);
      } catch {
        // The original was verified when it was stored; a failure here (the file deleted meanwhile, a
        // full disk) leaves the thumbnail to be made on request, as after a crash.
      }
    }
  }
}
