import { create } from 'zustand';
import { invoke } from '../api';
import { blobToBase64 } from '../painter/encode';
import { pageRefusal, type ShownError, toShownError } from './attempt';

export interface ImportReport {
  imported: number;
  duplicates: number;
  /** Each file not taken and why; `path` is empty when a whole call failed. */
  refused: Array<{ path: string; error: ShownError }>;
}

interface ImporterState {
  running: boolean;
  done: number;
  total: number;
  report: ImportReport | null;
  /** Files picked, or being collected from a drop (folders walked); never rejects: failures go in the report. */
  importFiles(files: File[] | Promise<File[]>): Promise<void>;
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
  importFiles: async (collecting) => {
    if (get().running) return;
    const report: ImportReport = { imported: 0, duplicates: 0, refused: [] };
    let files: File[];
    try {
      files = await collecting;
    } catch (error) {
      set({ report: { ...report, refused: [{ path: '', error: toShownError(error) }] } });
      return;
    }
    if (files.length === 0) return;
    const sendable = files.filter((file) => {
      if (file.size <= maxImportBytes) return true;
      const error = pageRefusal('file_too_large', { limit: maxImportBytes, actual: file.size });
      report.refused.push({ path: file.name, error });
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
        for (const { path, reason, details } of result.refused)
          report.refused.push({ path, error: { code: 'invalid_input', message: reason, details } });
        set({ done: get().done + batch.length });
      }
    } catch (error) {
      report.refused.push({ path: '', error: toShownError(error) });
    } finally {
      set({ running: false, report });
    }
  },
  dismiss: () => set({ report: null }),
}));
