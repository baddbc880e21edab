import { create } from 'zustand';
import { invoke } from '../api';
import { maxImportFileBytes } from '../../shared/limits';
import { blobToBase64 } from '../painter/encode';
import { type DroppedFiles, shownExtension } from '../dropped-files';
import { pageRefusal, type ShownError, toShownError } from './attempt';

export interface ImportReport {
  imported: number;
  duplicates: number;
  /** The names the user gave of the files already in the library. */
  duplicateNames: string[];
  /** Each file not taken and why; `path` is empty when a whole call failed. */
  refused: Array<{ path: string; error: ShownError }>;
  /** Files a folder held that are not images, each with why it was passed over. */
  skipped: Array<{ path: string; error: ShownError }>;
}

interface ImporterState {
  running: boolean;
  done: number;
  total: number;
  report: ImportReport | null;
  /** Files picked, or being collected from a drop (folders walked); never rejects: failures go in the report. */
  importFiles(files: File[] | Promise<DroppedFiles>): Promise<void>;
  dismiss(): void;
}

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
    const report: ImportReport = { imported: 0, duplicates: 0, duplicateNames: [], refused: [], skipped: [] };
    let files: File[];
    try {
      const collected = await collecting;
      const dropped = Array.isArray(collected) ? { files: collected, skipped: [] } : collected;
      files = dropped.files;
      for (const path of dropped.skipped)
        report.skipped.push({ path, error: pageRefusal('file_passed_over', { extension: shownExtension(path) }) });
    } catch (error) {
      set({ report: { ...report, refused: [{ path: '', error: toShownError(error) }] } });
      return;
    }
    if (files.length === 0) {
      // A folder of notes only: say what was passed over rather than nothing at all.
      if (report.skipped.length > 0) set({ report });
      return;
    }
    const sendable = files.filter((file) => {
      if (file.size <= maxImportFileBytes) return true;
      const error = pageRefusal('file_too_large', { limit: maxImportFileBytes, actual: file.size });
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
        report.duplicateNames.push(...result.duplicateFiles.map((file) => file.path));
        for (const { path, reason, details } of result.refused)
          report.refused.push({ path, error: { code: 'invalid_input', message: reason, details } });
        for (const { path, reason, details } of result.skipped)
          report.skipped.push({ path, error: { code: 'invalid_input', message: reason, details } });
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
