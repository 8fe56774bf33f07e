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
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { ageOn, parseIsoDate } from '../../shared/rules/dates';
import { monthsAfter } from '../../shared/rules/deadline';
import type { ClockReason, RetentionRuleCode } from '../../shared/rules/retention';
import type { Database } from '../schema';

export interface ClockRow {
  contactId: string | null;
  requestId: string | null;
  fullName: string | null;
  organisationName: string | null;
  clockStart: string;
  clockReason: ClockReason;
}

interface Raw {
  contact_id: string | null;
  request_id: string | null;
  full_name: string | null;
  organisation_name: string | null;
  /** The day, then '#', then the reason: the greatest of them is the latest day, one reason picked for a tie. */
  clock: string;
}

const NEWSLETTER = 'newsletter';

/** People whose only dealing with the secretariat is the newsletter: its rule, not the activity rule, governs them. */
const newsletterOnly = sql`
  SELECT ce.contact_id FROM consent_events ce JOIN purposes pu ON pu.id = ce.purpose_id
  GROUP BY ce.contact_id
  HAVING SUM(pu.code <> ${NEWSLETTER}) = 0
    AND NOT EXISTS (SELECT 1 FROM participations p WHERE p.contact_id = ce.contact_id)
    AND NOT EXISTS (SELECT 1 FROM rights_requests r WHERE r.contact_id = ce.contact_id)
    AND NOT EXISTS (SELECT 1 FROM sensitive_extras se WHERE se.contact_id = ce.contact_id)`;

/** The day of a person's latest event (its last day, else its first), for identity and travel data. */
const latestEvent = sql`
  SELECT p.contact_id, MAX(COALESCE(e.end_date, e.start_date)) AS day
  FROM participations p JOIN events e ON e.id = p.event_id GROUP BY p.contact_id`;

/** Per contact (or per request), the latest `day || '#' || reason` of `source`, due by `cutoff`. */
function perContact(source: RawBuilder<unknown>, cutoff: string): RawBuilder<Raw> {
  return sql<Raw>`
    SELECT k.contact_id, NULL AS request_id, c.full_name, o.name AS organisation_name, k.clock
    FROM (SELECT contact_id, MAX(day || '#' || reason) AS clock FROM (${source}) WHERE day IS NOT NULL GROUP BY contact_id) k
    JOIN contacts c ON c.id = k.contact_id
    LEFT JOIN organisations o ON o.id = c.organisation_id
    WHERE k.clock <= ${`${cutoff}#~`}`;
}

const sources: Record<Exclude<RetentionRuleCode, 'closed_requests' | 'minor'>, RawBuilder<unknown>> = {
  contact_activity: sql`
    SELECT contact_id, participated_on AS day, 'last_participation' AS reason FROM participations
    UNION ALL
    SELECT contact_id, substr(occurred_at, 1, 10), 'consent_given' FROM consent_events
      WHERE action = 'granted' AND contact_id NOT IN (${newsletterOnly})
    UNION ALL
    SELECT contact_id, closed_on, 'request_closed' FROM rights_requests WHERE contact_id IS NOT NULL AND closed_on IS NOT NULL`,
  // The last trip or event, after which a passport or a date of birth is no longer needed;
  // with no event, the day the detail was recorded.
  identity: sql`
    SELECT se.contact_id,
      COALESCE(ev.day, substr(se.created_at, 1, 10)) AS day,
      CASE WHEN ev.day IS NULL THEN 'detail_recorded' ELSE 'trip_event' END AS reason
    FROM sensitive_extras se LEFT JOIN (${latestEvent}) ev ON ev.contact_id = se.contact_id
    WHERE se.category = 'identity'`,
  // The accounting obligation runs from the last payment made with the details (0009).
  bank: sql`
    SELECT contact_id, COALESCE(last_paid_on, substr(created_at, 1, 10)) AS day,
      CASE WHEN last_paid_on IS NULL THEN 'detail_recorded' ELSE 'payment' END AS reason
    FROM sensitive_extras WHERE category = 'bank'`,
  // Still subscribed people are kept: only a latest newsletter event that withdraws or objects starts the clock.
  newsletter_only: sql`
    SELECT contact_id, day, 'withdrawal' AS reason FROM (
      SELECT ce.contact_id, ce.action, substr(ce.occurred_at, 1, 10) AS day,
        ROW_NUMBER() OVER (PARTITION BY ce.contact_id ORDER BY ce.occurred_at DESC, ce.recorded_at DESC, ce.entry_seq DESC) AS n
      FROM consent_events ce JOIN purposes pu ON pu.id = ce.purpose_id AND pu.code = ${NEWSLETTER}
      WHERE ce.contact_id IN (${newsletterOnly})
    ) WHERE n = 1 AND action IN ('withdrawn', 'objected')`,
  // A signed attendance sheet is kept for the accounting and grant rules from its event's day.
  signature: sql`
    SELECT se.contact_id, COALESCE(e.end_date, e.start_date) AS day, 'signed_event' AS reason
    FROM sensitive_extras se JOIN events e ON e.id = se.event_id WHERE se.category = 'signature'`,
};

/** Each closed request on its own: the rule erases the request and its letters, not the person. */
const closedRequests = (cutoff: string) => sql<Raw>`
  SELECT r.contact_id, r.id AS request_id, COALESCE(c.full_name, r.requester_name) AS full_name, o.name AS organisation_name,
    r.closed_on || '#request_closed' AS clock
  FROM rights_requests r
  LEFT JOIN contacts c ON c.id = r.contact_id
  LEFT JOIN organisations o ON o.id = c.organisation_id
  WHERE r.status IN ('completed', 'refused') AND r.closed_on <= ${cutoff}`;

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

/**
 * People under `threshold` on `today` (the rule of db/contacts/minors.ts: the youngest
 * recorded date of birth). Their clock starts on the day the register first held it: at
 * once, by default, since their consent needs a parent's.
 */
async function minors(db: Kysely<Database>, today: string, threshold: number, cutoff: string): Promise<ClockRow[]> {
  // Anyone born on or before this day is of age whatever February does; the rest are checked one by one.
  const bornAfter = monthsAfter(today, -12 * (threshold + 1));
  const { rows } = await sql<Raw & { dob: string }>`
    SELECT se.contact_id, NULL AS request_id, c.full_name, o.name AS organisation_name,
      MIN(substr(se.created_at, 1, 10)) || '#under_age' AS clock, MAX(json_extract(se.data, '$.dateOfBirth')) AS dob
    FROM sensitive_extras se
    JOIN contacts c ON c.id = se.contact_id
    LEFT JOIN organisations o ON o.id = c.organisation_id
    WHERE se.category = 'identity' AND json_extract(se.data, '$.dateOfBirth') > ${bornAfter}
    GROUP BY se.contact_id`.execute(db);
  return rows.filter((r) => parseIsoDate(r.dob) && ageOn(r.dob, today) < threshold && r.clock <= `${cutoff}#~`).map(toRow);
}

/** Every clock of `rule` that started on `cutoff` or before. */
export async function clocks(db: Kysely<Database>, rule: RetentionRuleCode, cutoff: string, minor: { today: string; threshold: number }): Promise<ClockRow[]> {
  if (rule === 'minor') return minors(db, minor.today, minor.threshold, cutoff);
  const query = rule === 'closed_requests' ? closedRequests(cutoff) : perContact(sources[rule], cutoff);
  return (await query.execute(db)).rows.map(toRow);
}
