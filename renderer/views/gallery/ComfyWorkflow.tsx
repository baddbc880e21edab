import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { attempt, type ShownError } from '../../stores/attempt';

/**
 * A ComfyUI image's workflow, kept whole in its stored original: "Copy workflow" puts it on the
 * clipboard, ready to paste (or drop) into ComfyUI. Read from the core on click, never kept in the row.
 */
export function ComfyWorkflow({ imageId }: { imageId: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<ShownError | null>(null);
  const [copied, setCopied] = useState(false);
  const copy = () =>
    attempt(
      (patch) => setError(patch.error),
      async () => {
        const { text } = await invoke('library.metadata', { id: imageId });
        await navigator.clipboard.writeText(text.workflow ?? text.prompt ?? '');
        setCopied(true);
      },
    );
  return (
    <section className="comfy-workflow" data-testid="detail-workflow" aria-label={t('detail.workflow')}>
      <span>{t('detail.workflow')}</span>
      <button type="button" data-testid="detail-copy-workflow" onClick={copy}>
        {copied ? t('detail.workflowCopied') : t('detail.copyWorkflow')}
      </button>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
    </section>
  );
}
