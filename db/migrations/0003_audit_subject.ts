/**
 * 0003 — whom an audit event is about. A contact's page shows its history, and an access
 * request (Art. 15) owes the person the events about them; events about a contact's
 * sensitive extras, participations or consents carry those records' ids, not the
 * contact's. `subject_id` names the contact (a pseudonymous id, never a value). Events
 * written before this migration have none; the HMAC covers the subject only when set, so
 * their hashes still verify. Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  // ALTER TABLE does not fire the append-only triggers: no existing event changes.
  `ALTER TABLE audit_events ADD COLUMN subject_id TEXT`,
  `CREATE INDEX audit_events_subject ON audit_events(subject_id, seq) WHERE subject_id IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
