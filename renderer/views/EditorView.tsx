import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isFinished } from '../../shared/contract/jobs';
import { mediaUrl } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { JobCard } from '../components/JobCard';
import { TargetPicker } from '../components/TargetPicker';
import { matchesShortcut } from '../shortcuts';
import { useCatalog } from '../stores/catalog';
import { sourceUrl, useEditModelTakesMask, useEditor } from '../stores/editor';
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
  const target = useEditor((state) => state.target);
  const jobId = useEditor((state) => state.jobId);
  const error = useEditor((state) => state.error);
  const setPrompt = useEditor((state) => state.setPrompt);
  const setTarget = useEditor((state) => state.setTarget);
  const submit = useEditor((state) => state.submit);
  const close = useEditor((state) => state.close);
  const dismissError = useEditor((state) => state.dismissError);
  const notice = useEditor((state) => state.notice);
  const dismissNotice = useEditor((state) => state.dismissNotice);
  const stage = useEditor((state) => state.stage);
  const comparing = useEditor((state) => state.compare !== null);
  const openCompare = useEditor((state) => state.openCompare);
  const job = useJobs((state) => (jobId ? state.jobs[jobId] : undefined));
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

  // Only models that edit are offered; a provider with none says so (TargetPicker) and Edit waits for one.
  const models = useCatalog((state) => state.models[target.providerId]);
  const model = models?.find((entry) => entry.id === target.model && entry.edit);
  const takesMask = useEditModelTakesMask();
  useEffect(() => {
    if (!takesMask) useEditor.getState().setTool('hand');
  }, [takesMask]);
  const canSubmit = Boolean(prompt.trim()) && model !== undefined;

  const resultId = job?.status === 'done' ? job.imageIds[0] : undefined;
  // A finished edit's results land on the canvas as candidates over the original.
  useEffect(() => {
    if (job?.status === 'done') stage(job.id, job.imageIds);
  }, [job?.status, job?.id, job?.imageIds, stage]);
  const running = job !== undefined && !isFinished(job.status);
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
            <TargetPicker target={target} onChange={setTarget} need="edit" />
            <ReferenceStrip />
            {takesMask && model?.maskConvention === 'unknown' && (
              <p className="notice" role="status" data-testid="mask-convention-unknown">
                {t('editor.maskConventionUnknown', { model: model.label })}
              </p>
            )}
            {takesMask ? (
              <p className="muted hint">{t('editor.maskHint')}</p>
            ) : (
              <p className="notice" role="status" data-testid="mask-unsupported">
                {t('editor.maskUnsupported', { model: model?.label })}
              </p>
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
            {job && <JobCard job={job} />}
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
                label={job!.prompt}
              />
            )}
          </aside>
        </div>
      )}
    </section>
  );
}
