// An edit sent to several models at once, each with its own parameters (issue 13, point 8): the editor store against
// a real core behind a stand-in window.atelier (the local model, offline), and against a recorder of the requests
// where the models differ in what they take (a mask, references), which no offline model can show.
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Core } from '../../electron/core/core';
import type { JobRequest } from '../../shared/contract/jobs';
import type { ModelInfo } from '../../shared/contract/models';
import { builtinModels } from '../../electron/core/providers/catalog-builtin';
import { ApiError } from '../../renderer/api';
import { painterSession, startPainterSession } from '../../renderer/painter/session';
import { useCatalog } from '../../renderer/stores/catalog';
import { useEditor } from '../../renderer/stores/editor';
import { openCore, tempLibrary } from '../jobs/helpers';
import { bridgeTo, bridgeToCore, unbridge } from './core-bridge';

const initialEditor = useEditor.getState();
const initialCatalog = useCatalog.getState();
const local = { providerId: 'local', model: 'local/pattern' };

afterEach(() => {
  unbridge();
  useEditor.setState(initialEditor, true);
  useCatalog.setState(initialCatalog, true);
});

/** Opens a library image in the editor with a square painted in its mask. */
function openPainted(imageId: string, width: number, height: number): void {
  useEditor.getState().openLibraryImage({ id: imageId, width, height, prompt: null, originalName: 'base.png' });
  startPainterSession(width, height);
  const mask = painterSession()!.mask;
  for (let y = 2; y < 6; y++) for (let x = 2; x < 6; x++) mask.data[y * width + x] = 255;
}

describe('an edit to two local targets with their own parameters, through the real core', () => {
  let core: Core;
  beforeEach(async () => {
    core = await openCore(tempLibrary());
    bridgeToCore(core);
  });
  afterEach(async () => core.close());

  it('makes one job per target, each with its n and seed, the negative prompt, and stages all their results', async () => {
    const bytes = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#3a6ea5' } })
      .png()
      .toBuffer();
    const base = (await core.library.importBuffers([{ name: 'base.png', bytes }])).imported[0]!;
    openPainted(base.id, 32, 24);
    const editor = useEditor.getState();
    useEditor.setState({ prompt: 'a red door', negativePrompt: 'fog', targets: [local] });
    editor.setTargetParams(0, { n: 1, seed: '7' });
    editor.addTarget(local);
    editor.setTargetParams(1, { n: 2, seed: '9' });

    await useEditor.getState().submit();
    expect(useEditor.getState().error).toBeNull();
    const jobIds = useEditor.getState().jobIds;
    expect(jobIds).toHaveLength(2);
    const jobs = await Promise.all(jobIds.map((id) => core.jobs.waitFor(id)));
    expect(jobs.map((job) => [job.status, job.kind, job.imageIds.length])).toEqual([
      ['done', 'edit', 1],
      ['done', 'edit', 2],
    ]);
    expect(jobs.map((job) => job.params)).toEqual([
      expect.objectContaining({ n: 1, seed: 7, negativePrompt: 'fog' }),
      expect.objectContaining({ n: 2, seed: 9, negativePrompt: 'fog' }),
    ]);
    // Every result records the image edited as its parent.
    for (const job of jobs) for (const id of job.imageIds) expect(core.library.get(id).parentId).toBe(base.id);

    for (const job of jobs) useEditor.getState().stage(job.id, job.imageIds, job.model);
    expect(useEditor.getState().staging?.imageIds).toEqual(jobs.flatMap((job) => job.imageIds));
  });
});

describe('an edit to models that take different inputs', () => {
  const model = (id: string, patch: Partial<ModelInfo>): ModelInfo => ({
    ...builtinModels.find((entry) => entry.id === 'gpt-image-1')!,
    id,
    label: id,
    ...patch,
  });
  let sent: JobRequest[];
  let refuse: ((request: JobRequest) => ApiError | null) | null;
  beforeEach(() => {
    sent = [];
    refuse = null;
    bridgeTo(async (channel, request) => {
      const payload = request as JobRequest;
      if (channel !== 'jobs.create') throw new Error(`unexpected ${channel}`);
      // Answered as the bridge answers: an envelope, a refusal as its error.
      const refusal = refuse?.(payload);
      if (refusal)
        return { ok: false, error: { code: refusal.code, message: refusal.message, details: refusal.details } };
      sent.push(payload);
      const jobs = payload.targets.map((target, at) => ({ id: `${sent.length}-${at}`, ...target, status: 'queued' }));
      return { ok: true, value: { batchId: `b${sent.length}`, jobs } };
    });
    useCatalog.setState({
      models: {
        p: [
          model('inpaints', { mask: true, maxInputImages: 16 }),
          model('whole-image', { mask: false, maskConvention: null, maxInputImages: 2 }),
        ],
      },
    });
    openPainted('a'.repeat(32), 8, 8);
    useEditor.setState({
      prompt: 'a lamp',
      targets: [
        { providerId: 'p', model: 'inpaints' },
        { providerId: 'p', model: 'whole-image' },
      ],
      references: ['b', 'c', 'd'].map((letter) => ({ imageId: letter.repeat(32), label: letter })),
    });
  });

  it('sends the mask only to the model that takes one, and each model only the references it takes', async () => {
    await useEditor.getState().submit();
    expect(useEditor.getState().error).toBeNull();
    expect(sent.map((request) => request.targets.map((target) => target.model))).toEqual([
      ['inpaints'],
      ['whole-image'],
    ]);
    expect(sent[0]!.mask?.base64).toBeTruthy();
    expect(sent[0]!.images).toHaveLength(4);
    expect(sent[1]!.mask).toBeUndefined();
    expect(sent[1]!.images).toEqual([{ imageId: 'a'.repeat(32) }, { imageId: 'b'.repeat(32) }]);
    expect(useEditor.getState().jobIds).toEqual(['1-0', '2-0']);
  });

  it('shows a refusal of one request under the form’s own target, not the request’s', async () => {
    refuse = (request) =>
      request.targets[0]!.model === 'whole-image'
        ? new ApiError('invalid_input', 'refused', {
            problems: [{ target: 0, providerId: 'p', model: 'whole-image', message: 'too long' }],
          })
        : null;
    await useEditor.getState().submit();
    expect(useEditor.getState().error?.details).toMatchObject({ problems: [{ target: 1, model: 'whole-image' }] });
    // The request that was not refused was sent, and its job is kept.
    expect(useEditor.getState().jobIds).toEqual(['1-0']);
  });
});
