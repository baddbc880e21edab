import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface EditorPreferences {
  /** Pen pressure scales the brush (a mouse always paints at full size). */
  pressure: boolean;
  overlayColor: string;
  overlayOpacity: number;
  setPressure(pressure: boolean): void;
  setOverlayColor(color: string): void;
  setOverlayOpacity(opacity: number): void;
}

/** How the painter likes the brush and the mask overlay: this window's own, remembered across sessions. */
export const useEditorPreferences = create<EditorPreferences>()(
  persist(
    (set) => ({
      pressure: true,
      overlayColor: '#ff3860',
      overlayOpacity: 0.55,
      setPressure: (pressure) => set({ pressure }),
      setOverlayColor: (overlayColor) => set({ overlayColor }),
      setOverlayOpacity: (overlayOpacity) => set({ overlayOpacity: Math.max(0.05, Math.min(1, overlayOpacity)) }),
    }),
    { name: 'atelier.editor', version: 1 },
  ),
);
