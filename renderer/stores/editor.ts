import { create } from 'zustand';
import { ApiError, invoke, mediaUrl } from '../api';
import { decodePixels, padImage } from '../painter/decode';
import { blobToBase64, download, maskToPng, maskToPngBase64 } from '../painter/encode';
import { cleanPadding, extendMask, outpaintFill, type Padding, paddedSize } from '../painter/outpaint';
import type { MaskBitmap } from '../painter/mask';
import { maskFromMaskImage, maskFromTransparency } from '../painter/sources';
import { painterSession, startPainterSession } from '../painter/session';
import { clear, invert, type Point } from '../painter/tools';
import { actualSize, fit, type Size, type Viewport, zoomAbout } from '../painter/viewport';
import type { LibraryImage, MediaVariant } from '../../shared/contract/library';
import type { ModelInfo } from '../../shared/contract/models';
import { maxImportPixels, maxInputFileBytes, maxInputImages } from '../../shared/limits';
import { attempt, pageRefusal, type ShownError } from './attempt';
import { requestTargets } from './target-params';
import {
  defaultParams,
  defaultTarget,
  type Target,
  targetsActions,
  type TargetsActions,
  type TargetsState,
} from './targets';
import { findModel, useCatalog } from './catalog';
import { useJobs } from './jobs';

export type Tool = 'brush' | 'eraser' | 'rect' | 'lasso' | 'hand';
const acceptedTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
type AcceptedType = (typeof acceptedTypes)[number];

export type EditSource =
  | {
      kind: 'library';
      imageId: string;
      width: number;
      height: number;
      label: string;
      format?: string;
      /** The name of the file it was imported from, for the names of what is saved from it. */
      fileName?: string;
    }
  | {
      kind: 'file';
      name: string;
      base64: string;
      /** The library image it was made from (an extended canvas: the image padded), recorded when it is imported. */
      parentId?: string;
      mimeType: AcceptedType;
      objectUrl: string;
      width: number;
      height: number;
      label: string;
    };

/** Two images of one lineage compared at full size in the workspace; '' is the image being edited (not in the library). */
export interface FullCompare {
  beforeId: string;
  afterId: string;
  /** The result's lineage, the first ancestor first: what either side can be. */
  images: LibraryImage[];
}

/** Something the user should know that is not a failure (shown as a toast, in the user's language). */
export interface EditorNotice {
  key: 'editor.maskScaled' | 'editor.noTransparency' | 'editor.beyondLimit';
  values: Record<string, number | string>;
}

/** An image sent after the base, for the model to take from (a style, an object, a face). */
export interface Reference {
  imageId: string;
  label: string;
}

/** An edit's results laid over the original on the canvas, one shown at a time, until one is accepted or all discarded. */
export interface Staging {
  /** The edit's jobs whose results are staged (several models at once: each adds its results as it finishes). */
  jobIds: string[];
  imageIds: string[];
  /** The model that made each candidate, beside imageIds. */
  models: string[];
  index: number;
  /** The original shown instead of the candidate (O), to compare in place. */
  showOriginal: boolean;
}

