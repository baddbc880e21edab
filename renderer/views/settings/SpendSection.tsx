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
          <table className="spend-table">
            <caption>{t('spend.byProvider')}</caption>
            <tbody>
              {spend.byProvider.map((row) => (
                <tr key={row.provider} data-testid="spend-provider" data-provider={row.provider}>
                  <th scope="row">{providerLabel(row.provider)}</th>
                  <td>{amount(row)}</td>
                  <td>
                    {t('spend.images', { count: row.images })}
                    {note(row)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="spend-table">
            <caption>{t('spend.byDay')}</caption>
            <tbody>
              {spend.byDay.map((row) => (
                <tr key={row.day} data-testid="spend-day" data-day={row.day}>
                  <th scope="row">{dayName(row.day)}</th>
                  <td>{amount(row)}</td>
                  <td>
                    {t('spend.images', { count: row.images })}
                    {note(row)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
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

/** A built-in provider by its name; any other configured provider by its id. */
function providerLabel(id: string): string {
  return (presets as Record<string, { label: string } | undefined>)[id]?.label ?? id;
}
