// The persistent job queue: every generation or edit is a job that survives restarts.
// States: queued → submitted → running → downloading → done | failed | cancelled; or interrupted, when the process
// ended with a paid answer it alone had: a request sent with no answer or remote id yet, or an answer whose image
// was not yet stored (it may have been charged: only the user sends it again; free local work is simply redone).
import { z } from 'zod';
import { errorCodes } from '../errors';
import {
  maxInputBase64Chars,
  maxInputImages,
  maxNegativePromptChars,
  maxPromptChars,
  maxSeed,
  maxTargetsPerBatch,
} from '../limits';
import { type ProtocolId, protocolIds, synchronousProtocols } from '../presets';
import { isoDateSchema } from './dates';
import { channel } from './define';
import { imageIdSchema } from './library';

export const jobStatuses = [
  'queued',
  'submitted',
  'running',
  'downloading',
  'done',
  'failed',
  'cancelled',
  'interrupted',
] as const;
export type JobStatus = (typeof jobStatuses)[number];
export const finishedStatuses = ['done', 'failed', 'cancelled', 'interrupted'] as const satisfies readonly JobStatus[];
/** The finished states Retry may send again (an interrupted one may charge twice; a cancelled one is sent anew). */
export const retryableStatuses = ['failed', 'cancelled', 'interrupted'] as const satisfies readonly JobStatus[];

/** A finished job stays as it is: nothing more is sent, polled or stored for it. */
export function isFinished(status: JobStatus): boolean {
  return (finishedStatuses as readonly JobStatus[]).includes(status);
}

/** A paid call on its way that no provider API can stop or look up: its answer is the only record of it. */
export function isPaidCallInFlight(job: { status: JobStatus; protocol: ProtocolId }): boolean {
  return job.status === 'submitted' && synchronousProtocols.includes(job.protocol);
}

export const jobSchema = z.object({
  id: z.string(),
  /** Jobs created by one request to several provider/model pairs share a batch, for side-by-side comparison. */
  batchId: z.string().nullable(),
  providerId: z.string(),
  model: z.string(),
  protocol: z.enum(protocolIds),
  kind: z.enum(['generate', 'edit']),
  status: z.enum(jobStatuses),
  prompt: z.string(),
  params: z.record(z.string(), z.unknown()),
  /** fal request id or Replicate prediction id, stored the moment it arrives. */
  remoteId: z.string().nullable(),
  queuePosition: z.number().nullable(),
  logs: z.array(z.string()),
  /** How far along a running job is, 0..1, where its provider says (streamed previews); null where it does not. */
  progress: z.number().min(0).max(1).nullable(),
  /** The latest preview of a running job (a media URL, never a library image); null when there is none. */
  preview: z.object({ url: z.string(), index: z.number().int().min(0) }).nullable(),
  attempts: z.number().int(),
  error: z.object({ code: z.enum(errorCodes), message: z.string() }).nullable(),
  imageIds: z.array(z.string()),
  parentId: z.string().nullable(),
  costUsd: z.number().nullable(),
  latencyMs: z.number().nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
  finishedAt: isoDateSchema.nullable(),
});
export type Job = z.infer<typeof jobSchema>;

const inputImage = z.union([
  z.object({ imageId: imageIdSchema }).strict(),
  z
    .object({
      base64: z.string().min(1).max(maxInputBase64Chars),
      mimeType: z.enum(['image/png', 'image/jpeg', 'image/webp']),
    })
    .strict(),
]);

/** The options of one generation: the request's shared defaults, and each target's own where it gives them. */
const generationOptions = {
  n: z.number().int().min(1).max(10).optional(),
  size: z.string().max(20).optional(),
  aspectRatio: z.string().max(20).optional(),
  quality: z.string().max(20).optional(),
  outputFormat: z.string().max(10).optional(),
  /** Absent means random: the core draws one for a model that takes a seed, and records it. */
  seed: z.number().int().min(0).max(maxSeed).optional(),
  /** What the image should not show: sent only to a model that takes one (ModelInfo.negativePrompt), and recorded. */
  negativePrompt: z.string().max(maxNegativePromptChars).optional(),
  /** Model-specific fields sent as they are (style, background, guidance_scale …). */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
};

/** One provider/model pair of a batch; an option it names replaces the request's shared one (params: per key). */
export const jobTargetSchema = z
  .object({ providerId: z.string().min(1).max(40), model: z.string().min(1).max(200), ...generationOptions })
  .strict();
export type JobTarget = z.infer<typeof jobTargetSchema>;

export const jobRequestSchema = z
  .object({
    targets: z.array(jobTargetSchema).min(1).max(maxTargetsPerBatch),
    prompt: z.string().max(maxPromptChars),
    ...generationOptions,
    /** Inputs of an edit: library images or raw files; the first one is the one the mask applies to. */
    images: z.array(inputImage).max(maxInputImages).optional(),
    /** The editor's mask as a PNG: painted (white or opaque) = edit here. */
    mask: z
      .object({ base64: z.string().min(1).max(maxInputBase64Chars) })
      .strict()
      .optional(),
    /** Resize a mask of another size to the first image instead of refusing. */
    scaleMask: z.boolean().optional(),
  })
  .strict();
export type JobRequest = z.infer<typeof jobRequestSchema>;

export const jobsChannels = {
  'jobs.create': channel(jobRequestSchema, z.object({ batchId: z.string(), jobs: z.array(jobSchema) })),
  'jobs.list': channel(
    z
      .object({
        status: z.enum(jobStatuses).optional(),
        batchId: z.string().optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    z.object({ jobs: z.array(jobSchema) }),
  ),
  'jobs.get': channel(z.object({ id: z.string().min(1).max(64) }).strict(), jobSchema),
  'jobs.cancel': channel(z.object({ id: z.string().min(1).max(64) }).strict(), jobSchema),
  /** Sends a failed, cancelled or interrupted job again, as a new attempt (an interrupted one may be charged twice). */
  'jobs.retry': channel(z.object({ id: z.string().min(1).max(64) }).strict(), jobSchema),
  'jobs.resume': channel(z.object({}).strict(), z.object({ resumed: z.array(z.string()) })),
  /** Forgets a finished job (its row and inputs); the images it made stay in the library. */
  'jobs.remove': channel(z.object({ id: z.string().min(1).max(64) }).strict(), z.object({ id: z.string() })),
};

export const jobsEvents = {
  /** A job changed state or progress (queue position, logs, an image stored). */
  'jobs.changed': jobSchema,
  /** A finished job was removed (jobs.remove): every window drops its card. */
  'jobs.removed': z.object({ id: z.string() }),
};
