import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGallery } from '../../stores/gallery';

const lastFolderKey = 'atelier.gallery.exportFolder';

/**
 * Export to a folder on this computer, typed by the user. Both windows reach the core on this machine (the
 * desktop app directly, the browser UI through `atelier serve` on loopback), so the core writes the originals
 * with their metadata (embedded where the format allows, and a JSON sidecar) where the user says, the same as
 * `atelier library export`. A typed path works in both, where a browser has no folder picker; the last one is
 * remembered.
 */
export function ExportForm({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const exportTo = useGallery((state) => state.exportTo);
  const [folder, setFolder] = useState(() => localStorage.getItem(lastFolderKey) ?? '');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="export-form"
      data-testid="gallery-export-form"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        const done = await exportTo(ids, folder);
        setBusy(false);
        if (done) {
          localStorage.setItem(lastFolderKey, folder.trim());
          onDone();
        }
      }}
    >
      <label>
        {t('finding.exportFolder')}
        <input
          type="text"
          data-testid="gallery-export-folder"
          value={folder}
          required
          autoFocus
          spellCheck={false}
          placeholder={t('finding.exportFolderHint')}
          onChange={(event) => setFolder(event.target.value)}
        />
      </label>
      <button type="submit" className="primary" data-testid="gallery-export-confirm" disabled={busy}>
        {t('finding.exportConfirm', { count: ids.length })}
      </button>
    </form>
  );
}
