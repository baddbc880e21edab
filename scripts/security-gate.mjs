// Runs Electronegativity over the project and fails on any finding that is not consciously allowed
// (with a reason) in security/electronegativity-allow.json. Electronegativity itself exits 0 on
// findings, so its SARIF report is read here (its CSV does not quote fields that hold commas).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const output = '.tmp/electronegativity.sarif';
mkdirSync('.tmp', { recursive: true });
rmSync(output, { force: true });

const run = spawnSync(
  process.execPath,
  [
    require.resolve('@doyensec/electronegativity/dist/index.js'),
    '-i',
    '.',
    '-e',
    electronVersion,
    '-r',
    '-v',
    'false',
    '-o',
    output,
  ],
  {
    encoding: 'utf8',
  },
);
if (run.status !== 0 || !existsSync(output)) {
  process.stderr.write(run.stdout + run.stderr);
  console.error('security: Electronegativity did not run to the end.');
  process.exit(1);
}

const report = JSON.parse(readFileSync(output, 'utf8'));
const findings = report.runs.flatMap((entry) =>
  entry.results.map((result) => {
    const location = result.locations?.[0]?.physicalLocation;
    return {
      check: result.ruleId,
      level: result.level,
      file: location?.artifactLocation?.uri ?? 'N/A',
      line: location?.region?.startLine ?? 0,
      message: result.message?.text ?? '',
    };
  }),
);
const { allow } = JSON.parse(readFileSync('security/electronegativity-allow.json', 'utf8'));
const isAllowed = (finding) =>
  allow.some(
    (entry) => entry.check === finding.check && entry.files.includes(finding.file) && entry.reason?.length > 20,
  );
let blocked = 0;
for (const finding of findings) {
  const allowed = isAllowed(finding);
  if (!allowed) blocked++;
  console.log(
    `security: ${allowed ? 'allowed' : 'FAIL   '} ${finding.check} (${finding.level}) ${finding.file}:${finding.line} ${finding.message}`,
  );
}
console.log(`security: ${findings.length - blocked} passed, ${blocked} failed`);
process.exit(blocked === 0 ? 0 : 1);
