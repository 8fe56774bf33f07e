/**
 * 0021 — a contact's e-mails read from an index alone. The contacts list shows each row's
 * primary address, and the contacts register exports every address in order: both found a
 * contact's e-mails through the contact_id index, then read each row from the table — two
 * page reads on random pages per contact, most of a list page's cost at a million
 * contacts (issue 17). The index now holds the primary flag and the address (and, as
 * every index, the rowid, entry_seq), so it answers both by itself; it replaces the old
 * one, which it serves as well (its first column is the same).
 * Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`DROP INDEX contact_emails_contact`).execute(db);
  await sql.raw(`CREATE INDEX contact_emails_contact ON contact_emails(contact_id, is_primary, email)`).execute(db);
}
