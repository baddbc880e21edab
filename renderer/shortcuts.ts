import type { View } from './stores/shell';

/**
 * Every key of every view, declared once: the shortcut overlay lists them and the key handlers match against them
 * (matchesShortcut), so the list a user reads cannot drift from what the keys do. A key is written as the browser's
 * `KeyboardEvent.key`, with `Mod+` (Ctrl, or ⌘ on a Mac), `Shift+` and `Alt+` before it; words such as "drag" or
 * "wheel" name a gesture, not a key, and are only shown.
 */
export interface Shortcut {
  /** i18n key under `shortcuts.do`: what the keys do. */
  does: string;
  /** Each alternative combination; any one of them does it. */
  keys: readonly string[];
}

export type ShortcutScope = View | 'global';

export const shortcuts = {
  global: [
    { does: 'showShortcuts', keys: ['?'] },
    { does: 'switchView', keys: ['Mod+1', 'Mod+2', 'Mod+3', 'Mod+4'] },
    { does: 'closeDialog', keys: ['Escape'] },
  ],
  generate: [
    { does: 'generate', keys: ['Mod+Enter'] },
    { does: 'promptHistory', keys: ['ArrowUp', 'ArrowDown'] },
  ],
  gallery: [
    { does: 'moveFocus', keys: ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'] },
    { does: 'firstLast', keys: ['Home', 'End'] },
    { does: 'selectRange', keys: ['Shift+ArrowLeft', 'Shift+ArrowRight', 'Shift+ArrowUp', 'Shift+ArrowDown'] },
    { does: 'pickOne', keys: ['Mod+click'] },
    { does: 'pickRange', keys: ['Shift+click'] },
    { does: 'selectAll', keys: ['Mod+a'] },
    { does: 'favorite', keys: ['f'] },
    { does: 'trash', keys: ['Delete', 'Backspace'] },
    { does: 'letGo', keys: ['Escape'] },
  ],
  editor: [
    { does: 'brush', keys: ['b'] },
    { does: 'eraser', keys: ['e'] },
    { does: 'rect', keys: ['r'] },
    { does: 'lasso', keys: ['l'] },
    { does: 'hand', keys: ['h'] },
    { does: 'swapBrush', keys: ['x'] },
    { does: 'brushSmaller', keys: ['['] },
    { does: 'brushLarger', keys: [']'] },
    { does: 'brushSizeDrag', keys: ['Shift+drag'] },
    { does: 'pan', keys: ['Space+drag', 'middleDrag'] },
    { does: 'zoomPointer', keys: ['wheel', 'pinch'] },
    { does: 'zoomFit', keys: ['0'] },
    { does: 'zoom100', keys: ['1'] },
    // '=' is the + key without Shift on most layouts: both zoom in.
    { does: 'zoomIn', keys: ['+', '='] },
    { does: 'zoomOut', keys: ['-'] },
    { does: 'toggleMask', keys: ['m'] },
    { does: 'invertMask', keys: ['i'] },
    { does: 'eraseShape', keys: ['Alt'] },
    { does: 'undo', keys: ['Mod+z'] },
    { does: 'redo', keys: ['Mod+Shift+z', 'Mod+y'] },
    { does: 'stagedPrevious', keys: ['ArrowLeft'] },
    { does: 'stagedNext', keys: ['ArrowRight'] },
    { does: 'original', keys: ['o'] },
    { does: 'edit', keys: ['Mod+Enter'] },
    { does: 'pasteImage', keys: ['Mod+v'] },
    { does: 'compareSwap', keys: ['c'] },
    { does: 'galleryToBase', keys: ['click', 'drag'] },
    { does: 'galleryToReference', keys: ['Shift+click'] },
  ],
  settings: [],
} as const satisfies Record<ShortcutScope, readonly Shortcut[]>;

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** Whether a key press is this combination (Mod is Ctrl, or ⌘ on a Mac; letters in either case). */
export function matchesShortcut(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
  combination: string,
  mac = isMac,
): boolean {
  const parts = combination === '+' ? ['+'] : combination.split(/\+(?!$)/);
  const key = parts.pop()!;
  const wants = new Set(parts);
  const mod = mac ? event.metaKey : event.ctrlKey;
  if (wants.has('Mod') !== mod) return false;
  if (wants.has('Alt') !== event.altKey) return false;
  if ((mac ? event.ctrlKey : event.metaKey) && !wants.has('Mod')) return false;
  // '?' and '+' are typed with Shift on most layouts: Shift only counts where a combination names it.
  if (key.length > 1 || /[a-z0-9]/i.test(key)) {
    if (wants.has('Shift') !== event.shiftKey) return false;
  }
  return event.key.length === 1 ? event.key.toLowerCase() === key.toLowerCase() : event.key === key;
}

/** Whether any combination of a declared shortcut matches the key press. */
export function pressed(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
  scope: ShortcutScope,
  does: string,
  mac = isMac,
): boolean {
  const shortcut = (shortcuts[scope] as readonly Shortcut[]).find((entry) => entry.does === does);
  return Boolean(shortcut?.keys.some((combination) => matchesShortcut(event, combination, mac)));
}

/** Words in a combination that name a gesture rather than a key: the overlay says them in the user's language. */
export const gestures = ['click', 'drag', 'wheel', 'pinch', 'middleDrag'] as const;

const keyNames: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
  ' ': 'Space',
};

/** A combination as a user reads it: Ctrl+Shift+Z, or ⌘⇧Z on a Mac. Gesture words are looked up by the caller. */
export function keyLabel(combination: string, mac = isMac): string[] {
  const parts = combination === '+' ? ['+'] : combination.split(/\+(?!$)/);
  return parts.map((part) => {
    if (part === 'Mod') return mac ? '⌘' : 'Ctrl';
    if (part === 'Shift') return mac ? '⇧' : 'Shift';
    if (part === 'Alt') return mac ? '⌥' : 'Alt';
    if ((gestures as readonly string[]).includes(part)) return part;
    return keyNames[part] ?? (part.length === 1 ? part.toUpperCase() : part);
  });
}
