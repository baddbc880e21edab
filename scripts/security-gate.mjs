// Runs Electronegativity over the project and fails on any finding that is not consciously allowed
// (with a reason) in security/electronegativity-allow.json. Electronegativity itself exits 0 on
// findings, so its CSV is parsed here.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const output = '.tmp/electronegativity.csv';
mkdirSync('.tmp', { recursive: true });

const run = spawnSync(process.execPath, [require.resolve('@doyensec/electronegativity/dist/index.js'), '-i', '.', '-e', electronVersion, '-r', '-v', 'false', '-o', output], {
  encoding: 'utf8',
});
if (run.status !== 0) {
  process.stderr.write(run.stdout + run.stderr);
  console.error('security: Electronegativity did not run to the end.');
  process.exit(1);
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') (field += '"'), index++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') row.push(field.trim()), (field = '');
    else if (char === '\n') row.push(field.trim()), rows.push(row), (row = []), (field = '');
    else if (char !== '\r') field += char;
  }
  if (field || row.length) row.push(field.trim()), rows.push(row);
  return rows;
}

const [header, ...findings] = parseCsv(readFileSync(output, 'utf8')).filter((row) => row.length > 1);
if (!header || header[0] !== 'issue') {
  console.error('security: could not read Electronegativity output');
  process.exit(1);
}
const { allow } = JSON.parse(readFileSync('security/electronegativity-allow.json', 'utf8'));
const isAllowed = ([check, , , file]) => allow.some((entry) => entry.check === check && entry.files.includes(file) && entry.reason?.length > 20);
const blocking = findings.filter((finding) => !isAllowed(finding));
for (const [check, severity, confidence, file, location, , description] of findings) {
  const mark = blocking.some((finding) => finding[0] === check && finding[3] === file && finding[4] === location) ? 'FAIL' : 'allowed';
  console.log(`security: ${mark.padEnd(7)} ${check} ${severity}/${confidence} ${file}:${location} ${description}`);
}
console.log(`security: ${findings.length - blocking.length} passed, ${blocking.length} failed`);
process.exit(blocking.length === 0 ? 0 : 1);
