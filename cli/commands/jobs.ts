// `atelier jobs …`: the persistent job queue, per ../shared/docs/cli.md. `jobs resume` carries on with
// every unfinished job (after a crash, a restart or `generate --no-wait`) and waits for them.
import { type Job, jobStatuses } from '../../shared/contract/jobs';
import { call } from '../call';
import { type Command, type CommandContext, exitCodes, UsageError } from '../command';
import { shortDate } from '../short-date';
import { exitCodeOfJobs, imagesOf, jobRow, reportFailures, waitForJobs } from '../wait-for-jobs';

function oneId(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('Give exactly one job id (see `atelier jobs list`).');
  return positionals[0]!;
}

function oneLine(job: Job): string {
  const reason = job.status === 'failed' && job.error ? `  ${job.error.message}` : '';
  return `${job.id}  ${shortDate(job.createdAt)}  ${job.status.padEnd(11)} ${`${job.providerId}/${job.model}`.padEnd(36)} ${job.imageIds.length} image(s)${reason}`;
}

function details(job: Job): string {
  const rows: Array<[string, unknown]> = [
    ['id', job.id],
    ['status', job.status],
    ['kind', job.kind],
    ['provider', job.providerId],
    ['model', job.model],
    ['protocol', job.protocol],
    ['prompt', job.prompt],
    ['parameters', JSON.stringify(job.params)],
    ['remote id', job.remoteId],
    ['queue position', job.queuePosition],
    ['attempts', job.attempts],
    ['error', job.error && `${job.error.message} (${job.error.code})`],
    ['images', job.imageIds.join(', ')],
    ['parent', job.parentId],
    ['cost (USD)', job.costUsd],
    ['latency (ms)', job.latencyMs],
    ['batch', job.batchId],
    ['created', shortDate(job.createdAt)],
    ['updated', shortDate(job.updatedAt)],
    ['finished', job.finishedAt === null ? null : shortDate(job.finishedAt)],
    ['last log', job.logs.at(-1)],
  ];
  return rows
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key.padEnd(16)}${String(value)}`)
    .join('\n');
}

async function printJobAndImages(context: CommandContext, job: Job): Promise<void> {
  if (context.json) context.out(JSON.stringify({ job, images: await imagesOf(context, [job]) }));
  else context.out(details(job));
}

export const jobsCommands: Command[] = [
  {
    words: ['jobs', 'list'],
    usage: 'jobs list [--status S] [--limit N]',
    summary: `The job queue, newest first. Statuses: ${jobStatuses.join(', ')}.`,
    options: { status: { type: 'string' }, limit: { type: 'string' } },
    async run(context, { values }) {
      const status = values.status as string | undefined;
      if (status !== undefined && !(jobStatuses as readonly string[]).includes(status))
        throw new UsageError(`--status must be one of ${jobStatuses.join(', ')}.`);
      const limit = values.limit === undefined ? undefined : Number(values.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 1000))
        throw new UsageError(`--limit must be a whole number from 1 to 1000, not "${values.limit}".`);
      const { jobs } = await call(context, 'jobs.list', { status: status as Job['status'] | undefined, limit });
      if (context.json) context.out(JSON.stringify({ jobs: jobs.map(jobRow) }));
      else if (jobs.length === 0) context.err('No jobs.');
      else for (const job of jobs) context.out(oneLine(job));
      return exitCodes.ok;
    },
  },
  {
    words: ['jobs', 'show'],
    usage: 'jobs show ID',
    summary: 'Everything about one job; with --json { job, images }.',
    async run(context, { positionals }) {
      await printJobAndImages(context, await call(context, 'jobs.get', { id: oneId(positionals) }));
      return exitCodes.ok;
    },
  },
  {
    words: ['jobs', 'cancel'],
    usage: 'jobs cancel ID',
    summary: 'Stop a job, at the provider too where the API allows. Exit 1 when it had already finished.',
    async run(context, { positionals }) {
      const job = await call(context, 'jobs.cancel', { id: oneId(positionals) });
      await printJobAndImages(context, job);
      if (job.status === 'cancelled') return exitCodes.ok;
      context.err(`Job ${job.id} had already finished (${job.status}); there was nothing to cancel.`);
      return exitCodes.partial;
    },
  },
  {
    words: ['jobs', 'retry'],
    usage: 'jobs retry ID',
    summary: 'Send a failed or interrupted job again and wait for it. An interrupted one may be charged again.',
    async run(context, { positionals }) {
      const job = await call(context, 'jobs.retry', { id: oneId(positionals) });
      const jobs = await waitForJobs(context, [job.id]);
      const images = await imagesOf(context, jobs);
      if (context.json) context.out(JSON.stringify({ jobs: jobs.map(jobRow), images }));
      else for (const done of jobs) context.out(oneLine(done));
      reportFailures(context, jobs);
      return exitCodeOfJobs(jobs);
    },
  },
  {
    words: ['jobs', 'resume'],
    usage: 'jobs resume',
    summary: 'Carry on with every unfinished job (after a crash, a restart or --no-wait) and wait for them.',
    async run(context) {
      const { resumed } = await call(context, 'jobs.resume', {});
      if (resumed.length === 0 && !context.json) context.err('No unfinished jobs.');
      const jobs = resumed.length === 0 ? [] : await waitForJobs(context, resumed);
      const images = await imagesOf(context, jobs);
      if (context.json) context.out(JSON.stringify({ jobs: jobs.map(jobRow), images }));
      else for (const job of jobs) context.out(oneLine(job));
      reportFailures(context, jobs);
      return exitCodeOfJobs(jobs);
    },
  },
];
