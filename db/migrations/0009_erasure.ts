/**
 * 0009 — erasing a person (issue 13, DESIGN §5 "Erasure").
 *
 * - Bank details learn when they were last used for a payment: the accounting obligation
 *   keeps an IBAN used for a reimbursement for 7 years after that day, and no longer.
 * - `erasures` is the erasure ledger inside the vault (a copy of its ids and days lives
 *   beside the vault file, registre.erasures): one row per erased person, under a
 *   pseudonymous id (an HMAC of the contact id keyed with the vault's audit key, so a
 *   restored backup can find the contact again and nobody without the key can), the day,
 *   the rights request it answered and why. Append-only: triggers refuse UPDATE and DELETE,
 *   because a restored backup is brought back in line by replaying every row.
 * - `erasure_holds` keeps what a legal hold needs of an erased person (a signed attendance
 *   sheet, bank details used for a recent payment), tied to the erasure's pseudonym
 *   rather than to a name, each with the day it may go. Rows leave when their hold ends.
 * - `erasure_ledger` (0001) was never written and does not carry a request or a reason:
 *   it gives way to `erasures`.
 * Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE sensitive_extras ADD COLUMN last_paid_on TEXT`,

  `DROP TABLE erasure_ledger`,
  // entry_seq: the ledger is replayed in the order it was written.
  `CREATE TABLE erasures (
    id TEXT NOT NULL UNIQUE,
    erased_on TEXT NOT NULL,
    request_id TEXT,
    reason TEXT NOT NULL,
    kept_count INTEGER NOT NULL CHECK (kept_count >= 0),
    entry_seq INTEGER PRIMARY KEY
  )`,
  `CREATE TRIGGER erasures_no_update BEFORE UPDATE ON erasures
    BEGIN SELECT RAISE(ABORT, 'the erasure ledger is append-only'); END`,
  `CREATE TRIGGER erasures_no_delete BEFORE DELETE ON erasures
    BEGIN SELECT RAISE(ABORT, 'the erasure ledger is append-only'); END`,

  `CREATE TABLE erasure_holds (
    id TEXT PRIMARY KEY,
    erasure_id TEXT NOT NULL REFERENCES erasures(id),
    kind TEXT NOT NULL CHECK (kind IN ('signed_attendance_sheet','bank_details')),
    event_id TEXT REFERENCES events(id),
    data TEXT NOT NULL DEFAULT '{}',
    content BLOB,
    content_type TEXT,
    held_until TEXT NOT NULL
  )`,
  // The retention review lists the holds that have ended.
  `CREATE INDEX erasure_holds_until ON erasure_holds(held_until)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
