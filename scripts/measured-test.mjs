// `npm run test:crash [rounds]` and `npm run test:load [jobs]`: the crash loop and the load test of issue 11 at full
// size. `npm test` runs both at a small count (their defaults in the test files); these run the same tests bigger.
//   npm run test:crash        30 rounds (or ATELIER_CRASH_ROUNDS; ATELIER_CRASH_SEED replays a run's choices)
//   npm run test:load         10,000 jobs (or ATELIER_LOAD_JOBS)
import { spawnSync } from 'node:child_process';

const [which, count] = process.argv.slice(2);
const runs = {
  crash: { file: 'test/jobs/crash-loop.test.ts', variable: 'ATELIER_CRASH_ROUNDS', size: '30' },
  load: { file: 'test/jobs/load.test.ts', variable: 'ATELIER_LOAD_JOBS', size: '10000' },
};
const run = runs[which];
if (!run) {
  console.error('usage: node scripts/measured-test.mjs crash|load [count]');
  process.exit(2);
}
const size = count ?? process.env[run.variable] ?? run.size;
const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', run.file], {
  stdio: 'inherit',
  env: { ...process.env, [run.variable]: size },
});
process.exit(result.status ?? 1);
