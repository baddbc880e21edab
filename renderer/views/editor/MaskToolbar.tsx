import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FilePickButton } from '../../components/FilePickButton';
import { painterSession } from '../../painter/session';
import { zoomPercent } from '../../painter/viewport';
import { type Tool, useEditModelTakesMask, useEditor } from '../../stores/editor';
import { useEditorPreferences } from '../../stores/editor-preferences';
import { editorKeyFor, runEditorKey, toolKeyLabel, zoomStep } from './editor-keys';
import { isTyping } from './keys';

const tools: Array<{ tool: Tool; icon: string }> = [
  { tool: 'brush', icon: '✎' },
  { tool: 'eraser', icon: '⌫' },
  { tool: 'rect', icon: '▭' },
  { tool: 'lasso', icon: '∿' },
  { tool: 'hand', icon: '✥' },
];

/** A button clicked with the pointer lets go of the focus, so a later Space or Enter cannot press it again. */
function clicked(action: () => unknown) {
  return (event: React.MouseEvent<HTMLButtonElement>) => {
    if (event.detail > 0) event.currentTarget.blur();
    return action();
  };
}

/**
 * Tools, view and mask commands, with the shortcuts painters expect (declared once in shortcuts.ts: B E R L H, X,
 * [ and ], 0 and 1, + and -, M, I, Ctrl+Z / Ctrl+Shift+Z, ← → O for staged results; Space-drag pans: useSpaceToPan).
 * Each value is selected on its own, so a pan (a new viewport) re-renders only the zoom level.
 */
