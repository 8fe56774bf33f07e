/**
 * When each person's retention clock started, per rule (issue 15): one set-based query per
 * rule over the whole register, never a query per contact. The clock starts at the latest
 * dated thing the person took part in, never at the day the contact was typed in or
 * imported (`contacts.created_at` is not read here): an archive imported today is judged
 * by its own dates. Only identity and bank details with no other date fall back on the day
 * the detail itself was recorded, as the last resort.
 *
 * Each query takes `cutoff`, the latest clock start that can be due by the end of the
 * window (shared/rules/retention.ts latestStartDueBy), so rows far from due never leave
 * SQLite; the caller computes each row's exact due day.
 */
import type { ExpressionBuilder, Kysely, ReferenceExpression, SelectQueryBuilder } from 'kysely';
import { ageOn, parseIsoDate } from '../../shared/rules/dates';
import { monthsAfter } from '../../shared/rules/deadline';
import type { ClockReason, RetentionRuleCode } from '../../shared/rules/retention';
import type { Database } from '../schema';
import { jsonText, literal } from '../vault/sqlite-sql';

export interface ClockRow {
  contactId: string | null;
  requestId: string | null;
  fullName: string | null;
  organisationName: string | null;
  clockStart: string;
  clockReason: ClockReason;
}

type Db = Kysely<Database>;
/** One dated thing per row: whose, which day, and what it was. */
interface Dated {
  contact_id: string;
  day: string | null;
  reason: ClockReason;
}
type Source = SelectQueryBuilder<Database, never, Dated>;

const NEWSLETTER = 'newsletter';

/** A calendar day of an ISO instant (its first ten characters). */
function dayOf<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, column: ReferenceExpression<DB, TB>) {
  return eb.fn<string>('substr', [column, eb.val(1), eb.val(10)]);
}

/**
 * People whose only dealing with the secretariat is the newsletter: its rule, not the
 * activity rule, governs them. As set differences, each side read from an index once: a
 * check per newsletter event (a million of them in a large register) took seconds.
 */
function newsletterOnly(db: Db) {
  const newsletter = db.selectFrom('purposes').select('id').where('code', '=', NEWSLETTER);
  return db
    .selectFrom('consent_events')
    .select('contact_id')
    .where('purpose_id', '=', newsletter)
    .except(db.selectFrom('consent_events').select('contact_id').where('purpose_id', '<>', newsletter))
    .except(db.selectFrom('participations').select('contact_id'))
    .except(
      db
        .selectFrom('rights_requests')
        .select((eb) => eb.ref('contact_id').$castTo<string>().as('contact_id'))
        .where('contact_id', 'is not', null),
    )
    .except(db.selectFrom('sensitive_extras').select('contact_id'));
}

const sources: Record<Exclude<RetentionRuleCode, 'closed_requests' | 'minor'>, (db: Db) => Source> = {
  // Each source's latest day per person first (the participations from their index), then the latest of the three.
  contact_activity: (db) =>
    db
      .selectFrom('participations')
      .select((eb) => ['contact_id', eb.fn.max<string | null>('participated_on').as('day'), eb.val<ClockReason>('last_participation').as('reason')])
      .groupBy('contact_id')
      .unionAll(
        db
          .selectFrom('consent_events')
          .select((eb) => ['contact_id', eb.fn.max<string | null>('occurred_at').as('day'), eb.val<ClockReason>('consent_given').as('reason')])
          // Written into the query, not bound: only then may SQLite read the partial index of grants (0020) alone.
          .where('action', '=', literal('granted'))
          .where('contact_id', 'not in', newsletterOnly(db))
          .groupBy('contact_id'),
      )
      .unionAll(
        db
          .selectFrom('rights_requests')
          .select((eb) => [eb.ref('contact_id').$castTo<string>().as('contact_id'), eb.fn.max<string | null>('closed_on').as('day'), eb.val<ClockReason>('request_closed').as('reason')])
          .where('contact_id', 'is not', null)
          .where('closed_on', 'is not', null)
          .groupBy('contact_id'),
      ),
  // The last day of the person's latest event, after which a passport or a date of birth is
  // no longer needed; with no event, the day the detail was recorded.
  identity: (db) =>
    db
      .selectFrom((qb) =>
        qb
          .selectFrom('sensitive_extras as se')
          .select((eb) => [
            'se.contact_id',
            dayOf(eb, 'se.created_at').as('recorded'),
            eb
              .selectFrom('participations as p')
              .innerJoin('events as e', 'e.id', 'p.event_id')
              .select((e) => e.fn.max(e.fn.coalesce('e.end_date', 'e.start_date')).as('d'))
              .whereRef('p.contact_id', '=', 'se.contact_id')
              .as('event_day'),
          ])
          .where('se.category', '=', 'identity')
          .as('x'),
      )
      .select((eb) => [
        'x.contact_id',
        eb.fn.coalesce('x.event_day', 'x.recorded').as('day'),
        eb.case().when('x.event_day', 'is', null).then(eb.val<ClockReason>('detail_recorded')).else(eb.val<ClockReason>('trip_event')).end().as('reason'),
      ]),
  // The accounting obligation runs from the last payment made with the details (0009).
  bank: (db) =>
    db
      .selectFrom('sensitive_extras')
      .select((eb) => [
        'contact_id',
        eb.fn.coalesce('last_paid_on', dayOf(eb, 'created_at')).as('day'),
        eb.case().when('last_paid_on', 'is', null).then(eb.val<ClockReason>('detail_recorded')).else(eb.val<ClockReason>('payment')).end().as('reason'),
      ])
      .where('category', '=', 'bank'),
  // Still subscribed people are kept: only a latest newsletter event that withdraws or objects starts the clock.
  newsletter_only: (db) =>
    db
      .selectFrom((qb) =>
        qb
          .selectFrom('consent_events as ce')
          .innerJoin('purposes as pu', 'pu.id', 'ce.purpose_id')
          .select((eb) => [
            'ce.contact_id',
            'ce.action',
            'ce.occurred_at',
            eb.fn
              .agg<number>('row_number')
              .over((ob) => ob.partitionBy('ce.contact_id').orderBy('ce.occurred_at', 'desc').orderBy('ce.recorded_at', 'desc').orderBy('ce.entry_seq', 'desc'))
              .as('n'),
          ])
          .where('pu.code', '=', NEWSLETTER)
          .where('ce.contact_id', 'in', newsletterOnly(db))
          .as('latest'),
      )
      .select((eb) => ['latest.contact_id', 'latest.occurred_at as day', eb.val<ClockReason>('withdrawal').as('reason')])
      .where('latest.n', '=', 1)
      .where('latest.action', 'in', ['withdrawn', 'objected']),
  // A signed attendance sheet is kept for the accounting and grant rules from its event's day.
  signature: (db) =>
    db
      .selectFrom('sensitive_extras as se')
      .innerJoin('events as e', 'e.id', 'se.event_id')
      .select((eb) => ['se.contact_id', eb.fn.coalesce('e.end_date', 'e.start_date').as('day'), eb.val<ClockReason>('signed_event').as('reason')])
      .where('se.category', '=', 'signature'),
};

