// Live previews of running jobs (GPT image partial images): kept out of the library, in a temp folder of this
// process that the media protocol serves as /media/preview/<jobId>/<index>. Bounded: a job keeps at most the
// previews its request asked for (3 at most, partialImages.max), at most `maxJobs` jobs keep any (the oldest go
// first); a job's previews go when the job ends, the folder when the engine closes.
import { mkdtempSync, rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from '../../../shared/contract/jobs';
import { partialImages } from '../../../shared/gpt-image';
import type { PartialImage } from '../providers/types';

const extensionOf: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

interface Preview {
  file: string;
  mime: string;
  index: number;
  progress: number;
  /** The file's write; served once it has landed. */
  written: Promise<void>;
  landed: boolean;
}

/** A job's previews: the latest is shown; the earlier ones stay servable, so a page asking for one just superseded still gets it. */
interface JobPreviews {
  latest: Preview;
  all: Map<number, Preview>;
}

export type PreviewView = Pick<Job, 'progress' | 'preview'>;

const none: PreviewView = { progress: null, preview: null };

export function previewUrl(jobId: string, index: number): string {
  return `media/preview/${encodeURIComponent(jobId)}/${index}`;
}

export function createPreviews(options: { maxJobs?: number } = {}) {
  const maxJobs = options.maxJobs ?? 32;
  let dir: string | null = null;
  const jobs = new Map<string, JobPreviews>();

  const folder = () => (dir ??= mkdtempSync(join(tmpdir(), 'atelier-previews-')));

  function drop(jobId: string): void {
    const previews = jobs.get(jobId);
    jobs.delete(jobId);
    // A landed file goes at once (the job's end leaves nothing behind); one still being written, once written.
    for (const preview of previews?.all.values() ?? [])
      if (preview.landed) rmSync(preview.file, { force: true });
      else void removeWhenWritten(preview);
  }

  async function removeWhenWritten(preview: Preview): Promise<void> {
    await preview.written.catch(() => undefined);
    await rm(preview.file, { force: true });
  }

  return {
    /**
     * Keeps `partial` as the job's latest preview at once (so it is announced in the order it came), its file
     * written meanwhile. One older than the latest, or past the most a request may ask for, is not kept.
     */
    put(jobId: string, partial: PartialImage): boolean {
      const known = jobs.get(jobId);
      if (!Number.isInteger(partial.index) || partial.index < 0 || partial.index >= partialImages.max) return false;
      if (known && known.latest.index >= partial.index) return false;
      const extension = extensionOf[partial.contentType] ?? 'png';
      const file = join(folder(), `${encodeURIComponent(jobId)}-${partial.index}.${extension}`);
      const written = writeFile(file, Buffer.from(partial.b64, 'base64'));
      // Progress counts the previews and the final image: 2 partials asked, the first one in → 1/3.
      const progress = Math.min(1, (partial.index + 1) / (partial.of + 1));
      const preview: Preview = {
        file,
        mime: partial.contentType,
        index: partial.index,
        progress,
        written,
        landed: false,
      };
      written.then(
        () => (preview.landed = true),
        () => undefined,
      );
      const entry = known ?? { latest: preview, all: new Map<number, Preview>() };
      entry.latest = preview;
      entry.all.set(partial.index, preview);
      jobs.set(jobId, entry);
      for (const oldest of jobs.keys()) {
        if (jobs.size <= maxJobs) break;
        drop(oldest);
      }
      return true;
    },

    view(jobId: string): PreviewView {
      const latest = jobs.get(jobId)?.latest;
      return latest
        ? { progress: latest.progress, preview: { url: previewUrl(jobId, latest.index), index: latest.index } }
        : none;
    },

    /** The job ended: its previews are no longer shown or served, and their files go. */
    clear(jobId: string): void {
      drop(jobId);
    },

    /** `/media/preview/<jobId>/<index>` → the file, once written, while the job runs; otherwise null. */
    async resolve(urlPath: string): Promise<{ path: string; mime: string } | null> {
      const match = /^\/?media\/preview\/([^/?#]+)\/(\d+)(?:[?#].*)?$/.exec(urlPath);
      if (!match) return null;
      const jobId = decodeURIComponent(match[1]!);
      const preview = jobs.get(jobId)?.all.get(Number(match[2]));
      if (!preview) return null;
      await preview.written.catch(() => undefined);
      // The job may have ended meanwhile, taking the file with it.
      return jobs.get(jobId)?.all.get(preview.index) === preview ? { path: preview.file, mime: preview.mime } : null;
    },

    close(): void {
      jobs.clear();
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = null;
    },
  };
}

export type Previews = ReturnType<typeof createPreviews>;
