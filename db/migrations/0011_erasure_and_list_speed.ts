/**
 * 0011 — an erasure and the requests list in time at scale (issue 13 benchmarks).
 *
 * - The search index turns on FTS5's `secure-delete` (SQLite ≥ 3.44, stored in the index's
 *   config table, so every connection keeps it): deleting or rewriting an entry now removes
 *   its terms from the segments in place, where a plain delete only added a tombstone and
 *   left them in the older segments. An erasure then deletes one entry instead of merging
 *   the whole index (a rewrite of every entry, ~3 s at 100k contacts). The index is merged
 *   once here ('optimize'), which drops every tombstone and the terms of the entries
 *   rewritten or deleted before this version: from now on nothing deleted leaves a term.
 * - The requests list shows requests by their current deadline (the extended one if any),
 *   then day received, then id, and counts them per state without test entries. Both
 *   indexes carry `is_test` and `status` beside that order, so a page (of one state or of
 *   all) walks the order and stops after it, and the counts never read the table's
 *   (encrypted) rows.
 * Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `INSERT INTO contact_search (contact_search, rank) VALUES ('secure-delete', 1)`,
  `INSERT INTO contact_search (contact_search) VALUES ('optimize')`,
  // The list's order, as an expression the query spells the same way.
  `CREATE INDEX rights_requests_deadline ON rights_requests(coalesce(extended_due_on, due_on), received_on, id, is_test, status)`,
  // The counts per state, with or without test entries, and one state's page in the same order.
  `CREATE INDEX rights_requests_state ON rights_requests(status, is_test, coalesce(extended_due_on, due_on), received_on, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
