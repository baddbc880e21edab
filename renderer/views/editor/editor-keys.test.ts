import { describe, expect, it } from 'vitest';
import { gestures, shortcuts } from '../../shortcuts';
import { editorKeyFor, editorKeyNames } from './editor-keys';

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

/** Declared editor keys taken by one field or view rather than the workspace's window-wide handler. */
const handledElsewhere = ['edit', 'pasteImage', 'compareSwap', 'eraseShape', 'galleryToReference'];

describe('the editor keys: the shortcut declaration is the one list the handler matches', () => {
  it('every key the handler takes is declared, so the overlay lists it (= zooms in as + does)', () => {
    const declared = shortcuts.editor.map((entry) => entry.does as string);
    for (const name of editorKeyNames) expect(declared, name).toContain(name);
    const zoomIn = shortcuts.editor.find((entry) => entry.does === 'zoomIn');
    expect(zoomIn?.keys).toEqual(expect.arrayContaining(['+', '=']));
    expect(editorKeyFor(press('='))).toBe('zoomIn');
    expect(editorKeyFor(press('+', { shiftKey: true }))).toBe('zoomIn');
    expect(editorKeyFor(press('-'))).toBe('zoomOut');
  });

  it('every declared key (not a gesture) does something', () => {
    const isGesture = (combination: string) =>
      (gestures as readonly string[]).some((word) => combination.split('+').includes(word)) || combination === 'Alt';
    for (const entry of shortcuts.editor) {
      if (entry.keys.every(isGesture) || handledElsewhere.includes(entry.does)) continue;
      expect(editorKeyNames, entry.does).toContain(entry.does);
    }
  });

  it('tells undo from redo and a letter from its Ctrl combination', () => {
    expect(editorKeyFor(press('z', { ctrlKey: true }))).toBe('undo');
    expect(editorKeyFor(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(editorKeyFor(press('y', { ctrlKey: true }))).toBe('redo');
    expect(editorKeyFor(press('B'))).toBe('brush');
    expect(editorKeyFor(press('b', { ctrlKey: true }))).toBeNull();
    expect(editorKeyFor(press('1', { ctrlKey: true }))).toBeNull(); // Ctrl+1 switches the view
    expect(editorKeyFor(press('1'))).toBe('zoom100');
    expect(editorKeyFor(press('['))).toBe('brushSmaller');
    expect(editorKeyFor(press(']'))).toBe('brushLarger');
    expect(editorKeyFor(press('ArrowLeft'))).toBe('stagedPrevious');
    expect(editorKeyFor(press('ArrowLeft', { shiftKey: true }))).toBeNull();
  });
});
