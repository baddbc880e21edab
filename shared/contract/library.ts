// The library domain: every stored image with everything known about it, and the ways to find,
// organise, export and check them. The image shape is the one ../shared/docs/cli.md gives, plus
// negativePrompt, originalName, rating and trashedAt. The renderer loads pixels by id through
// /media/<id>/<original|thumb256|thumb768>, never through `path`.
import { z } from 'zod';
import { type ErrorDetails, kindOf } from '../errors';
import { maxPromptHistory } from '../limits';
import { isoDateSchema } from './dates';
import { channel } from './define';

export const imageSources = ['generated', 'edited', 'imported'] as const;
export const imageFormats = ['png', 'jpeg', 'webp', 'gif', 'avif', 'tiff', 'bmp'] as const;
export const mediaVariants = ['original', 'thumb256', 'thumb768'] as const;
export type ImageSource = (typeof imageSources)[number];
export type ImageFormat = (typeof imageFormats)[number];
export type MediaVariant = (typeof mediaVariants)[number];

/**
 * The tools whose generation metadata the library reads from a file (`params.generator` names the one
 * that wrote it), each with the name a user knows it by.
 */
export const generatorNames = {
  atelier: 'Atelier',
  a1111: 'AUTOMATIC1111',
  forge: 'Forge',
  sdnext: 'SD.Next',
  civitai: 'Civitai',
  comfyui: 'ComfyUI',
  invokeai: 'InvokeAI',
  novelai: 'NovelAI',
  fooocus: 'Fooocus',
  'ruined-fooocus': 'RuinedFooocus',
  swarmui: 'SwarmUI',
  tensorart: 'TensorArt',
  'stability-matrix': 'Stability Matrix',
} as const;
export type Generator = keyof typeof generatorNames;

/** A seed: a number when a number holds it exactly, else its decimal digits (ComfyUI seeds reach 2^64). */
export const seedSchema = z.union([z.number(), z.string().regex(/^\d+$/)]);
export type Seed = z.infer<typeof seedSchema>;

/** The metadata texts a stored original carries, by keyword (PNG chunk names; EXIF fields under them). */
export const embeddedMetadataSchema = z.object({
  generator: z.enum(Object.keys(generatorNames) as [Generator, ...Generator[]]).nullable(),
  text: z.record(z.string(), z.string()),
});
export type EmbeddedMetadata = z.infer<typeof embeddedMetadataSchema>;

/** An image id: 16 hex characters (the pattern, for code that tests a string without zod). */
export const imageIdPattern = /^[0-9a-f]{16}$/;
export const imageIdSchema = z.string().regex(imageIdPattern, 'An image id is 16 hex characters.');
/** The most image ids one call takes; a bigger selection is sent in parts. */
export const maxIdsPerCall = 10_000;
const idList = z.array(imageIdSchema).min(1).max(maxIdsPerCall);
const tagName = z.string().trim().min(1).max(64);

export const libraryImageSchema = z.object({
  id: z.string(),
  path: z.string(),
  thumbPath: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  format: z.enum(imageFormats),
  bytes: z.number().int(),
  sha256: z.string(),
  createdAt: isoDateSchema,
  source: z.enum(imageSources),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  prompt: z.string().nullable(),
  negativePrompt: z.string().nullable(),
  params: z.record(z.string(), z.unknown()).nullable(),
  seed: seedSchema.nullable(),
  costUsd: z.number().nullable(),
  latencyMs: z.number().nullable(),
  parentId: z.string().nullable(),
  jobId: z.string().nullable(),
  originalName: z.string().nullable(),
  favorite: z.boolean(),
  rating: z.number().int().min(0).max(5),
  tags: z.array(z.string()),
  trashedAt: isoDateSchema.nullable(),
});
export type LibraryImage = z.infer<typeof libraryImageSchema>;

/** The gallery's orders: by creation either way, best rated first, most expensive first. */
export const imageSorts = ['newest', 'oldest', 'rating', 'cost'] as const;
export type ImageSort = (typeof imageSorts)[number];

export const listFilterSchema = z
  .object({
    query: z.string().max(500).optional(),
    model: z.string().max(200).optional(),
    provider: z.string().max(200).optional(),
    tag: tagName.optional(),
    favorite: z.boolean().optional(),
    minRating: z.number().int().min(0).max(5).optional(),
    source: z.enum(imageSources).optional(),
    parentId: imageIdSchema.optional(),
    createdFrom: z.iso.datetime({ offset: true }).optional(),
    createdTo: z.iso.datetime({ offset: true }).optional(),
    minWidth: z.number().int().min(0).optional(),
    maxWidth: z.number().int().min(0).optional(),
    minHeight: z.number().int().min(0).optional(),
    maxHeight: z.number().int().min(0).optional(),
    trashed: z.enum(['exclude', 'only', 'include']).optional(),
    sort: z.enum(imageSorts).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    /** The `next` cursor of the previous page. */
    after: z.string().max(500).optional(),
  })
  .strict();
