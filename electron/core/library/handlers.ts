import type { HandlerSlice } from '../handlers';
import type { Library } from './library';
import { dragOriginal, type FileHost, revealOriginal } from './os-file';

type LibraryChannel =
  | 'library.list'
  | 'library.get'
  | 'library.lineage'
  | 'library.metadata'
  | 'library.import'
  | 'library.importFiles'
  | 'library.tag'
  | 'library.favorite'
  | 'library.rate'
  | 'library.trash'
  | 'library.restore'
  | 'library.delete'
  | 'library.emptyTrash'
  | 'library.export'
  | 'library.exportArchive'
  | 'library.importArchive'
  | 'library.check'
  | 'library.diskUsage'
  | 'library.spend'
  | 'library.facets'
  | 'library.promptHistory'
  | 'shell.reveal'
  | 'shell.startDrag';

/** `files` is the desktop shell's hand-over to the OS; without it (browser UI, CLI) shell.* answer `unavailable`. */
export function libraryHandlers(library: Library, files?: FileHost): HandlerSlice<LibraryChannel> {
  return {
    'library.list': (filter) => library.list(filter),
    'library.get': ({ id }) => library.get(id),
    'library.lineage': ({ id }) => library.lineage(id),
    'library.metadata': ({ id }) => library.metadata(id),
    'library.import': ({ paths }) => library.import(paths),
    'library.importFiles': ({ files }) =>
      library.importBuffers(
        files.map((file) => ({
          name: file.name,
          bytes: Buffer.from(file.base64, 'base64'),
          ...(file.parentId && { parentId: file.parentId }),
        })),
      ),
    'library.tag': ({ ids, add, remove }) => ({ images: library.tag(ids, add, remove) }),
    'library.favorite': ({ ids, favorite }) => ({ images: library.favorite(ids, favorite) }),
    'library.rate': ({ ids, rating }) => ({ images: library.rate(ids, rating) }),
    'library.trash': ({ ids }) => ({ images: library.trash(ids) }),
    'library.restore': ({ ids }) => ({ images: library.restore(ids) }),
    'library.delete': ({ ids }) => library.delete(ids),
    'library.emptyTrash': () => library.emptyTrash(),
    'library.export': ({ ids, to }) => library.export(ids, to),
    'library.exportArchive': ({ to }) => library.exportArchive(to),
    'library.importArchive': ({ from }) => library.importArchive(from),
    'library.check': ({ repair }) => library.check({ repair: repair ?? false }),
    'library.diskUsage': () => library.diskUsage(),
    'library.spend': (range) => library.spend(range),
    'library.facets': () => library.facets(),
    'library.promptHistory': ({ limit }) => ({ prompts: library.promptHistory(limit) }),
    'shell.reveal': ({ id }) => revealOriginal(library.context, files, id),
    'shell.startDrag': ({ id }) => dragOriginal(library.context, files, id),
  };
}
