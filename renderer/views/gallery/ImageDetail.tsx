import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../api';
import { ReuseSettingsButton } from '../../components/ReuseSettingsButton';
import { TagInput } from '../../components/TagInput';
import { useEditor } from '../../stores/editor';
import { settingsOfImage } from '../../stores/reuse';
import { selectedImage, useGallery } from '../../stores/gallery';
import { useShell } from '../../stores/shell';
import { generatorNames, type Generator } from '../../../shared/contract/library';
import { formatUsd } from '../../i18n/format';
import { ComfyWorkflow } from './ComfyWorkflow';
import { Lineage } from './Lineage';

export function ImageDetail() {
  const { t, i18n } = useTranslation();
  const image = useGallery(selectedImage);
  const toggleFavorite = useGallery((state) => state.toggleFavorite);
  const rate = useGallery((state) => state.rate);
  const trash = useGallery((state) => state.trash);
  const openInEditor = useEditor((state) => state.openLibraryImage);
  const setView = useShell((state) => state.setView);
  if (!image) return null;
  const generator = generatorOf(image.params);
  const facts: Array<[string, string | null]> = [
    [t('detail.generator'), generator && generatorNames[generator]],
    [t('detail.model'), image.model],
    [t('detail.provider'), image.provider],
    [
      t('detail.size'),
      `${image.width} × ${image.height} · ${image.format.toUpperCase()} · ${(image.bytes / 1024).toFixed(0)} KB`,
    ],
    [t('detail.seed'), image.seed === null ? null : String(image.seed)],
    [t('detail.cost'), image.costUsd === null ? null : (formatUsd(image.costUsd, i18n.language) ?? t('spend.free'))],
    [t('detail.latency'), image.latencyMs === null ? null : `${(image.latencyMs / 1000).toFixed(1)} s`],
    [t('detail.created'), new Date(image.createdAt).toLocaleString(i18n.language)],
    [t('detail.source'), t(`detail.sources.${image.source}`)],
    [t('detail.file'), image.originalName],
  ];
  return (
    <aside className="image-detail" data-testid="image-detail" aria-label={t('detail.title')}>
      <img className="preview" src={mediaUrl(image.id, 'thumb768')} alt={image.prompt ?? ''} />
      <div className="actions">
        <button
          type="button"
          data-testid="detail-favorite"
          aria-pressed={image.favorite}
          onClick={() => toggleFavorite(image.id)}
        >
          {image.favorite ? '★' : '☆'} {t('detail.favorite')}
        </button>
        <span className="rating" role="radiogroup" aria-label={t('detail.rating')}>
          {[1, 2, 3, 4, 5].map((value) => (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={image.rating === value}
              aria-label={t('detail.rateStars', { count: value })}
              data-testid={`detail-rate-${value}`}
              onClick={() => rate(image.id, image.rating === value ? 0 : value)}
            >
              {value <= image.rating ? '●' : '○'}
            </button>
          ))}
        </span>
        <button
          type="button"
          data-testid="detail-edit"
          onClick={() => {
            openInEditor(image);
            setView('editor');
          }}
        >
          {t('detail.edit')}
        </button>
        {/* An edit's settings without its input image would make another picture: Generate cannot redo it. */}
        {image.prompt !== null && image.source !== 'edited' && (
          <ReuseSettingsButton settings={() => settingsOfImage(image)} />
        )}
        {image.trashedAt === null && (
          <button type="button" data-testid="detail-trash" onClick={() => trash([image.id])}>
            {t('detail.trash')}
          </button>
        )}
      </div>
      {image.prompt && (
        <p className="prompt" data-testid="detail-prompt">
          {image.prompt}
        </p>
      )}
      {generator === 'comfyui' && <ComfyWorkflow key={image.id} imageId={image.id} />}
      <TagEditor imageId={image.id} tags={image.tags} />
      <Lineage key={image.id} image={image} />
      <dl className="facts">
        {facts
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label} className="fact">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </aside>
  );
}

/** The tool that wrote an imported file's metadata (params.generator), when it is one we know. */
function generatorOf(params: Record<string, unknown> | null): Generator | null {
  const named = params?.generator;
  return typeof named === 'string' && Object.hasOwn(generatorNames, named) ? (named as Generator) : null;
}

/** Tags as chips: × removes one, Enter (or a comma) adds what was typed. */
function TagEditor({ imageId, tags }: { imageId: string; tags: string[] }) {
  const { t } = useTranslation();
  const tag = useGallery((state) => state.tag);
  return (
    <div className="tags" data-testid="detail-tags" role="group" aria-label={t('detail.tags')}>
      {tags.map((name) => (
        <span key={name} className="tag" data-testid="detail-tag">
          {name}
          <button
            type="button"
            aria-label={t('detail.removeTag', { tag: name })}
            onClick={() => tag(imageId, { remove: [name] })}
          >
            ×
          </button>
        </span>
      ))}
      <TagInput
        testId="detail-tag-input"
        label={t('detail.addTag')}
        onAdd={(names) => tag(imageId, { add: names })}
        commitOnBlur
      />
    </div>
  );
}
