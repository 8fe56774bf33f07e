/**
 * Search-index rows for many contacts at once: the same text as `indexContacts` in
 * db/search.ts (folded name, e-mails, organisation, job title), computed from values the
 * import already holds instead of four queries per contact. SQLite-only (FTS5, rowid),
 * like search.ts — candidate to move there as `indexContactsBulk`.
 */
import { sql, type Kysely } from 'kysely';
import { foldForSearch } from '../../shared/rules/names';
import type { Database } from '../schema';

export interface IndexEntry {
  id: string;
  fullName: string;
  emails: readonly string[];
  organisationName: string | null;
  jobTitle: string | null;
}

export const searchText = (e: IndexEntry): string => foldForSearch([e.fullName, ...e.emails, e.organisationName ?? '', e.jobTitle ?? ''].join(' '));

const CHUNK = 5000;

/**
 * Rewrites the index entries of the given contacts (their rows must exist). `fresh`:
 * the contacts were just inserted and have no entry yet, so none is deleted first.
 */
export async function indexContactsBulk(db: Kysely<Database>, entries: readonly IndexEntry[], fresh = false): Promise<void> {
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    const rowids = await db
      .selectFrom('contacts')
      .select(['id', sql<number>`rowid`.as('rowid')])
      .where('id', 'in', chunk.map((e) => e.id))
      .execute();
    const byId = new Map(rowids.map((r) => [r.id, r.rowid]));
    const rows = chunk.map((e) => {
      const rowid = byId.get(e.id);
      if (rowid === undefined) throw new Error('indexContactsBulk: contact row missing');
      return sql`(${rowid}, ${e.id}, ${searchText(e)})`;
    });
    if (!fresh) await sql`DELETE FROM contact_search WHERE rowid IN (${sql.join(rowids.map((r) => r.rowid))})`.execute(db);
    await sql`INSERT INTO contact_search (rowid, contact_id, text) VALUES ${sql.join(rows)}`.execute(db);
  }
}
