import { useTranslation } from 'react-i18next';
import { type GalleryFilters, isFiltered, noFilters, useGallery } from '../../stores/gallery';
import { useProviderLabel } from './provider-label';

type FilterKey = keyof typeof noFilters;

/** Every filter that narrows the gallery as a chip: × (or Delete/Backspace on it) takes that one filter away. */
export function FilterChips() {
  const { t, i18n } = useTranslation();
  const filters = useGallery((state) => state.filters);
  const setFilters = useGallery((state) => state.setFilters);
  const providerLabel = useProviderLabel();
  // The row keeps its place when empty: setting the first filter (or typing a search) must not push the grid down
  // under the pointer (issue 14, point 6).
  if (!isFiltered(filters)) return <div className="filter-chips" aria-hidden="true" data-testid="filter-chips-none" />;
  const day = (value: string) => new Date(`${value}T00:00`).toLocaleDateString(i18n.language);
  const describe: Record<FilterKey, (f: GalleryFilters) => string> = {
    query: (f) => t('finding.chip.query', { text: f.query.trim() }),
    provider: (f) => t('finding.chip.provider', { name: providerLabel(f.provider) }),
    model: (f) => t('finding.chip.model', { name: f.model }),
    tag: (f) => t('finding.chip.tag', { name: f.tag }),
    minRating: (f) => t('finding.atLeast', { count: f.minRating }),
    source: (f) => (f.source ? t(`detail.sources.${f.source}`) : ''),
    dateFrom: (f) => t('finding.chip.from', { day: day(f.dateFrom) }),
    dateTo: (f) => t('finding.chip.to', { day: day(f.dateTo) }),
    favorite: () => t('gallery.favoritesOnly'),
  };
  const shown = (Object.keys(noFilters) as FilterKey[]).filter((key) =>
    key === 'query' ? filters.query.trim() !== '' : filters[key] !== noFilters[key],
  );
  return (
    <ul className="filter-chips" aria-label={t('finding.active')} data-testid="filter-chips">
      {shown.map((key) => {
        const label = describe[key](filters);
        const remove = () => setFilters({ [key]: noFilters[key] });
        return (
          <li key={key} className="tag filter-chip" data-testid="filter-chip" data-filter={key}>
            {label}
            <button
              type="button"
              aria-label={t('finding.removeFilter', { filter: label })}
              data-testid="filter-chip-remove"
              onClick={remove}
            >
              ×
            </button>
          </li>
        );
      })}
      {shown.length > 1 && (
        <li>
          <button type="button" className="link" data-testid="filter-chips-clear" onClick={() => setFilters(noFilters)}>
            {t('finding.clearAll')}
          </button>
        </li>
      )}
    </ul>
  );
}
