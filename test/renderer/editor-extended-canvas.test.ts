// An extended canvas (issue 13, point 5) sent for editing goes into the library first, so the edit has a parent:
// the editor store against a real core behind a stand-in window.atelier. The padded image records the image it was
// padded from, and the edit records the padded image: the lineage reaches the original.
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Core } from '../../electron/core/core';
import { startPainterSession } from '../../renderer/painter/session';
import { useEditor } from '../../renderer/stores/editor';
import { useJobs } from '../../renderer/stores/jobs';
import { openCore, tempLibrary } from '../jobs/helpers';
import { bridgeToCore, unbridge } from './core-bridge';

const initial = useEditor.getState();
let core: Core;

beforeEach(async () => {
  core = await openCore(tempLibrary());
  bridgeToCore(core);
  useEditor.setState(initial, true);
});
afterEach(async () => {
  unbridge();
  await core.close();
});

async function png(width: number, height: number, background: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
}

/** The editor as extendCanvas leaves it: the padded PNG made in the page, the original it was padded from. */
function openPadded(bytes: Buffer, width: number, height: number, parentId: string): void {
  startPainterSession(width, height);
  useEditor.setState({
    source: {
      kind: 'file',
      name: 'meadow-extended.png',
      base64: bytes.toString('base64'),
      mimeType: 'image/png',
      objectUrl: 'blob:padded',
      label: 'meadow-extended.png',
      width,
      height,
      parentId,
    },
    prompt: 'fill the sides',
    targets: [{ providerId: 'local', model: 'local/pattern' }],
  });
}

describe('an extended canvas, sent', () => {
  it('is imported first with the original as its parent, and the edit records it as its own parent', async () => {
    const original = (await core.library.importBuffers([{ name: 'meadow.png', bytes: await png(40, 30, '#28a05a') }]))
      .imported[0]!;
    openPadded(await png(60, 30, '#808080'), 60, 30, original.id);

    await useEditor.getState().submit();
    expect(useEditor.getState().error).toBeNull();
    const source = useEditor.getState().source!;
    expect(source.kind).toBe('library');
    const padded = core.library.get(source.kind === 'library' ? source.imageId : '');
    expect(padded).toMatchObject({ width: 60, height: 30, parentId: original.id, originalName: 'meadow-extended.png' });

    const jobId = useEditor.getState().jobIds[0]!;
    expect(useJobs.getState().jobs[jobId]).toBeDefined();
    const job = await core.jobs.waitFor(jobId);
    expect(job.status).toBe('done');
    const result = core.library.get(job.imageIds[0]!);
    expect(result.parentId).toBe(padded.id);
    const lineage = core.library.lineage(result.id);
    expect(lineage.ancestors.map((image) => image.id)).toEqual([original.id, padded.id]);
  });

  it('sent again, is not imported twice: the second edit has the same parent', async () => {
    const original = (await core.library.importBuffers([{ name: 'lake.png', bytes: await png(40, 30, '#3a6ea5') }]))
      .imported[0]!;
    openPadded(await png(40, 50, '#808080'), 40, 50, original.id);
    await useEditor.getState().submit();
    const first = await core.jobs.waitFor(useEditor.getState().jobIds[0]!);
    await useEditor.getState().submit();
    const second = await core.jobs.waitFor(useEditor.getState().jobIds[0]!);
    const parents = [first, second].map((job) => core.library.get(job.imageIds[0]!).parentId);
    expect(parents[0]).toBe(parents[1]);
    expect(core.library.list({ parentId: original.id }).images).toHaveLength(1);
  });

  it('a parent no longer in the library is refused, named by the file, and nothing is sent', async () => {
    openPadded(await png(60, 30, '#808080'), 60, 30, 'f'.repeat(16));
    await useEditor.getState().submit();
    expect(useEditor.getState().error).toMatchObject({ subject: 'meadow-extended.png' });
    expect(useEditor.getState().jobIds).toEqual([]);
    expect(useEditor.getState().source?.kind).toBe('file');
  });
});
