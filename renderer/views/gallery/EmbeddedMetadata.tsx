import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { attempt, type ShownError } from '../../stores/attempt';
import type { EmbeddedMetadata as Metadata } from '../../../shared/contract/library';

/** An imported file's own metadata texts (what its generator wrote), read from the original when opened. */
export function EmbeddedMetadata({ imageId }: { imageId: string }) {
  const { t } = useTranslation();
  const [metadata, setMetadata] = useState<Metadata | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const load = () =>
    attempt(
      (patch) => setError(patch.error),
      async () => setMetadata(await invoke('library.metadata', { id: imageId })),
    );
  const entries = Object.entries(metadata?.text ?? {});
  return (
    <details
      className="embedded-metadata"
      data-testid="detail-metadata"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open && metadata === null) void load();
      }}
    >
      <summary>{t('finding.embeddedMetadata')}</summary>
      {metadata !== null && entries.length === 0 && <p className="muted">{t('finding.noEmbeddedMetadata')}</p>}
      <dl className="facts">
        {entries.map(([keyword, text]) => (
          <div key={keyword} className="fact">
            <dt>{keyword}</dt>
            <dd>
              <pre>{text.length > 4000 ? `${text.slice(0, 4000)}…` : text}</pre>
            </dd>
          </div>
        ))}
      </dl>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
    </details>
  );
}
