/**
 * 0016 — retention rules and legal holds (issue 15, DESIGN §5 "Retention").
 *
 * - `retention_rules` (0001) was never written and said nothing of what happens when a
 *   rule is due: it is remade with one row per rule code, its period (a number of days or
 *   years) and its action, seeded with the privacy policy's defaults. Which actions a rule
 *   may take is fixed in shared/rules/retention.ts; the CHECKs only hold the vocabulary.
 * - `legal_holds`: an admin freezes a person against retention (a dispute, an audit of a
 *   grant) with a reason and an end day; lifting keeps the row, with who lifted it and when.
 * - Indexes give each person's latest participation, where the activity rule's clock starts,
 *   and the days of their sensitive details without reading the files stored with them.
 * Frozen: imports only kysely; the defaults are copied here.
 */
import { sql, type Kysely } from 'kysely';

/** The policy's defaults: [code, period, unit, action]. */
const DEFAULTS: ReadonlyArray<[string, number, 'days' | 'years', string]> = [
  ['contact_activity', 7, 'years', 'erase_contact'],
  ['identity', 30, 'days', 'erase_category'],
  ['bank', 7, 'years', 'erase_category'],
  ['newsletter_only', 30, 'days', 'erase_contact'],
  ['signature', 7, 'years', 'erase_category'],
  ['closed_requests', 3, 'years', 'erase_request'],
  ['minor', 0, 'days', 'erase_contact'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `DROP TABLE retention_rules`,
    `CREATE TABLE retention_rules (
      code TEXT PRIMARY KEY CHECK (code IN ('contact_activity','identity','bank','newsletter_only','signature','closed_requests','minor')),
      period_value INTEGER NOT NULL CHECK (period_value >= 0),
      period_unit TEXT NOT NULL CHECK (period_unit IN ('days','years')),
      action TEXT NOT NULL CHECK (action IN ('erase_contact','erase_category','anonymise','erase_request')),
      updated_at TEXT NOT NULL,
      updated_by TEXT REFERENCES staff(id)
    ) STRICT`,
    `CREATE TABLE legal_holds (
      id TEXT PRIMARY KEY,
      contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
      until TEXT NOT NULL,
      set_at TEXT NOT NULL,
      set_by TEXT REFERENCES staff(id),
      lifted_at TEXT,
      lifted_by TEXT REFERENCES staff(id)
    ) STRICT`,
    // The retention clocks read each person's latest participation, and their events, from the index alone.
    `CREATE INDEX participations_contact_day ON participations(contact_id, participated_on, event_id)`,
    // The clocks of identity, bank and signature details read these columns alone, never
    // walking past a row's file (a photo, a signed sheet) to reach its day.
    `CREATE INDEX sensitive_extras_retention ON sensitive_extras(category, contact_id, created_at, last_paid_on, event_id)`,
    // The due list looks up the holds in force: not lifted, by person.
    `CREATE INDEX legal_holds_contact ON legal_holds(contact_id) WHERE lifted_at IS NULL`,
  ]) {
    await sql.raw(statement).execute(db);
  }
  const now = new Date().toISOString();
  for (const [code, value, unit, action] of DEFAULTS) {
    await sql`INSERT INTO retention_rules (code, period_value, period_unit, action, updated_at) VALUES (${code}, ${value}, ${unit}, ${action}, ${now})`.execute(db);
  }
}
