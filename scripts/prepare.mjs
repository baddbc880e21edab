// Runs after `npm install` / `npm ci`: builds the renderer and the Electron bundles so that
// `npx atelier serve` and `npm start` work with no separate build step (docs/cli.md asks for this).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('vite.config.ts') || !existsSync('node_modules/vite')) process.exit(0);
for (const mode of ['production', 'electron', 'preload']) {
  const result = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--mode', mode, '--logLevel', 'warn'],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
