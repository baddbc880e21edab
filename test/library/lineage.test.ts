// Lineage through the core's one door: the chain back to the first image, the edits made from an
// image, trash and permanent deletes, and ids that do not exist.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lineage } from '../../shared/contract/library';
import { type Core, createCore } from '../../electron/core/core';
import { maxLineageChildren } from '../../electron/core/library/lineage';
import { solidImage, tempDir } from './helpers';

let core: Core | null = null;
let dir = '';
afterEach(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function add(seed: number, prompt: string, parentId: string | null = null): Promise<string> {
  const source = parentId ? 'edited' : 'imported';
  return (await core!.library.addImage({ bytes: await solidImage('png', 12, 12, seed), source, prompt, parentId })).id;
}

async function lineage(id: string): Promise<{ ancestors: string[]; children: string[]; childCount: number }> {
  const answer = await core!.invoke('library.lineage', { id });
  if (!answer.ok) throw new Error(answer.error.message);
  const value = answer.value as Lineage;
  return {
    ancestors: value.ancestors.map((image) => image.prompt!),
    children: value.children.map((image) => image.prompt!),
    childCount: value.childCount,
  };
}

describe('library.lineage', () => {
  it('answers the chain back to the first image and the edits made from one, newest first', async () => {
    dir = tempDir('atelier-lineage-');
    core = await createCore({ libraryDir: dir, transport: 'test' });
    const root = await add(1, 'root');
    const edit = await add(2, 'edit', root);
    const again = await add(3, 'edit of edit', edit);
    const sibling = await add(4, 'sibling', root);
    await add(5, 'unrelated');

    expect(await lineage(again)).toEqual({ ancestors: ['root', 'edit'], children: [], childCount: 0 });
    expect(await lineage(edit)).toEqual({ ancestors: ['root'], children: ['edit of edit'], childCount: 1 });
    expect(await lineage(root)).toEqual({ ancestors: [], children: ['sibling', 'edit'], childCount: 2 });

    // An edit in the trash is out of sight; a parent in the trash is still history.
    core.library.trash([sibling]);
    core.library.trash([root]);
    expect(await lineage(root)).toEqual({ ancestors: [], children: ['edit'], childCount: 1 });
    const chain = await core.invoke('library.lineage', { id: again });
    expect(chain).toMatchObject({
      ok: true,
      value: {
        ancestors: [
          { prompt: 'root', trashedAt: expect.any(String) },
          { prompt: 'edit', trashedAt: null },
        ],
      },
    });

    // Deleted for good, the first image leaves the chain (its edits keep their own history).
    core.library.delete([root]);
    expect(await lineage(again)).toEqual({ ancestors: ['edit'], children: [], childCount: 0 });

    expect(await core.invoke('library.lineage', { id: 'ffffffffffffffff' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await core.invoke('library.lineage', { id: '../atelier.db' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
  });

  it('lists a bounded number of edits but counts them all', async () => {
    dir = tempDir('atelier-lineage-');
    core = await createCore({ libraryDir: dir, transport: 'test' });
    const root = await add(1, 'root');
    for (let index = 0; index < maxLineageChildren + 3; index++) await add(100 + index, `edit ${index}`, root);
    const answer = await lineage(root);
    expect(answer.children).toHaveLength(maxLineageChildren);
    expect(answer.children[0]).toBe(`edit ${maxLineageChildren + 2}`);
    expect(answer.childCount).toBe(maxLineageChildren + 3);
  });
});
