import { describe, expect, it } from 'vitest';
import { en } from './i18n/en';
import { zhCN } from './i18n/zh-CN';
import { gestures, keyLabel, matchesShortcut, pressed, shortcuts } from './shortcuts';

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts: one declaration of every view key', () => {
  it('every shortcut says what it does in both languages, and every gesture word is translated', () => {
    for (const list of Object.values(shortcuts)) {
      for (const shortcut of list) {
        expect(en.shortcuts.do, shortcut.does).toHaveProperty(shortcut.does);
        expect(zhCN.shortcuts.do, shortcut.does).toHaveProperty(shortcut.does);
      }
    }
    for (const gesture of gestures) {
      expect(en.shortcuts.gesture).toHaveProperty(gesture);
      expect(zhCN.shortcuts.gesture).toHaveProperty(gesture);
    }
  });

  it('matches Mod as Ctrl off a Mac and ⌘ on one, letters in either case, Shift only where named', () => {
    expect(matchesShortcut(press('a', { ctrlKey: true }), 'Mod+a', false)).toBe(true);
    expect(matchesShortcut(press('a', { ctrlKey: true }), 'Mod+a', true)).toBe(false);
    expect(matchesShortcut(press('a', { metaKey: true }), 'Mod+a', true)).toBe(true);
    expect(matchesShortcut(press('a'), 'Mod+a', false)).toBe(false);
    expect(matchesShortcut(press('Z', { ctrlKey: true, shiftKey: true }), 'Mod+Shift+z', false)).toBe(true);
    expect(matchesShortcut(press('z', { ctrlKey: true, shiftKey: true }), 'Mod+z', false)).toBe(false);
    expect(matchesShortcut(press('F'), 'f', false)).toBe(true);
    expect(matchesShortcut(press('f', { ctrlKey: true }), 'f', false)).toBe(false);
    // ? and + are typed with Shift on most layouts.
    expect(matchesShortcut(press('?', { shiftKey: true }), '?', false)).toBe(true);
    expect(matchesShortcut(press('+', { shiftKey: true }), '+', false)).toBe(true);
    expect(matchesShortcut(press('ArrowUp', { shiftKey: true }), 'Shift+ArrowUp', false)).toBe(true);
    expect(matchesShortcut(press('ArrowUp'), 'Shift+ArrowUp', false)).toBe(false);
  });

  it('pressed() looks a shortcut up by what it does', () => {
    expect(pressed(press('?', { shiftKey: true }), 'global', 'showShortcuts', false)).toBe(true);
    expect(pressed(press('Backspace'), 'gallery', 'trash', false)).toBe(true);
    expect(pressed(press('Home'), 'gallery', 'trash', false)).toBe(false);
  });

  it('labels keys as a user reads them', () => {
    expect(keyLabel('Mod+Shift+z', false)).toEqual(['Ctrl', 'Shift', 'Z']);
    expect(keyLabel('Mod+Shift+z', true)).toEqual(['⌘', '⇧', 'Z']);
    expect(keyLabel('ArrowLeft', false)).toEqual(['←']);
    expect(keyLabel('+', false)).toEqual(['+']);
    expect(keyLabel('Space+drag', false)).toEqual(['Space', 'drag']);
  });
});