export function MaskToolbar() {
  const { t } = useTranslation();
  const tool = useEditor((state) => state.tool);
  const brushSize = useEditor((state) => state.brushSize);
  const feather = useEditor((state) => state.feather);
  const maskVisible = useEditor((state) => state.maskVisible);
  const percent = useEditor((state) => (state.viewport ? zoomPercent(state.viewport) : 100));
  // The undo and redo buttons follow the mask's changes (the history lives outside the store).
  useEditor((state) => state.version);
  const editor = useEditor.getState();
  const preferences = useEditorPreferences();
  const history = painterSession()?.history;
  // A model that takes no mask gets no mask tools (the side panel says why); the view tools stay.
  const takesMask = useEditModelTakesMask();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.defaultPrevented) return;
      const does = editorKeyFor(event);
      if (!does) return;
      const state = useEditor.getState();
      if (does === 'stagedPrevious' || does === 'stagedNext') {
        // A slider keeps its arrows; everywhere else they go through the staged results.
        if (!state.staging || event.target instanceof HTMLInputElement) return;
      }
      if (does === 'undo' || does === 'redo' || does === 'stagedPrevious' || does === 'stagedNext')
        event.preventDefault();
      runEditorKey(does, state);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="mask-toolbar" role="toolbar" aria-label={t('editor.tools')}>
      {tools
        .filter((entry) => takesMask || entry.tool === 'hand')
        .map((entry) => (
          <button
            key={entry.tool}
            type="button"
            data-testid={`tool-${entry.tool}`}
            aria-pressed={tool === entry.tool}
            title={`${t(`editor.tool.${entry.tool}`)} (${toolKeyLabel(entry.tool)})`}
            onClick={clicked(() => editor.setTool(entry.tool))}
          >
            <span aria-hidden="true">{entry.icon}</span> {t(`editor.tool.${entry.tool}`)}
          </button>
        ))}
      {takesMask && (
        <>
          <label>
            {t('editor.size')}
            <input
              type="range"
              data-testid="brush-size"
              min={1}
              max={500}
              value={brushSize}
              onChange={(event) => editor.setBrushSize(Number(event.target.value))}
            />
            <span className="value">{brushSize}px</span>
          </label>
          <label>
            {t('editor.feather')}
            <input
              type="range"
              data-testid="brush-feather"
              min={0}
              max={100}
              value={Math.round(feather * 100)}
              onChange={(event) => editor.setFeather(Number(event.target.value) / 100)}
            />
          </label>
          <label title={t('editor.pressureHint')}>
            <input
              type="checkbox"
              data-testid="brush-pressure"
              checked={preferences.pressure}
              onChange={(event) => preferences.setPressure(event.target.checked)}
            />
            {t('editor.pressure')}
          </label>
          <button
            type="button"
            data-testid="mask-invert"
            title={`${t('editor.invert')} (I)`}
            onClick={clicked(editor.invertMask)}
          >
            {t('editor.invert')}
          </button>
          <button type="button" data-testid="mask-clear" onClick={clicked(editor.clearMask)}>
            {t('editor.clear')}
          </button>
          <button
            type="button"
            data-testid="undo"
            disabled={!history?.canUndo}
            title={`${t('editor.undo')} (Ctrl+Z)`}
            onClick={clicked(editor.undo)}
          >
            ↶ {t('editor.undo')}
          </button>
          <button
            type="button"
            data-testid="redo"
            disabled={!history?.canRedo}
            title={`${t('editor.redo')} (Ctrl+Shift+Z)`}
            onClick={clicked(editor.redo)}
          >
            ↷ {t('editor.redo')}
          </button>
          <span className="toolbar-group" role="group" aria-label={t('editor.maskSources')}>
            <button
              type="button"
              data-testid="mask-from-alpha"
              title={t('editor.fromAlphaHint')}
              onClick={clicked(editor.maskFromTransparency)}
            >
              {t('editor.fromAlpha')}
            </button>
            <FilePickButton
              label={t('editor.loadMask')}
              accept="image/png,image/jpeg,image/webp"
              testId="mask-load"
              buttonTestId="mask-load-button"
              onFiles={([file]) => (file ? editor.loadMask(file) : undefined)}
            />
            <button type="button" data-testid="mask-save" onClick={clicked(editor.saveMask)}>
              {t('editor.saveMask')}
            </button>
          </span>
          <span className="toolbar-group" role="group" aria-label={t('editor.overlay')}>
            <label>
              <input
                type="checkbox"
                data-testid="mask-visible"
                checked={maskVisible}
                title={`${t('editor.maskVisible')} (M)`}
                onChange={editor.toggleMask}
              />
              {t('editor.maskVisible')}
            </label>
            <input
              type="color"
              data-testid="mask-overlay-color"
              aria-label={t('editor.overlayColor')}
              value={preferences.overlayColor}
              onChange={(event) => preferences.setOverlayColor(event.target.value)}
            />
            <input
              type="range"
              data-testid="mask-overlay-opacity"
              aria-label={t('editor.overlayOpacity')}
              min={5}
              max={100}
              value={Math.round(preferences.overlayOpacity * 100)}
              onChange={(event) => preferences.setOverlayOpacity(Number(event.target.value) / 100)}
            />
          </span>
        </>
      )}
      <span className="toolbar-group" role="group" aria-label={t('editor.zoom')}>
        <button
          type="button"
          data-testid="zoom-out"
          title={`${t('editor.zoomOut')} (-)`}
          aria-label={t('editor.zoomOut')}
          onClick={clicked(() => editor.zoomBy(1 / zoomStep))}
        >
          −
        </button>
        <span className="value" data-testid="zoom-level">
          {t('editor.zoomLevel', { percent })}
        </span>
        <button
          type="button"
          data-testid="zoom-in"
          title={`${t('editor.zoomIn')} (+)`}
          aria-label={t('editor.zoomIn')}
          onClick={clicked(() => editor.zoomBy(zoomStep))}
        >
          +
        </button>
        <button
          type="button"
          data-testid="zoom-fit"
          title={`${t('editor.zoomFit')} (0)`}
          onClick={clicked(editor.zoomToFit)}
        >
          {t('editor.zoomFit')}
        </button>
        <button
          type="button"
          data-testid="zoom-100"
          title={`${t('editor.zoom100')} (1)`}
          onClick={clicked(editor.zoomToActualSize)}
        >
          {t('editor.zoom100')}
        </button>
      </span>
    </div>
  );
}