export type ListFilter = z.infer<typeof listFilterSchema>;

/**
 * In a folder these are tried, by the core and by the page's drop alike: the formats we read, and image formats we
 * do not (HEIF, SVG, …), so that they are refused with a reason rather than passed over. Anything else (notes and
 * sidecars beside the images) is passed over and listed in `skipped`. A file named explicitly is always tried.
 */
export const folderImageExtensions = [
  '.png',
  '.apng',
  '.jpg',
  '.jpeg',
  '.jpe',
  '.jfif',
  '.webp',
  '.gif',
  '.avif',
  '.tif',
  '.tiff',
  '.bmp',
  '.heic',
  '.heif',
  '.jxl',
  '.svg',
  '.psd',
] as const;
/** Files every OS drops beside images, passed over without a word (as are hidden files). */
export const passedOverFileNames = ['thumbs.db', 'desktop.ini', '.ds_store'] as const;

/** An operating system's file (Finder, Explorer, or macOS's AppleDouble `._name`): neither ours nor the user's image. */
export function isPassedOverFile(name: string): boolean {
  return (passedOverFileNames as readonly string[]).includes(name.toLowerCase()) || name.startsWith('._');
}

/** A file an import did not take: the reason in English (CLI) and, when known, its kind for the page. */
export const refusedFileSchema = z.object({
  path: z.string(),
  reason: z.string(),
  details: z.custom<ErrorDetails>((value) => kindOf(value) !== undefined).optional(),
});
export const importResultSchema = z.object({
  imported: z.array(libraryImageSchema),
  /** The library images the duplicate files matched (see duplicateFiles for the names the user gave). */
  duplicates: z.array(libraryImageSchema),
  refused: z.array(refusedFileSchema),
  /** Each duplicate under the name of the file the user gave, with the id of the image it matched. */
  duplicateFiles: z.array(z.object({ path: z.string(), imageId: z.string() })),
  /** Files in a folder that were not tried (not image files by their name), each with why. */
  skipped: z.array(refusedFileSchema),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const checkReportSchema = z.object({
  ok: z.boolean(),
  integrity: z.array(z.string()),
  missingFiles: z.array(z.object({ id: z.string(), path: z.string() })),
  orphanFiles: z.array(z.string()),
  tempFiles: z.array(z.string()),
  missingThumbs: z.array(z.object({ id: z.string(), path: z.string() })),
  repaired: z.array(z.string()),
});
export type CheckReport = z.infer<typeof checkReportSchema>;

const filesAndBytes = z.object({ files: z.number().int(), bytes: z.number().int() });
/** The library's size on the disk, by kind. */
export const diskUsageSchema = z.object({
  /** Every file under originals/ (trashed images' included), as the folder holds them. */
  originals: filesAndBytes,
  /** Every file under thumbs/. */
  thumbnails: filesAndBytes,
  /** Images in the trash, and the bytes emptying it frees (originals and thumbnails no other image uses). */
  trash: z.object({ images: z.number().int(), bytes: z.number().int() }),
  /** The database with its write-ahead log. */
  database: z.object({ bytes: z.number().int() }),
});
export type DiskUsage = z.infer<typeof diskUsageSchema>;

/** The longest span one spend summary covers (it lists its days one by one). */
export const maxSpendDays = 366;
const spendFigures = {
  /** The sum of the prices providers reported. */
  costUsd: z.number(),
  images: z.number().int(),
  /** Images that cost nothing (a local model). */
  freeImages: z.number().int(),
  /** Images whose provider reported no price: not in costUsd, and not free either. */
  unpricedImages: z.number().int(),
};
export const spendInputSchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    /** The user's offset from UTC, so that days begin at their midnight. */
    utcOffsetMinutes: z.number().int().min(-840).max(840),
  })
  .strict()
  .refine(({ from, to }) => from < to && Date.parse(to) - Date.parse(from) <= maxSpendDays * 86_400_000, {
    message: `from must come before to, at most ${maxSpendDays} days before it.`,
    path: ['to'],
  });
/** What generated and edited images cost between two instants, by provider and by the user's day. */
export const spendSchema = z.object({
  total: z.object(spendFigures),
  byProvider: z.array(z.object({ provider: z.string(), ...spendFigures })),
  /** Days with images only, oldest first, as YYYY-MM-DD in the user's time. */
  byDay: z.array(z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), ...spendFigures })),
});
export type Spend = z.infer<typeof spendSchema>;

export const lineageSchema = z.object({
  image: libraryImageSchema,
  /** The images this one was edited from, the first one first and its parent last. */
  ancestors: z.array(libraryImageSchema),
  /** Edits made from this image, newest first (at most 60; childCount says how many there are). */
  children: z.array(libraryImageSchema),
  childCount: z.number().int().min(0),
});
export type Lineage = z.infer<typeof lineageSchema>;

const facetSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));
const imagesOut = z.object({ images: z.array(libraryImageSchema) });
const byIds = z.object({ ids: idList }).strict();
const deletedOut = z.object({ deleted: z.array(z.string()), freedBytes: z.number().int() });

export const libraryChannels = {
  'library.list': channel(
    listFilterSchema,
    z.object({ images: z.array(libraryImageSchema), next: z.string().nullable() }),
  ),
  'library.get': channel(z.object({ id: imageIdSchema }).strict(), libraryImageSchema),
  'library.lineage': channel(z.object({ id: imageIdSchema }).strict(), lineageSchema),
  /** Every metadata text of the stored original (a ComfyUI workflow whole), and the tool that wrote it. */
  'library.metadata': channel(z.object({ id: imageIdSchema }).strict(), embeddedMetadataSchema),
  'library.import': channel(
    z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000) }).strict(),
    importResultSchema,
  ),
  /** Files dropped into a window that cannot see their paths (the browser UI): bytes, a few at a time. */
  'library.importFiles': channel(
    z
      .object({
        files: z
          .array(
            z
              .object({
                name: z.string().min(1).max(1000),
                base64: z.string().min(1).max(70_000_000),
                /** The image this file was made from in the page (an extended canvas: the image it was padded from). */
                parentId: imageIdSchema.optional(),
              })
              .strict(),
          )
          .min(1)
          .max(50),
      })
      .strict(),
    importResultSchema,
  ),
  'library.tag': channel(
    z
      .object({ ids: idList, add: z.array(tagName).max(50).optional(), remove: z.array(tagName).max(50).optional() })
      .strict(),
    imagesOut,
  ),
  'library.favorite': channel(z.object({ ids: idList, favorite: z.boolean() }).strict(), imagesOut),
  'library.rate': channel(z.object({ ids: idList, rating: z.number().int().min(0).max(5) }).strict(), imagesOut),
  'library.trash': channel(byIds, imagesOut),
  'library.restore': channel(byIds, imagesOut),
  /** Permanent: removes the rows, and the file and thumbnails when no other row uses them. */
  'library.delete': channel(byIds, deletedOut),
  /** Deletes every trashed image for good, as library.delete does. */
  'library.emptyTrash': channel(z.object({}).strict(), deletedOut),
  'library.export': channel(
    z.object({ ids: idList, to: z.string().min(1).max(4096) }).strict(),
    z.object({ files: z.array(z.object({ id: z.string(), path: z.string(), sidecar: z.string() })) }),
  ),
  'library.exportArchive': channel(
    z.object({ to: z.string().min(1).max(4096) }).strict(),
    z.object({ path: z.string(), images: z.number().int(), bytes: z.number().int() }),
  ),
  'library.importArchive': channel(z.object({ from: z.string().min(1).max(4096) }).strict(), importResultSchema),
  'library.check': channel(z.object({ repair: z.boolean().optional() }).strict(), checkReportSchema),
  'library.diskUsage': channel(z.object({}).strict(), diskUsageSchema),
  'library.spend': channel(spendInputSchema, spendSchema),
  /** Desktop only: shows the image's original in the file manager (Finder, Explorer…); `unavailable` elsewhere. */
  'shell.reveal': channel(z.object({ id: imageIdSchema }).strict(), z.object({ revealed: z.literal(true) })),
  /** Desktop only: drags the image's original out of the window to the desktop or another app; `unavailable` elsewhere. */
  'shell.startDrag': channel(z.object({ id: imageIdSchema }).strict(), z.object({ started: z.literal(true) })),
  /** The filter menus' choices with their counts, over the images not in the trash. */
  /** The prompts sent from Generate, newest first, each once (↑/↓ in an empty prompt). */
  'library.promptHistory': channel(
    z.object({ limit: z.number().int().min(1).max(maxPromptHistory).optional() }).strict(),
    z.object({ prompts: z.array(z.object({ prompt: z.string(), negativePrompt: z.string().nullable() })) }),
  ),
  'library.facets': channel(
    z.object({}).strict(),
    z.object({
      models: facetSchema,
      providers: facetSchema,
      tags: facetSchema,
      sources: z.array(z.object({ value: z.enum(imageSources), count: z.number().int() })),
      /** For each rating 1–5, how many images are rated at least that (the rating filter is "≥ n"). */
      ratings: z.array(z.object({ rating: z.number().int().min(1).max(5), atLeast: z.number().int() })),
      favorites: z.number().int(),
    }),
  ),
};

export const libraryEvents = {
  /** Something in the library changed: the gallery refetches (or patches) the listed ids. */
  'library.changed': z.object({
    reason: z.enum(['added', 'updated', 'trashed', 'restored', 'deleted', 'repaired']),
    ids: z.array(z.string()),
  }),
};
