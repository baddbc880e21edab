import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';

export function GenerateView() {
  const { t } = useTranslation();
  return (
    <section className="view" aria-labelledby="generate-title">
      <h1 id="generate-title">{t('generate.title')}</h1>
      <EmptyState title={t('generate.emptyTitle')} hint={t('generate.emptyHint')} testId="generate-empty" />
    </section>
  );
}
