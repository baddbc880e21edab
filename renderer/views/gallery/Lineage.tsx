import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryImage, Lineage as LineageFacts } from '../../../shared/contract/library';
import { invoke, mediaUrl, on } from '../../api';
import { useGallery } from '../../stores/gallery';
import { ReuseSettingsButton } from '../../components/ReuseSettingsButton';
import { settingsOfImage } from '../../stores/reuse';
import { CompareDialog } from './CompareDialog';

/**
 * Where an image came from and what was made from it: the chain of images it was edited from (the
 * first one first), the edits made from it, and a side-by-side comparison with its parent. A click
 * opens any of them here, loaded in the grid or not. Nothing shows for an image with no family.
 */
// Keyed by the image id where it is used, so its compare dialog closes when another image opens.
export function Lineage({ image }: { image: LibraryImage }) {
  const { t } = useTranslation();
  const [facts, setFacts] = useState<LineageFacts | null>(null);
  const [comparing, setComparing] = useState(false);
  const show = useGallery((state) => state.show);

  useEffect(() => {
    let current = true;
    const load = () =>
      invoke('library.lineage', { id: image.id })
        .then((answer) => current && setFacts(answer))
        // The image went away meanwhile (deleted in another window): the panel closes on the next reload.
        .catch(() => current && setFacts(null));
    void load();
    // A new edit of this image, or a parent trashed or restored elsewhere, shows up at once.
    const stop = on('library.changed', () => void load());
    return () => {
      current = false;
      stop();
    };
  }, [image.id]);

  if (!facts || facts.ancestors.length + facts.childCount === 0) return null;
  const parent = facts.ancestors.at(-1);
  return (
    <section className="lineage" data-testid="detail-lineage" aria-label={t('lineage.title')}>
      {parent && (
        <>
          <h3>{t('lineage.madeFrom')}</h3>
          <ol className="lineage-row">
            {facts.ancestors.map((ancestor) => (
              <LineageThumb key={ancestor.id} image={ancestor} testId="lineage-ancestor" onOpen={show} />
            ))}
          </ol>
          <button type="button" data-testid="lineage-compare" onClick={() => setComparing(true)}>
            {t('lineage.compare')}
          </button>
        </>
      )}
      {facts.childCount > 0 && (
        <>
          <h3>{t('lineage.edits', { count: facts.childCount })}</h3>
          <ol className="lineage-row">
            {facts.children.map((child) => (
              <LineageThumb key={child.id} image={child} testId="lineage-child" onOpen={show} />
            ))}
          </ol>
        </>
      )}
      {comparing && parent && (
        <CompareDialog
          before={mediaUrl(parent.id, 'original')}
          after={mediaUrl(image.id, 'original')}
          label={image.prompt ?? ''}
          onClose={() => setComparing(false)}
        />
      )}
    </section>
  );
}

function LineageThumb({
  image,
  testId,
  onOpen,
}: {
  image: LibraryImage;
  testId: string;
  onOpen: (image: LibraryImage) => void;
}) {
  const { t } = useTranslation();
  const name = image.prompt ?? image.originalName ?? image.id;
  const trashed = image.trashedAt !== null;
  return (
    <li>
      <button
        type="button"
        className={trashed ? 'lineage-thumb trashed' : 'lineage-thumb'}
        data-testid={testId}
        data-image-id={image.id}
        title={trashed ? `${name} (${t('lineage.trashed')})` : name}
        aria-label={t('lineage.open', { name })}
        onClick={() => onOpen(image)}
      >
        <img src={mediaUrl(image.id, 'thumb256')} alt="" />
      </button>
      {image.provider && image.model && (
        <ReuseSettingsButton settings={() => settingsOfImage(image)} testId="lineage-reuse" />
      )}
    </li>
  );
}
