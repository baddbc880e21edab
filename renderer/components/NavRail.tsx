import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { carriesImages, readImageDragData } from '../drag-images';
import { useEditor } from '../stores/editor';
import { useShell, views, type View } from '../stores/shell';

const icons: Record<View, string> = { generate: '✦', gallery: '▦', editor: '✎', settings: '⚙' };
const modifier = /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+';

export function NavRail() {
  const { t } = useTranslation();
  const view = useShell((state) => state.view);
  const setView = useShell((state) => state.setView);
  const [dropping, setDropping] = useState(false);
  /** Images dragged onto the Editor's item (gallery tiles, or files) open there: the first the base, the rest references. */
  const editorDrop = {
    onDragOver: (event: React.DragEvent) => {
      if (!carriesImages(event) && ![...event.dataTransfer.types].includes('Files')) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setDropping(true);
    },
    onDragLeave: () => setDropping(false),
    onDrop: async (event: React.DragEvent) => {
      event.preventDefault();
      setDropping(false);
      const [first, ...rest] = readImageDragData(event);
      const files = [...event.dataTransfer.files];
      if (!first && files.length === 0) return;
      setView('editor');
      const editor = useEditor.getState();
      if (first) {
        await editor.openLibraryImageById(first);
        for (const id of rest) await useEditor.getState().addReferenceById(id);
      } else await editor.openFiles(files);
    },
  };
  return (
    <nav className="nav-rail" aria-label="Atelier">
      <div className="brand" aria-hidden="true">
        A
      </div>
      {views.map((name, index) => (
        <button
          key={name}
          type="button"
          data-testid={`nav-${name}`}
          className={
            [name === view && 'active', name === 'editor' && dropping && 'drop-target'].filter(Boolean).join(' ') ||
            undefined
          }
          aria-current={name === view ? 'page' : undefined}
          title={t('nav.shortcut', { keys: `${modifier}${index + 1}` })}
          onClick={() => setView(name)}
          {...(name === 'editor' && editorDrop)}
        >
          <span className="icon" aria-hidden="true">
            {icons[name]}
          </span>
          <span className="label">{t(`nav.${name}`)}</span>
        </button>
      ))}
    </nav>
  );
}
