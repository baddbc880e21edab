// What the crash loop (crash-loop.ts) and its child engine (crash-loop-child.ts) agree on: the jobs each round
// queues, the lease the child holds, and how a request at the fake server is traced back to its job.
import type { RecordedRequest, RouteName } from '../fake-provider';

/** The child engine's lease: the loop waits this long (and a little) after a kill before the next start. */
export const crashLeaseMs = 400;

export interface PlannedJob {
  tag: string;
  providerId: string;
  model: string;
  prompt: string;
  n: number;
}

/**
 * Each round's jobs, across every protocol: synchronous OpenAI-compatible calls (QuickRouter, ImageRouter), fal's
 * queue, Replicate's predictions and the local provider. More than a provider's preset concurrency (4) on QuickRouter
 * and fal, so some wait queued when the kill comes. The fal job tagged `cancel` is cancelled by the user at once.
 */
export function roundJobs(round: number): PlannedJob[] {
  const plan: Array<[tag: string, providerId: string, model: string, count: number, n: number]> = [
    ['sync', 'qr', 'dall-e-2', 5, 1],
    ['router', 'ir', 'test/test', 2, 1],
    ['fal', 'fal', 'fal-ai/flux-1/dev', 4, 1],
    ['fal-pair', 'fal', 'fal-ai/flux-1/dev', 1, 2],
    ['cancel', 'fal', 'fal-ai/flux-1/dev', 1, 1],
    ['replicate', 'rep', 'black-forest-labs/flux-kontext-max', 2, 1],
    ['local', 'local', 'local/pattern', 1, 2],
  ];
  return plan.flatMap(([tag, providerId, model, count, n]) =>
    Array.from({ length: count }, (_, index) => ({
      tag,
      providerId,
      model,
      n,
      prompt: `crash round ${round} ${tag} ${index}`,
    })),
  );
}

/** Requests that make (and charge for) an image: sending one twice is paying twice. */
export const paidRoutes: readonly RouteName[] = [
  'openai.generations',
  'openai.edits',
  'imagerouter.generations',
  'imagerouter.edits',
  'fal.submit',
  'replicate.create',
  'replicate.createVersion',
];

/** Status and result reads of a remote job. */
export const pollRoutes: readonly RouteName[] = ['fal.status', 'fal.result', 'replicate.get'];

/** The prompt a paid request carries (each job's prompt is unique), where each API puts it. */
export function promptOf(request: RecordedRequest): string | null {
  const json = request.json as { prompt?: unknown; input?: { prompt?: unknown } } | undefined;
  const prompt = json?.prompt ?? json?.input?.prompt ?? request.fields?.prompt?.[0];
  return typeof prompt === 'string' ? prompt : null;
}