interface Raw {
  contact_id: string | null;
  request_id: string | null;
  full_name: string | null;
  organisation_name: string | null;
  /** The day, then '#', then the reason: the greatest of them is the latest day, one reason picked for a tie. */
  clock: string;
}

const toRow = (r: Raw): ClockRow => {
  const at = r.clock.indexOf('#');
  return {
    contactId: r.contact_id,
    requestId: r.request_id,
    fullName: r.full_name,
    organisationName: r.organisation_name,
    clockStart: r.clock.slice(0, at),
    clockReason: r.clock.slice(at + 1) as ClockReason,
  };
};

/** `day#reason`, which orders by day first. */
const clockOf = (eb: ExpressionBuilder<{ s: Dated }, 's'>) => eb(eb(eb.ref('s.day'), '||', eb.val('#')), '||', eb.ref('s.reason'));

/** Per contact, the latest dated thing of `source`, due by `cutoff`, with the person's name and organisation. */
async function perContact(db: Db, source: Source, cutoff: string): Promise<Raw[]> {
  const latest = db
    .selectFrom(source.as('s'))
    .select((eb) => ['s.contact_id', eb.fn.max(clockOf(eb)).as('clock')])
    .where('s.day', 'is not', null)
    .groupBy('s.contact_id')
    .having((eb) => eb(eb.fn.max(clockOf(eb)), '<=', `${cutoff}#~`));
  return db
    .selectFrom(latest.as('k'))
    .innerJoin('contacts as c', 'c.id', 'k.contact_id')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select((eb) => ['k.contact_id', eb.val<string | null>(null).as('request_id'), 'c.full_name', 'o.name as organisation_name', eb.ref('k.clock').$castTo<string>().as('clock')])
    .execute();
}

/** Each closed request on its own: the rule erases the request and its letters, not the person. */
function closedRequests(db: Db, cutoff: string): Promise<Raw[]> {
  return db
    .selectFrom('rights_requests as r')
    .leftJoin('contacts as c', 'c.id', 'r.contact_id')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select((eb) => [
      'r.contact_id',
      'r.id as request_id',
      eb.fn.coalesce('c.full_name', 'r.requester_name').as('full_name'),
      'o.name as organisation_name',
      eb(eb.ref('r.closed_on').$castTo<string>(), '||', eb.val('#request_closed')).$castTo<string>().as('clock'),
    ])
    .where('r.status', 'in', ['completed', 'refused'])
    .where('r.closed_on', '<=', cutoff)
    .execute();
}

/**
 * People under `threshold` on `today` (the rule of db/contacts/minors.ts: the youngest
 * recorded date of birth). Their clock starts on the day the register first held it: at
 * once, by default, since their consent needs a parent's.
 */
async function minors(db: Db, today: string, threshold: number, cutoff: string): Promise<ClockRow[]> {
  // Anyone born on or before this day is of age whatever February does; the rest are checked one by one.
  const bornAfter = monthsAfter(today, -12 * (threshold + 1));
  const rows = await db
    .selectFrom('sensitive_extras as se')
    .innerJoin('contacts as c', 'c.id', 'se.contact_id')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select((eb) => [
      'se.contact_id',
      eb.val<string | null>(null).as('request_id'),
      'c.full_name',
      'o.name as organisation_name',
      eb(eb.fn.min(dayOf(eb, 'se.created_at')), '||', eb.val('#under_age'))
        .$castTo<string>()
        .as('clock'),
      eb.fn.max(jsonText('se.data', 'dateOfBirth')).as('dob'),
    ])
    .where('se.category', '=', 'identity')
    .where(jsonText('se.data', 'dateOfBirth'), '>', bornAfter)
    .groupBy('se.contact_id')
    .execute();
  return rows.filter((r) => r.dob && parseIsoDate(r.dob) && ageOn(r.dob, today) < threshold && r.clock <= `${cutoff}#~`).map(toRow);
}

/** Every clock of `rule` that started on `cutoff` or before. */
export async function clocks(db: Db, rule: RetentionRuleCode, cutoff: string, minor: { today: string; threshold: number }): Promise<ClockRow[]> {
  if (rule === 'minor') return minors(db, minor.today, minor.threshold, cutoff);
  const rows = rule === 'closed_requests' ? await closedRequests(db, cutoff) : await perContact(db, sources[rule](db), cutoff);
  return rows.map(toRow);
}