interface EditorState extends TargetsState, TargetsActions {
  source: EditSource | null;
  tool: Tool;
  brushSize: number;
  feather: number;
  /** Bumps after every mask change so undo/redo buttons update. */
  version: number;
  /**
   * Bumps after a mask change made off the canvas (a new image, undo, invert, a loaded mask): the overlay redraws
   * all of it. A tool on the canvas draws only what it changed (a whole 4096² overlay takes ~100 ms).
   */
  redrawVersion: number;
  /** Where the image sits in the workspace (null until the workspace has been measured). */
  viewport: Viewport | null;
  workspace: Size | null;
  maskVisible: boolean;
  prompt: string;
  /** What the edit should not show; sent only to the targets whose model takes one. */
  negativePrompt: string;
  /** The jobs of the last edit sent, one per target. */
  jobIds: string[];
  error: ShownError | null;
  notice: EditorNotice | null;
  staging: Staging | null;
  compare: FullCompare | null;
  /** The images sent after the base, in this order (the model's limit counts the base too). */
  references: Reference[];
  /** The jobs whose results were discarded: they are not staged again. */
  discardedJobIds: string[];
  openLibraryImage(
    image: Pick<LibraryImage, 'id' | 'width' | 'height' | 'prompt' | 'originalName'> & { format?: string },
  ): void;
  /** An image dragged from the gallery, which sends only its id. */
  openLibraryImageById(id: string): Promise<void>;
  openFile(file: File): Promise<void>;
  /** Several files: the first becomes the base, the rest references up to the model's limit; the others are named. */
  openFiles(files: File[]): Promise<void>;
  /** Files (or library images) added to the references, up to the model's limit. */
  addReferences(files: File[]): Promise<void>;
  addReferenceById(id: string): Promise<void>;
  moveReference(index: number, step: number): void;
  removeReference(index: number): void;
  replaceReference(index: number, file: File): Promise<void>;
  close(): void;
  setTool(tool: Tool): void;
  /** X: the brush becomes the eraser and back (any other tool becomes the brush). */
  swapBrushEraser(): void;
  toggleMask(): void;
  setWorkspace(size: Size): void;
  setViewport(viewport: Viewport): void;
  /** Zooms about a workspace point (the pointer), or about the workspace's centre. */
  zoomBy(factor: number, at?: Point): void;
  zoomToFit(): void;
  zoomToActualSize(): void;
  setBrushSize(size: number): void;
  setFeather(feather: number): void;
  setPrompt(prompt: string): void;
  setNegativePrompt(negativePrompt: string): void;
  /** A tool on the canvas changed the mask and drew the change itself: only the undo/redo state follows. */
  touched(): void;
  undo(): void;
  redo(): void;
  invertMask(): void;
  clearMask(): void;
  /** Marks for editing wherever the image itself is transparent. */
  maskFromTransparency(): Promise<void>;
  /** A mask file ("white or opaque = edit"), scaled to the image with a notice when its size differs. */
  loadMask(file: File): Promise<void>;
  saveMask(): Promise<void>;
  dismissNotice(): void;
  /**
   * Outpainting: the canvas grows by `padding` (image pixels per side), the new area filled neutral grey and marked
   * for editing; the painted mask keeps its place. The padded image becomes the image being edited (a new history).
   */
  extendCanvas(padding: Padding): Promise<void>;
  /** Lays a finished job's results over the original (once per job), after those of the edit's other jobs. */
  stage(jobId: string, imageIds: string[], model?: string): void;
  /** ← and →: the previous or next candidate, round the end. */
  cycleCandidate(step: number): void;
  toggleOriginal(): void;
  /** The shown candidate becomes the image being edited (its lineage is the edit's: the library records the parent). */
  acceptCandidate(): Promise<void>;
  discardCandidates(): void;
  submit(): Promise<void>;
  /** Compares `beforeId` ('' for the image being edited) and `afterId` at full size, offering the after's lineage. */
  openCompare(beforeId: string, afterId: string): Promise<void>;
  setCompareSide(side: 'beforeId' | 'afterId', id: string): void;
  closeCompare(): void;
  dismissError(): void;
}

/**
 * A dropped, pasted or chosen file goes into the library first (a file already there answers its image), so the edit
 * records it as its parent and can be compared with it. Refusals are the page's or the import's, named by the file.
 */
async function importForEditing(
  file: File,
  set: (patch: { error: ShownError | null }) => void,
): Promise<LibraryImage | null> {
  // Refused here, before anything is read, with the same sentences the core would use.
  if (!acceptedTypes.includes(file.type as AcceptedType)) {
    set({ error: pageRefusal('format_not_editable', {}, file.name) });
    return null;
  }
  if (file.size > maxInputFileBytes) {
    set({ error: pageRefusal('file_too_large', { limit: maxInputFileBytes, actual: file.size }, file.name) });
    return null;
  }
  let image: LibraryImage | null = null;
  await attempt(
    set,
    async () => {
      const result = await invoke('library.importFiles', {
        files: [{ name: file.name, base64: await blobToBase64(file) }],
      });
      image = result.imported[0] ?? result.duplicates[0] ?? null;
      const refused = result.refused[0];
      // Thrown, so the attempt keeps it (named by the file) instead of clearing the error on success.
      if (!image) throw new ApiError('invalid_input', refused?.reason ?? file.name, refused?.details);
    },
    { subject: file.name },
  );
  return image;
}

