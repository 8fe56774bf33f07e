/**
 * 0002 — finding people fast at 100k contacts (issue 3). An FTS5 index over the folded
 * (accent- and case-free) text of each contact: name, e-mails, organisation, job title.
 * The application writes the folded text, so the index needs no special tokenizer and
 * "ł", "ß" or "ø" fold the same way in the index and in the query. Plus the indexes the
 * list screens sort and filter by. Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  // prefix: typed-so-far searches ("mar") read a prefix index instead of every term.
  `CREATE VIRTUAL TABLE contact_search USING fts5(contact_id UNINDEXED, text, tokenize = 'unicode61', prefix = '1 2 3')`,
  // The register's sort order, with the id as tie-breaker, so a page is an index range.
  `CREATE INDEX contacts_name ON contacts(full_name COLLATE NOCASE, id)`,
  // Most lists show current contacts only: counting and paging them reads this narrow
  // index, never the (encrypted, page-by-page decrypted) table itself.
  `CREATE INDEX contacts_active_name ON contacts(full_name COLLATE NOCASE, id) WHERE archived_at IS NULL`,
  `CREATE INDEX contacts_country ON contacts(country)`,
  `CREATE INDEX organisations_name ON organisations(name COLLATE NOCASE)`,
  `CREATE INDEX events_start ON events(start_date)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
