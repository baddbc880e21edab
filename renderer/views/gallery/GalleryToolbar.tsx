import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ImageSort, imageSorts } from '../../../shared/contract/library';
import { useGallery } from '../../stores/gallery';

/** Search as you type and sort; the filters are GalleryFilters. */
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
  // Each key searches at once unless a page is still on its way; then the box's latest text goes when that page
  // is in. So a fast typist never queues a query per key, and the last key's result waits for one query at the
  // most, never for a timer (bench/gallery-ui.ts: the result within 100 ms of the last key).
  const loading = useGallery((state) => state.loading);
  // Pinyin (or kana) being composed in an input method is not yet what the user means to search for.
  const [composing, setComposing] = useState(false);
  useEffect(() => {
    if (query !== filters.query && !loading && !composing) setFilters({ query });
  }, [query, filters.query, loading, composing, setFilters]);
  return (
    <div className="toolbar" role="search">
      <input
        type="search"
        data-testid="gallery-search"
        placeholder={t('gallery.searchPlaceholder')}
        aria-label={t('gallery.searchPlaceholder')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onCompositionStart={() => setComposing(true)}
        onCompositionEnd={(event) => {
          setComposing(false);
          setQuery(event.currentTarget.value);
        }}
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
