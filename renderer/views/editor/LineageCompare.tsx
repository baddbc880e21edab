import { useTranslation } from 'react-i18next';
import { mediaUrl } from '../../api';
import { sourceUrl, useEditor } from '../../stores/editor';
import { CompareView } from './CompareView';

/** Any two images of a lineage compared at full size in the editor's workspace, with the way back to the canvas. */
export function LineageCompare() {
  const { t } = useTranslation();
  const compare = useEditor((state) => state.compare);
  const source = useEditor((state) => state.source);
  const setCompareSide = useEditor((state) => state.setCompareSide);
  const closeCompare = useEditor((state) => state.closeCompare);
  if (!compare || !source) return null;
  const urlOf = (id: string) => (id === '' ? sourceUrl(source, mediaUrl) : mediaUrl(id, 'original'));
  const nameOf = (id: string) => compare.images.find((image) => image.id === id)?.prompt ?? source.label;
  // The image being edited is offered too when it is not in the library (an extended canvas).
  const choices = [
    ...(source.kind === 'file' ? [{ id: '', name: source.label }] : []),
    ...compare.images.map((image) => ({ id: image.id, name: image.originalName ?? image.prompt ?? image.id })),
  ];
  const picker = (side: 'beforeId' | 'afterId', testId: string, label: string) => (
    <label>
      {label}
      <select data-testid={testId} value={compare[side]} onChange={(event) => setCompareSide(side, event.target.value)}>
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="lineage-compare" data-testid="compare-full-view">
      <div className="compare-controls">
        {picker('beforeId', 'compare-before', t('compare.pickBefore'))}
        {picker('afterId', 'compare-after', t('compare.pickAfter'))}
        <button type="button" data-testid="compare-close" onClick={closeCompare}>
          {t('compare.closeFull')}
        </button>
      </div>
      <CompareView
        key={`${compare.beforeId}:${compare.afterId}`}
        before={urlOf(compare.beforeId)}
        after={urlOf(compare.afterId)}
        label={nameOf(compare.afterId)}
        full
      />
    </div>
  );
}
