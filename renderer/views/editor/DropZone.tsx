import { useTranslation } from 'react-i18next';
import { useEditor } from '../../stores/editor';

export const galleryDragType = 'application/x-atelier-image-id';

/** Accepts an image from the desktop (a file) or from the gallery (an image id). */
export function useImageDrop() {
  const openFile = useEditor((state) => state.openFile);
  const openFiles = useEditor((state) => state.openFiles);
  const openLibraryImageById = useEditor((state) => state.openLibraryImageById);
  return {
    onDragOver: (event: React.DragEvent) => {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDrop: async (event: React.DragEvent) => {
      event.preventDefault();
      // The drop zone sits inside the editor's own drop target: one drop opens the file once.
      event.stopPropagation();
      const imageId = event.dataTransfer.getData(galleryDragType);
      if (imageId) {
        await openLibraryImageById(imageId);
        return;
      }
      // One file replaces the image being edited; several: the first is the base, the rest references.
      const files = [...event.dataTransfer.files];
      if (files.length === 1) await openFile(files[0]!);
      else if (files.length > 1) await openFiles(files);
    },
  };
}

export function DropZone() {
  const { t } = useTranslation();
  const openFiles = useEditor((state) => state.openFiles);
  const drop = useImageDrop();
  return (
    <label className="drop-zone" data-testid="editor-drop-zone" onDragOver={drop.onDragOver} onDrop={drop.onDrop}>
      <strong>{t('editor.emptyTitle')}</strong>
      <span>{t('editor.emptyHint')}</span>
      <span className="muted">{t('editor.pasteHint')}</span>
      <span className="button-like">{t('editor.chooseFile')}</span>
      <input
        type="file"
        data-testid="editor-file-input"
        accept="image/png,image/jpeg,image/webp"
        multiple
        hidden
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0) return openFiles(files);
        }}
      />
    </label>
  );
}
