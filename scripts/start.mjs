// `npm start`: build, then launch the desktop app. Where the Electron binary could not be downloaded
// (as on our build machines), say so in one sentence and point to the browser UI instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// require('electron') downloads the binary on first use; run it in a child so that its progress and
// any network stack trace stay out of sight, and answer in one plain sentence if it cannot.
function findElectron() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10 * 60 * 1000,
  });
  const candidate = probe.status === 0 ? probe.stdout.trim() : '';
  return candidate && existsSync(candidate) ? candidate : null;
}

const electronPath = findElectron();
if (!electronPath) {
  console.error(
    'The Electron binary is not installed on this machine, so the desktop window cannot open; run `npx atelier serve` to use Atelier in your browser instead.',
  );
  process.exit(1);
}

const vite = 'node_modules/vite/bin/vite.js';
for (const mode of ['production', 'electron', 'preload']) {
  const build = spawnSync(process.execPath, [vite, 'build', '--mode', mode, '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const child = spawn(electronPath, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
