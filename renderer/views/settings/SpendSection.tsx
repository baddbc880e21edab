// Settings → Spending this month: what generated and edited images cost, by provider and by day, from
// the library's own records. Nothing charged is said as "free", a price no provider reported as such.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { on } from '../../api';
import type { Spend } from '../../../shared/contract/library';
import { presets } from '../../../shared/presets';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatUsd } from '../../i18n/format';
import { useSpend } from '../../stores/spend';

type Figures = Spend['total'];

export function SpendSection() {
  const { t, i18n } = useTranslation();
  const { spend, error, loadThisMonth, dismissError } = useSpend();
  useEffect(() => {
    void loadThisMonth();
    // A finished job adds its images (and their price); loadThisMonth never rejects.
    return on('library.changed', () => void loadThisMonth());
  }, [loadThisMonth]);
  const dayFormat = new Intl.DateTimeFormat(i18n.language, { month: 'short', day: 'numeric', weekday: 'short' });
  const dayName = (day: string) => {
    const [year, month, date] = day.split('-').map(Number);
    return dayFormat.format(new Date(year!, month! - 1, date));
  };
  return (
    <fieldset className="card" data-testid="spend-view">
      <legend>{t('spend.title')}</legend>
      {error && <ErrorBanner error={error} onDismiss={dismissError} testId="spend-error" />}
      {spend && spend.total.images === 0 && <p data-testid="spend-none">{t('spend.none')}</p>}
      {spend && spend.total.images > 0 && (
        <>
          <p data-testid="spend-total">
            <strong>{amount(spend.total)}</strong> · {t('spend.images', { count: spend.total.images })}
            {note(spend.total)}
          </p>
          <SpendTable
            caption={t('spend.byProvider')}
            rows={spend.byProvider.map((row) => ({
              key: row.provider,
              testId: 'spend-provider',
              data: { 'data-provider': row.provider },
              name: providerLabel(row.provider),
              amount: amount(row),
              images: t('spend.images', { count: row.images }) + note(row),
            }))}
          />
          <SpendTable
            caption={t('spend.byDay')}
            rows={spend.byDay.map((row) => ({
              key: row.day,
              testId: 'spend-day',
              data: { 'data-day': row.day },
              name: dayName(row.day),
              amount: amount(row),
              images: t('spend.images', { count: row.images }) + note(row),
            }))}
          />
        </>
      )}
    </fieldset>
  );

  /** The money, "free" when nothing was charged, or that no price was reported at all. */
  function amount(figures: Figures): string {
    return (
      formatUsd(figures.costUsd, i18n.language) ??
      (figures.unpricedImages === figures.images ? t('spend.unpriced') : t('spend.free'))
    );
  }

  /** Images without a price beside an amount or "free", so the sum is never taken as complete. */
  function note(figures: Figures): string {
    if (figures.unpricedImages === 0 || figures.unpricedImages === figures.images) return '';
    return ` · ${t('spend.unpricedNote', { count: figures.unpricedImages })}`;
  }
}

interface SpendRow {
  key: string;
  testId: string;
  data: Record<`data-${string}`, string>;
  name: string;
  amount: string;
  images: string;
}

/** One breakdown of the month (by provider, by day): a row per entry, its amount and its image count. */
function SpendTable({ caption, rows }: { caption: string; rows: SpendRow[] }) {
  return (
    <table className="spend-table">
      <caption>{caption}</caption>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-testid={row.testId} {...row.data}>
            <th scope="row">{row.name}</th>
            <td>{row.amount}</td>
            <td>{row.images}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A built-in provider by its name; any other configured provider by its id. */
function providerLabel(id: string): string {
  return (presets as Record<string, { label: string } | undefined>)[id]?.label ?? id;
}