/** The name things saved from the image start with: its file's name without the extension, or its id. */
function baseName(source: EditSource): string {
  const name = source.kind === 'file' ? source.name : source.fileName;
  return name ? name.replace(/\.[a-z0-9]+$/i, '') : source.kind === 'library' ? source.imageId : 'image';
}

export const useEditor = create<EditorState>()((set, get) => {
  const open = (source: EditSource, mask?: MaskBitmap) => {
    const previous = get().source;
    if (previous?.kind === 'file') URL.revokeObjectURL(previous.objectUrl);
    startPainterSession(source.width, source.height, mask);
    const workspace = get().workspace;
    set({
      source,
      viewport: workspace ? fit(source, workspace) : null,
      maskVisible: true,
      version: get().version + 1,
      redrawVersion: get().redrawVersion + 1,
      jobIds: [],
      error: null,
      notice: null,
      staging: null,
      compare: null,
      brushSize: Math.max(4, Math.round(Math.min(source.width, source.height) / 20)),
    });
  };
  /**
   * The image being edited, made in the page, becomes a library image (its parent recorded); the mask, its history
   * and the view stay as they are. False when the import was refused (the error is kept).
   */
  const importSource = async (): Promise<boolean> => {
    const source = get().source;
    if (source?.kind !== 'file') return source !== null;
    let image: LibraryImage | null = null;
    await attempt(
      set,
      async () => {
        const file = {
          name: source.name,
          base64: source.base64,
          ...(source.parentId && { parentId: source.parentId }),
        };
        const result = await invoke('library.importFiles', { files: [file] });
        image = result.imported[0] ?? result.duplicates[0] ?? null;
        const refused = result.refused[0];
        if (!image) throw new ApiError('invalid_input', refused?.reason ?? source.name, refused?.details);
      },
      { subject: source.name },
    );
    const imported = image as LibraryImage | null;
    if (!imported || get().source !== source) return false;
    URL.revokeObjectURL(source.objectUrl);
    set({
      source: {
        kind: 'library',
        imageId: imported.id,
        width: source.width,
        height: source.height,
        label: source.label,
        format: imported.format,
        fileName: source.name,
      },
    });
    return true;
  };
  const maskAction = (action: () => void) => {
    if (!painterSession()) return;
    action();
    set({ version: get().version + 1, redrawVersion: get().redrawVersion + 1 });
  };
  return {
    source: null,
    tool: 'brush',
    brushSize: 40,
    feather: 0.3,
    version: 0,
    redrawVersion: 0,
    viewport: null,
    workspace: null,
    maskVisible: true,
    prompt: '',
    negativePrompt: '',
    targets: [defaultTarget],
    params: defaultParams,
    jobIds: [],
    error: null,
    notice: null,
    staging: null,
    references: [],
    compare: null,
    discardedJobIds: [],
    openLibraryImage: (image) =>
      open({
        kind: 'library',
        imageId: image.id,
        width: image.width,
        height: image.height,
        label: image.originalName ?? image.prompt ?? image.id,
        format: image.format,
        ...(image.originalName && { fileName: image.originalName }),
      }),
    openLibraryImageById: async (id) => {
      await attempt(set, async () => get().openLibraryImage(await invoke('library.get', { id })));
    },
    openFile: async (file) => {
      const image = await importForEditing(file, set);
      if (image) get().openLibraryImage(image);
    },
    openFiles: async (files) => {
      const [first, ...rest] = files;
      if (!first) return;
      const image = await importForEditing(first, set);
      if (!image) return;
      get().openLibraryImage(image);
      set({ references: [] });
      if (rest.length > 0) await get().addReferences(rest);
    },
    addReferences: async (files) => {
      await loadCatalogues(get().targets); // the models' limits need their lists
      const room = referenceRoomOf(get().targets) - get().references.length;
      const taken = files.slice(0, Math.max(0, room));
      const beyond = files.slice(taken.length);
      for (const file of taken) {
        const image = await importForEditing(file, set);
        if (image) set({ references: [...get().references, asReference(image)] });
      }
      if (beyond.length > 0)
        set({
          notice: beyondLimit(
            get().targets,
            beyond.map((file) => file.name),
          ),
        });
    },
    addReferenceById: async (id) => {
      await loadCatalogues(get().targets);
      if (get().references.length >= referenceRoomOf(get().targets)) {
        set({ notice: beyondLimit(get().targets, [id]) });
        return;
      }
      await attempt(set, async () => {
        const image = await invoke('library.get', { id });
        set({ references: [...get().references, asReference(image)] });
      });
    },
    moveReference: (index, step) => {
      const references = [...get().references];
      const to = index + step;
      if (to < 0 || to >= references.length) return;
      [references[index], references[to]] = [references[to]!, references[index]!];
      set({ references });
    },
    removeReference: (index) => set({ references: get().references.filter((_, at) => at !== index) }),
    replaceReference: async (index, file) => {
      const image = await importForEditing(file, set);
      if (image) set({ references: get().references.map((entry, at) => (at === index ? asReference(image) : entry)) });
    },
    close: () => {
      const previous = get().source;
      if (previous?.kind === 'file') URL.revokeObjectURL(previous.objectUrl);
      set({ source: null, jobIds: [], staging: null, references: [] });
    },
    setTool: (tool) => {
      if (tool === 'hand' || editModelTakesMask(get().targets)) set({ tool });
    },
    swapBrushEraser: () => set({ tool: get().tool === 'brush' ? 'eraser' : 'brush' }),
    toggleMask: () => set({ maskVisible: !get().maskVisible }),
    setWorkspace: (workspace) => {
      const { source, viewport } = get();
      set({ workspace, viewport: viewport ?? (source ? fit(source, workspace) : null) });
    },
    setViewport: (viewport) => set({ viewport }),
    zoomBy: (factor, at) => {
      const { viewport, workspace } = get();
      if (!viewport || !workspace) return;
      set({ viewport: zoomAbout(viewport, at ?? { x: workspace.width / 2, y: workspace.height / 2 }, factor) });
    },
    zoomToFit: () => {
      const { source, workspace } = get();
      if (source && workspace) set({ viewport: fit(source, workspace) });
    },
    zoomToActualSize: () => {
      const { viewport, workspace } = get();
      if (viewport && workspace) set({ viewport: actualSize(viewport, workspace) });
    },
    setBrushSize: (brushSize) => set({ brushSize: Math.max(1, Math.min(500, Math.round(brushSize))) }),
    setFeather: (feather) => set({ feather: Math.max(0, Math.min(1, feather)) }),
    setPrompt: (prompt) => set({ prompt }),
    setNegativePrompt: (negativePrompt) => set({ negativePrompt }),
    ...targetsActions(set, get),
    touched: () => set({ version: get().version + 1 }),
    undo: () => maskAction(() => painterSession()!.history.undo()),
    redo: () => maskAction(() => painterSession()!.history.redo()),
    invertMask: () => maskAction(() => painterSession()!.history.record(() => invert(painterSession()!.mask))),
    clearMask: () => maskAction(() => painterSession()!.history.record(() => clear(painterSession()!.mask))),
    maskFromTransparency: async () => {
      const { source } = get();
      const session = painterSession();
      if (!source || !session) return;
      await attempt(set, async () => {
        const decoded = await decodePixels(sourceUrl(source, mediaUrl), source.width, source.height);
        if (!decoded) return set({ error: pageRefusal('image_damaged', {}, source.label) });
        let changed = false;
        maskAction(() =>
          session.history.record(() => (changed = maskFromTransparency(session.mask, decoded.rgba) !== null)),
        );
        set({ notice: changed ? null : { key: 'editor.noTransparency', values: {} } });
      });
    },
    loadMask: async (file) => {
      const { source } = get();
      const session = painterSession();
      if (!source || !session) return;
      const url = URL.createObjectURL(file);
      try {
        await attempt(
          set,
          async () => {
            const decoded = await decodePixels(url, source.width, source.height);
            if (!decoded) return set({ error: pageRefusal('image_damaged', {}, file.name) });
            maskAction(() => session.history.record(() => maskFromMaskImage(session.mask, decoded.rgba)));
            const { width, height } = decoded.natural;
            set({
              notice:
                width === source.width && height === source.height
                  ? null
                  : {
                      key: 'editor.maskScaled',
                      values: { fileWidth: width, fileHeight: height, width: source.width, height: source.height },
                    },
            });
          },
          { subject: file.name },
        );
      } finally {
        URL.revokeObjectURL(url);
      }
    },
    saveMask: async () => {
      const { source } = get();
      const session = painterSession();
      if (!source || !session) return;
      await attempt(set, async () => {
        const base = baseName(source);
        download(await maskToPng(session.mask), `${base}-mask.png`);
      });
    },
    dismissNotice: () => set({ notice: null }),
    extendCanvas: async (padding) => {
      const { source } = get();
      const session = painterSession();
      if (!source || !session) return;
      const clean = cleanPadding(padding);
      const size = paddedSize(source, clean);
      if (size.width === source.width && size.height === source.height) return;
      if (size.width * size.height > maxImportPixels) {
        set({ error: pageRefusal('too_many_pixels', { ...size, limit: maxImportPixels }, source.label) });
        return;
      }
      await attempt(set, async () => {
        const at = { x: clean.left, y: clean.top, width: source.width, height: source.height };
        const blob = await padImage(sourceUrl(source, mediaUrl), at, size, outpaintFill);
        if (!blob) return set({ error: pageRefusal('image_damaged', {}, source.label) });
        const base = baseName(source);
        const name = `${base}-extended.png`;
        const mask = extendMask(session.mask, clean);
        // The padded image is imported when it is sent (not now: extending twice would keep an image per step).
        const parentId = source.kind === 'library' ? source.imageId : source.parentId;
        open(
          {
            kind: 'file',
            name,
            base64: await blobToBase64(blob),
            mimeType: 'image/png',
            objectUrl: URL.createObjectURL(blob),
            label: name,
            ...(parentId && { parentId }),
            ...size,
          },
          mask,
        );
      });
    },
    stage: (jobId, imageIds, model = '') => {
      const { staging, discardedJobIds, jobIds } = get();
      if (imageIds.length === 0 || staging?.jobIds.includes(jobId) || discardedJobIds.includes(jobId)) return;
      const models = imageIds.map(() => model);
      // Another job of the same edit adds its candidates after the ones shown, which stays in view.
      if (staging && jobIds.includes(jobId) && staging.jobIds.every((id) => jobIds.includes(id)))
        set({
          staging: {
            ...staging,
            jobIds: [...staging.jobIds, jobId],
            imageIds: [...staging.imageIds, ...imageIds],
            models: [...staging.models, ...models],
          },
        });
      else set({ staging: { jobIds: [jobId], imageIds, models, index: 0, showOriginal: false } });
    },
    cycleCandidate: (step) => {
      const { staging } = get();
      if (!staging) return;
      const count = staging.imageIds.length;
      set({ staging: { ...staging, index: (staging.index + step + count) % count, showOriginal: false } });
    },
    toggleOriginal: () => {
      const { staging } = get();
      if (staging) set({ staging: { ...staging, showOriginal: !staging.showOriginal } });
    },
    acceptCandidate: async () => {
      const { staging } = get();
      if (!staging) return;
      await get().openLibraryImageById(staging.imageIds[staging.index]!);
    },
    discardCandidates: () => {
      const { staging } = get();
      if (staging) set({ staging: null, discardedJobIds: [...get().discardedJobIds, ...staging.jobIds] });
    },
    submit: async () => {
      const { prompt, negativePrompt, targets, params, references } = get();
      const session = painterSession();
      if (!get().source || !session) return;
      // An image made in the page (an extended canvas) goes into the library first, with the image it was padded
      // from as its parent, so the edit records it as its own parent and the lineage reaches the original.
      if (get().source!.kind === 'file' && !(await importSource())) return;
      const source = get().source!;
      if (source.kind !== 'library') return;
      await attempt(set, async () => {
        const models = useCatalog.getState().models;
        const maskPng =
          !session.mask.isEmpty() && editModelTakesMask(targets) ? await maskToPngBase64(session.mask) : null;
        // The core checks a request's inputs against every target, so targets that take different inputs (a mask
        // or none, fewer references) go in requests of their own: nothing a model cannot take is sent to it.
        const groups = new Map<string, { mask: boolean; room: number; indexes: number[] }>();
        targets.forEach((target, index) => {
          const mask = maskPng !== null && takesMask(models, target);
          const room = referenceRoom(target, models);
          const group = groups.get(`${mask}:${room}`) ?? { mask, room, indexes: [] };
          groups.set(`${mask}:${room}`, { ...group, indexes: [...group.indexes, index] });
        });
        const jobIds: string[] = [];
        for (const { mask, room, indexes } of groups.values()) {
          const request = {
            targets: requestTargets(
              indexes.map((index) => targets[index]!),
              params,
              negativePrompt,
              models,
            ),
            prompt,
            images: [{ imageId: source.imageId }, ...references.slice(0, room).map(({ imageId }) => ({ imageId }))],
            mask: mask ? { base64: maskPng! } : undefined,
          };
          const { jobs } = await invoke('jobs.create', request).catch((error: unknown) => {
            throw problemsOfForm(error, indexes);
          });
          for (const job of jobs) useJobs.getState().upsert(job);
          jobIds.push(...jobs.map((job) => job.id));
          set({ jobIds: [...jobIds] });
        }
      });
    },
    openCompare: async (beforeId, afterId) => {
      await attempt(set, async () => {
        const lineage = await invoke('library.lineage', { id: afterId });
        set({ compare: { beforeId, afterId, images: [...lineage.ancestors, lineage.image, ...lineage.children] } });
      });
    },
    setCompareSide: (side, id) => {
      const { compare } = get();
      if (compare) set({ compare: { ...compare, [side]: id } });
    },
    closeCompare: () => set({ compare: null }),
    dismissError: () => set({ error: null }),
  };
});

