// `atelier library …`: the library from a terminal or a script, per ../shared/docs/cli.md. Every
// command goes through core.invoke, so the CLI checks its input exactly as the app does.
import {
  type CheckReport,
  type ImportResult,
  type LibraryImage,
  imageSorts,
  imageSources,
} from '../../shared/contract/library';
import { call } from '../call';
import { type Command, type CommandContext, exitCodes, UsageError } from '../command';
import { shortDate } from '../short-date';

function needIds(positionals: string[], usage: string): string[] {
  if (positionals.length === 0) throw new UsageError(`Give at least one image id (${usage}).`);
  return positionals;
}

function needOneId(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('Give exactly one image id.');
  return positionals[0]!;
}

function listOf(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function oneLine(image: LibraryImage): string {
  const marks = `${image.favorite ? '♥' : ' '}${image.rating > 0 ? `${image.rating}★` : '  '}`;
  const prompt = (image.prompt ?? image.originalName ?? '').replace(/\s+/g, ' ').slice(0, 60);
  return `${image.id}  ${shortDate(image.createdAt)}  ${`${image.width}×${image.height}`.padEnd(11)} ${marks} ${(image.model ?? image.source).padEnd(18)} ${prompt}`;
}

function details(image: LibraryImage): string {
  const rows: Array<[string, unknown]> = [
    ['id', image.id],
    ['file', image.path],
    ['thumbnail', image.thumbPath],
    ['size', `${image.width}×${image.height} ${image.format}, ${image.bytes} bytes`],
    ['sha256', image.sha256],
    ['created', image.createdAt],
    ['source', image.source],
    ['provider', image.provider],
    ['model', image.model],
    ['prompt', image.prompt],
    ['negative prompt', image.negativePrompt],
    ['parameters', image.params && JSON.stringify(image.params)],
    ['seed', image.seed],
    ['cost (USD)', image.costUsd],
    ['latency (ms)', image.latencyMs],
    ['parent', image.parentId],
    ['job', image.jobId],
    ['original name', image.originalName],
    ['favourite', image.favorite ? 'yes' : 'no'],
    ['rating', image.rating],
    ['tags', image.tags.join(', ')],
    ['trashed', image.trashedAt],
  ];
  return rows
    .filter(([, value]) => value !== null && value !== '')
    .map(([key, value]) => `${key.padEnd(16)}${String(value)}`)
    .join('\n');
}

function printImages(context: CommandContext, images: LibraryImage[], describe: (image: LibraryImage) => string): void {
  if (context.json) context.out(JSON.stringify({ images }));
  else for (const image of images) context.out(describe(image));
}

function reportImport(context: CommandContext, result: ImportResult): number {
  if (context.json) context.out(JSON.stringify(result));
  else {
    for (const image of result.imported) context.out(image.id);
    for (const duplicate of result.duplicateFiles)
      context.err(`already in the library: ${duplicate.path} → ${duplicate.imageId}`);
    for (const refused of result.refused) context.err(`refused: ${refused.path}: ${refused.reason}`);
    for (const skipped of result.skipped) context.err(`passed over: ${skipped.path}: ${skipped.reason}`);
    context.err(
      `${result.imported.length} imported, ${result.duplicates.length} already there, ${result.refused.length} refused.`,
    );
  }
  return result.refused.length > 0 ? exitCodes.partial : exitCodes.ok;
}

function printCheck(context: CommandContext, report: CheckReport): number {
  if (context.json) context.out(JSON.stringify(report));
  else {
    for (const line of report.integrity) context.out(`database: ${line}`);
    for (const entry of report.missingFiles) context.out(`missing file: ${entry.path} (image ${entry.id})`);
    for (const path of report.orphanFiles) context.out(`file no image uses: ${path}`);
    for (const path of report.tempFiles) context.out(`unfinished write: ${path}`);
    for (const entry of report.missingThumbs) context.out(`missing thumbnails: image ${entry.id}`);
    for (const line of report.repaired) context.out(`repaired: ${line}`);
    context.out(
      report.ok
        ? 'The library is sound.'
        : 'Problems remain. Run "atelier library check --repair" to fix what can be fixed.',
    );
  }
  return report.ok ? exitCodes.ok : exitCodes.partial;
}

export const libraryCommands: Command[] = [
  {
    words: ['library', 'import'],
    usage: 'library import PATH…',
    summary: 'Import image files or whole folders; prints the new image ids, names each refused file with the reason.',
    async run(context, { positionals }) {
      if (positionals.length === 0) throw new UsageError('Give at least one file or folder to import.');
      return reportImport(context, await call(context, 'library.import', { paths: positionals }));
    },
  },
  {
    words: ['library', 'list'],
    usage:
      'library list [--query TEXT] [--model M] [--provider P] [--tag T] [--favorite] [--min-rating N] [--source S] [--from DATE] [--to DATE] [--sort S] [--limit N] [--after CURSOR]',
    summary: 'Images, newest first (or as --sort says).',
    options: {
      query: { type: 'string' },
      model: { type: 'string' },
      provider: { type: 'string' },
      tag: { type: 'string' },
      favorite: { type: 'boolean' },
      'min-rating': { type: 'string' },
      source: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      sort: { type: 'string' },
      limit: { type: 'string' },
      after: { type: 'string' },
    },
    async run(context, { values }) {
      const limit = values.limit === undefined ? undefined : Number(values.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 500))
        throw new UsageError(`--limit must be a whole number from 1 to 500, not "${values.limit}".`);
      const page = await call(context, 'library.list', {
        query: values.query as string | undefined,
        model: values.model as string | undefined,
        provider: values.provider as string | undefined,
        tag: values.tag as string | undefined,
        favorite: values.favorite ? true : undefined,
        minRating: minRatingOption(values['min-rating'] as string | undefined),
        source: oneOf('--source', values.source as string | undefined, imageSources),
        createdFrom: dateOption('--from', values.from as string | undefined, 'start'),
        createdTo: dateOption('--to', values.to as string | undefined, 'end'),
        sort: oneOf('--sort', values.sort as string | undefined, imageSorts),
        limit,
        after: values.after as string | undefined,
      });
      if (context.json) context.out(JSON.stringify(page));
      else {
        for (const image of page.images) context.out(oneLine(image));
        if (page.next) context.err(`More: atelier library list … --after ${page.next}`);
      }
      return exitCodes.ok;
    },
  },
  {
    words: ['library', 'show'],
    usage: 'library show ID',
    summary: 'Every stored fact about one image.',
    async run(context, { positionals }) {
      const image = await call(context, 'library.get', { id: needOneId(positionals) });
      context.out(context.json ? JSON.stringify(image) : details(image));
      return exitCodes.ok;
    },
  },
  {
    words: ['library', 'lineage'],
    usage: 'library lineage ID',
    summary: 'The images one was edited from (the first one first) and the edits made from it.',
    async run(context, { positionals }) {
      const lineage = await call(context, 'library.lineage', { id: needOneId(positionals) });
      if (context.json) {
        context.out(JSON.stringify(lineage));
        return exitCodes.ok;
      }
      const section = (title: string, images: LibraryImage[]) => {
        if (images.length === 0) return;
        context.out(title);
        for (const entry of images) context.out(`  ${oneLine(entry)}${entry.trashedAt ? '  (in the trash)' : ''}`);
      };
      section('made from:', lineage.ancestors);
      section('this image:', [lineage.image]);
      section(
        `edits (${lineage.childCount}${lineage.childCount > lineage.children.length ? `, newest ${lineage.children.length} shown` : ''}):`,
        lineage.children,
      );
      return exitCodes.ok;
    },
  },
  {
    words: ['library', 'tag'],
    usage: 'library tag ID… --add T [--add T…] [--remove T…]',
    summary: 'Add or remove tags on images.',
    options: { add: { type: 'string', multiple: true }, remove: { type: 'string', multiple: true } },
    async run(context, { positionals, values }) {
      const add = listOf(values.add);
      const remove = listOf(values.remove);
      if (add.length === 0 && remove.length === 0) throw new UsageError('Say which tags to --add or --remove.');
      const { images } = await call(context, 'library.tag', { ids: needIds(positionals, this.usage), add, remove });
      printImages(context, images, (image) => `${image.id}  ${image.tags.join(', ') || '(no tags)'}`);
      return exitCodes.ok;
    },
  },
  {
    words: ['library', 'favorite'],
    usage: 'library favorite ID… [--off]',
    summary: 'Mark images as favourites (or unmark them with --off).',
    options: { off: { type: 'boolean' } },
    async run(context, { positionals, values }) {
      const { images } = await call(context, 'library.favorite', {
        ids: needIds(positionals, this.usage),
        favorite: !values.off,
      });
      printImages(context, images, (image) => `${image.id}  ${image.favorite ? 'favourite' : 'not favourite'}`);
      return exitCodes.ok;
    },
  },
  {
    words: ['library', 'export'],
    usage: 'library export ID… --to DIR',
    summary: 'Write PNGs with prompt and parameters embedded (PNG text chunk) and a JSON sidecar each.',
    options: { to: { type: 'string' } },
    async run(context, { positionals, values }) {
      if (typeof values.to !== 'string') throw new UsageError('Say where to export with --to DIR.');
      const result = await call(context, 'library.export', { ids: needIds(positionals, this.usage), to: values.to });
      if (context.json) context.out(JSON.stringify(result));
      else for (const file of result.files) context.out(file.path);
      return exitCodes.ok;
    },
  },
  {
    words: ['library', 'delete'],
    usage: 'library delete ID… [--permanent]',
    summary: 'Move images to the trash, or with --permanent delete them for good (frees the disk).',
    options: { permanent: { type: 'boolean' } },
    async run(context, { positionals, values }) {
      const ids = needIds(positionals, this.usage);
      if (!values.permanent) {
        const { images } = await call(context, 'library.trash', { ids });
        printImages(
          context,
          images,
          (image) => `${image.id}  moved to the trash (restore with "atelier library restore ${image.id}")`,
        );
        return exitCodes.ok;
      }
      const result = await call(context, 'library.delete', { ids });
      if (context.json) context.out(JSON.stringify(result));
      else
        context.out(
          `Deleted ${result.deleted.length} image(s) for good; ${(result.freedBytes / 1024 / 1024).toFixed(2)} MB freed.`,
        );
      return exitCodes.ok;
    },
  },
  {
    words: ['library', 'restore'],
    usage: 'library restore ID…',
    summary: 'Take images back out of the trash.',
    async run(context, { positionals }) {
      const { images } = await call(context, 'library.restore', { ids: needIds(positionals, this.usage) });
      printImages(context, images, (image) => `${image.id}  restored`);
      return exitCodes.ok;
    },
  },
  {
    words: ['library', 'check'],
    usage: 'library check [--repair]',
    summary: 'The database against the files: missing files, orphans, unfinished writes, missing thumbnails.',
    options: { repair: { type: 'boolean' } },
    async run(context, { values }) {
      return printCheck(context, await call(context, 'library.check', { repair: Boolean(values.repair) }));
    },
  },
  {
    words: ['library', 'export-archive'],
    usage: 'library export-archive FILE',
    summary: 'The whole library (files and history) as one .tar archive.',
    async run(context, { positionals }) {
      if (positionals.length !== 1) throw new UsageError('Give the archive file to write.');
      const result = await call(context, 'library.exportArchive', { to: positionals[0]! });
      context.out(
        context.json
          ? JSON.stringify(result)
          : `${result.path}: ${result.images} image(s), ${(result.bytes / 1024 / 1024).toFixed(1)} MB`,
      );
      return exitCodes.ok;
    },
  },
  {
    words: ['library', 'import-archive'],
    usage: 'library import-archive FILE',
    summary: 'Bring in a library archive made by export-archive (images already here are kept once).',
    async run(context, { positionals }) {
      if (positionals.length !== 1) throw new UsageError('Give the archive file to read.');
      return reportImport(context, await call(context, 'library.importArchive', { from: positionals[0]! }));
    },
  },
];

function minRatingOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const rating = Number(value);
  if (!Number.isInteger(rating) || rating < 0 || rating > 5)
    throw new UsageError(`--min-rating must be a whole number from 0 to 5, not "${value}".`);
  return rating;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}".`);
  return value as T;
}

/** A day (YYYY-MM-DD, UTC: --from its first instant, --to its last) or a full ISO 8601 date and time. */
function dateOption(flag: string, value: string | undefined, edge: 'start' | 'end'): string | undefined {
  if (value === undefined) return undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const time = Date.parse(day ? `${value}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : value);
  if (Number.isNaN(time))
    throw new UsageError(`${flag} must be a date (YYYY-MM-DD) or an ISO 8601 time, not "${value}".`);
  return new Date(time).toISOString();
}
