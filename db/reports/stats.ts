/**
 * The statistics of a period (issue 16): rights requests, consents, photo opt-outs,
 * erasures and retention, exports. Read by `stats.get` (screen and CLI) and by the
 * compliance report, which calls `computeStatistics` itself.
 *
 * Days are calendar days of the office: the register's own day columns (received_on,
 * closed_on, occurred_at, decided_on, erased_on) are already office days; the audit log's
 * instants are turned into office days with `localDay`, as every screen shows them. So the
 * SQL only narrows the audit log to a day either side of the period and the month is
 * decided here. Test requests (`is_test`) are left out of everything about requests.
 */
import type { Kysely } from 'kysely';
import type { ConsentPurposeStatsDto, DaysToCloseDto, ErasureMonthDto, RequestStatsDto, StatisticsDto, StatsExportKind } from '../../shared/dto/stats';
import { statsExportKinds } from '../../shared/dto/stats';
import { RegistreError } from '../../shared/errors';
import { localDay } from '../../shared/rules/dates';
import { addDays, daysLeft } from '../../shared/rules/deadline';
import { median, monthOf, monthsOf, percentile90, periodTooLong } from '../../shared/rules/statistics';
import type { AuditAction } from '../../shared/audit-vocabulary';
import { requestTypes, type ConsentAction, type RequestType } from '../../shared/vocabulary';
import type { Database } from '../schema';

export interface StatsPeriod {
  from: string;
  to: string;
  /** The office's today, for "overdue now" (never the period's end). */
  today: string;
}

const perType = <T>(make: () => T): Record<RequestType, T> => Object.fromEntries(requestTypes.map((t) => [t, make()])) as Record<RequestType, T>;

function daysToClose(days: readonly number[]): DaysToCloseDto {
  return { closed: days.length, median: median(days), p90: percentile90(days) };
}

async function requestStats(db: Kysely<Database>, p: StatsPeriod, months: string[]): Promise<RequestStatsDto> {
  const received = await db
    .selectFrom('rights_requests')
    .select(['type', 'received_on', 'extended_due_on'])
    .where('is_test', '=', 0)
    .where('received_on', '>=', p.from)
    .where('received_on', '<=', p.to)
    .execute();
  const perMonth = new Map(months.map((month) => [month, { month, byType: perType(() => 0), total: 0 }]));
  for (const r of received) {
    const m = perMonth.get(monthOf(r.received_on))!;
    m.byType[r.type] += 1;
    m.total += 1;
  }

  // Closed in the period, whenever received: how long the reply took, and whether it was in time.
  const closed = await db
    .selectFrom('rights_requests')
    .select(['type', 'received_on', 'closed_on', 'due_on', 'extended_due_on'])
    .where('is_test', '=', 0)
    .where('closed_on', 'is not', null)
    .where('closed_on', '>=', p.from)
    .where('closed_on', '<=', p.to)
    .execute();
  const all: number[] = [];
  const byType = perType<number[]>(() => []);
  let onTime = 0;
  for (const r of closed) {
    const days = daysLeft(r.received_on, r.closed_on!);
    all.push(days);
    byType[r.type].push(days);
    if (r.closed_on! <= (r.extended_due_on ?? r.due_on)) onTime += 1;
  }

  const overdue = await db
    .selectFrom('rights_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_test', '=', 0)
    .where('status', 'not in', ['completed', 'refused'])
    .where((eb) => eb(eb.fn.coalesce('extended_due_on', 'due_on'), '<', p.today))
    .executeTakeFirstOrThrow();

  return {
    received: received.length,
    perMonth: [...perMonth.values()],
    daysToClose: { ...daysToClose(all), byType: Object.fromEntries(requestTypes.map((t) => [t, daysToClose(byType[t])])) as Record<RequestType, DaysToCloseDto> },
    onTime: { closed: closed.length, onTime, share: closed.length === 0 ? null : onTime / closed.length },
    extensions: received.filter((r) => r.extended_due_on !== null).length,
    overdueNow: Number(overdue.n),
  };
}

/**
 * Consent ledger events dated in the period, per purpose and month. `granted` counts every
 * consent given (a renewal too), `withdrawn` every withdrawal; objections and restrictions
 * (the other two ledger actions) are counted apart, never as withdrawals.
 */
async function consentStats(db: Kysely<Database>, p: StatsPeriod, months: string[]): Promise<ConsentPurposeStatsDto[]> {
  const purposes = await db.selectFrom('purposes').select(['id', 'code', 'name_en', 'name_fr']).orderBy('position').orderBy('code').execute();
  const events = await db.selectFrom('consent_events').select(['purpose_id', 'action', 'occurred_at']).where('occurred_at', '>=', p.from).where('occurred_at', '<=', p.to).execute();
  const zero = (): Record<ConsentAction, number> => ({ granted: 0, withdrawn: 0, objected: 0, restricted: 0 });
  const byPurpose = new Map(
    purposes.map((pu) => [pu.id, { purposeId: pu.id, code: pu.code, nameEn: pu.name_en, nameFr: pu.name_fr, perMonth: months.map((month) => ({ month, ...zero() })), totals: zero() }]),
  );
  const index = new Map(months.map((m, i) => [m, i]));
  for (const e of events) {
    const purpose = byPurpose.get(e.purpose_id);
    if (!purpose) continue;
    purpose.perMonth[index.get(monthOf(e.occurred_at.slice(0, 10)))!]![e.action] += 1;
    purpose.totals[e.action] += 1;
  }
  return [...byPurpose.values()];
}

