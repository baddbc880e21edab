import { create } from 'zustand';
import { invoke } from '../api';
import type { ChannelOutput } from '../../shared/contract';
import { type ImageSort, type ImageSource, type LibraryImage, maxIdsPerCall } from '../../shared/contract/library';
import { attempt, type ShownError } from './attempt';

export interface GalleryFilters {
  query: string;
  model: string;
  provider: string;
  tag: string;
  /** At least this many stars; 0 is any rating. */
  minRating: number;
  source: ImageSource | '';
  /** Days in the user's time (YYYY-MM-DD, as a date input gives them), both included; '' is open. */
  dateFrom: string;
  dateTo: string;
  favorite: boolean;
  sort: ImageSort;
  /** The trash view: only trashed images, which can be restored or deleted for good. */
  trash: boolean;
}

/** A permanent deletion waiting for the user's yes: some trashed images, or the whole trash. */
export type PendingDeletion = { kind: 'delete'; ids: string[] } | { kind: 'empty' };

type Facets = ChannelOutput<'library.facets'>;
/** How a click adds to a multi-selection: Ctrl/⌘ toggles one image, Shift takes the range from the selection. */
export type PickHow = 'toggle' | 'range';

interface GalleryState {
  filters: GalleryFilters;
  images: LibraryImage[];
  next: string | null;
  loading: boolean;
  error: ShownError | null;
  selectedId: string | null;
  /** The selected image when it is not among the loaded ones (opened from another image's lineage). */
  outside: LibraryImage | null;
  /** Images picked for a bulk action (Ctrl/⌘-click, Shift-click, Ctrl/⌘+A), in grid order. */
  picked: string[];
  facets: Facets;
  /** The last destructive action, kept so the toast can undo it. */
  undo: { label: string; ids: string[] } | null;
  pendingDeletion: PendingDeletion | null;
  /** What the last permanent deletion did, for the toast. */
  deleted: { count: number; freedBytes: number } | null;
  setFilters(patch: Partial<GalleryFilters>): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  select(id: string | null): void;
  /** Selects an image whether or not the grid has loaded it (a parent or an edit in the lineage). */
  show(image: LibraryImage): void;
  /** 'toggle' adds or drops one image; 'range' picks everything from the last chosen image to this one. */
  pick(id: string, how: PickHow): void;
  pickAll(): void;
  clearPicked(): void;
  favoriteMany(ids: string[], favorite: boolean): Promise<void>;
  tagMany(ids: string[], add: string[]): Promise<void>;
  rateMany(ids: string[], rating: number): Promise<void>;
  /** Copies the originals, each with its metadata (embedded and a JSON sidecar), into a folder on this computer. */
  exportTo(ids: string[], folder: string): Promise<boolean>;
  /** What the last export did, for the toast. */
  exported: { count: number; folder: string } | null;
  toggleFavorite(id: string): Promise<void>;
  rate(id: string, rating: number): Promise<void>;
  tag(id: string, change: { add?: string[]; remove?: string[] }): Promise<void>;
  trash(ids: string[]): Promise<void>;
  undoTrash(): Promise<void>;
  restore(ids: string[]): Promise<void>;
  /** Asks before anything is deleted for good; confirmDeletion() then does it. */
  askDeletion(pending: PendingDeletion): void;
  cancelDeletion(): void;
  confirmDeletion(): Promise<void>;
  loadFacets(): Promise<void>;
  dismissError(): void;
}

const pageSize = 120;
let generation = 0;

/** Every filter at its "show everything" value: the start, and what "Clear the search and filters" goes back to. */
export const noFilters = {
  query: '',
  model: '',
  provider: '',
  tag: '',
  minRating: 0,
  source: '',
  dateFrom: '',
  dateTo: '',
  favorite: false,
} satisfies Partial<GalleryFilters>;

