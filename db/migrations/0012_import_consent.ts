/**
 * 0012 — consents brought in by a CSV import (issue 14 §1). A consent or withdrawal read
 * from a Mailchimp, Google Forms or Azavista export reached the secretariat through that
 * file, so the ledger records its channel as `import` (the file and row are its evidence).
 *
 * SQLite cannot alter a CHECK: `consent_events` is rebuilt from its own definition as the
 * vault holds it, with `'import'` added to the channel list and nothing else changed, so
 * the columns, the rows with their `entry_seq`, and every index and trigger an earlier
 * migration gave the table come back as they were (the append-only triggers included).
 * Dropping the table drops its triggers first, so the append-only guard does not fire on
 * the copy; they are recreated from their saved text. Photo preferences keep their list.
 * Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

const OLD_CHANNELS = `channel IN ('form','email','event_registration','unsubscribe_link','phone','paper')`;
const NEW_CHANNELS = `channel IN ('form','email','event_registration','unsubscribe_link','phone','paper','import')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const table = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'consent_events'`.execute(db);
  const definition = table.rows[0]?.sql;
  if (!definition || definition.split(OLD_CHANNELS).length !== 2) throw new Error('0012: consent_events does not have the channel list this migration expects');
  const attached = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE tbl_name = 'consent_events' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`.execute(
    db,
  );
  const rebuilt = definition.replace(OLD_CHANNELS, NEW_CHANNELS).replace(/^CREATE TABLE\s+("consent_events"|consent_events)/, 'CREATE TABLE consent_events_0012');
  if (!rebuilt.startsWith('CREATE TABLE consent_events_0012')) throw new Error('0012: cannot rename consent_events');
  await sql.raw(rebuilt).execute(db);
  await sql.raw(`INSERT INTO consent_events_0012 SELECT * FROM consent_events`).execute(db);
  await sql.raw(`DROP TABLE consent_events`).execute(db);
  await sql.raw(`ALTER TABLE consent_events_0012 RENAME TO consent_events`).execute(db);
  for (const r of attached.rows) await sql.raw(r.sql).execute(db);
}
