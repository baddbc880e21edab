import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../shared/contract/models';
import { maxImportPixels, maxInputFileBytes, maxInputImages } from '../../shared/limits';
import { useCatalog } from './catalog';
import { referenceRoom, useEditor } from './editor';

describe('the editor refuses a file before reading it, as data the page says in its language', () => {
  it('a file that is not PNG, JPEG or WebP, named', async () => {
    await useEditor.getState().openFile(new File(['not a picture'], 'notes.txt', { type: 'text/plain' }));
    expect(useEditor.getState().error).toMatchObject({
      code: 'invalid_input',
      subject: 'notes.txt',
      details: { kind: 'format_not_editable' },
    });
  });

  it('a file over the input limit, with the limit and its size', async () => {
    const big = new File([new Uint8Array(maxInputFileBytes + 1)], 'huge.png', { type: 'image/png' });
    await useEditor.getState().openFile(big);
    expect(useEditor.getState().error).toMatchObject({
      subject: 'huge.png',
      details: { kind: 'file_too_large', limit: maxInputFileBytes, actual: maxInputFileBytes + 1 },
    });
    useEditor.getState().dismissError();
    expect(useEditor.getState().error).toBeNull();
  });
});

describe('results staged on the canvas', () => {
  it('go round with ← and →, show the original, and once discarded are not staged again', () => {
    const editor = useEditor.getState();
    editor.stage('job-1', ['a', 'b', 'c']);
    expect(useEditor.getState().staging).toMatchObject({ imageIds: ['a', 'b', 'c'], index: 0 });
    editor.cycleCandidate(-1);
    expect(useEditor.getState().staging?.index).toBe(2);
    editor.cycleCandidate(1);
    editor.cycleCandidate(1);
    expect(useEditor.getState().staging?.index).toBe(1);
    editor.toggleOriginal();
    expect(useEditor.getState().staging?.showOriginal).toBe(true);
    editor.cycleCandidate(1);
    expect(useEditor.getState().staging).toMatchObject({ index: 2, showOriginal: false });
    editor.stage('job-1', ['a', 'b', 'c']);
    expect(useEditor.getState().staging?.index).toBe(2); // the same job is not staged afresh
    editor.discardCandidates();
    expect(useEditor.getState().staging).toBeNull();
    editor.stage('job-1', ['a', 'b', 'c']);
    expect(useEditor.getState().staging).toBeNull();
    editor.stage('job-2', ['d']);
    expect(useEditor.getState().staging).toMatchObject({ jobIds: ['job-2'], imageIds: ['d'] });
  });
});

describe('an edit sent to several models', () => {
  it('stages each job’s results after the ones already shown, each with its model; another edit’s start afresh', () => {
    useEditor.setState({ jobIds: ['j1', 'j2'], staging: null, discardedJobIds: [] });
    const editor = useEditor.getState();
    editor.stage('j2', ['b', 'c'], 'Model B');
    editor.cycleCandidate(1);
    editor.stage('j1', ['a'], 'Model A');
    expect(useEditor.getState().staging).toMatchObject({
      jobIds: ['j2', 'j1'],
      imageIds: ['b', 'c', 'a'],
      models: ['Model B', 'Model B', 'Model A'],
      index: 1, // the candidate in view stays in view
    });
    editor.stage('j9', ['z'], 'Model Z'); // not a job of this edit
    expect(useEditor.getState().staging).toMatchObject({ jobIds: ['j9'], imageIds: ['z'], index: 0 });
  });

  it('keeps the targets’ own parameters, and never removes the last target', () => {
    const editor = useEditor.getState();
    useEditor.setState({ targets: [{ providerId: 'local', model: 'local/pattern' }] });
    editor.addTarget({ providerId: 'local', model: 'local/pattern' });
    editor.setTargetParams(1, { n: 3 });
    expect(useEditor.getState().targets[1]).toMatchObject({ own: { n: 3 } });
    expect(useEditor.getState().targets[0]!.own).toBeUndefined();
    editor.removeTarget(1);
    editor.removeTarget(0);
    expect(useEditor.getState().targets).toHaveLength(1);
  });
});

describe('extending the canvas', () => {
  it('refuses a canvas over the pixel limit, with its size and the limit, and leaves the image as it was', async () => {
    const editor = useEditor.getState();
    editor.openLibraryImage({ id: 'a'.repeat(32), width: 10, height: 10, prompt: 'p', originalName: 'small.png' });
    await editor.extendCanvas({ top: 0, right: maxImportPixels, bottom: 0, left: 0 });
    expect(useEditor.getState().error).toMatchObject({
      details: { kind: 'too_many_pixels', width: maxImportPixels + 10, height: 10, limit: maxImportPixels },
    });
    expect(useEditor.getState().source).toMatchObject({ width: 10, height: 10 });
  });
});

describe('the references sent after the base', () => {
  it('reorder and remove, ends kept', () => {
    const ids = ['a', 'b', 'c'].map((id) => ({ imageId: id, label: id }));
    useEditor.setState({ references: ids });
    const editor = useEditor.getState();
    editor.moveReference(2, -1);
    editor.moveReference(0, -1); // already first: nothing moves
    expect(useEditor.getState().references.map((entry) => entry.imageId)).toEqual(['a', 'c', 'b']);
    editor.removeReference(0);
    expect(useEditor.getState().references.map((entry) => entry.imageId)).toEqual(['c', 'b']);
  });

  it('leave room for as many as the model takes besides the base, the contract’s limit until its list is known', () => {
    const target = { providerId: 'p', model: 'm' };
    expect(referenceRoom(target)).toBe(maxInputImages - 1);
    const model = { id: 'm', maxInputImages: 4 } as ModelInfo;
    useCatalog.setState({ models: { p: [model] } });
    expect(referenceRoom(target)).toBe(3);
    useCatalog.setState({ models: { p: [{ ...model, maxInputImages: 1 }] } });
    expect(referenceRoom(target)).toBe(0);
  });
});
