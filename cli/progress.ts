// The live progress lines of `generate`, `edit` and `jobs resume` on a terminal: one line per job,
// redrawn in place (cursor up, clear line) whenever a job changes state, queue position or logs.
import type { Job } from '../shared/contract/jobs';

export interface ProgressStream {
  write(text: string): unknown;
  /** Terminal width; lines are cut to it so a wrapped line never throws the redraw off. */
  columns?: number;
}

/** What a user wants to know about a job at a glance: queued / position N / running / downloading / done. */
export function progressText(job: Job): string {
  const who = `${job.id}  ${job.providerId}/${job.model}`;
  switch (job.status) {
    case 'queued':
      return `${who}  queued`;
    case 'submitted':
      return `${who}  sent`;
    case 'running': {
      if (job.queuePosition !== null) return `${who}  position ${job.queuePosition}`;
      const log = job.logs.at(-1);
      return log ? `${who}  running: ${log}` : `${who}  running`;
    }
    case 'downloading':
      return `${who}  downloading`;
    case 'done':
      return `${who}  done (${job.imageIds.length} image${job.imageIds.length === 1 ? '' : 's'})`;
    case 'failed':
      return `${who}  failed: ${job.error?.message ?? 'unknown reason'}`;
    case 'cancelled':
      return `${who}  cancelled`;
    case 'interrupted':
      return `${who}  interrupted: sent, answer lost (it may have been charged); \`atelier jobs retry ${job.id}\` sends it again`;
  }
}

export class ProgressBoard {
  private readonly lines = new Map<string, string>();
  /** Lines drawn since the last message; the next redraw moves the cursor up over them. */
  private drawn = 0;

  constructor(private readonly stream: ProgressStream) {}

  update(job: Job): void {
    const line = this.fit(progressText(job));
    if (this.lines.get(job.id) === line) return;
    this.lines.set(job.id, line);
    let text = this.drawn > 0 ? `\u001b[${this.drawn}A` : '';
    for (const each of this.lines.values()) text += `\r\u001b[2K${each}\n`;
    this.drawn = this.lines.size;
    this.stream.write(text);
  }

  /** A message below the lines; the next redraw draws every line again under it instead of overwriting it. */
  message(text: string): void {
    this.stream.write(`${text}\n`);
    this.drawn = 0;
  }

  private fit(line: string): string {
    const width = this.stream.columns;
    const flat = line.replace(/\s*\n\s*/g, ' ');
    return width && flat.length >= width ? `${flat.slice(0, Math.max(width - 2, 1))}…` : flat;
  }
}
