// `atelier` as a user or a script runs it: a real child process on a temp library, talking to the fake
// provider server that runs in the test process (so children are spawned asynchronously: a blocking
// spawnSync would stop the fake server from answering).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  json(): any;
}

export interface AtelierOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Called with the running child (to send it signals). */
  started?: (child: ChildProcess) => void;
}

export function tempLibrary(prefix = 'atelier-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `atelier ARGS --library LIBRARY`; a test that places --library itself passes it in `args` instead. */
export function atelier(library: string, args: string[], options: AtelierOptions = {}): Promise<Run> {
  const namesLibrary = args.some((arg) => arg === '--library' || arg.startsWith('--library='));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, 'bin', 'atelier.mjs'), ...args, ...(namesLibrary ? [] : ['--library', library])],
      {
        cwd: root,
        env: { ...process.env, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout,
        stderr,
        json: () => {
          try {
            return JSON.parse(stdout);
          } catch {
            throw new Error(`stdout is not one JSON document (exit ${code}).\nstdout: ${stdout}\nstderr: ${stderr}`);
          }
        },
      }),
    );
    child.stdin.end(options.input ?? '');
    options.started?.(child);
  });
}

/** Polls until `check` holds (a state another process reaches), failing after `ms`. */
export async function eventually(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The keys of an image in `--json` output (docs/cli.md). */
export const imageKeys = [
  'id',
  'path',
  'thumbPath',
  'width',
  'height',
  'format',
  'bytes',
  'sha256',
  'createdAt',
  'source',
  'provider',
  'model',
  'prompt',
  'params',
  'seed',
  'costUsd',
  'latencyMs',
  'parentId',
  'jobId',
  'favorite',
  'tags',
];
