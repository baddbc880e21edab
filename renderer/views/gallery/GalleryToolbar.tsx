import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ImageSort, imageSorts } from '../../../shared/contract/library';
import { useGallery } from '../../stores/gallery';

/** Search as you type (debounced so a fast typist does not queue a query per key) and sort; the filters are GalleryFilters. */
export function GalleryToolbar() {
  const { t } = useTranslation();
  const filters = useGallery((state) => state.filters);
  const setFilters = useGallery((state) => state.setFilters);
  const [query, setQuery] = useState(filters.query);
  // A search cleared elsewhere (the no-match state's button) shows in the box too.
  const [shownQuery, setShownQuery] = useState(filters.query);
  if (filters.query !== shownQuery) {
    setShownQuery(filters.query);
    setQuery(filters.query);
  }
  useEffect(() => {
    if (query === filters.query) return;
    // 50 ms: a page query takes a few ms at 100,000 images (bench/library.ts) and a stale answer is dropped, so
    // a short wait is enough not to queue one per key; the result must show within 100 ms (bench/gallery-ui.ts).
    const timer = setTimeout(() => setFilters({ query }), 50);
    return () => clearTimeout(timer);
  }, [query, filters.query, setFilters]);
  return (
    <div className="toolbar" role="search">
      <input
        type="search"
        data-testid="gallery-search"
        placeholder={t('gallery.searchPlaceholder')}
        aria-label={t('gallery.searchPlaceholder')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <select
        data-testid="gallery-sort"
        aria-label={t('gallery.sort')}
        value={filters.sort}
        onChange={(event) => setFilters({ sort: event.target.value as ImageSort })}
      >
        {imageSorts.map((sort) => (
          <option key={sort} value={sort}>
            {t(`gallery.sorts.${sort}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
