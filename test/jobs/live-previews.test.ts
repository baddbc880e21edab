// Live previews (issue 11, point 10) through the core against the strict fake: a GPT image job that asks for
// partial images streams them (stream: true), each one announced on jobs.changed with progress and a media URL
// before the job is done; only the final image enters the library; previews are gone when the job ends; a stream
// cut before its final image fails with a reason and is never sent again.
import { existsSync } from 'node:fs';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job, JobRequest } from '../../shared/contract/jobs';
import type { Core } from '../../electron/core/core';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { solidPng } from '../providers/helpers';
import { addProviders, jobKey, openCore, tempLibrary } from './helpers';

let fake: FakeProvider;
let core: Core;

beforeEach(async () => {
  fake = await startFakeProvider({ key: jobKey });
  core = await openCore(tempLibrary());
  await addProviders(core, fake.baseUrl);
});
afterEach(async () => {
  await core.close();
  await fake.close();
});

interface Seen {
  status: string;
  progress: number | null;
  preview: Job['preview'];
  /** The preview's file as the media protocol served it at that moment. */
  served: { path: string; mime: string } | null;
  width?: number;
}

/** Every jobs.changed of the job, with its preview resolved (and decoded) right when it was announced. */
function watch(): Seen[] & { settled: () => Promise<void> } {
  const seen = Object.assign([] as Seen[], { settled: () => Promise.all(pending).then(() => undefined) });
  const pending: Promise<void>[] = [];
  core.events.subscribe((event, payload) => {
    if (event !== 'jobs.changed') return;
    const job = payload as Job;
    const entry: Seen = { status: job.status, progress: job.progress, preview: job.preview, served: null };
    seen.push(entry);
    if (job.preview)
      pending.push(
        core.media(`/${job.preview.url}`).then(async (media) => {
          entry.served = media;
          if (media) entry.width = (await sharp(media.path).metadata()).width;
        }),
      );
  });
  return seen;
}

/** Each preview as first announced (later events of the job repeat the latest one until it ends). */
function firstShown(seen: Seen[]): Seen[] {
  return seen.filter((entry, at) => entry.preview !== null && entry.preview.index !== seen[at - 1]?.preview?.index);
}

async function run(request: Partial<JobRequest>, model = 'gpt-image-1'): Promise<Job> {
  const answer = await core.invoke('jobs.create', {
    targets: [{ providerId: 'qr', model }],
    prompt: 'a lighthouse at dusk',
    size: '1024x1024',
    ...request,
  });
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return core.jobs.waitFor((answer.value as { jobs: Job[] }).jobs[0]!.id);
}

describe('live previews', () => {
  it('streams the asked partial images as events before the job is done; only the final image is kept', async () => {
    const seen = watch();
    const job = await run({ params: { partial_images: 2 } });
    await seen.settled();
    expect(job.status).toBe('done');

    const [sent] = fake.requests.filter((request) => request.route === 'openai.generations');
    expect(sent!.json).toMatchObject({ model: 'gpt-image-1', stream: true, partial_images: 2 });

    const previews = firstShown(seen);
    expect(previews.map((entry) => entry.preview!.index)).toEqual([0, 1]);
    expect(previews.map((entry) => entry.progress)).toEqual([1 / 3, 2 / 3]);
    // Each preview was served (a real, decodable image) when it was announced, while the job still ran.
    for (const entry of previews) {
      expect(entry.served?.mime).toBe('image/png');
      expect(entry.width).toBe(1024);
      expect(entry.status).toBe('submitted');
    }
    const doneAt = seen.findIndex((entry) => entry.status === 'done');
    expect(seen.findIndex((entry) => entry.preview !== null)).toBeLessThan(doneAt);
    expect(seen[doneAt]).toMatchObject({ preview: null, progress: null });

    // One image in the library: the final one; the previews' files are gone and no longer served.
    expect(job.imageIds).toHaveLength(1);
    expect(core.library.list({}).images).toHaveLength(1);
    for (const entry of previews) {
      expect(existsSync(entry.served!.path)).toBe(false);
      expect(await core.media(`/${entry.preview!.url}`)).toBeNull();
    }
    expect(core.jobs.get(job.id)).toMatchObject({ preview: null, progress: null });
  });

  it('streams an edit as image_edit events, and keeps only its final image', async () => {
    const seen = watch();
    const image = (await solidPng(64, 64)).toString('base64');
    const job = await run({ params: { partial_images: 1 }, images: [{ base64: image, mimeType: 'image/png' }] });
    expect(job.status).toBe('done');
    const [sent] = fake.requests.filter((request) => request.route === 'openai.edits');
    expect(sent!.fields).toMatchObject({ stream: ['true'], partial_images: ['1'] });
    expect(firstShown(seen).map((entry) => entry.progress)).toEqual([1 / 2]);
    expect(core.library.list({}).images).toHaveLength(1);
  });

  it('a stream cut before its final image fails with a reason and is not sent again', async () => {
    const seen = watch();
    fake.fault('openai.generations', { kind: 'stream-cut', afterEvents: 1 });
    const job = await run({ params: { partial_images: 2 } });
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('network_failed');
    expect(job.error?.message).toMatch(/stopped sending after 1 events, before the final image/);
    expect(fake.requests.filter((request) => request.route === 'openai.generations')).toHaveLength(1);
    expect(core.library.list({}).images).toHaveLength(0);
    // The preview that did arrive was shown, then let go with the job.
    const previews = firstShown(seen);
    expect(previews.map((entry) => entry.preview!.index)).toEqual([0]);
    expect(await core.media(`/${previews[0]!.preview!.url}`)).toBeNull();
    expect(core.jobs.get(job.id).preview).toBeNull();
  });

  it('a job that asks for no previews does not stream', async () => {
    const job = await run({ params: { partial_images: 0 } });
    expect(job.status).toBe('done');
    const [sent] = fake.requests.filter((request) => request.route === 'openai.generations');
    expect(sent!.json).not.toHaveProperty('stream');
    expect(sent!.json).not.toHaveProperty('partial_images');
  });

  it('refuses previews a model cannot stream, or more than three, before sending', async () => {
    for (const [model, partials] of [
      ['gpt-image-1', 4],
      ['dall-e-2', 1],
    ] as const) {
      const answer = await core.invoke('jobs.create', {
        targets: [{ providerId: 'qr', model }],
        prompt: 'x',
        params: { partial_images: partials },
      });
      expect(answer.ok).toBe(false);
    }
    expect(fake.requests.filter((request) => request.route === 'openai.generations')).toHaveLength(0);
  });
});

describe('the fake, as strict as OpenAI about streaming', () => {
  const post = (json: unknown) =>
    fetch(`${fake.baseUrl}/v1/images/generations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${jobKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(json),
    });

  it('refuses partial_images without stream, and streaming for a model that cannot', async () => {
    expect((await post({ model: 'gpt-image-1', prompt: 'x', partial_images: 2 })).status).toBe(400);
    expect((await post({ model: 'dall-e-2', prompt: 'x', stream: true })).status).toBe(400);
  });

  it('answers stream: true with real server-sent events', async () => {
    const answer = await post({ model: 'gpt-image-1', prompt: 'x', size: '256x256', stream: true, partial_images: 1 });
    expect(answer.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await answer.text();
    expect(text.match(/^event: (\S+)$/gm)).toEqual([
      'event: image_generation.partial_image',
      'event: image_generation.completed',
    ]);
  });
});
