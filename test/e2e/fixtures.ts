// Starts the real `atelier serve` (the same core and built renderer the desktop app uses) on a
// fresh library folder for each test file, and hands tests the tokenised address it prints.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { spawnServe, stopServe } from '../serve-process';

export interface AtelierServer {
  url: string;
  origin: string;
  token: string;
  libraryDir: string;
  process: ChildProcess;
}

export async function startAtelierServer(env: Record<string, string> = {}): Promise<AtelierServer> {
  const libraryDir = mkdtempSync(join(tmpdir(), 'atelier-e2e-'));
  return { ...(await spawnServe(libraryDir, env)), libraryDir };
}

export async function stopAtelierServer(server: AtelierServer): Promise<void> {
  await stopServe(server.process);
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
