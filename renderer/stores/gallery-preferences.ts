import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/** The gallery's tile edge in CSS pixels: the slider's range and step, and where a new window starts. */
export const tileSizes = { min: 96, max: 320, step: 8, initial: 176 } as const;

export function clampTileSize(size: number): number {
  if (!Number.isFinite(size)) return tileSizes.initial;
  return Math.round(Math.min(tileSizes.max, Math.max(tileSizes.min, size)));
}

interface GalleryPreferences {
  tileSize: number;
  setTileSize(size: number): void;
}

/** How big this window's user likes the thumbnails, remembered across sessions. */
export const useGalleryPreferences = create<GalleryPreferences>()(
  persist(
    (set) => ({
      tileSize: tileSizes.initial,
      setTileSize: (size) => set({ tileSize: clampTileSize(size) }),
    }),
    {
      name: 'atelier.gallery',
      version: 1,
      // A value edited by hand or left by another version is brought back into range.
      merge: (persisted, current) => ({
        ...current,
        tileSize: clampTileSize((persisted as Partial<GalleryPreferences> | undefined)?.tileSize ?? current.tileSize),
      }),
    },
  ),
);