/** How many references the edit's model takes besides the base (the contract's limit until its catalogue is known). */
export function referenceRoom(target: Target, models = useCatalog.getState().models): number {
  const model = findModel(models, target.providerId, target.model);
  return Math.max(0, (model?.maxInputImages ?? maxInputImages) - 1);
}

/** The references worth keeping: as many as the most generous model takes (each is sent as many as it takes). */
export function referenceRoomOf(targets: Target[], models = useCatalog.getState().models): number {
  return Math.max(0, ...targets.map((target) => referenceRoom(target, models)));
}

async function loadCatalogues(targets: Target[]): Promise<void> {
  // load() never rejects: a failure is kept in the catalogue's errors.
  await Promise.all([...new Set(targets.map((target) => target.providerId))].map(useCatalog.getState().load));
}

/**
 * A refusal of one request, its problems renumbered from the request's targets to the form's (`indexes[i]` is the
 * form's index of the request's target i), so each is shown under its own target.
 */
function problemsOfForm(error: unknown, indexes: number[]): unknown {
  if (!(error instanceof ApiError)) return error;
  const details = error.details as { problems?: { target: number }[] } | undefined;
  if (!Array.isArray(details?.problems)) return error;
  const problems = details.problems.map((problem) => ({
    ...problem,
    target: indexes[problem.target] ?? problem.target,
  }));
  return new ApiError(error.code, error.message, { ...details, problems });
}