/** Whether any filter narrows what the gallery shows (the no-match state then offers to clear them). */
export function isFiltered(filters: GalleryFilters): boolean {
  return (Object.keys(noFilters) as Array<keyof typeof noFilters>).some((key) =>
    key === 'query' ? filters.query.trim() !== '' : filters[key] !== noFilters[key],
  );
}

/** A day picked in a date input, as the instant it begins (or, for `end`, its last millisecond) in the user's time. */
function dayEdge(day: string, edge: 'start' | 'end'): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const instant =
    edge === 'start' ? new Date(year, month - 1, date) : new Date(new Date(year, month - 1, date + 1).getTime() - 1);
  return instant.toISOString();
}

function toRequest(filters: GalleryFilters, after?: string | null) {
  return {
    query: filters.query.trim() || undefined,
    model: filters.model || undefined,
    provider: filters.provider || undefined,
    tag: filters.tag || undefined,
    minRating: filters.minRating > 0 ? filters.minRating : undefined,
    source: filters.source || undefined,
    createdFrom: dayEdge(filters.dateFrom, 'start'),
    createdTo: dayEdge(filters.dateTo, 'end'),
    favorite: filters.favorite || undefined,
    sort: filters.sort,
    trashed: filters.trash ? ('only' as const) : undefined,
    limit: pageSize,
    after: after ?? undefined,
  };
}

/** A selection bigger than one call takes (Ctrl+A after a long scroll) goes in parts. */
async function inBatches<T>(ids: string[], call: (batch: string[]) => Promise<T>): Promise<T[]> {
  const answers: T[] = [];
  for (let start = 0; start < ids.length; start += maxIdsPerCall)
    answers.push(await call(ids.slice(start, start + maxIdsPerCall)));
  return answers;
}

/** The images of every answer of a call made in parts. */
const imagesOf = (answers: Array<{ images: LibraryImage[] }>) => answers.flatMap((answer) => answer.images);

/** The loaded images and the one selected outside them, with `updated` in place of their old versions. */
function withUpdated(
  state: Pick<GalleryState, 'images' | 'outside'>,
  updated: LibraryImage[],
): Pick<GalleryState, 'images' | 'outside'> {
  const byId = new Map(updated.map((image) => [image.id, image]));
  return {
    images: state.images.map((image) => byId.get(image.id) ?? image),
    outside: state.outside && (byId.get(state.outside.id) ?? state.outside),
  };
}

/** The loaded images, selection and pick with these ids taken out (trashed, restored or deleted). */
function without(
  state: Pick<GalleryState, 'images' | 'outside' | 'selectedId' | 'picked'>,
  ids: string[],
): Pick<GalleryState, 'images' | 'outside' | 'selectedId' | 'picked'> {
  const gone = new Set(ids);
  return {
    images: state.images.filter((image) => !gone.has(image.id)),
    selectedId: state.selectedId && gone.has(state.selectedId) ? null : state.selectedId,
    outside: state.outside && gone.has(state.outside.id) ? null : state.outside,
    picked: state.picked.filter((id) => !gone.has(id)),
  };
}

function findImage(state: Pick<GalleryState, 'images' | 'outside'>, id: string | null): LibraryImage | undefined {
  if (id === null) return undefined;
  return state.images.find((image) => image.id === id) ?? (state.outside?.id === id ? state.outside : undefined);
}

/** The image the detail panel shows. */
export function selectedImage(
  state: Pick<GalleryState, 'images' | 'outside' | 'selectedId'>,
): LibraryImage | undefined {
  return findImage(state, state.selectedId);
}

/** Whether every picked image is a favourite already (F and the bar's button then take the favourite away). */
export function pickedAreFavorite(state: Pick<GalleryState, 'images' | 'picked'>): boolean {
  const chosen = new Set(state.picked);
  return state.images.filter((image) => chosen.has(image.id)).every((image) => image.favorite);
}

