// The prompt history (issue 14, point 3) through the core: every batch sent records its prompt in the library
// database, each prompt once, most recent first, bounded; refused batches record nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { maxPromptHistory } from '../../shared/limits';
import { openCore, tempLibrary } from './helpers';

let core: Core;
beforeEach(async () => {
  core = await openCore(tempLibrary());
});
afterEach(() => core.close());

const target = { providerId: 'local', model: 'local/pattern' };

async function send(prompt: string, extra: Record<string, unknown> = {}) {
  return core.invoke('jobs.create', { targets: [target], prompt, size: '16x16', ...extra });
}

async function history(limit?: number): Promise<string[]> {
  const answer = await core.invoke('library.promptHistory', limit ? { limit } : {});
  if (!answer.ok) throw new Error(answer.error.message);
  return (answer.value as { prompts: Array<{ prompt: string }> }).prompts.map((entry) => entry.prompt);
}

describe('prompt history', () => {
  it('is deduplicated and most recent first; a refused batch adds nothing', async () => {
    await send('a fox');
    await send('a lighthouse');
    await send('a fox');
    expect((await send('a refused one', { n: 9 })).ok).toBe(false);
    expect(await history()).toEqual(['a fox', 'a lighthouse']);
  });

  it('is bounded, the oldest forgotten first', async () => {
    for (let index = 0; index < maxPromptHistory + 3; index++)
      core.library.recordPrompt({ prompt: `prompt ${index}`, negativePrompt: null });
    const kept = await history();
    expect(kept).toHaveLength(maxPromptHistory);
    expect(kept[0]).toBe(`prompt ${maxPromptHistory + 2}`);
    expect(kept).not.toContain('prompt 2');
  });
});
