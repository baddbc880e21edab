// `atelier jobs …` and the waiting side of `generate` in child processes: --no-wait then `jobs resume`
// (nothing lost, nothing sent twice), `jobs cancel` from another process, Ctrl+C while waiting (exit 5),
// and the progress lines that appear on a terminal only.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { atelier, eventually, root, tempLibrary } from './helpers';

const key = 'sk-cli-jobs-test-0001';
const env = { ATELIER_KEY_QR: key, ATELIER_KEY_SLOW: key };
let fake: FakeProvider;
let slow: FakeProvider;
let library: string;

const run = (...args: string[]) => atelier(library, args, { env });
const count = (server: FakeProvider, route: string) =>
  server.requests.filter((request) => request.route === route).length;

beforeAll(async () => {
  fake = await startFakeProvider({ key, falSteps: { queued: 2, inProgress: 2 }, replicateSteps: 1 });
  // Its predictions never finish on their own: they wait for a cancel.
  slow = await startFakeProvider({ key, replicateSteps: 1_000_000 });
  library = tempLibrary();
  expect((await run('providers', 'add', 'qr', '--preset', 'quickrouter', '--base-url', fake.baseUrl)).code).toBe(0);
  expect((await run('providers', 'add', 'slow', '--preset', 'quickrouter', '--base-url', slow.baseUrl)).code).toBe(0);
});
afterAll(async () => {
  await fake.close();
  await slow.close();
  rmSync(library, { recursive: true, force: true });
});

