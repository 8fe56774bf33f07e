/**
 * One chart of monthly counts with its numbers as a table behind a "Show the numbers"
 * disclosure (a native <details>, reachable by keyboard), so every figure is there for a
 * screen reader and for copying as well as for the eye. recharts draws the bars.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../format';
import { currentLanguage, locales } from '../../i18n';

export interface Series<K extends string> {
  key: K;
  label: string;
  colour: string;
  /** Bars of the same stack are piled up; without one a series stands beside the others. */
  stack?: string;
}

export type MonthRow<K extends string> = { month: string } & Record<K, number>;

const monthFormat = (style: 'short' | 'long') => new Intl.DateTimeFormat(locales[currentLanguage()], { month: style, year: style === 'short' ? '2-digit' : 'numeric', timeZone: 'UTC' });

/** "Jan 26" under a bar, "January 2026" in the table. */
export function formatMonth(month: string, style: 'short' | 'long'): string {
  return monthFormat(style).format(new Date(`${month}-01T00:00:00Z`));
}

export function MonthlyChart<K extends string>({
  title,
  rows,
  series,
  testId,
  total,
}: {
  title: string;
  rows: MonthRow<K>[];
  series: Series<K>[];
  testId: string;
  /** Adds a total column to the table (for counts of one kind that add up). */
  total?: boolean;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const data = rows.map((r) => ({ ...r, label: formatMonth(r.month, 'short') }));
  // The legend and the tooltip list the series in the table's order, not alphabetically.
  const order = (item: { dataKey?: unknown }) => series.findIndex((s) => s.key === item.dataKey);
  return (
    <figure className="stats-chart panel" aria-labelledby={titleId} data-testid={testId}>
      <h2 className="section-title" id={titleId}>
        {title}
      </h2>
      <div className="stats-chart__plot">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} title={title} desc={t('stats.chartDesc')} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#d9dee5" vertical={false} />
            <XAxis dataKey="label" tick={{ fill: '#1b2430', fontSize: 12 }} interval="preserveStartEnd" minTickGap={4} />
            <YAxis allowDecimals={false} tick={{ fill: '#1b2430', fontSize: 12 }} width={44} />
            <Tooltip formatter={(v) => formatNumber(Number(v))} itemSorter={order} />
            <Legend wrapperStyle={{ fontSize: 13, color: '#1b2430' }} itemSorter={order} />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.colour} stackId={s.stack} stroke="#ffffff" strokeWidth={s.stack ? 1 : 0} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="stats-chart__numbers">
        <summary>{t('stats.showNumbers')}</summary>
        <div className="table-wrap">
          <table className="table table--compact">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('stats.month')}</th>
                {series.map((s) => (
                  <th scope="col" className="num" key={s.key}>
                    {s.label}
                  </th>
                ))}
                {total && (
                  <th scope="col" className="num">
                    {t('stats.total')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.month} data-month={r.month}>
                  <th scope="row">{formatMonth(r.month, 'long')}</th>
                  {series.map((s) => (
                    <td className="num" key={s.key} data-key={s.key}>
                      {formatNumber(r[s.key])}
                    </td>
                  ))}
                  {total && (
                    <td className="num" data-key="total">
                      {formatNumber(series.reduce((n, s) => n + r[s.key], 0))}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
