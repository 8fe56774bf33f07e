/**
 * Finding people (issue 3): an FTS5 index of each contact's folded text — name, e-mails,
 * organisation, job title — kept in step by the contact, e-mail and organisation writes.
 * SQLite-only (FTS5, rowid join), so it lives here and nowhere else (DESIGN §1).
 * Folding happens in the app (shared/rules/names.ts), the same way for index and query,
 * so "eric" finds "Éric", "muller" finds "Müller" and "lukasz" finds "Łukasz".
 */
import { sql, type Kysely } from 'kysely';
import { foldForSearch } from '../shared/rules/names';
import type { Database } from './schema';

/** Rewrites the index entries of the given contacts from their current rows. */
export async function indexContacts(db: Kysely<Database>, contactIds: readonly string[]): Promise<void> {
  for (const id of contactIds) {
    const row = await db
      .selectFrom('contacts as c')
      .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
      .select(['c.full_name', 'c.job_title', 'o.name as org', sql<number>`c.rowid`.as('rowid')])
      .where('c.id', '=', id)
      .executeTakeFirst();
    await sql`DELETE FROM contact_search WHERE rowid = (SELECT rowid FROM contacts WHERE id = ${id})`.execute(db);
    if (!row) continue;
    const emails = await db.selectFrom('contact_emails').select('email').where('contact_id', '=', id).execute();
    const text = foldForSearch([row.full_name, ...emails.map((e) => e.email), row.org ?? '', row.job_title ?? ''].join(' '));
    await sql`INSERT INTO contact_search (rowid, contact_id, text) VALUES (${row.rowid}, ${id}, ${text})`.execute(db);
  }
}

/** Drops a contact's entry; call before deleting the contact row (the entry is keyed by its rowid). */
export async function unindexContact(db: Kysely<Database>, contactId: string): Promise<void> {
  await sql`DELETE FROM contact_search WHERE rowid = (SELECT rowid FROM contacts WHERE id = ${contactId})`.execute(db);
}

/** Contacts whose index entry must follow an organisation's new name. */
export async function indexOrganisationMembers(db: Kysely<Database>, organisationId: string): Promise<void> {
  const members = await db.selectFrom('contacts').select('id').where('organisation_id', '=', organisationId).execute();
  await indexContacts(db, members.map((m) => m.id));
}

/**
 * Fills the index when it does not cover every contact: after the migration that created
 * it, or after rows were written by a tool that does not maintain it (demo data).
 */
export async function reindexIfIncomplete(db: Kysely<Database>): Promise<number> {
  const counts = await sql<{ contacts: number; indexed: number }>`
    SELECT (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM contact_search) AS indexed`.execute(db);
  const c = counts.rows[0]!;
  if (c.contacts === c.indexed) return 0;
  await sql`DELETE FROM contact_search`.execute(db);
  const rows = await sql<{ rowid: number; id: string; full_name: string; job_title: string | null; org: string | null; emails: string | null }>`
    SELECT c.rowid AS rowid, c.id, c.full_name, c.job_title, o.name AS org,
           (SELECT group_concat(email, ' ') FROM contact_emails e WHERE e.contact_id = c.id) AS emails
    FROM contacts c LEFT JOIN organisations o ON o.id = c.organisation_id`.execute(db);
  for (const r of rows.rows) {
    const text = foldForSearch([r.full_name, r.emails ?? '', r.org ?? '', r.job_title ?? ''].join(' '));
    await sql`INSERT INTO contact_search (rowid, contact_id, text) VALUES (${r.rowid}, ${r.id}, ${text})`.execute(db);
  }
  return rows.rows.length;
}

/**
 * The FTS5 query for what a person typed: every word must match the start of a word
 * ("mul" finds "Müller"). Null when nothing searchable was typed.
 */
export function matchQuery(typed: string): string | null {
  const words = foldForSearch(typed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}
