// The negative prompt through the Generate store against a real core behind a stand-in window.atelier (issue 14,
// point 3): sent only to a model that takes one, refilled by "Reuse settings" from an image and from a job (the same
// bytes again with the local provider), and brought back by ↑/↓ with the prompt it was sent with.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Core } from '../../electron/core/core';
import { useCatalog } from '../../renderer/stores/catalog';
import { useGenerate } from '../../renderer/stores/generate';
import { settingsOfImage, settingsOfJob } from '../../renderer/stores/reuse';
import { openCore, tempLibrary } from '../jobs/helpers';
import { bytesOf as bytesOfImage, submitAndWait } from './generate-form-steps';
import { bridgeToCore, unbridge } from './core-bridge';

const initial = useGenerate.getState();
const local = { providerId: 'local', model: 'local/pattern' };
let core: Core;
let sent: Array<Record<string, unknown>>;

beforeEach(async () => {
  core = await openCore(tempLibrary());
  sent = [];
  bridgeToCore(core, (channel, payload) => {
    if (channel === 'jobs.create') sent.push(payload as Record<string, unknown>);
  });
  useGenerate.setState(initial, true);
  useCatalog.setState({ models: {} });
  await useCatalog.getState().load('local');
});
afterEach(async () => {
  unbridge();
  await core.close();
});

const submit = () => submitAndWait(core);
const bytesOf = (imageId: string) => bytesOfImage(core, imageId);

describe('the negative prompt in the Generate form', () => {
  it("an image's settings bring its negative prompt back, and make that very image again", async () => {
    useGenerate.setState({
      prompt: 'a lighthouse at dusk',
      negativePrompt: 'fog, boats',
      targets: [local],
      params: { ...initial.params, n: 2, size: '24x16' },
    });
    const batch = await submit();
    const second = core.library.get(batch.imageIds[1]!);
    expect(second.negativePrompt).toBe('fog, boats');

    useGenerate.setState({ prompt: 'something else', negativePrompt: 'other', params: initial.params });
    useGenerate.getState().reuse(settingsOfImage(second));
    expect(useGenerate.getState()).toMatchObject({ prompt: 'a lighthouse at dusk', negativePrompt: 'fog, boats' });
    const again = await submit();
    expect(sent.at(-1)!.targets).toEqual([expect.objectContaining({ negativePrompt: 'fog, boats' })]);
    expect(bytesOf(again.imageIds[0]!).equals(bytesOf(second.id))).toBe(true);
  });

  it("a job's settings bring its negative prompt back; an image made without one clears the field", async () => {
    useGenerate.setState({ prompt: 'two foxes', negativePrompt: 'snow', targets: [local] });
    useGenerate.setState({ params: { ...initial.params, size: '16x16' } });
    const first = await submit();
    useGenerate.setState({ prompt: '', negativePrompt: '' });
    useGenerate.getState().reuse(settingsOfJob(first));
    expect(useGenerate.getState().negativePrompt).toBe('snow');
    const again = await submit();
    expect(bytesOf(again.imageIds[0]!).equals(bytesOf(first.imageIds[0]!))).toBe(true);

    useGenerate.setState({ negativePrompt: '' });
    const plain = await submit();
    useGenerate.setState({ negativePrompt: 'left over' });
    useGenerate.getState().reuse(settingsOfImage(core.library.get(plain.imageIds[0]!)));
    expect(useGenerate.getState().negativePrompt).toBe('');
  });

  it('is not sent to a model that takes none', async () => {
    useCatalog.setState({
      models: {
        ...useCatalog.getState().models,
        local: useCatalog.getState().models.local!.map((model) => ({ ...model, negativePrompt: false })),
      },
    });
    useGenerate.setState({ prompt: 'a heron', negativePrompt: 'water', targets: [local] });
    useGenerate.setState({ params: { ...initial.params, size: '16x16' } });
    const job = await submit();
    expect(sent.at(-1)!.targets).toEqual([expect.not.objectContaining({ negativePrompt: expect.anything() })]);
    expect(job.params).not.toHaveProperty('negativePrompt');
  });

  it('↑ and ↓ bring back each prompt with the negative prompt sent beside it', async () => {
    useGenerate.setState({ targets: [local], params: { ...initial.params, size: '16x16' } });
    useGenerate.setState({ prompt: 'first', negativePrompt: 'rain' });
    await submit();
    useGenerate.setState({ prompt: 'second', negativePrompt: '' });
    await submit();
    await useGenerate.getState().loadHistory();
    useGenerate.setState({ prompt: '', negativePrompt: '' });

    const { recall } = useGenerate.getState();
    expect(recall('older')).toBe(true);
    expect(useGenerate.getState()).toMatchObject({ prompt: 'second', negativePrompt: '' });
    expect(recall('older')).toBe(true);
    expect(useGenerate.getState()).toMatchObject({ prompt: 'first', negativePrompt: 'rain' });
    expect(recall('newer')).toBe(true);
    expect(recall('newer')).toBe(true);
    expect(useGenerate.getState()).toMatchObject({ prompt: '', negativePrompt: '' });
  });
});