function beyondLimit(targets: Target[], names: string[]): EditorNotice {
  return { key: 'editor.beyondLimit', values: { limit: referenceRoomOf(targets) + 1, names: names.join(', ') } };
}

function asReference(image: Pick<LibraryImage, 'id' | 'originalName' | 'prompt'>): Reference {
  return { imageId: image.id, label: image.originalName ?? image.prompt ?? image.id };
}

/**
 * Whether a target's model takes a mask (true until its catalogue is known: the core refuses what it cannot take).
 * The one answer for the store, the toolbar and the side panel.
 */
export function takesMask(models: Record<string, ModelInfo[]>, target: Target): boolean {
  return findModel(models, target.providerId, target.model)?.mask ?? true;
}

/** Whether the mask tools are offered: one of the edit's models takes the mask (it is sent to those alone). */
export function editModelTakesMask(targets: Target[], models = useCatalog.getState().models): boolean {
  return targets.some((target) => takesMask(models, target));
}

/** The same answer as a hook: re-renders when the targets or their catalogues change, not on every pan. */
export function useEditModelTakesMask(): boolean {
  const targets = useEditor((state) => state.targets);
  return useCatalog((state) => editModelTakesMask(targets, state.models));
}

/** Chromium cannot show TIFF or BMP: those are shown through their large WebP thumbnail (the mask keeps the original's size). */
const undisplayable = new Set(['tiff', 'bmp']);

export function sourceUrl(source: EditSource, mediaUrl: (id: string, variant: MediaVariant) => string): string {
  if (source.kind === 'file') return source.objectUrl;
  return mediaUrl(source.imageId, source.format && undisplayable.has(source.format) ? 'thumb768' : 'original');
}
