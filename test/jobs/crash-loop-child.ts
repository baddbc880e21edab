// Run by crash-loop.ts, once per round: the real core engine on the loop's library. It resumes what the last
// (SIGKILLed) engine left, says what resume did, queues this round's jobs and reports every job change on stdout,
// one JSON line each, until the loop kills it. With `finish` it queues nothing and exits once no job is left
// unfinished and every thumbnail is made (the loop's last, unkilled round).
import type { Job } from '../../shared/contract/jobs';
import { isFinished } from '../../shared/contract/jobs';
import { openCore } from './helpers';
import { crashLeaseMs, roundJobs } from './crash-plan';

const [libraryDir, roundText, mode] = process.argv.slice(2) as [string, string, string | undefined];
const round = Number(roundText);
const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

// Started while the loop still checks the last round's library (loading the code takes seconds): the library is
// opened only when the loop says go.
say({ loaded: true });
await new Promise((resolve) => process.stdin.once('data', resolve));

// A short lease, so the loop need not wait long for a killed engine's jobs to become free; polls a moment
// apart, so a poll is a request on the wire rather than a spin.
const core = await openCore(libraryDir, { leaseMs: crashLeaseMs, pollIntervalMs: 20 });
core.events.subscribe((event, payload) => {
  if (event !== 'jobs.changed') return;
  const job = payload as Job;
  say({ id: job.id, status: job.status, images: job.imageIds.length });
});

say({ resumed: core.jobs.resume() });

if (mode === 'finish') {
  for (;;) {
    const open = core.jobs.list({ limit: 100_000 }).filter((job) => !isFinished(job.status));
    if (open.length === 0) break;
    await Promise.all(open.map((job) => core.jobs.waitFor(job.id)));
  }
  await core.library.drainThumbnails();
  await core.close();
  say({ finished: true });
  process.exit(0);
}

const created: Array<{ id: string; tag: string }> = [];
for (const planned of roundJobs(round)) {
  const answer = await core.invoke('jobs.create', {
    targets: [{ providerId: planned.providerId, model: planned.model }],
    prompt: planned.prompt,
    n: planned.n,
  });
  if (!answer.ok) throw new Error(answer.error.message);
  const { jobs } = answer.value as { jobs: Job[] };
  created.push({ id: jobs[0]!.id, tag: planned.tag });
}
say({ created });
// One job of the round is cancelled by the user while it waits or runs, so cancels meet kills too.
const cancelled = created.find((entry) => entry.tag === 'cancel');
if (cancelled) await core.jobs.cancel(cancelled.id);
setInterval(() => {}, 1000);
