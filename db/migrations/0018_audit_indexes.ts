/**
 * 0018 — the audit log as evidence (issue 16): an auditor filters it by staff member, by
 * action, by kind of record and by dates, newest first, paged by seq. Without these
 * indexes each filter reads the whole log (the bench target: one filter over 1M events
 * within 50 ms p95). A person's history already has audit_events_subject (0003). `at`
 * gets its own index so a date range starts where it begins instead of walking the log.
 * Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE INDEX audit_events_staff ON audit_events(staff_id, seq) WHERE staff_id IS NOT NULL`,
  `CREATE INDEX audit_events_action ON audit_events(action, seq)`,
  `CREATE INDEX audit_events_entity ON audit_events(entity_type, seq)`,
  `CREATE INDEX audit_events_at ON audit_events(at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
