import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../api';
import { FilePickButton } from '../../components/FilePickButton';
import { readImageDragData } from '../../drag-images';
import { useCatalog } from '../../stores/catalog';
import { referenceRoomOf, sourceUrl, useEditor } from '../../stores/editor';

const accepted = 'image/png,image/jpeg,image/webp';

/**
 * The base and the references sent after it, in order: reorder, remove, replace, add (files or gallery images dropped
 * on the strip). The model's own limit counts the base; a reference past it is marked and not sent.
 */
export function ReferenceStrip() {
  const { t } = useTranslation();
  const source = useEditor((state) => state.source);
  const references = useEditor((state) => state.references);
  const targets = useEditor((state) => state.targets);
  const editor = useEditor.getState();
  // The most generous of the edit's models: each is sent as many references as it takes.
  const room = useCatalog((state) => referenceRoomOf(targets, state.models));
  const limit = room + 1;
  if (!source) return null;
  return (
    <div
      className="reference-strip"
      data-testid="editor-references"
      aria-label={t('editor.references.title')}
      onDragOver={(event) => event.preventDefault()}
      onDrop={async (event) => {
        // Dropped here, images are added as references instead of replacing the base.
        event.preventDefault();
        event.stopPropagation();
        const imageIds = readImageDragData(event);
        if (imageIds.length > 0) for (const id of imageIds) await editor.addReferenceById(id);
        else await editor.addReferences([...event.dataTransfer.files]);
      }}
    >
      <p className="muted hint">{room === 0 ? t('editor.references.none') : t('editor.references.hint', { limit })}</p>
      <ol>
        <li className="reference base">
          <img src={sourceUrl(source, mediaUrl)} alt={source.label} />
          <span>{t('editor.references.base')}</span>
        </li>
        {references.map((reference, index) => (
          <li
            key={`${reference.imageId}-${index}`}
            className="reference"
            data-testid="editor-reference"
            data-image-id={reference.imageId}
            data-sent={index < room}
          >
            <img src={mediaUrl(reference.imageId, 'thumb256')} alt={reference.label} />
            {index >= room && <span className="muted">{t('editor.references.notSent')}</span>}
            <span className="reference-actions">
              <button
                type="button"
                data-testid="reference-earlier"
                aria-label={t('editor.references.earlier', { name: reference.label })}
                disabled={index === 0}
                onClick={() => editor.moveReference(index, -1)}
              >
                ←
              </button>
              <button
                type="button"
                data-testid="reference-later"
                aria-label={t('editor.references.later', { name: reference.label })}
                disabled={index === references.length - 1}
                onClick={() => editor.moveReference(index, 1)}
              >
                →
              </button>
              <FilePickButton
                label="⇄"
                ariaLabel={t('editor.references.replace')}
                accept={accepted}
                testId="reference-replace"
                onFiles={([file]) => (file ? editor.replaceReference(index, file) : undefined)}
              />
              <button
                type="button"
                data-testid="reference-remove"
                aria-label={t('editor.references.remove', { name: reference.label })}
                onClick={() => editor.removeReference(index)}
              >
                ✕
              </button>
            </span>
          </li>
        ))}
      </ol>
      {room > references.length && (
        <FilePickButton
          label={t('editor.references.add')}
          accept={accepted}
          multiple
          testId="reference-add"
          buttonTestId="reference-add-button"
          onFiles={(files) => (files.length > 0 ? editor.addReferences(files) : undefined)}
        />
      )}
    </div>
  );
}
