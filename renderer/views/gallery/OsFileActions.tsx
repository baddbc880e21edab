import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke, mediaUrl } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { attempt, type ShownError } from '../../stores/attempt';
import { useShell } from '../../stores/shell';
import type { LibraryImage } from '../../../shared/contract/library';

/** Whether the page runs in the desktop app, whose shell can hand files to the OS (shell.reveal, shell.startDrag). */
export function useIsDesktop(): boolean {
  return useShell((state) => state.connection.state === 'connected' && state.connection.info.transport === 'electron');
}

/** The name a downloaded or dragged-out original gets: its own file name, else its id with its format. */
export function downloadName(image: LibraryImage): string {
  return image.originalName ?? `${image.id}.${image.format === 'jpeg' ? 'jpg' : image.format}`;
}

/** Reveal in the file manager (desktop app) or Download (browser UI): the page never sees a path. */
export function OsFileActions({ image }: { image: LibraryImage }) {
  const { t } = useTranslation();
  const desktop = useIsDesktop();
  const [error, setError] = useState<ShownError | null>(null);
  if (!desktop)
    return (
      <a className="button" data-testid="download" href={mediaUrl(image.id, 'original')} download={downloadName(image)}>
        {t('finding.download')}
      </a>
    );
  return (
    <>
      <button
        type="button"
        data-testid="reveal"
        onClick={() =>
          attempt(
            (patch) => setError(patch.error),
            async () => void (await invoke('shell.reveal', { id: image.id })),
          )
        }
      >
        {t('finding.reveal')}
      </button>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
    </>
  );
}
