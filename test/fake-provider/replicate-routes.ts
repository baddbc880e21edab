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
  /** `urls.get` of every file uploaded through the Files API. */
  private readonly uploads = new Set<string>();

  constructor(
    private readonly options: FakeProviderOptions,
    private readonly files: FileStore,
    private readonly baseUrl: () => string,
  ) {}

  /**
   * `POST /v1/files` (multipart `content` + `metadata`, replicate/replicate-javascript lib/files.js createFile) →
   * the file object; its `urls.get` is what a prediction's input carries instead of the bytes.
   */
  upload(request: RecordedRequest, prefix: string): Reply {
    const content = request.files?.find((file) => file.field === 'content');
    if (!content) return replicateError(400, 'content: a file is required');
    const id = randomUUID().replace(/-/g, '').slice(0, 26);
    const url = `${this.baseUrl()}${prefix}/v1/files/${id}`;
    this.uploads.add(url);
    const created = new Date().toISOString();
    return {
      status: 201,
      body: {
        id,
        name: content.filename,
        content_type: content.contentType,
        size: content.bytes.length,
        metadata: {},
        created_at: created,
        expires_at: new Date(Date.now() + 24 * 60 * 60_000).toISOString(),
        urls: { get: url },
      },
    };
  }

  /** A community model's version: `POST /v1/predictions {version, input}` (replicate-javascript lib/predictions.js). */
  async createVersion(request: RecordedRequest, prefix: string): Promise<Reply> {
    const version = (request.json as { version?: unknown } | undefined)?.version;
    // Version ids are 64 hex characters (Replicate's HTTP API docs, "Create a prediction"; unsure whether the
    // newer `owner/name:version` form is accepted in this field: refused here, as the client never sends it).
    if (typeof version !== 'string' || !/^[0-9a-f]{64}$/.test(version))
      return replicateError(422, '- version: Invalid version. It must be a 64-character model version id.');
    return this.create(request, 'community', version.slice(0, 12), prefix, version);
  }

  async create(
    request: RecordedRequest,
    owner: string,
    name: string,
    prefix: string,
    version = 'hidden',
  ): Promise<Reply> {
    const body = (request.json ?? {}) as { input?: Record<string, unknown> };
    if (!body.input || typeof body.input.prompt !== 'string') return replicateError(422, '- input: prompt is required');
    // Replicate checks an input against the model's OpenAPI schema, where the SD-family models declare
    // `negative_prompt` a string (cog's input validation answers 422 otherwise). (unsure) The words of the 422.
    if (body.input.negative_prompt !== undefined && typeof body.input.negative_prompt !== 'string')
      return replicateError(422, '- input.negative_prompt: Invalid type. Expected: string');
    const refused = this.refuseFiles(body.input);
    if (refused) return refused;
    const id = randomUUID().replace(/-/g, '').slice(0, 26);
    const api = `${this.baseUrl()}${prefix}/v1/predictions/${id}`;
    const prediction: Prediction = {
      id,
      model: `${owner}/${name}`,
      version,
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

  /**
   * Inline data URIs past 10 MB together are refused, and a file URL must be one this server handed out.
   * (unsure) What the real API answers to a large inline input: replicate-javascript refuses it before sending
   * (lib/util.js transformFileInputsToBase64EncodedDataURIs, MAX_DATA_URI_SIZE), so a client never finds out.
   */
  private refuseFiles(input: Record<string, unknown>): Reply | null {
    let inlineBytes = 0;
    for (const value of Object.values(input)) {
      if (typeof value !== 'string') continue;
      const inline = /^data:[^;]*;base64,(.*)$/s.exec(value);
      if (inline) inlineBytes += Buffer.byteLength(inline[1]!, 'base64');
      else if (value.includes('/v1/files/') && !this.uploads.has(value))
        return replicateError(422, `- input: the file ${value} does not exist`);
    }
    return inlineBytes > 10_000_000
      ? replicateError(
          413,
          `Combined filesize of prediction ${inlineBytes} bytes exceeds 10mb limit for inline encoding, please provide URLs instead`,
        )
      : null;
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
