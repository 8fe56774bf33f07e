/** CLI command for shared/api/reports.ts `stats.get`: the statistics of a period, as tables or JSON. */
import type { StatisticsDto } from '../shared/dto/stats';
import { statsExportKinds } from '../shared/dto/stats';
import { RegistreError } from '../shared/errors';
import { requestTypes } from '../shared/vocabulary';
import en from '../shared/i18n/en.json';
import { call, common, str, withVault, type Command } from './kit';

/** Rows of cells as a plain-text table: the first column left-aligned, numbers right-aligned. */
function table(head: string[], rows: (string | number)[][]): string[] {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r) => `  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`.trimEnd());
}

const orDash = (n: number | null) => (n === null ? '–' : String(n));
const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);

function statsText(s: StatisticsDto): string {
  const r = s.requests;
  const used = requestTypes.filter((t) => r.perMonth.some((m) => m.byType[t] > 0) || r.daysToClose.byType[t].closed > 0);
  const typeName = (t: (typeof requestTypes)[number]) => en.requests.types[t];
  const consents = s.consents.filter((p) => Object.values(p.totals).some((n) => n > 0));
  return [
    `Statistics from ${s.from} to ${s.to} (test requests left out; "overdue now" as of ${s.today})`,
    '',
    'Rights requests received, per month and type:',
    ...table(
      ['Month', ...used.map(typeName), 'Total'],
      r.perMonth.map((m) => [m.month, ...used.map((t) => m.byType[t]), m.total]),
    ),
    '',
    'Requests closed in the period, days from receipt to reply:',
    ...table(
      ['Type', 'Closed', 'Median', '90th percentile'],
      [
        ...used
          .filter((t) => r.daysToClose.byType[t].closed > 0)
          .map((t) => [typeName(t), r.daysToClose.byType[t].closed, orDash(r.daysToClose.byType[t].median), orDash(r.daysToClose.byType[t].p90)]),
        ['All types', r.daysToClose.closed, orDash(r.daysToClose.median), orDash(r.daysToClose.p90)],
      ],
    ),
    `  Answered on time: ${r.onTime.onTime} of ${r.onTime.closed} (${percent(r.onTime.share)})`,
    `  Deadlines extended: ${r.extensions} · Overdue now: ${r.overdueNow}`,
    '',
    'Consent ledger, per purpose (granted / withdrawn / objected / restricted):',
    ...(consents.length
      ? table(
          ['Month', ...consents.map((p) => p.nameEn)],
          s.months.map((month, i) => [
            month,
            ...consents.map((p) => {
              const m = p.perMonth[i]!;
              return `${m.granted} / ${m.withdrawn} / ${m.objected} / ${m.restricted}`;
            }),
          ]),
        )
      : ['  none']),
    '',
    `Photo opt-outs decided in the period and in force: ${s.photos.global} for every event`,
    ...table(
      ['Event', 'Starts', 'Opted out'],
      s.photos.perEvent.map((e) => [e.name, e.startDate, e.optedOut]),
    ),
    '',
    'Erasures and retention, per month:',
    ...table(
      ['Month', 'Erased', 'Category', 'Anonymised', 'Retention runs', 'Requests erased'],
      [...s.erasures.perMonth.map((m) => [m.month, m.erased, m.category, m.anonymised, m.retentionRuns, m.requestsErased]), ['Total', ...Object.values(s.erasures.totals)]],
    ),
    '',
    'Exports made:',
    ...table(['Kind', 'Count'], [...statsExportKinds.map((k) => [EXPORT_NAMES[k], s.exports.byKind[k]]), ['Total', s.exports.total]]),
  ].join('\n');
}

const EXPORT_NAMES = { subject: 'Access or portability bundles', register: 'Register exports', mailing_list: 'Mailing lists', photo_list: 'Photo lists' } as const;

function day(v: string | boolean | undefined, name: string): string {
  const d = str(v);
  if (!d) throw new RegistreError('invalid_input', `--${name} is required: give a day written like 2026-03-31.`);
  return d;
}

export const statsCommands: Record<string, Command> = {
  stats: {
    options: { ...common, from: { type: 'string' }, to: { type: 'string' } },
    run: (v, positionals) => {
      if (positionals.length) throw new RegistreError('invalid_input', `Unknown command "stats ${positionals[0]}". Run registre --help.`);
      const period = { from: day(v.from, 'from'), to: day(v.to, 'to') };
      return withVault(v, async (core, out) => {
        const s = await call(core, 'stats.get', period);
        out.result(s, () => statsText(s));
        return 0;
      });
    },
  },
};

/** This module's lines of `registre --help`. */
export const statsUsage = `
Statistics (test requests left out)
  stats --from YYYY-MM-DD --to YYYY-MM-DD
                                      Requests per month and type, days to reply (median, 90th percentile),
                                      on-time share, extensions, overdue now; consents per purpose and month;
                                      photo opt-outs; erasures and retention; exports. At most 10 years
`;
