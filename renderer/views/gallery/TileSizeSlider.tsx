import { useTranslation } from 'react-i18next';
import { tileSizes, useGalleryPreferences } from '../../stores/gallery-preferences';
import { type GalleryLayout, galleryLayouts } from './grid-layout';

/** The thumbnails' layout and size, remembered for the next session. */
export function TileSizeSlider() {
  const { t } = useTranslation();
  const tileSize = useGalleryPreferences((state) => state.tileSize);
  const setTileSize = useGalleryPreferences((state) => state.setTileSize);
  const layout = useGalleryPreferences((state) => state.layout);
  const setLayout = useGalleryPreferences((state) => state.setLayout);
  return (
    <>
      <select
        data-testid="gallery-layout"
        aria-label={t('gallery.layout')}
        value={layout}
        onChange={(event) => setLayout(event.target.value as GalleryLayout)}
      >
        {galleryLayouts.map((name) => (
          <option key={name} value={name}>
            {t(`gallery.layouts.${name}`)}
          </option>
        ))}
      </select>
      <label className="tile-size">
        <span>{t('gallery.tileSize')}</span>
        <input
          type="range"
          data-testid="tile-size"
          min={tileSizes.min}
          max={tileSizes.max}
          step={tileSizes.step}
          value={tileSize}
          aria-valuetext={`${tileSize} px`}
          onChange={(event) => setTileSize(Number(event.target.value))}
        />
      </label>
    </>
  );
}
