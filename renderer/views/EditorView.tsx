import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';

export function EditorView() {
  const { t } = useTranslation();
  return (
    <section className="view" aria-labelledby="editor-title">
      <h1 id="editor-title">{t('editor.title')}</h1>
      <EmptyState title={t('editor.emptyTitle')} hint={t('editor.emptyHint')} testId="editor-drop-zone" />
    </section>
  );
}
