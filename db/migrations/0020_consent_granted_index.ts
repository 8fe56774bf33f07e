/**
 * 0020 — the retention clock's consent side (db/retention/clock.ts contact_activity): the
 * latest consent each person gave, read from an index alone. Without it, finding that
 * day over a million consent events looked up every event's row for its action (2.3 s
 * of the home dashboard's first count after a change, at 100k contacts and 1M events;
 * 0.2 s with it).
 * Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`CREATE INDEX consent_events_granted ON consent_events(contact_id, occurred_at) WHERE action = 'granted'`).execute(db);
}
