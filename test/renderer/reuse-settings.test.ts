// "Reuse settings" (issue 14, point 3) through the Generate store against a real core behind a stand-in
// window.atelier: an image's or a job's settings, generated again with the local provider, give the same bytes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract/jobs';
import { type Core } from '../../electron/core/core';
import { useGenerate } from '../../renderer/stores/generate';
import { settingsOfImage, settingsOfJob } from '../../renderer/stores/reuse';
import { openCore, tempLibrary } from '../jobs/helpers';
import { bytesOf as bytesOfImage, submitAndWait } from './generate-form-steps';
import { bridgeToCore, unbridge } from './core-bridge';

const initial = useGenerate.getState();
let core: Core;

beforeEach(async () => {
  core = await openCore(tempLibrary());
  bridgeToCore(core);
  useGenerate.setState(initial, true);
});
afterEach(async () => {
  unbridge();
  await core.close();
});

const submit = () => submitAndWait(core);
const bytesOf = (imageId: string) => bytesOfImage(core, imageId);

describe('reuse settings', () => {
  it("an image's settings, from a random batch of four, make that very image again", async () => {
    useGenerate.setState({
      prompt: 'a lighthouse at dusk',
      targets: [{ providerId: 'local', model: 'local/pattern' }],
      params: { n: 4, size: '64x64', aspectRatio: '', quality: '', seed: '' },
    });
    const batch = await submit();
    const third = core.library.get(batch.imageIds[2]!);

    useGenerate.setState({ prompt: 'something else', params: { ...initial.params, n: 2 } });
    useGenerate.getState().reuse(settingsOfImage(third));
    expect(useGenerate.getState()).toMatchObject({
      prompt: 'a lighthouse at dusk',
      targets: [{ providerId: 'local', model: 'local/pattern' }],
      params: { n: 1, size: '64x64', seed: String(third.seed) },
    });
    const again = await submit();
    expect(again.imageIds).toHaveLength(1);
    expect(bytesOf(again.imageIds[0]!).equals(bytesOf(third.id))).toBe(true);
  });

  it("a job's settings make its whole batch again, image for image", async () => {
    useGenerate.setState({
      prompt: 'two foxes',
      params: { n: 2, size: '48x32', aspectRatio: '', quality: '', seed: '' },
    });
    const first = await submit();
    useGenerate.setState({ prompt: '', params: initial.params });
    useGenerate.getState().reuse(settingsOfJob(first));
    const again = await submit();
    expect(again.params.seed).toBe(first.params.seed);
    expect(again.imageIds.map((id) => bytesOf(id).toString('base64'))).toEqual(
      first.imageIds.map((id) => bytesOf(id).toString('base64')),
    );
  });

  it('an imported image with no provider keeps the chosen model, takes its prompt, and leaves a 64-bit seed to random', async () => {
    useGenerate.setState({ targets: [{ providerId: 'local', model: 'local/pattern' }] });
    const imported = { ...core.library.get((await submitLocal()).imageIds[0]!), provider: null, model: null };
    useGenerate.setState({ prompt: '' });
    useGenerate.getState().reuse(settingsOfImage({ ...imported, seed: '18446744073709551615' }));
    expect(useGenerate.getState().prompt).toBe('a photo');
    // A 64-bit ComfyUI seed is past what a generation takes: the form is left on random rather than refused.
    expect(useGenerate.getState().params.seed).toBe('');
    expect(useGenerate.getState().targets).toEqual([{ providerId: 'local', model: 'local/pattern' }]);
  });
});

async function submitLocal(): Promise<Job> {
  useGenerate.setState({ prompt: 'a photo', params: { ...initial.params, size: '16x16' } });
  return submit();
}
