import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import { isFinished } from '../../shared/contract/jobs';
import { mediaUrl } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { JobCard } from '../components/JobCard';
import { NegativePromptField } from '../components/targets/NegativePromptField';
import { TargetList } from '../components/targets/TargetList';
import { matchesShortcut } from '../shortcuts';
import { findModel, useCatalog } from '../stores/catalog';
import { sourceUrl, takesMask as modelTakesMask, useEditModelTakesMask, useEditor } from '../stores/editor';
import { useJobs } from '../stores/jobs';
import { useProviders } from '../stores/providers';
import { CompareView } from './editor/CompareView';
import { DropZone, useImageDrop } from './editor/DropZone';
import { ExtendCanvas } from './editor/ExtendCanvas';
import { GalleryStrip } from './editor/GalleryStrip';
import { LineageCompare } from './editor/LineageCompare';
import { MaskCanvas } from './editor/MaskCanvas';
import { MaskToolbar } from './editor/MaskToolbar';
import { ReferenceStrip } from './editor/ReferenceStrip';
import { StagingBar } from './editor/StagingBar';

export function EditorView() {
  const { t } = useTranslation();
  // Each value selected on its own: the whole store changes on every pan, and this view need not follow it.
  const source = useEditor((state) => state.source);
  const prompt = useEditor((state) => state.prompt);
  const negativePrompt = useEditor((state) => state.negativePrompt);
  const targets = useEditor((state) => state.targets);
  const params = useEditor((state) => state.params);
  const jobIds = useEditor((state) => state.jobIds);
  const error = useEditor((state) => state.error);
  const setPrompt = useEditor((state) => state.setPrompt);
  const setNegativePrompt = useEditor((state) => state.setNegativePrompt);
  const submit = useEditor((state) => state.submit);
  const close = useEditor((state) => state.close);
  const dismissError = useEditor((state) => state.dismissError);
  const notice = useEditor((state) => state.notice);
  const dismissNotice = useEditor((state) => state.dismissNotice);
  const stage = useEditor((state) => state.stage);
  const comparing = useEditor((state) => state.compare !== null);
  const openCompare = useEditor((state) => state.openCompare);
  // Only the edit's own jobs: another job's progress does not re-render the editor.
  const jobs = useJobs(useShallow((state) => jobIds.flatMap((id) => state.jobs[id] ?? [])));
  const loadProviders = useProviders((state) => state.load);
  const startJobs = useJobs((state) => state.start);
  const jobsError = useJobs((state) => state.error);
  const dismissJobsError = useJobs((state) => state.dismissError);
  const drop = useImageDrop();
  const openFiles = useEditor((state) => state.openFiles);
  const addReferences = useEditor((state) => state.addReferences);
  useEffect(() => {
    void loadProviders();
    void startJobs();
  }, [loadProviders, startJobs]);
  // Ctrl/Cmd+V of an image anywhere in the editor opens it (imported first, like a dropped file).
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const images = [...(event.clipboardData?.files ?? [])].filter((file) => file.type.startsWith('image/'));
      if (images.length === 0) return;
      event.preventDefault();
      // Never rejects: a refusal is kept in the store's error. With an image open, pasted ones become references.
      void (useEditor.getState().source ? addReferences(images) : openFiles(images));
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [openFiles, addReferences]);

  // Only models that edit are offered; a provider with none says so (TargetPicker) and Edit waits for every target.
  const catalogue = useCatalog((state) => state.models);
  const models = targets.map((target) => findModel(catalogue, target.providerId, target.model));
  const editing = models.filter((model) => model?.edit === true);
  const takesMask = useEditModelTakesMask();
  useEffect(() => {
    if (!takesMask) useEditor.getState().setTool('hand');
  }, [takesMask]);
  const canSubmit = Boolean(prompt.trim()) && editing.length === targets.length;
  const labels = models.map((model, at) => model?.label ?? targets[at]!.model);
  const maskTaking = targets.map((target) => modelTakesMask(catalogue, target));
  const withoutMask = labels.filter((_, at) => !maskTaking[at]);
  const unknownConvention = editing.filter((model) => model!.mask && model!.maskConvention === 'unknown');

  const done = jobs.filter((job) => job.status === 'done');
  const resultId = done[0]?.imageIds[0];
  // Each finished job's results land on the canvas as candidates over the original, after those already there.
  const doneKey = done.map((job) => job.id).join(' ');
  useEffect(() => {
    const { jobs: all } = useJobs.getState();
    for (const job of doneKey.split(' ').flatMap((id) => all[id] ?? [])) {
      const label = findModel(useCatalog.getState().models, job.providerId, job.model)?.label ?? job.model;
      stage(job.id, job.imageIds, label);
    }
  }, [doneKey, stage]);
  const running = jobs.some((job) => !isFinished(job.status));
  return (
    <section className="view editor" aria-labelledby="editor-title" onDragOver={drop.onDragOver} onDrop={drop.onDrop}>
      <header className="view-header">
        <h1 id="editor-title">{t('editor.title')}</h1>
        {source && (
          <span className="muted">
            {source.label} · {source.width} × {source.height}
          </span>
        )}
        {source && (
          <button type="button" data-testid="editor-close" onClick={close}>
            {t('editor.close')}
          </button>
        )}
      </header>
      {error && <ErrorBanner error={error} onDismiss={dismissError} />}
      {jobsError && <ErrorBanner error={jobsError} onDismiss={dismissJobsError} testId="jobs-error" />}
      {notice && (
        <div className="toast" role="status" data-testid="toast">
          {t(notice.key, notice.values)}
          <button type="button" onClick={dismissNotice}>
            {t('errors.dismiss')}
          </button>
        </div>
      )}
      {!source ? (
        <>
          <DropZone />
          <GalleryStrip />
        </>
      ) : (
        <div className="editor-body">
          <div className="editor-main">
            {comparing ? (
              <LineageCompare />
            ) : (
              <>
                <MaskToolbar />
                <StagingBar />
                <MaskCanvas />
              </>
            )}
            <GalleryStrip />
          </div>
          <aside className="editor-side card">
            <textarea
              data-testid="prompt-input"
              aria-label={t('generate.prompt')}
              placeholder={t('editor.promptPlaceholder')}
              rows={4}
              value={prompt}
              onChange={(event) => setPrompt(event.target.value)}
              onKeyDown={(event) => {
                if (!matchesShortcut(event, 'Mod+Enter')) return;
                event.preventDefault();
                if (canSubmit && !running) void submit(); // never rejects (attempt)
              }}
            />
            <NegativePromptField
              models={models}
              value={negativePrompt}
              onChange={setNegativePrompt}
              onSubmit={() => canSubmit && !running && void submit()}
            />
            <TargetList targets={targets} shared={params} error={error} need="edit" actions={useEditor.getState()} />
            <ReferenceStrip />
            {takesMask &&
              unknownConvention.map((model) => (
                <p key={model!.id} className="notice" role="status" data-testid="mask-convention-unknown">
                  {t('editor.maskConventionUnknown', { model: model!.label })}
                </p>
              ))}
            {!takesMask ? (
              <p className="notice" role="status" data-testid="mask-unsupported">
                {t('editor.maskUnsupported', { model: withoutMask.join(', ') })}
              </p>
            ) : withoutMask.length > 0 ? (
              <p className="notice" role="status" data-testid="mask-only-some">
                {t('editor.maskOnlySome', {
                  models: labels.filter((_, at) => maskTaking[at]).join(', '),
                  others: withoutMask.join(', '),
                })}
              </p>
            ) : (
              <p className="muted hint">{t('editor.maskHint')}</p>
            )}
            <ExtendCanvas />
            <button
              type="button"
              className="primary"
              data-testid="edit-submit"
              disabled={!canSubmit || running}
              onClick={submit}
            >
              {t('editor.submit')}
            </button>
            {jobs.map((job) => (
              <JobCard key={job.id} job={job} />
            ))}
            {resultId && !comparing && (
              <button
                type="button"
                data-testid="compare-full"
                onClick={() => openCompare(source.kind === 'library' ? source.imageId : '', resultId)}
              >
                {t('compare.full')}
              </button>
            )}
            {resultId && !comparing && (
              <CompareView
                before={sourceUrl(source, mediaUrl)}
                after={mediaUrl(resultId, 'original')}
                label={done[0]!.prompt}
              />
            )}
          </aside>
        </div>
      )}
    </section>
  );
}
