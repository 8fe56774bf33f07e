/**
 * Statistics (issue 16): the period's rights requests, consents, erasures and exports, as
 * key figures, bar charts and the tables behind them. Test requests are left out by the
 * core (`stats.get`); "overdue now" is judged on today, whatever the period.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatisticsDto } from '../../../shared/dto/stats';
import { statsExportKinds } from '../../../shared/dto/stats';
import { localDay } from '../../../shared/rules/dates';
import { presetPeriod, statsPresets, type StatsPreset } from '../../../shared/rules/statistics';
import { requestTypes, type RequestType } from '../../../shared/vocabulary';
import { api } from '../../api';
import { DateField } from '../../components/DateInput';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScreenTitle } from '../../components/ScreenTitle';
import { SelectField } from '../../components/SelectField';
import { formatNumber } from '../../format';
import { currentLanguage, locales } from '../../i18n';
import { MonthlyChart } from './MonthlyChart';
import { consentColours, erasureColours, requestTypeColours } from './palette';

interface Period {
  from: string;
  to: string;
}

function PeriodPicker({ period, onChange }: { period: Period; onChange: (p: Period) => void }) {
  const { t } = useTranslation();
  const today = localDay(new Date());
  return (
    <div className="stats-period" role="group" aria-label={t('stats.period')}>
      <DateField label={t('stats.from')} value={period.from} onChange={(from) => onChange({ ...period, from })} />
      <DateField label={t('stats.to')} value={period.to} onChange={(to) => onChange({ ...period, to })} />
      <div className="stats-period__presets">
        {statsPresets.map((p: StatsPreset) => (
          <button key={p} type="button" className="button button--quiet button--small" onClick={() => onChange(presetPeriod(p, today))} data-preset={p}>
            {t(`stats.presets.${p}`)}
          </button>
        ))}
      </div>
    </div>
  );
}

function Tile({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div className="stats-tile" data-testid={testId}>
      <strong className="stats-tile__value">{value}</strong>
      <span className="stats-tile__label">{label}</span>
      {note && <span className="stats-tile__note">{note}</span>}
    </div>
  );
}

function Tiles({ s }: { s: StatisticsDto }) {
  const { t } = useTranslation();
  const r = s.requests;
  const days = (n: number | null) => (n === null ? '–' : formatNumber(n));
  const share = r.onTime.share === null ? '–' : new Intl.NumberFormat(locales[currentLanguage()], { style: 'percent' }).format(r.onTime.share);
  return (
    <div className="stats-tiles">
      <Tile testId="stats-received" label={t('stats.tiles.received')} value={formatNumber(r.received)} />
      <Tile testId="stats-median" label={t('stats.tiles.median')} value={days(r.daysToClose.median)} note={t('stats.tiles.closed', { count: r.daysToClose.closed })} />
      <Tile testId="stats-p90" label={t('stats.tiles.p90')} value={days(r.daysToClose.p90)} />
      <Tile testId="stats-on-time" label={t('stats.tiles.onTime')} value={share} note={t('stats.tiles.onTimeOf', { n: r.onTime.onTime, count: r.onTime.closed })} />
      <Tile testId="stats-extensions" label={t('stats.tiles.extensions')} value={formatNumber(r.extensions)} />
      <Tile testId="stats-overdue" label={t('stats.tiles.overdue')} value={formatNumber(r.overdueNow)} note={t('stats.tiles.asOfToday')} />
      <Tile testId="stats-exports" label={t('stats.tiles.exports')} value={formatNumber(s.exports.total)} />
    </div>
  );
}

function RequestsChart({ s }: { s: StatisticsDto }) {
  const { t } = useTranslation();
  // Only the types received in the period get a bar and a column: seven empty ones say nothing.
  const used = requestTypes.filter((type) => s.requests.perMonth.some((m) => m.byType[type] > 0));
  const shown: RequestType[] = used.length ? used : ['access'];
  return (
    <MonthlyChart
      testId="stats-requests"
      title={t('stats.charts.requests')}
      total
      rows={s.requests.perMonth.map((m) => ({ month: m.month, ...m.byType }))}
      series={shown.map((type) => ({ key: type, label: t(`requests.types.${type}`), colour: requestTypeColours[type], stack: 'requests' }))}
    />
  );
}

function ConsentsChart({ s }: { s: StatisticsDto }) {
  const { t } = useTranslation();
  const withEvents = s.consents.filter((p) => Object.values(p.totals).some((n) => n > 0));
  const [chosen, setChosen] = useState('');
  const purpose = withEvents.find((p) => p.purposeId === chosen) ?? withEvents[0] ?? s.consents[0];
  if (!purpose) return null;
  const name = (p: typeof purpose) => (currentLanguage() === 'fr' ? p.nameFr : p.nameEn);
  const actions = (['granted', 'withdrawn', 'objected', 'restricted'] as const).filter((a) => a === 'granted' || a === 'withdrawn' || purpose.totals[a] > 0);
  return (
    <div className="stats-consents">
      {withEvents.length > 1 && (
        <div className="stats-consents__purpose">
          <SelectField label={t('stats.purpose')} value={purpose.purposeId} onChange={setChosen} options={withEvents.map((p) => ({ value: p.purposeId, label: name(p) }))} />
        </div>
      )}
      <MonthlyChart
        testId="stats-consents"
        title={t('stats.charts.consents', { purpose: name(purpose) })}
        rows={purpose.perMonth}
        series={actions.map((a) => ({ key: a, label: t(`stats.consentActions.${a}`), colour: consentColours[a] }))}
      />
    </div>
  );
}

function ErasuresChart({ s }: { s: StatisticsDto }) {
  const { t } = useTranslation();
  const keys = ['erased', 'category', 'anonymised', 'retentionRuns', 'requestsErased'] as const;
  return (
    <MonthlyChart
      testId="stats-erasures"
      title={t('stats.charts.erasures')}
      rows={s.erasures.perMonth}
      // People erased pile up; retention runs and erased requests are another unit, beside them.
      series={keys.map((k) => ({ key: k, label: t(`stats.erasureKinds.${k}`), colour: erasureColours[k], stack: k === 'retentionRuns' || k === 'requestsErased' ? 'retention' : 'people' }))}
    />
  );
}

/** A titled list of counts: one row per thing counted, its name and its number. */
function CountsTable({ title, testId, rows, head }: { title: string; testId: string; rows: { key: string; name: string; n: number }[]; head?: [string, string] }) {
  return (
    <section className="panel" data-testid={testId}>
      <h2 className="section-title">{title}</h2>
      <div className="table-wrap">
        <table className="table table--compact">
          <caption className="sr-only">{title}</caption>
          {head && (
            <thead>
              <tr>
                <th scope="col">{head[0]}</th>
                <th scope="col" className="num">
                  {head[1]}
                </th>
              </tr>
            </thead>
          )}
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-row={r.key}>
                <th scope="row">{r.name}</th>
                <td className="num">{formatNumber(r.n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function SmallTables({ s }: { s: StatisticsDto }) {
  const { t } = useTranslation();
  return (
    <div className="stats-small">
      <CountsTable
        testId="stats-photos"
        title={t('stats.photos.title')}
        head={[t('stats.photos.event'), t('stats.photos.optedOut')]}
        rows={[{ key: 'global', name: t('stats.photos.global'), n: s.photos.global }, ...s.photos.perEvent.map((e) => ({ key: e.eventId, name: e.name, n: e.optedOut }))]}
      />
      <CountsTable testId="stats-exports-table" title={t('stats.exports.title')} rows={statsExportKinds.map((k) => ({ key: k, name: t(`stats.exports.kinds.${k}`), n: s.exports.byKind[k] }))} />
    </div>
  );
}

export function Statistics() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>(() => presetPeriod('last12Months', localDay(new Date())));
  const [stats, setStats] = useState<StatisticsDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const complete = period.from !== '' && period.to !== '';
  useEffect(() => {
    if (!complete) return;
    let current = true;
    api.call('stats.get', period).then(
      (s) => {
        if (!current) return;
        setStats(s);
        setError(null);
      },
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [period, complete]);
  const shown = stats && stats.from === period.from && stats.to === period.to ? stats : null;
  return (
    <section className="screen screen--wide" data-testid="statistics-screen">
      <header className="screen__header">
        <ScreenTitle>{t('stats.title')}</ScreenTitle>
        <p className="lead">{t('stats.intro')}</p>
      </header>
      <PeriodPicker period={period} onChange={setPeriod} />
      <ErrorMessage error={error} />
      {!shown && !error && complete && <p className="muted">{t('common.loading')}</p>}
      {shown && !error && (
        <div className="stats-body">
          <Tiles s={shown} />
          <RequestsChart s={shown} />
          <ConsentsChart s={shown} />
          <ErasuresChart s={shown} />
          <SmallTables s={shown} />
        </div>
      )}
    </section>
  );
}