export const useGallery = create<GalleryState>()((set, get) => ({
  // Every action that calls the core goes through attempt(): a failure lands in `error`, shown by the view.
  filters: { ...noFilters, sort: 'newest', trash: false },
  images: [],
  next: null,
  loading: false,
  error: null,
  selectedId: null,
  outside: null,
  picked: [],
  facets: { models: [], providers: [], tags: [], sources: [], ratings: [], favorites: 0 },
  undo: null,
  pendingDeletion: null,
  deleted: null,
  exported: null,
  setFilters: (patch) => {
    // A new search shows other images: a bulk action must never reach ones the user can no longer see.
    const { filters, undo } = get();
    // Into or out of the trash, the Undo of a trashing made elsewhere no longer fits what is shown.
    const switched = patch.trash !== undefined && patch.trash !== filters.trash;
    set({
      filters: { ...filters, ...patch },
      picked: [],
      pendingDeletion: null,
      deleted: null,
      undo: switched ? null : undo,
    });
    // reload() never rejects (its failure is kept in `error`); the filter change itself is done.
    void get().reload();
  },
  reload: async () => {
    const mine = ++generation;
    // A newer search started while this one ran: its answer (or failure) wins, this one is dropped.
    const current = () => mine === generation;
    set({ loading: true });
    await attempt(
      set,
      async () => {
        const page = await invoke('library.list', toRequest(get().filters));
        if (current()) set({ images: page.images, next: page.next });
      },
      { background: true, current },
    );
    if (current()) set({ loading: false });
  },
  loadMore: async () => {
    const { next, loading } = get();
    if (!next || loading) return;
    const mine = generation;
    const current = () => mine === generation;
    set({ loading: true });
    await attempt(
      set,
      async () => {
        const page = await invoke('library.list', toRequest(get().filters, next));
        if (current()) set({ images: [...get().images, ...page.images], next: page.next });
      },
      { background: true, current },
    );
    if (current()) set({ loading: false });
  },
  // A plain selection replaces any multi-selection.
  select: (id) => set({ selectedId: id, picked: [], outside: null }),
  show: (image) => {
    const loaded = get().images.some((candidate) => candidate.id === image.id);
    set({ selectedId: image.id, picked: [], outside: loaded ? null : image });
  },
  pick: (id, how) => {
    const { images, picked, selectedId } = get();
    const order = images.map((image) => image.id);
    let chosen = new Set(picked);
    // Ctrl-click beside a single selection keeps it: the selection grows from what is already chosen.
    if (chosen.size === 0 && selectedId) chosen.add(selectedId);
    if (how === 'range') {
      const from = order.indexOf(selectedId ?? id);
      const to = order.indexOf(id);
      const [low, high] = from < 0 ? [to, to] : [Math.min(from, to), Math.max(from, to)];
      for (const between of order.slice(low, high + 1)) chosen.add(between);
    } else if (chosen.has(id)) chosen.delete(id);
    else chosen.add(id);
    chosen = new Set(order.filter((candidate) => chosen.has(candidate)));
    set({ picked: [...chosen], selectedId: id, outside: null });
  },
  pickAll: () => set({ picked: get().images.map((image) => image.id) }),
  clearPicked: () => set({ picked: [] }),
  favoriteMany: async (ids, favorite) => {
    if (ids.length === 0) return;
    await attempt(set, async () => {
      const images = imagesOf(await inBatches(ids, (batch) => invoke('library.favorite', { ids: batch, favorite })));
      set(withUpdated(get(), images));
    });
  },
  rateMany: async (ids, rating) => {
    if (ids.length === 0) return;
    await attempt(set, async () => {
      const images = imagesOf(await inBatches(ids, (batch) => invoke('library.rate', { ids: batch, rating })));
      set(withUpdated(get(), images));
    });
  },
  exportTo: async (ids, folder) => {
    if (ids.length === 0 || folder.trim() === '') return false;
    set({ exported: null });
    const done = await attempt(set, async () => {
      const answers = await inBatches(ids, (batch) => invoke('library.export', { ids: batch, to: folder.trim() }));
      set({
        exported: { count: answers.reduce((sum, answer) => sum + answer.files.length, 0), folder: folder.trim() },
      });
    });
    return done;
  },
  tagMany: async (ids, add) => {
    if (ids.length === 0 || add.length === 0) return;
    await attempt(set, async () => {
      const images = imagesOf(await inBatches(ids, (batch) => invoke('library.tag', { ids: batch, add })));
      set(withUpdated(get(), images));
    });
  },
  toggleFavorite: async (id) => {
    const image = findImage(get(), id);
    if (!image) return;
    await attempt(set, async () => {
      const { images } = await invoke('library.favorite', { ids: [id], favorite: !image.favorite });
      set(withUpdated(get(), images));
    });
  },
  rate: async (id, rating) => {
    await attempt(set, async () => {
      const { images } = await invoke('library.rate', { ids: [id], rating });
      set(withUpdated(get(), images));
    });
  },
  tag: async (id, change) => {
    await attempt(set, async () => {
      const { images } = await invoke('library.tag', { ids: [id], ...change });
      set(withUpdated(get(), images));
    });
  },
  trash: async (ids) => {
    if (ids.length === 0) return;
    await attempt(set, async () => {
      await inBatches(ids, (batch) => invoke('library.trash', { ids: batch }));
      set({ ...without(get(), ids), undo: { label: 'trash', ids } });
    });
  },
  undoTrash: async () => {
    const undo = get().undo;
    if (!undo) return;
    set({ undo: null });
    const restored = await attempt(set, async () => {
      await inBatches(undo.ids, (batch) => invoke('library.restore', { ids: batch }));
    });
    // Undo stays offered if it failed; the error says why.
    if (restored) await get().reload();
    else set({ undo });
  },
  restore: async (ids) => {
    if (ids.length === 0) return;
    await attempt(set, async () => {
      await inBatches(ids, (batch) => invoke('library.restore', { ids: batch }));
      set(without(get(), ids));
    });
  },
  askDeletion: (pending) => set({ pendingDeletion: pending, deleted: null }),
  cancelDeletion: () => set({ pendingDeletion: null }),
  confirmDeletion: async () => {
    const pending = get().pendingDeletion;
    if (!pending) return;
    set({ pendingDeletion: null });
    await attempt(set, async () => {
      if (pending.kind === 'empty') {
        const result = await invoke('library.emptyTrash', {});
        set({
          ...without(get(), result.deleted),
          deleted: { count: result.deleted.length, freedBytes: result.freedBytes },
        });
        return;
      }
      const answers = await inBatches(pending.ids, (ids) => invoke('library.delete', { ids }));
      const freedBytes = answers.reduce((sum, answer) => sum + answer.freedBytes, 0);
      set({ ...without(get(), pending.ids), deleted: { count: pending.ids.length, freedBytes } });
    });
  },
  loadFacets: async () => {
    await attempt(set, async () => set({ facets: await invoke('library.facets', {}) }), { background: true });
  },
  dismissError: () => set({ error: null }),
}));

/** The warm-up's page query while it runs: the gallery opening then waits for it rather than asking again. */
let warmReload: Promise<void> | null = null;

/**
 * Loads the gallery's first page, unless something already did. Its thumbnails are not fetched ahead: asking for
 * one remakes it if it was lost, which must wait until someone looks (Settings → Check finds it missing until then).
 */
export async function warmGallery(): Promise<void> {
  const gallery = useGallery.getState();
  if (gallery.images.length > 0 || gallery.loading) return;
  warmReload = gallery.reload();
  await warmReload;
  warmReload = null;
}

/**
 * The gallery opening: the warm-up's query if it is still on its way (a second one would only queue behind it).
 * With tiles already drawn from the last page, their thumbnails go first and the fresh page a moment later (the
 * server answers one request at a time); with none, the page at once.
 */
export function reloadOnOpen(): Promise<void> {
  if (warmReload) return warmReload;
  const { images, reload } = useGallery.getState();
  if (images.length === 0) return reload();
  return new Promise((resolve) => requestIdleCallback(() => void reload().then(resolve), { timeout: 300 }));
}
