/**
 * 0004 — the register's order as a number (issue 3: search and list pages at 100k
 * contacts). `sort_name` is the folded full name (accent- and case-free, so "Éric" sits
 * next to "Eric"); `sort_rank` is an integer label whose order is that of (sort_name, id),
 * and the search index's rowid is that label. A search then reads its matches already
 * in display order and stops after the page, and a list page walks a narrow integer index
 * instead of sorting. The index gains a `tags` column for the list filters (organisation,
 * country, archived or not) so a filtered search is answered by the index alone. The
 * application assigns labels and writes the index (db/contacts/search.ts); the index is created
 * empty, so the next open rebuilds it in the new order. Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE contacts ADD COLUMN sort_name TEXT`,
  `ALTER TABLE contacts ADD COLUMN sort_rank INTEGER`,
  // Placing a new or renamed contact looks up its neighbours by name, ranks included.
  `CREATE INDEX contacts_sort_name ON contacts(sort_name, id, sort_rank)`,
  // One contact per label: joining a search match to its contact is a one-row lookup,
  // which also keeps the planner from walking a filter's index for every match.
  `CREATE UNIQUE INDEX contacts_rank ON contacts(sort_rank)`,
  // Pages of current contacts. Partial, so the archive condition is the index's own and
  // skipping rows for an offset never reads the (encrypted) table.
  `CREATE INDEX contacts_active_rank ON contacts(sort_rank) WHERE archived_at IS NULL`,
  // The current-contacts total is all contacts minus the archived ones: counting the
  // whole table is a page count, this index keeps the other side small.
  `CREATE INDEX contacts_archived ON contacts(archived_at) WHERE archived_at IS NOT NULL`,
  `DROP INDEX contacts_name`,
  `DROP INDEX contacts_active_name`,
  `DROP TABLE contact_search`,
  `CREATE VIRTUAL TABLE contact_search USING fts5(contact_id UNINDEXED, text, tags, tokenize = 'unicode61', prefix = '1 2 3')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
