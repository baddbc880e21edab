import { useTranslation } from 'react-i18next';
import { FilePickButton } from '../../components/FilePickButton';
import { imageDragType, readImageDragData } from '../../drag-images';
import { useEditor } from '../../stores/editor';

/** The gallery's drag payload type (declared once in drag-images.ts; kept under this name for its readers). */
export const galleryDragType = imageDragType;

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
      // Library images: the first becomes the base, the others references (as with several files).
      const [first, ...rest] = readImageDragData(event);
      if (first) {
        await openLibraryImageById(first);
        for (const id of rest) await useEditor.getState().addReferenceById(id);
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
    <div className="drop-zone" data-testid="editor-drop-zone" onDragOver={drop.onDragOver} onDrop={drop.onDrop}>
      <strong>{t('editor.emptyTitle')}</strong>
      <span>{t('editor.emptyHint')}</span>
      <span className="muted">{t('editor.pasteHint')}</span>
      {/* A real button (not a label around a hidden input), so Tab reaches it and Enter or Space presses it. */}
      <FilePickButton
        label={t('editor.chooseFile')}
        accept="image/png,image/jpeg,image/webp"
        multiple
        testId="editor-file-input"
        buttonTestId="editor-choose-file"
        onFiles={(files) => (files.length > 0 ? openFiles(files) : undefined)}
      />
    </div>
  );
}
