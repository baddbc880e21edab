// `npm run bench`: runs every bench/*.ts with tsx, one after the other (they measure, so they must
// not compete for the two cores). Each benchmark prints its figures next to a raw baseline.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((name) => name.endsWith('.ts') && !name.startsWith('_'))
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
  .sort();
if (files.length === 0) {
  console.error('bench: no benchmark matched.');
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  console.log(`\n▶ bench/${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${file}`], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