describe('atelier jobs', { timeout: 90_000 }, () => {
  it('--no-wait leaves once the provider holds the job; jobs resume finishes it without sending it again', async () => {
    const started = await run(
      'generate',
      '--provider',
      'qr',
      '--model',
      'fal-ai/flux-1/dev',
      '--prompt',
      'later',
      '--no-wait',
      '--json',
    );
    expect(started.code, started.stderr).toBe(0);
    const { job, images } = started.json();
    expect(job).toMatchObject({ status: 'running', remoteId: expect.any(String) });
    expect(images).toEqual([]);

    const listed = (await run('jobs', 'list', '--json')).json();
    expect(listed.jobs.find((row: { id: string }) => row.id === job.id)).toEqual({
      id: job.id,
      status: 'running',
      provider: 'qr',
      model: 'fal-ai/flux-1/dev',
      remoteId: job.remoteId,
      attempts: 1,
      error: null,
      imageIds: [],
    });

    const resumed = await run('jobs', 'resume', '--json');
    expect(resumed.code, resumed.stderr).toBe(0);
    const { jobs, images: stored } = resumed.json();
    expect(jobs).toEqual([
      expect.objectContaining({ id: job.id, status: 'done', remoteId: job.remoteId, imageIds: [stored[0].id] }),
    ]);
    expect(stored[0]).toMatchObject({ jobId: job.id, prompt: 'later' });
    expect(count(fake, 'fal.submit')).toBe(1);

    const again = await run('jobs', 'resume', '--json');
    expect(again.json()).toEqual({ jobs: [], images: [] });

    const shown = (await run('jobs', 'show', job.id, '--json')).json();
    expect(shown.job).toMatchObject({ id: job.id, status: 'done' });
    expect(shown.images.map((image: { id: string }) => image.id)).toEqual([stored[0].id]);
    expect(
      (await run('jobs', 'list', '--status', 'done', '--json')).json().jobs.map((row: { id: string }) => row.id),
    ).toContain(job.id);
  });

  it('jobs cancel stops a job another process started, at the provider too', async () => {
    const started = await run(
      'generate',
      '--provider',
      'slow',
      '--model',
      'black-forest-labs/flux-kontext-max',
      '--prompt',
      'forever',
      '--no-wait',
      '--json',
    );
    expect(started.code, started.stderr).toBe(0);
    const { job } = started.json();
    expect(job.status).toBe('running');

    const cancelled = await run('jobs', 'cancel', job.id, '--json');
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.json().job).toMatchObject({ id: job.id, status: 'cancelled' });
    expect(
      slow.requests.some((request) => request.route === 'replicate.cancel' && request.path.includes(job.remoteId)),
    ).toBe(true);
    expect((await run('jobs', 'resume', '--json')).json().jobs).toEqual([]);
  });

  it('jobs cancel of a finished job says so and exits 1; unknown ids and statuses are usage errors', async () => {
    const done = (
      await run(
        'generate',
        '--provider',
        'local',
        '--model',
        'local/pattern',
        '--prompt',
        'quick',
        '--size',
        '16x16',
        '--json',
      )
    ).json().job;
    const late = await run('jobs', 'cancel', done.id);
    expect(late.code).toBe(1);
    expect(late.stderr).toContain('had already finished (done)');
    expect((await run('jobs', 'show', 'job_0000000000000000')).code).toBe(2);
    const badStatus = await run('jobs', 'list', '--status', 'sleeping');
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toContain('--status must be one of queued, submitted, running');
  });

  it('Ctrl+C while waiting cancels the job, remotely too, and exits 5', async () => {
    let child: import('node:child_process').ChildProcess | undefined;
    const waiting = atelier(
      library,
      [
        'generate',
        '--provider',
        'slow',
        '--model',
        'black-forest-labs/flux-kontext-max',
        '--prompt',
        'interrupt me',
        '--json',
      ],
      {
        env,
        started: (running) => (child = running),
      },
    );
    const polls = count(slow, 'replicate.get');
    await eventually(() => count(slow, 'replicate.get') > polls, 'the CLI to poll the prediction');
    child!.kill('SIGINT');
    const result = await waiting;
    expect(result.code).toBe(5);
    const { job } = result.json();
    expect(job.status).toBe('cancelled');
    expect(
      slow.requests.some((request) => request.route === 'replicate.cancel' && request.path.includes(job.remoteId)),
    ).toBe(true);
    expect(result.stderr).toContain('Cancelling');
  });

  it('Ctrl+C while a paid call is in flight asks first; the second one cancels', async () => {
    slow.fault('openai.generations', { kind: 'slow', delayMs: 60_000 });
    let child: import('node:child_process').ChildProcess | undefined;
    const waiting = atelier(
      library,
      ['generate', '--provider', 'slow', '--model', 'dall-e-2', '--prompt', 'paid', '--json'],
      { env, started: (running) => (child = running) },
    );
    const sent = count(slow, 'openai.generations');
    await eventually(() => count(slow, 'openai.generations') > sent, 'the CLI to send the call');
    let stderr = '';
    child!.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child!.kill('SIGINT');
    await eventually(() => stderr.includes('may still be charged'), 'the warning');
    expect(child!.exitCode).toBeNull();
    child!.kill('SIGINT');
    const result = await waiting;
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('1 generation is running; it may still be charged if stopped now.');
  });

  it('shows a live progress line per job on a terminal, and none when stdout is not one', async () => {
    // `script` gives the child a pseudo-terminal, as a user's shell would.
    const command = [
      process.execPath,
      join(root, 'bin', 'atelier.mjs'),
      'generate',
      '--provider',
      'qr',
      '--model',
      'fal-ai/flux-1/dev',
      '--prompt',
      'tty',
      '--library',
      library,
    ]
      .map((word) => `'${word}'`)
      .join(' ');
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let text = '';
      child.stdout.on('data', (chunk) => (text += chunk));
      child.on('error', reject);
      child.on('close', () => resolve(text));
    });
    const jobLine = /\r\u001b\[2K(job_[0-9a-f]+) {2}qr\/fal-ai\/flux-1\/dev {2}(.+?)\r?\n/g;
    const states = [...output.matchAll(jobLine)].map((match) => match[2]);
    expect(states).toEqual(expect.arrayContaining(['position 1', 'done (1 image)']));
    expect(states.some((state) => state!.startsWith('running'))).toBe(true);
    expect(output).toContain('\u001b[1A');

    const piped = await run('generate', '--provider', 'qr', '--model', 'fal-ai/flux-1/dev', '--prompt', 'pipe');
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stderr).not.toMatch(/position|downloading|\u001b\[/);
  });
});
