import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { painterSession } from '../../painter/session';
import { type Tool, useEditor } from '../../stores/editor';

const tools: Array<{ tool: Tool; key: string; icon: string }> = [
  { tool: 'brush', key: 'b', icon: '✎' },
  { tool: 'eraser', key: 'e', icon: '⌫' },
  { tool: 'rect', key: 'r', icon: '▭' },
  { tool: 'lasso', key: 'l', icon: '∿' },
];

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT' || target.isContentEditable)
  );
}

/** Tools and mask commands, with the shortcuts painters expect: B E R L, [ and ], Ctrl+Z / Ctrl+Shift+Z. */
export function MaskToolbar() {
  const { t } = useTranslation();
  const { tool, brushSize, feather, setTool, setBrushSize, setFeather, undo, redo, invertMask, clearMask } =
    useEditor();
  useEditor((state) => state.version);
  const history = painterSession()?.history;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if ((event.ctrlKey || event.metaKey) && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) redo();
        else undo();
      } else if ((event.ctrlKey || event.metaKey) && key === 'y') {
        event.preventDefault();
        redo();
      } else if (!event.ctrlKey && !event.metaKey && !event.altKey) {
        const match = tools.find((entry) => entry.key === key);
        if (match) setTool(match.tool);
        else if (key === '[') setBrushSize(useEditor.getState().brushSize * 0.8);
        else if (key === ']') setBrushSize(useEditor.getState().brushSize * 1.25);
        else if (key === 'i') invertMask();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo, setTool, setBrushSize, invertMask]);

  return (
    <div className="mask-toolbar" role="toolbar" aria-label={t('editor.tools')}>
      {tools.map((entry) => (
        <button
          key={entry.tool}
          type="button"
          data-testid={`tool-${entry.tool}`}
          aria-pressed={tool === entry.tool}
          title={`${t(`editor.tool.${entry.tool}`)} (${entry.key.toUpperCase()})`}
          onClick={() => setTool(entry.tool)}
        >
          <span aria-hidden="true">{entry.icon}</span> {t(`editor.tool.${entry.tool}`)}
        </button>
      ))}
      <label>
        {t('editor.size')}
        <input
          type="range"
          data-testid="brush-size"
          min={1}
          max={500}
          value={brushSize}
          onChange={(event) => setBrushSize(Number(event.target.value))}
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
          onChange={(event) => setFeather(Number(event.target.value) / 100)}
        />
      </label>
      <button type="button" data-testid="mask-invert" title={`${t('editor.invert')} (I)`} onClick={invertMask}>
        {t('editor.invert')}
      </button>
      <button type="button" data-testid="mask-clear" onClick={clearMask}>
        {t('editor.clear')}
      </button>
      <button
        type="button"
        data-testid="undo"
        disabled={!history?.canUndo}
        title={`${t('editor.undo')} (Ctrl+Z)`}
        onClick={undo}
      >
        ↶ {t('editor.undo')}
      </button>
      <button
        type="button"
        data-testid="redo"
        disabled={!history?.canRedo}
        title={`${t('editor.redo')} (Ctrl+Shift+Z)`}
        onClick={redo}
      >
        ↷ {t('editor.redo')}
      </button>
    </div>
  );
}
