import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../i18n/describe-error';
import { invoke, on } from '../api';
import { toShownError, type ShownError } from '../stores/attempt';

/**
 * "2 generations are running. Quit anyway?" — asked when the host (`atelier serve`'s Ctrl+C) would end the process
 * while paid calls are in flight. A native modal <dialog>: the page behind is inert, Esc keeps running.
 */
export function QuitDialog() {
  const { t, i18n } = useTranslation();
  const [paidCalls, setPaidCalls] = useState<number | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => on('app.quitRequested', ({ paidCalls: count }) => setPaidCalls(count)), []);
  useEffect(() => {
    const element = dialog.current;
    if (paidCalls !== null && element && !element.open) element.showModal();
  }, [paidCalls]);

  const keepRunning = () => {
    dialog.current?.close();
    setPaidCalls(null);
    setError(null);
  };
  const quitAnyway = async () => {
    try {
      await invoke('app.quit', {});
    } catch (cause) {
      setError(toShownError(cause));
    }
  };

  if (paidCalls === null) return null;
  return (
    <dialog
      ref={dialog}
      className="dialog quit-dialog"
      data-testid="quit-dialog"
      aria-labelledby="quit-title"
      aria-describedby="quit-detail"
      onCancel={keepRunning}
    >
      <h2 id="quit-title">{t('quit.title', { count: paidCalls })}</h2>
      <p id="quit-detail">{t('quit.detail')}</p>
      {error && (
        <p role="alert" className="error-text">
          {describeError(i18n, error)}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={keepRunning} data-testid="quit-keep">
          {t('quit.keep')}
        </button>
        <button type="button" className="danger" onClick={() => void quitAnyway()} data-testid="quit-confirm">
          {t('quit.quit')}
        </button>
      </div>
    </dialog>
  );
}
