import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { NegativePromptField } from '../components/targets/NegativePromptField';
import { TargetList } from '../components/targets/TargetList';
import { findModel, useCatalog } from '../stores/catalog';
import { useGenerate } from '../stores/generate';
import { useGallery } from '../stores/gallery';
import { useJobs } from '../stores/jobs';
import { useProviders } from '../stores/providers';
import { useShell } from '../stores/shell';
import { BatchResults } from './generate/BatchResults';
import './generate/generate.css';

export function GenerateView() {
  const { t } = useTranslation();
  const { prompt, negativePrompt, targets, params, submitting, error, setPrompt, setNegativePrompt } = useGenerate();
  const { submit, dismissError, recall, loadHistory } = useGenerate.getState();
  const models = useCatalog((state) => state.models);
  const batches = useJobs((state) => state.batches);
  const loadProviders = useProviders((state) => state.load);
  const startJobs = useJobs((state) => state.start);
  const jobsError = useJobs((state) => state.error);
  const dismissJobsError = useJobs((state) => state.dismissError);
  const setView = useShell((state) => state.setView);
  const select = useGallery((state) => state.select);
  useEffect(() => {
    void loadProviders();
    void startJobs();
    void loadHistory();
  }, [loadProviders, startJobs, loadHistory]);

  // The prompt goes to every target: the tightest limit among them is the one to count against.
  const limits = targets
    .map((target) => findModel(models, target.providerId, target.model)?.promptMax ?? null)
    .filter((limit): limit is number => limit !== null);
  const promptMax = limits.length ? Math.min(...limits) : null;
  const chosen = targets.map((target) => findModel(models, target.providerId, target.model));
  const canSubmit = prompt.trim().length > 0 && !submitting && (promptMax === null || prompt.length <= promptMax);
  const openInGallery = (imageId: string) => {
    select(imageId);
    setView('gallery');
  };

  return (
    <section className="view generate" aria-labelledby="generate-title">
      <form
        className="generate-form card"
        onSubmit={(event) => {
          event.preventDefault();
          if (canSubmit) return submit();
        }}
      >
        <h1 id="generate-title">{t('generate.title')}</h1>
        <textarea
          data-testid="prompt-input"
          aria-label={t('generate.prompt')}
          placeholder={t('generate.promptPlaceholder')}
          rows={5}
          value={prompt}
          onChange={(event) => setPrompt(event.target.value)}
          onKeyDown={(event) => {
            // ↑/↓ walk the prompts sent before when the caret is at the start (↑) or the end (↓), as in a shell.
            const area = event.currentTarget;
            const atStart = area.selectionStart === 0 && area.selectionEnd === 0;
            const atEnd = area.selectionStart === area.value.length && area.selectionEnd === area.value.length;
            const plain = !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
            if (plain && event.key === 'ArrowUp' && atStart && recall('older')) event.preventDefault();
            if (plain && event.key === 'ArrowDown' && atEnd && recall('newer')) event.preventDefault();
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && canSubmit) {
              event.preventDefault();
              return submit();
            }
          }}
        />
        {promptMax !== null && (
          <p className={prompt.length > promptMax ? 'counter over' : 'counter'} data-testid="prompt-counter">
            {prompt.length} / {promptMax}
          </p>
        )}
        <NegativePromptField
          models={chosen}
          value={negativePrompt}
          onChange={setNegativePrompt}
          onSubmit={() => canSubmit && void submit()}
        />
        <TargetList targets={targets} shared={params} error={error} need="generate" actions={useGenerate.getState()} />
        {error && <ErrorBanner error={error} onDismiss={dismissError} />}
        <button type="submit" className="primary" data-testid="generate-button" disabled={!canSubmit}>
          {submitting ? t('generate.sending') : t('generate.button', { count: targets.length })}
        </button>
        <p className="muted hint">
          {t('generate.shortcutHint')} {t('generate.historyHint')}
        </p>
      </form>
      <div className="generate-results">
        {jobsError && <ErrorBanner error={jobsError} onDismiss={dismissJobsError} testId="jobs-error" />}
        {batches.length === 0 ? (
          <EmptyState title={t('generate.emptyTitle')} hint={t('generate.emptyHint')} testId="generate-empty" />
        ) : (
          <BatchResults onOpen={openInGallery} />
        )}
      </div>
    </section>
  );
}
