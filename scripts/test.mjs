// `npm test`: type-check, lint and format check, build, unit + integration tests (Vitest), end-to-end tests (Playwright in
// Debian Chromium through the browser harness) and the Electronegativity gate, then one closing line
// "total: N passed, N failed". On Linux it runs inside its own D-Bus session with an unlocked
// gnome-keyring, so the keychain tests talk to a real Secret Service.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const node = process.execPath;
const wrapped = process.env.ATELIER_TEST_SESSION === '1';
const which = (name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

if (process.platform === 'linux' && !wrapped && which('dbus-run-session') && which('gnome-keyring-daemon')) {
  // A keyring of our own in a fresh folder: the tests never touch the user's keychain, and a login
  // keyring left by an earlier run (with another password) cannot lock them out.
  const keyringHome = mkdtempSync(join(tmpdir(), 'atelier-test-keyring-'));
  const inner = `echo -n atelier-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "${node}" scripts/test.mjs ${process.argv.slice(2).join(' ')}`;
  const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
    stdio: 'inherit',
    env: { ...process.env, ATELIER_TEST_SESSION: '1', XDG_DATA_HOME: keyringHome },
  });
  rmSync(keyringHome, { recursive: true, force: true });
  process.exit(result.status ?? 1);
}
if (process.platform === 'linux' && !wrapped) {
  console.warn(
    'test: dbus-run-session or gnome-keyring-daemon is missing; keychain tests will see no Secret Service (see README).',
  );
}

rmSync('.tmp', { recursive: true, force: true });
mkdirSync('.tmp', { recursive: true });
const stages = [];

function run(name, args, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(args[0], args.slice(1), { stdio: 'inherit', env: { ...process.env, ...env } });
  const stage = {
    name,
    ok: result.status === 0,
    seconds: Math.round((Date.now() - started) / 1000),
    passed: 0,
    failed: 0,
  };
  stages.push(stage);
  return stage;
}

const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);

const typecheck = run('typecheck', [node, 'node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
typecheck.passed = typecheck.ok ? 1 : 0;
typecheck.failed = typecheck.ok ? 0 : 1;

// Lint and format fail the run like a test does, so style and floating promises never reach review.
const lint = run('lint (eslint) and format (prettier)', [
  'sh',
  '-c',
  `"${node}" node_modules/eslint/bin/eslint.js --max-warnings 0 . && "${node}" node_modules/prettier/bin/prettier.cjs --check --log-level warn .`,
]);
lint.passed = lint.ok ? 1 : 0;
lint.failed = lint.ok ? 0 : 1;

const build = run('build', [
  'sh',
  '-c',
  `"${node}" node_modules/vite/bin/vite.js build --logLevel warn && "${node}" node_modules/vite/bin/vite.js build --mode electron --logLevel warn && "${node}" node_modules/vite/bin/vite.js build --mode preload --logLevel warn`,
]);
build.passed = build.ok ? 1 : 0;
build.failed = build.ok ? 0 : 1;

const unit = run('unit and integration (vitest)', [
  node,
  'node_modules/vitest/vitest.mjs',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=.tmp/vitest.json',
]);
const vitest = readJson('.tmp/vitest.json');
unit.passed = vitest?.numPassedTests ?? 0;
unit.failed = vitest ? vitest.numFailedTests + (vitest.numFailedTestSuites ?? 0) : 1;

if (build.ok) {
  const e2e = run('end-to-end (playwright, chromium)', [node, 'node_modules/@playwright/test/cli.js', 'test']);
  const report = readJson('.tmp/playwright.json');
  e2e.passed = report?.stats?.expected ?? 0;
  e2e.failed = report ? (report.stats.unexpected ?? 0) + (report.stats.flaky ?? 0) + (report.errors?.length ?? 0) : 1;
}

const security = run('security gate (electronegativity)', [node, 'scripts/security-gate.mjs']);
security.passed = security.ok ? 1 : 0;
security.failed = security.ok ? 0 : 1;

console.log('\nSummary');
for (const stage of stages) {
  if (!stage.ok && stage.failed === 0) stage.failed = 1;
  console.log(
    `  ${stage.ok ? 'ok  ' : 'FAIL'} ${stage.name.padEnd(38)} ${String(stage.passed).padStart(4)} passed ${String(stage.failed).padStart(3)} failed  ${stage.seconds}s`,
  );
}
const passed = stages.reduce((sum, stage) => sum + stage.passed, 0);
const failed = stages.reduce((sum, stage) => sum + stage.failed, 0);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && stages.every((stage) => stage.ok) ? 0 : 1);
