import { create } from 'zustand';
import { invoke } from '../api';
import { blobToBase64 } from '../painter/encode';

export interface ImportReport {
  imported: number;
  duplicates: number;
  refused: Array<{ path: string; reason: string }>;
}

interface ImporterState {
  running: boolean;
  done: number;
  total: number;
  report: ImportReport | null;
  importFiles(files: File[], tooLarge: (file: File) => string): Promise<void>;
  dismiss(): void;
}

/** The core refuses these without reading them; the window does not send them at all. */
export const maxImportBytes = 50 * 1024 * 1024;
/** Bytes per call: large enough to keep the core busy, small enough to keep each message modest. */
const batchBytes = 32 * 1024 * 1024;
const batchFiles = 16;

function batches(files: File[]): File[][] {
  const result: File[][] = [];
  let current: File[] = [];
  let size = 0;
  for (const file of files) {
    if (current.length > 0 && (size + file.size > batchBytes || current.length >= batchFiles)) {
      result.push(current);
      current = [];
      size = 0;
    }
    current.push(file);
    size += file.size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

export const useImporter = create<ImporterState>()((set, get) => ({
  running: false,
  done: 0,
  total: 0,
  report: null,
  importFiles: async (files, tooLarge) => {
    if (get().running || files.length === 0) return;
    const report: ImportReport = { imported: 0, duplicates: 0, refused: [] };
    const sendable = files.filter((file) => {
      if (file.size <= maxImportBytes) return true;
      report.refused.push({ path: file.name, reason: tooLarge(file) });
      return false;
    });
    set({ running: true, done: files.length - sendable.length, total: files.length, report: null });
    try {
      for (const batch of batches(sendable)) {
        const payload = await Promise.all(
          batch.map(async (file) => ({ name: file.name, base64: await blobToBase64(file) })),
        );
        const result = await invoke('library.importFiles', { files: payload });
        report.imported += result.imported.length;
        report.duplicates += result.duplicates.length;
        report.refused.push(...result.refused);
        set({ done: get().done + batch.length });
      }
    } catch (error) {
      report.refused.push({ path: '', reason: (error as Error).message });
    } finally {
      set({ running: false, report });
    }
  },
  dismiss: () => set({ report: null }),
}));
