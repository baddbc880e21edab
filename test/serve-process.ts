// The real `atelier serve` as a child process on a library folder, started the way a user starts it, for the
// e2e fixtures (test/e2e/fixtures.ts) and the browser benchmarks (bench/_serve.ts) alike.
import { type ChildProcess, spawn } from 'node:child_process';

export interface ServeProcess {
  /** The tokenised address `atelier serve` printed. */
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
}

/** Starts `atelier serve --port 0` on `libraryDir` and waits for the address it prints. */
export async function spawnServe(libraryDir: string, env: Record<string, string> = {}): Promise<ServeProcess> {
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
  return { url, origin: parsed.origin, token: new URLSearchParams(parsed.hash.slice(1)).get('token')!, process: child };
}

/** Stops the server as Ctrl+C's second press or the OS would (SIGTERM) and waits for it to exit. */
export async function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
