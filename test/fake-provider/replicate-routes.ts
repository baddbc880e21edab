// Replicate predictions, directly (/v1/…) or through QuickRouter's /replicate prefix (seed 004).
// Create honours `Prefer: wait` by completing at once when the fake is told the model is fast
// (replicateSteps 0); otherwise each poll advances starting → processing → succeeded.
import { randomUUID } from 'node:crypto';
import { type FileStore, formatOf, makeImage } from './images';
import type { FakeProviderOptions, RecordedRequest, Reply } from './types';

type Prediction = Record<string, unknown> & { id: string; status: string };

interface Entry {
  prediction: Prediction;
  polls: number;
}

export function replicateError(status: number, detail: string): Reply {
  return { status, body: { title: status === 429 ? 'Request was throttled' : 'Error', detail, status } };
}

export class ReplicatePredictions {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: FakeProviderOptions,
    private readonly files: FileStore,
    private readonly baseUrl: () => string,
  ) {}

  async create(request: RecordedRequest, owner: string, name: string, prefix: string): Promise<Reply> {
    const body = (request.json ?? {}) as { input?: Record<string, unknown> };
    if (!body.input || typeof body.input.prompt !== 'string') return replicateError(422, '- input: prompt is required');
    const id = randomUUID().replace(/-/g, '').slice(0, 26);
    const api = `${this.baseUrl()}${prefix}/v1/predictions/${id}`;
    const prediction: Prediction = {
      id,
      model: `${owner}/${name}`,
      version: 'hidden',
      input: body.input,
      logs: '',
      output: null,
      data_removed: false,
      error: null,
      status: 'starting',
      created_at: new Date().toISOString(),
      urls: { get: api, cancel: `${api}/cancel`, stream: `${api}/stream`, web: `https://replicate.com/p/${id}` },
    };
    const entry = { prediction, polls: 0 };
    this.entries.set(id, entry);
    const waited = (request.headers.prefer ?? '').startsWith('wait');
    if (waited && this.steps() === 0) await this.succeed(entry);
    // `Prefer: wait` holds the connection while the prediction runs (Replicate's HTTP API docs, "sync mode";
    // replicate/replicate-javascript lib/predictions.js sends the header): the fake holds it replicateWaitMs.
    else if (waited && this.options.replicateWaitMs)
      await new Promise((resolve) => setTimeout(resolve, this.options.replicateWaitMs));
    return { status: 201, body: prediction };
  }

  private steps(): number {
    return this.options.replicateSteps ?? 2;
  }

  private async succeed(entry: Entry): Promise<void> {
    const p = entry.prediction;
    const input = p.input as Record<string, unknown>;
    const side = this.options.defaultImageSide ?? 64;
    const image = await makeImage({ width: side, height: side }, formatOf(input.output_format, 'png'));
    const url = this.files.put(image.bytes, image.contentType);
    const kontext = String(p.model).startsWith('black-forest-labs/flux-kontext');
    const shape = this.options.replicateOutput ?? (kontext ? 'string' : 'array');
    Object.assign(p, {
      status: 'succeeded',
      output: shape === 'string' ? url : [url],
      logs: `${p.logs}Generated image in 0.4 sec\n`,
      started_at: p.started_at ?? new Date().toISOString(),
      completed_at: new Date().toISOString(),
      metrics: { image_count: 1, predict_time: 0.4, total_time: 0.5 },
    });
  }

  async get(id: string, failure?: string): Promise<Reply> {
    const entry = this.entries.get(id);
    if (!entry) return replicateError(404, 'Not found.');
    const p = entry.prediction;
    if (p.status === 'starting' || p.status === 'processing') {
      entry.polls++;
      if (failure) Object.assign(p, { status: 'failed', error: failure, completed_at: new Date().toISOString() });
      else if (entry.polls >= this.steps()) await this.succeed(entry);
      else
        Object.assign(p, {
          status: 'processing',
          started_at: new Date().toISOString(),
          logs: `${p.logs}step ${entry.polls}\n`,
        });
    }
    return { status: 200, body: p };
  }

  cancel(id: string): Reply {
    const entry = this.entries.get(id);
    if (!entry) return replicateError(404, 'Not found.');
    const p = entry.prediction;
    if (p.status === 'starting' || p.status === 'processing')
      Object.assign(p, { status: 'canceled', completed_at: new Date().toISOString() });
    return { status: 200, body: p };
  }
}
