/**
 * 0007 — the order of entry as a column (DESIGN §1). The consent ledger breaks a tie
 * between two events of the same day and instant by the order they were entered in, and a
 * contact's e-mails and phones are listed in the order they were given. Both read SQLite's
 * hidden rowid, which VACUUM may renumber in a table without an INTEGER PRIMARY KEY and
 * which PostgreSQL does not have.
 *
 * Each of the three tables is rebuilt (SQLite cannot add a NOT NULL column without a
 * default) with `entry_seq INTEGER PRIMARY KEY`, the id staying unique and required:
 * - existing rows keep their rowid as their number, so today's order is kept exactly;
 * - a new row is numbered by the database, one above the highest number in the table, in
 *   the same statement as the insert (PostgreSQL: an identity column), so no insert has to
 *   compute it and none can forget it; a merge that moves rows keeps their numbers;
 * - the number is the table's key, so the ledger's "events of that day, by number" still
 *   reads the table front to back, and the contact_id indexes still end with it (a
 *   contact's rows come out in order without a sort).
 * The ledger's triggers are recreated, with entry_seq among the columns no update may
 * change: the order of an append-only ledger is part of what was recorded.
 * The tables keep their declared types (not STRICT), like every table before them.
 * Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE consent_events_0007 (
    id TEXT NOT NULL UNIQUE,
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    purpose_id TEXT NOT NULL REFERENCES purposes(id),
    action TEXT NOT NULL CHECK (action IN ('granted','withdrawn','objected','restricted')),
    lawful_basis TEXT NOT NULL CHECK (lawful_basis IN ('consent','legitimate_interest','contract','legal_obligation')),
    channel TEXT NOT NULL CHECK (channel IN ('form','email','event_registration','unsubscribe_link','phone','paper')),
    evidence TEXT,
    policy_version_id TEXT REFERENCES policy_versions(id),
    occurred_at TEXT NOT NULL,
    recorded_by TEXT REFERENCES staff(id),
    recorded_at TEXT NOT NULL,
    entry_seq INTEGER PRIMARY KEY
  )`,
  `INSERT INTO consent_events_0007 (id, contact_id, purpose_id, action, lawful_basis, channel, evidence, policy_version_id, occurred_at, recorded_by, recorded_at, entry_seq)
    SELECT id, contact_id, purpose_id, action, lawful_basis, channel, evidence, policy_version_id, occurred_at, recorded_by, recorded_at, rowid FROM consent_events`,
  // Dropping a table drops its triggers first, so the append-only guard does not fire here.
  `DROP TABLE consent_events`,
  `ALTER TABLE consent_events_0007 RENAME TO consent_events`,
  `CREATE INDEX consent_events_contact_purpose ON consent_events(contact_id, purpose_id, occurred_at)`,
  `CREATE INDEX consent_events_purpose ON consent_events(purpose_id, contact_id, occurred_at)`,
  `CREATE INDEX consent_events_restricted ON consent_events(contact_id) WHERE action = 'restricted'`,
  `CREATE TRIGGER consent_events_no_update BEFORE UPDATE OF id, purpose_id, action, lawful_basis, channel, evidence,
      policy_version_id, occurred_at, recorded_by, recorded_at, entry_seq ON consent_events
    BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END`,
  `CREATE TRIGGER consent_events_no_move BEFORE UPDATE OF contact_id ON consent_events
    WHEN NOT EXISTS (SELECT 1 FROM ledger_permits WHERE contact_id = OLD.contact_id AND reason = 'merge')
    BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END`,
  `CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
    WHEN NOT EXISTS (SELECT 1 FROM ledger_permits WHERE contact_id = OLD.contact_id AND reason = 'erasure')
    BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END`,

  `CREATE TABLE contact_emails_0007 (
    id TEXT NOT NULL UNIQUE,
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0,1)),
    entry_seq INTEGER PRIMARY KEY
  )`,
  `INSERT INTO contact_emails_0007 (id, contact_id, email, is_primary, entry_seq) SELECT id, contact_id, email, is_primary, rowid FROM contact_emails`,
  `DROP TABLE contact_emails`,
  `ALTER TABLE contact_emails_0007 RENAME TO contact_emails`,
  `CREATE INDEX contact_emails_contact ON contact_emails(contact_id)`,
  `CREATE INDEX contact_emails_email ON contact_emails(email COLLATE NOCASE)`,

  `CREATE TABLE contact_phones_0007 (
    id TEXT NOT NULL UNIQUE,
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    e164 TEXT NOT NULL,
    label TEXT,
    entry_seq INTEGER PRIMARY KEY
  )`,
  `INSERT INTO contact_phones_0007 (id, contact_id, e164, label, entry_seq) SELECT id, contact_id, e164, label, rowid FROM contact_phones`,
  `DROP TABLE contact_phones`,
  `ALTER TABLE contact_phones_0007 RENAME TO contact_phones`,
  `CREATE INDEX contact_phones_contact ON contact_phones(contact_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
