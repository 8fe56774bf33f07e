/**
 * The compliance report's statistics section, from the Statistics screen's numbers
 * (shared/dto/stats.ts): rights requests (per month and type, days to close, on time,
 * extensions, overdue now), consents per purpose, photo opt-outs, erasures and retention.
 */
import type { StatisticsDto } from '../../shared/dto/stats';
import { requestTypes } from '../../shared/vocabulary';
import type { ExportWords } from '../export/export-words';
import { peopleDate } from '../export/export-words';
import { count, type ReportBlock } from './report-doc';

type Language = 'en' | 'fr';

export function statisticsBlocks(s: StatisticsDto, w: ExportWords, language: Language): ReportBlock[] {
  const n = (x: number) => count(x, language);
  const days = (x: number | null) => (x === null ? '—' : w.fill('reports.compliance.stats.days', { count: x }));
  const r = s.requests;
  const share = r.onTime.share === null ? '—' : `${Math.round(r.onTime.share * 100)} %`;
  const months = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const month = (m: string) => months.format(new Date(`${m}-01T00:00:00Z`));
  const e = s.erasures.totals;
  return [
    { kind: 'heading', text: w.word('reports.compliance.stats.heading', '') },
    { kind: 'subheading', text: w.word('reports.compliance.stats.requests', '') },
    {
      kind: 'facts',
      rows: [
        [w.word('reports.compliance.stats.received', ''), n(r.received)],
        [w.word('reports.compliance.stats.closed', ''), n(r.daysToClose.closed)],
        [w.word('reports.compliance.stats.median', ''), days(r.daysToClose.median)],
        [w.word('reports.compliance.stats.p90', ''), days(r.daysToClose.p90)],
        [w.word('reports.compliance.stats.onTime', ''), `${share} (${n(r.onTime.onTime)} / ${n(r.onTime.closed)})`],
        [w.word('reports.compliance.stats.extensions', ''), n(r.extensions)],
        [w.word('reports.compliance.stats.overdueNow', ''), n(r.overdueNow)],
      ],
    },
    {
      kind: 'table',
      head: [w.word('reports.compliance.stats.month', ''), ...requestTypes.map((t) => w.word(`requests.types.${t}`, t)), w.word('reports.compliance.total', '')],
      rows: r.perMonth.map((m) => [month(m.month), ...requestTypes.map((t) => n(m.byType[t])), n(m.total)]),
    },
    { kind: 'subheading', text: w.word('reports.compliance.stats.consents', '') },
    {
      kind: 'table',
      head: ['purpose', 'granted', 'withdrawn', 'objected', 'restricted'].map((k) => w.word(`reports.compliance.stats.consentColumns.${k}`, k)),
      rows: s.consents.map((c) => [language === 'fr' ? c.nameFr : c.nameEn, n(c.totals.granted), n(c.totals.withdrawn), n(c.totals.objected), n(c.totals.restricted)]),
    },
    { kind: 'subheading', text: w.word('reports.compliance.stats.photos', '') },
    { kind: 'facts', rows: [[w.word('reports.compliance.stats.photosGlobal', ''), n(s.photos.global)]] },
    ...(s.photos.perEvent.length
      ? [
          {
            kind: 'table' as const,
            head: [w.word('reports.compliance.stats.event', ''), w.word('reports.compliance.stats.optedOut', '')],
            rows: s.photos.perEvent.map((x) => [`${x.name} (${peopleDate(x.startDate)})`, n(x.optedOut)]),
          },
        ]
      : []),
    { kind: 'subheading', text: w.word('reports.compliance.stats.erasures', '') },
    {
      kind: 'facts',
      rows: (['erased', 'category', 'anonymised', 'retentionRuns', 'requestsErased'] as const).map((k): [string, string] => [w.word(`reports.compliance.stats.erasureRows.${k}`, k), n(e[k])]),
    },
  ];
}
