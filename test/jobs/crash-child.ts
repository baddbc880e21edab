// Run as a child process by resume.test.ts: opens a core on the given library, queues one job per
// state and reports every state change on stdout (one JSON line each) until the parent kills it.
import { addProviders, openCore } from './helpers';
import type { Job } from '../../shared/contract/jobs';

const [libraryDir, baseUrl] = process.argv.slice(2) as [string, string];
// A short lease, so the parent need not wait long for a dead child's jobs to become free.
const core = await openCore(libraryDir, { concurrency: (providerId) => (providerId === 'qr' ? 1 : 4), leaseMs: 1000 });
await addProviders(core, baseUrl);
core.events.subscribe((event, payload) => {
  if (event !== 'jobs.changed') return;
  const job = payload as Job;
  process.stdout.write(`${JSON.stringify({ id: job.id, status: job.status })}\n`);
});

async function create(tag: string, providerId: string, model: string, n = 1): Promise<void> {
  const answer = await core.invoke('jobs.create', { targets: [{ providerId, model }], prompt: `crash test ${tag}`, n });
  if (!answer.ok) throw new Error(answer.error.message);
  const { jobs } = answer.value as { jobs: Job[] };
  process.stdout.write(`${JSON.stringify({ tag, id: jobs[0]!.id })}\n`);
}

await create('done', 'local', 'local/pattern', 2);
await create('submitted', 'qr', 'dall-e-2', 2);
await create('queued', 'qr', 'dall-e-2');
await create('running', 'fal', 'fal-ai/flux-1/dev', 2);
await create('downloading', 'rep', 'black-forest-labs/flux-kontext-max');
setInterval(() => {}, 1000);
