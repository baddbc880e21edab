import { pressed, shortcuts } from '../../shortcuts';
import type { useEditor } from '../../stores/editor';

type EditorActions = ReturnType<typeof useEditor.getState>;
type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** One zoom button or key step: two steps from 100 % is 400 %. */
export const zoomStep = 2;

/**
 * What each editor key does, by the name it has in `shortcuts.editor`: the keys themselves are only declared there,
 * so the overlay a user reads is the list the handler matches (`+` and `=` both, say). Redo comes before undo:
 * Mod+Shift+Z must not be read as Mod+Z.
 */
const actions: Record<string, (editor: EditorActions) => void> = {
  redo: (editor) => editor.redo(),
  undo: (editor) => editor.undo(),
  brush: (editor) => editor.setTool('brush'),
  eraser: (editor) => editor.setTool('eraser'),
  rect: (editor) => editor.setTool('rect'),
  lasso: (editor) => editor.setTool('lasso'),
  hand: (editor) => editor.setTool('hand'),
  swapBrush: (editor) => editor.swapBrushEraser(),
  brushSmaller: (editor) => editor.setBrushSize(editor.brushSize * 0.8),
  brushLarger: (editor) => editor.setBrushSize(editor.brushSize * 1.25),
  zoomFit: (editor) => editor.zoomToFit(),
  zoom100: (editor) => editor.zoomToActualSize(),
  zoomIn: (editor) => editor.zoomBy(zoomStep),
  zoomOut: (editor) => editor.zoomBy(1 / zoomStep),
  toggleMask: (editor) => editor.toggleMask(),
  invertMask: (editor) => editor.invertMask(),
  original: (editor) => editor.toggleOriginal(),
  stagedPrevious: (editor) => editor.cycleCandidate(-1),
  stagedNext: (editor) => editor.cycleCandidate(1),
};

/** The workspace keys the window-wide handler takes; the others (Mod+Enter, C…) belong to one field or view. */
export const editorKeyNames = Object.keys(actions);

/** The name (in `shortcuts.editor`) of what a key press does in the editor's workspace, or null. */
export function editorKeyFor(event: KeyPress): string | null {
  return editorKeyNames.find((does) => pressed(event, 'editor', does)) ?? null;
}

export function runEditorKey(does: string, editor: EditorActions): void {
  actions[does]?.(editor);
}

/** How a tool's key is shown in its button's title: the declaration's first key, as typed. */
export function toolKeyLabel(tool: string): string {
  const entry = shortcuts.editor.find((shortcut) => shortcut.does === tool);
  return entry?.keys[0]?.toUpperCase() ?? '';
}
