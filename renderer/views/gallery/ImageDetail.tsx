import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../api';
import { ReuseSettingsButton } from '../../components/ReuseSettingsButton';
import { TagInput } from '../../components/TagInput';
import { useEditor } from '../../stores/editor';
import { settingsOfImage } from '../../stores/reuse';
import { selectedImage, useGallery } from '../../stores/gallery';
import { useShell } from '../../stores/shell';
import { generatorNames, type Generator, type LibraryImage } from '../../../shared/contract/library';
import { formatBytes, formatUsd } from '../../i18n/format';
import { ComfyWorkflow } from './ComfyWorkflow';
import { EmbeddedMetadata } from './EmbeddedMetadata';
import { Lineage } from './Lineage';
import { OsFileActions } from './OsFileActions';
import { useProviderLabel } from './provider-label';

/** Parameters shown as facts of their own (or not facts at all), so the parameter list does not repeat them. */
const shownElsewhere = new Set(['seed', 'generator', 'prompt', 'negativePrompt', 'negative_prompt']);

export function ImageDetail() {
  const { t, i18n } = useTranslation();
  const image = useGallery(selectedImage);
  const toggleFavorite = useGallery((state) => state.toggleFavorite);
  const rate = useGallery((state) => state.rate);
  const trash = useGallery((state) => state.trash);
  const openInEditor = useEditor((state) => state.openLibraryImage);
  const setView = useShell((state) => state.setView);
  const providerLabel = useProviderLabel();
  if (!image) return null;
  const generator = generatorOf(image.params);
  const facts: Array<[string, string | null, string]> = [
    [t('detail.generator'), generator && generatorNames[generator], 'generator'],
    [t('detail.provider'), image.provider && providerLabel(image.provider), 'provider'],
    [t('detail.model'), image.model, 'model'],
    [
      t('detail.size'),
      `${image.width} × ${image.height} · ${image.format.toUpperCase()} · ${formatBytes(image.bytes, i18n.language)}`,
      'size',
    ],
    [t('detail.seed'), image.seed === null ? null : String(image.seed), 'seed'],
    [
      t('detail.cost'),
      image.costUsd === null ? null : (formatUsd(image.costUsd, i18n.language) ?? t('spend.free')),
      'cost',
    ],
    [t('detail.latency'), image.latencyMs === null ? null : `${(image.latencyMs / 1000).toFixed(1)} s`, 'latency'],
    [t('detail.created'), new Date(image.createdAt).toLocaleString(i18n.language), 'created'],
    [t('detail.source'), t(`detail.sources.${image.source}`), 'source'],
    [t('detail.file'), image.originalName, 'file'],
  ];
  const params = Object.entries(image.params ?? {}).filter(
    ([key, value]) => !shownElsewhere.has(key) && value !== null && value !== undefined && value !== '',
  );
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
          data-testid="open-in-editor"
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
        <OsFileActions image={image} />
        {image.trashedAt === null && (
          <button type="button" data-testid="detail-trash" onClick={() => trash([image.id])}>
            {t('detail.trash')}
          </button>
        )}
      </div>
      {image.prompt && <PromptText key={`prompt-${image.id}`} prompt={image.prompt} />}
      {image.negativePrompt && (
        <div className="prompt negative" data-testid="detail-negative-prompt">
          <span className="muted">{t('finding.negativePrompt')}</span> {image.negativePrompt}
        </div>
      )}
      {generator === 'comfyui' && <ComfyWorkflow key={`workflow-${image.id}`} imageId={image.id} />}
      <TagEditor imageId={image.id} tags={image.tags} />
      <Lineage key={`lineage-${image.id}`} image={image} />
      <dl className="facts">
        {facts
          .filter(([, value]) => value)
          .map(([label, value, key]) => (
            <div key={key} className="fact" data-testid={`detail-fact-${key}`}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {params.length > 0 && (
        <section aria-label={t('finding.parameters')}>
          <h3 className="muted">{t('finding.parameters')}</h3>
          <dl className="facts" data-testid="detail-params">
            {params.map(([key, value]) => (
              <div key={key} className="fact">
                <dt>{key}</dt>
                <dd>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {image.source === 'imported' && <EmbeddedMetadata key={`metadata-${image.id}`} imageId={image.id} />}
    </aside>
  );
}

/** The prompt, with Copy prompt beside it (the button says it worked for a moment). */
function PromptText({ prompt }: { prompt: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="prompt-block">
      <p className="prompt" data-testid="detail-prompt">
        {prompt}
      </p>
      <button
        type="button"
        data-testid="copy-prompt"
        onClick={async () => {
          await navigator.clipboard.writeText(prompt);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        }}
      >
        {copied ? t('finding.promptCopied') : t('finding.copyPrompt')}
      </button>
    </div>
  );
}

/** The tool that wrote an imported file's metadata (params.generator), when it is one we know. */
function generatorOf(params: Record<string, unknown> | null): Generator | null {
  const named = params?.generator;
  return typeof named === 'string' && Object.hasOwn(generatorNames, named) ? (named as Generator) : null;
}

/** Several images picked: what they are together, never one of them. */
export function SelectionSummary({ images }: { images: LibraryImage[] }) {
  const { t, i18n } = useTranslation();
  const bytes = images.reduce((sum, image) => sum + image.bytes, 0);
  const priced = images.filter((image) => image.costUsd !== null);
  const cost = priced.reduce((sum, image) => sum + (image.costUsd ?? 0), 0);
  const shown = images.slice(0, 12);
  return (
    <aside className="image-detail selection-summary" data-testid="selection-summary" aria-label={t('detail.title')}>
      <h2 data-testid="selection-summary-count">{t('gallery.picked', { count: images.length })}</h2>
      <div className="summary-thumbs">
        {shown.map((image) => (
          <img key={image.id} src={mediaUrl(image.id, 'thumb256')} alt={image.prompt ?? image.originalName ?? ''} />
        ))}
        {images.length > shown.length && <span className="muted">+{images.length - shown.length}</span>}
      </div>
      <dl className="facts">
        <div className="fact" data-testid="selection-summary-size">
          <dt>{t('finding.totalSize')}</dt>
          <dd>{formatBytes(bytes, i18n.language)}</dd>
        </div>
        <div className="fact" data-testid="selection-summary-cost">
          <dt>{t('finding.totalCost')}</dt>
          <dd>{priced.length === 0 ? '—' : (formatUsd(cost, i18n.language) ?? t('spend.free'))}</dd>
        </div>
      </dl>
    </aside>
  );
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
