import { create } from 'zustand';
import { invoke } from '../api';
import type { ChannelOutput } from '../../shared/contract';
import type { LibraryImage } from '../../shared/contract/library';

export interface GalleryFilters {
  query: string;
  model: string;
  favorite: boolean;
}

type Facets = ChannelOutput<'library.facets'>;

interface GalleryState {
  filters: GalleryFilters;
  images: LibraryImage[];
  next: string | null;
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  facets: Facets;
  /** The last destructive action, kept so the toast can undo it. */
  undo: { label: string; ids: string[] } | null;
  setFilters(patch: Partial<GalleryFilters>): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  select(id: string | null): void;
  toggleFavorite(id: string): Promise<void>;
  rate(id: string, rating: number): Promise<void>;
  tag(id: string, change: { add?: string[]; remove?: string[] }): Promise<void>;
  trash(ids: string[]): Promise<void>;
  undoTrash(): Promise<void>;
  loadFacets(): Promise<void>;
}

const pageSize = 120;
let generation = 0;

function toRequest(filters: GalleryFilters, after?: string | null) {
  return {
    query: filters.query.trim() || undefined,
    model: filters.model || undefined,
    favorite: filters.favorite || undefined,
    limit: pageSize,
    after: after ?? undefined,
  };
}

function replaceImages(images: LibraryImage[], updated: LibraryImage[]): LibraryImage[] {
  const byId = new Map(updated.map((image) => [image.id, image]));
  return images.map((image) => byId.get(image.id) ?? image);
}

export const useGallery = create<GalleryState>()((set, get) => ({
  filters: { query: '', model: '', favorite: false },
  images: [],
  next: null,
  loading: false,
  error: null,
  selectedId: null,
  facets: { models: [], providers: [], tags: [] },
  undo: null,
  setFilters: (patch) => {
    set({ filters: { ...get().filters, ...patch } });
    void get().reload();
  },
  reload: async () => {
    const mine = ++generation;
    set({ loading: true, error: null });
    try {
      const page = await invoke('library.list', toRequest(get().filters));
      // A newer search started while this one ran: its answer wins, this one is dropped.
      if (mine !== generation) return;
      set({ images: page.images, next: page.next, loading: false });
    } catch (error) {
      if (mine === generation) set({ loading: false, error: (error as Error).message });
    }
  },
  loadMore: async () => {
    const { next, loading } = get();
    if (!next || loading) return;
    const mine = generation;
    set({ loading: true });
    try {
      const page = await invoke('library.list', toRequest(get().filters, next));
      if (mine !== generation) return;
      set({ images: [...get().images, ...page.images], next: page.next, loading: false });
    } catch (error) {
      set({ loading: false, error: (error as Error).message });
    }
  },
  select: (id) => set({ selectedId: id }),
  toggleFavorite: async (id) => {
    const image = get().images.find((candidate) => candidate.id === id);
    if (!image) return;
    const { images } = await invoke('library.favorite', { ids: [id], favorite: !image.favorite });
    set({ images: replaceImages(get().images, images) });
  },
  rate: async (id, rating) => {
    const { images } = await invoke('library.rate', { ids: [id], rating });
    set({ images: replaceImages(get().images, images) });
  },
  tag: async (id, change) => {
    try {
      const { images } = await invoke('library.tag', { ids: [id], ...change });
      set({ images: replaceImages(get().images, images), error: null });
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },
  trash: async (ids) => {
    if (ids.length === 0) return;
    await invoke('library.trash', { ids });
    const gone = new Set(ids);
    const { images, selectedId } = get();
    set({
      images: images.filter((image) => !gone.has(image.id)),
      selectedId: selectedId && gone.has(selectedId) ? null : selectedId,
      undo: { label: 'trash', ids },
    });
  },
  undoTrash: async () => {
    const undo = get().undo;
    if (!undo) return;
    set({ undo: null });
    await invoke('library.restore', { ids: undo.ids });
    await get().reload();
  },
  loadFacets: async () => {
    set({ facets: await invoke('library.facets', {}) });
  },
}));