/**
 * People who opted out of photos by a decision dated in the period and still in force: not
 * withdrawn, and not followed by a later decision of theirs for the same event (or for all).
 */
async function photoStats(db: Kysely<Database>, p: StatsPeriod): Promise<StatisticsDto['photos']> {
  const rows = await db
    .selectFrom('photo_optouts as o')
    .leftJoin('events as e', 'e.id', 'o.event_id')
    .select((eb) => ['o.event_id', 'e.name', 'e.start_date', eb.fn.count<number>('o.contact_id').distinct().as('n')])
    .where('o.state', '=', 'opted_out')
    .where('o.withdrawn_at', 'is', null)
    .where('o.decided_on', '>=', p.from)
    .where('o.decided_on', '<=', p.to)
    .where((w) =>
      w.not(
        w.exists(
          w
            .selectFrom('photo_optouts as later')
            .select('later.id')
            .whereRef('later.contact_id', '=', 'o.contact_id')
            .where((eb) => eb.or([eb.and([eb('later.event_id', 'is', null), eb('o.event_id', 'is', null)]), eb('later.event_id', '=', eb.ref('o.event_id'))]))
            .whereRef('later.recorded_at', '>', 'o.recorded_at')
            .where('later.withdrawn_at', 'is', null),
        ),
      ),
    )
    .groupBy(['o.event_id', 'e.name', 'e.start_date'])
    .orderBy('e.start_date')
    .orderBy('e.name')
    .execute();
  const global = rows.find((r) => r.event_id === null);
  return {
    global: Number(global?.n ?? 0),
    perEvent: rows.filter((r) => r.event_id !== null).map((r) => ({ eventId: r.event_id!, name: r.name ?? '', startDate: r.start_date ?? '', optedOut: Number(r.n) })),
  };
}

/** Audit events of these actions whose office day falls in the period, as [action, day]. */
async function auditDays<A extends AuditAction>(db: Kysely<Database>, p: StatsPeriod, actions: readonly A[]): Promise<[A, string][]> {
  // An instant's office day is at most a day off its UTC date, so a day either side is enough.
  const rows = await db.selectFrom('audit_events').select(['action', 'at']).where('action', 'in', actions).where('at', '>=', addDays(p.from, -1)).where('at', '<', addDays(p.to, 2)).execute();
  return rows.map((r) => [r.action as A, localDay(new Date(r.at))] as [A, string]).filter(([, day]) => day >= p.from && day <= p.to);
}

async function erasureStats(db: Kysely<Database>, p: StatsPeriod, months: string[]): Promise<StatisticsDto['erasures']> {
  const blank = (): Omit<ErasureMonthDto, 'month'> => ({ erased: 0, category: 0, anonymised: 0, retentionRuns: 0, requestsErased: 0 });
  const perMonth = new Map(months.map((month) => [month, { month, ...blank() }]));
  const totals = blank();
  const add = (day: string, what: keyof ReturnType<typeof blank>) => {
    perMonth.get(monthOf(day))![what] += 1;
    totals[what] += 1;
  };
  const ledger = await db.selectFrom('erasures').select(['kind', 'erased_on']).where('erased_on', '>=', p.from).where('erased_on', '<=', p.to).execute();
  for (const e of ledger) add(e.erased_on, e.kind === 'anonymised' ? 'anonymised' : 'erased');
  const categories = await db.selectFrom('category_erasures').select('erased_on').where('erased_on', '>=', p.from).where('erased_on', '<=', p.to).execute();
  for (const c of categories) add(c.erased_on, 'category');
  for (const [action, day] of await auditDays(db, p, ['retention.applied', 'request.erased'] as const)) add(day, action === 'retention.applied' ? 'retentionRuns' : 'requestsErased');
  return { perMonth: [...perMonth.values()], totals };
}

/** Each export audits itself once (its manifest names that event), so one event is one export. */
const EXPORT_ACTIONS = {
  'export.subject': 'subject',
  'export.register': 'register',
  'mailing_list.exported': 'mailing_list',
  'photo_list.exported': 'photo_list',
} as const satisfies Record<string, StatsExportKind>;

async function exportStats(db: Kysely<Database>, p: StatsPeriod): Promise<StatisticsDto['exports']> {
  const byKind = Object.fromEntries(statsExportKinds.map((k) => [k, 0])) as Record<StatsExportKind, number>;
  const events = await auditDays(db, p, Object.keys(EXPORT_ACTIONS) as (keyof typeof EXPORT_ACTIONS)[]);
  for (const [action] of events) byKind[EXPORT_ACTIONS[action]] += 1;
  return { byKind, total: events.length };
}

/** The statistics of [from, to] (office days, both included). A reversed or over-long period is refused. */
export async function computeStatistics(db: Kysely<Database>, period: StatsPeriod): Promise<StatisticsDto> {
  if (period.from > period.to) throw new RegistreError('invalid_input', 'The end date is before the start date.', { reason: 'dates_reversed', field: 'to' });
  if (periodTooLong(period.from, period.to)) throw new RegistreError('invalid_input', 'A period is at most 10 years.', { reason: 'stats_period_too_long', field: 'to' });
  const months = monthsOf(period.from, period.to);
  return {
    from: period.from,
    to: period.to,
    today: period.today,
    months,
    requests: await requestStats(db, period, months),
    consents: await consentStats(db, period, months),
    photos: await photoStats(db, period),
    erasures: await erasureStats(db, period, months),
    exports: await exportStats(db, period),
  };
}
