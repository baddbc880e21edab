import { useTranslation } from 'react-i18next';
import { tileSizes, useGalleryPreferences } from '../../stores/gallery-preferences';

/** The thumbnails' size, remembered for the next session. */
export function TileSizeSlider() {
  const { t } = useTranslation();
  const tileSize = useGalleryPreferences((state) => state.tileSize);
  const setTileSize = useGalleryPreferences((state) => state.setTileSize);
  return (
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
  );
}
