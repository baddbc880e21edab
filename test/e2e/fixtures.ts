// Starts the real `atelier serve` (the same core and built renderer the desktop app uses) on a
// fresh library folder for each test file, and hands tests the tokenised address it prints.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';

export interface AtelierServer {
  url: string;
  origin: string;
  token: string;
  libraryDir: string;
  process: ChildProcess;
}

export async function startAtelierServer(env: Record<string, string> = {}): Promise<AtelierServer> {
  const libraryDir = mkdtempSync(join(tmpdir(), 'atelier-e2e-'));
  const child = spawn(process.execPath, ['bin/atelier.mjs', 'serve', '--port', '0', '--library', libraryDir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`atelier serve printed no address in 60 s. stderr: ${stderr}`)),
      60_000,
    );
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /Atelier UI: (\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`atelier serve exited with ${code}. stderr: ${stderr}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: new URLSearchParams(parsed.hash.slice(1)).get('token')!,
    libraryDir,
    process: child,
  };
}

export async function stopAtelierServer(server: AtelierServer): Promise<void> {
  if (server.process.exitCode === null) {
    const exited = new Promise((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGTERM');
    await exited;
  }
  rmSync(server.libraryDir, { recursive: true, force: true });
}

/** Each test gets its own server on its own empty library, so tests never see each other's images. */
export const test = base.extend<{ atelier: AtelierServer }>({
  atelier: async ({}, use) => {
    const server = await startAtelierServer();
    await use(server);
    await stopAtelierServer(server);
  },
});

export { expect } from '@playwright/test';
