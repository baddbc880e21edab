import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { type GalleryLayout, galleryLayouts } from '../views/gallery/grid-layout';

/** The gallery's tile edge in CSS pixels: the slider's range and step, and where a new window starts. */
export const tileSizes = { min: 96, max: 320, step: 8, initial: 176 } as const;

export function clampTileSize(size: number): number {
  if (!Number.isFinite(size)) return tileSizes.initial;
  return Math.round(Math.min(tileSizes.max, Math.max(tileSizes.min, size)));
}

interface GalleryPreferences {
  tileSize: number;
  layout: GalleryLayout;
  setTileSize(size: number): void;
  setLayout(layout: GalleryLayout): void;
}

/** How big this window's user likes the thumbnails, remembered across sessions. */
export const useGalleryPreferences = create<GalleryPreferences>()(
  persist(
    (set) => ({
      tileSize: tileSizes.initial,
      // Whole images by default: a square crop cuts off the sides of 16:9 and the top of 2:3 images.
      layout: 'justified',
      setTileSize: (size) => set({ tileSize: clampTileSize(size) }),
      setLayout: (layout) => set({ layout }),
    }),
    {
      name: 'atelier.gallery',
      version: 1,
      // A value edited by hand or left by another version is brought back into range.
      merge: (persisted, current) => {
        const kept = (persisted ?? {}) as Partial<GalleryPreferences>;
        return {
          ...current,
          tileSize: clampTileSize(kept.tileSize ?? current.tileSize),
          layout: galleryLayouts.includes(kept.layout as GalleryLayout) ? kept.layout! : current.layout,
        };
      },
    },
  ),
);
