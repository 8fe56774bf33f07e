/**
 * 0022 — the audit chain's head is moved by the appender, once per batch of events, not
 * by a trigger once per event (issue 17). The trigger ran an upsert for every event: half
 * the cost of an append, 1.2 s of a 100k-row import's 200k events. The head still moves
 * in the same transaction as the events (db/audit/chain.ts), and verify still requires it
 * to name the newest event: an event inserted behind the app's back now leaves the head
 * behind, which verify reports, where the trigger moved the head along with it.
 * Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`DROP TRIGGER audit_events_advance_head`).execute(db);
}
