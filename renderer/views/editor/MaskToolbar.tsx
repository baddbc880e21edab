import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { painterSession } from '../../painter/session';
import { zoomPercent } from '../../painter/viewport';
import { findModel, useCatalog } from '../../stores/catalog';
import { type Tool, useEditor } from '../../stores/editor';
import { useEditorPreferences } from '../../stores/editor-preferences';
import { isTyping } from './keys';

const tools: Array<{ tool: Tool; key: string; icon: string }> = [
  { tool: 'brush', key: 'b', icon: '✎' },
  { tool: 'eraser', key: 'e', icon: '⌫' },
  { tool: 'rect', key: 'r', icon: '▭' },
  { tool: 'lasso', key: 'l', icon: '∿' },
  { tool: 'hand', key: 'h', icon: '✥' },
];

/** One zoom button step: two clicks from 100 % is 400 %. */
const zoomStep = 2;

/** A button clicked with the pointer lets go of the focus, so a later Space or Enter cannot press it again. */
function clicked(action: () => unknown) {
  return (event: React.MouseEvent<HTMLButtonElement>) => {
    if (event.detail > 0) event.currentTarget.blur();
    return action();
  };
}

/**
 * Tools, view and mask commands, with the shortcuts painters expect: B E R L H, X, [ and ], 0 and 1, + and -, M, I,
 * Ctrl+Z / Ctrl+Shift+Z, and ← → O for staged results (Space-drag pans: see useSpaceToPan).
 */
export function MaskToolbar() {
  const { t } = useTranslation();
  const editor = useEditor();
  const { tool, brushSize, feather, viewport, maskVisible } = editor;
  const preferences = useEditorPreferences();
  const history = painterSession()?.history;
  // A model that takes no mask gets no mask tools (the side panel says why); the view tools stay.
  const target = useEditor((state) => state.target);
  const takesMask = useCatalog((state) => findModel(state.models, target.providerId, target.model)?.mask ?? true);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.defaultPrevented) return;
      const state = useEditor.getState();
      const key = event.key.toLowerCase();
      if ((event.ctrlKey || event.metaKey) && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) state.redo();
        else state.undo();
      } else if ((event.ctrlKey || event.metaKey) && key === 'y') {
        event.preventDefault();
        state.redo();
      } else if ((key === 'arrowleft' || key === 'arrowright') && state.staging) {
        // A slider keeps its arrows; everywhere else they go through the staged results.
        if (event.target instanceof HTMLInputElement) return;
        event.preventDefault();
        state.cycleCandidate(key === 'arrowleft' ? -1 : 1);
      } else if (!event.ctrlKey && !event.metaKey && !event.altKey) {
        const match = tools.find((entry) => entry.key === key);
        if (match) state.setTool(match.tool);
        else if (key === '[') state.setBrushSize(state.brushSize * 0.8);
        else if (key === ']') state.setBrushSize(state.brushSize * 1.25);
        else if (key === 'i') state.invertMask();
        else if (key === 'x') state.swapBrushEraser();
        else if (key === 'm') state.toggleMask();
        else if (key === 'o') state.toggleOriginal();
        else if (key === '0') state.zoomToFit();
        else if (key === '1') state.zoomToActualSize();
        else if (key === '+' || key === '=') state.zoomBy(zoomStep);
        else if (key === '-') state.zoomBy(1 / zoomStep);
      }
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
            title={`${t(`editor.tool.${entry.tool}`)} (${entry.key.toUpperCase()})`}
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
            <label className="button-like">
              {t('editor.loadMask')}
              <input
                type="file"
                data-testid="mask-load"
                accept="image/png,image/jpeg,image/webp"
                hidden
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = '';
                  if (file) return editor.loadMask(file);
                }}
              />
            </label>
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
          {t('editor.zoomLevel', { percent: viewport ? zoomPercent(viewport) : 100 })}
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
