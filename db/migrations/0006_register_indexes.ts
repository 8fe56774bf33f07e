/**
 * 0006 — two lookups of issue 4 that read whole tables without an index: the partner-sharing
 * log filtered by partner (newest first), and the people whose processing is restricted
 * (the mailing list leaves them out; a restriction is rare, so a partial index stays small).
 * Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE INDEX partner_sharing_partner ON partner_sharing(partner, shared_on)`,
  `CREATE INDEX consent_events_restricted ON consent_events(contact_id) WHERE action = 'restricted'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
