import { useTranslation } from 'react-i18next';
import { imageSources, type ImageSource } from '../../../shared/contract/library';
import { numberFormat } from '../../i18n/format';
import { useGallery } from '../../stores/gallery';
import { useProviderLabel } from './provider-label';

/**
 * The filters beside the search: provider, model, tag, rating (at least n), source, a date range and favourites,
 * each choice with how many images it holds (the core keeps those counts, so the menus stay fast at 100,000).
 * They combine; each one set shows as a removable chip (FilterChips).
 */
export function GalleryFilters() {
  const { t, i18n } = useTranslation();
  const filters = useGallery((state) => state.filters);
  const facets = useGallery((state) => state.facets);
  const setFilters = useGallery((state) => state.setFilters);
  const providerLabel = useProviderLabel();
  const numbers = numberFormat(i18n.language);
  const count = (value: number) => numbers.format(value);
  const sourceCount = (source: ImageSource) => facets.sources.find((facet) => facet.value === source)?.count ?? 0;
  return (
    <div className="toolbar gallery-filters" role="group" aria-label={t('finding.filters')}>
      <select
        data-testid="gallery-filter-provider"
        aria-label={t('finding.provider')}
        value={filters.provider}
        onChange={(event) => setFilters({ provider: event.target.value })}
      >
        <option value="">{t('finding.allProviders')}</option>
        {withChosen(facets.providers, filters.provider).map((facet) => (
          <option key={facet.value} value={facet.value}>
            {providerLabel(facet.value)} ({count(facet.count)})
          </option>
        ))}
      </select>
      <select
        data-testid="gallery-filter-model"
        aria-label={t('gallery.model')}
        value={filters.model}
        onChange={(event) => setFilters({ model: event.target.value })}
      >
        <option value="">{t('gallery.allModels')}</option>
        {withChosen(facets.models, filters.model).map((facet) => (
          <option key={facet.value} value={facet.value}>
            {facet.value} ({count(facet.count)})
          </option>
        ))}
      </select>
      <select
        data-testid="gallery-filter-tag"
        aria-label={t('finding.tag')}
        value={filters.tag}
        onChange={(event) => setFilters({ tag: event.target.value })}
      >
        <option value="">{t('finding.allTags')}</option>
        {withChosen(facets.tags, filters.tag).map((facet) => (
          <option key={facet.value} value={facet.value}>
            {facet.value} ({count(facet.count)})
          </option>
        ))}
      </select>
      <select
        data-testid="gallery-filter-rating"
        aria-label={t('finding.rating')}
        value={filters.minRating}
        onChange={(event) => setFilters({ minRating: Number(event.target.value) })}
      >
        <option value={0}>{t('finding.anyRating')}</option>
        {facets.ratings.map((facet) => (
          <option key={facet.rating} value={facet.rating}>
            {t('finding.atLeast', { count: facet.rating })} ({count(facet.atLeast)})
          </option>
        ))}
      </select>
      <select
        data-testid="gallery-filter-source"
        aria-label={t('detail.source')}
        value={filters.source}
        onChange={(event) => setFilters({ source: event.target.value as ImageSource | '' })}
      >
        <option value="">{t('finding.allSources')}</option>
        {imageSources.map((source) => (
          <option key={source} value={source}>
            {t(`detail.sources.${source}`)} ({count(sourceCount(source))})
          </option>
        ))}
      </select>
      <label className="date-filter">
        {t('finding.from')}
        <input
          type="date"
          data-testid="gallery-filter-date-from"
          value={filters.dateFrom}
          max={filters.dateTo || undefined}
          onChange={(event) => setFilters({ dateFrom: event.target.value })}
        />
      </label>
      <label className="date-filter">
        {t('finding.to')}
        <input
          type="date"
          data-testid="gallery-filter-date-to"
          value={filters.dateTo}
          min={filters.dateFrom || undefined}
          onChange={(event) => setFilters({ dateTo: event.target.value })}
        />
      </label>
      <label className="toggle">
        <input
          type="checkbox"
          data-testid="gallery-filter-favorite"
          checked={filters.favorite}
          onChange={(event) => setFilters({ favorite: event.target.checked })}
        />
        {t('gallery.favoritesOnly')} ({count(facets.favorites)})
      </label>
    </div>
  );
}

/** The menu's choices, with the chosen one kept even when it no longer holds an image (so the select shows it). */
function withChosen(facets: Array<{ value: string; count: number }>, chosen: string) {
  return chosen === '' || facets.some((facet) => facet.value === chosen)
    ? facets
    : [...facets, { value: chosen, count: 0 }];
}
