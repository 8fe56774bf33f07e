/**
 * Search-index rows for many contacts at once: the same text as `indexContacts` in
 * db/search.ts (folded name, e-mails, organisation, job title), computed from values the
 * import already holds instead of four queries per contact, and written with prepared
 * statements on the commit's connection (see sqlite-writes.ts for why). SQLite-only
 * (FTS5, rowid), like search.ts — candidate to move there as `indexContactsBulk`; the
 * entry is keyed the way search.ts keys it, so a change of that scheme changes the SQL here.
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import { foldForSearch } from '../../shared/rules/names';
import type { RawDb } from '../vault/open-db';

export interface IndexEntry {
  id: string;
  fullName: string;
  emails: readonly string[];
  organisationName: string | null;
  jobTitle: string | null;
}

export const searchText = (e: IndexEntry): string => foldForSearch([e.fullName, ...e.emails, e.organisationName ?? '', e.jobTitle ?? ''].join(' '));

export class SearchIndexWrites {
  private readonly rowid: Statement<[string], number>;
  private readonly insert: Statement<[number, string, string]>;
  private readonly remove: Statement<[number]>;

  constructor(raw: RawDb) {
    this.rowid = raw.prepare<[string], number>('SELECT rowid FROM contacts WHERE id = ?').pluck();
    // Measured: an INSERT … SELECT into the FTS5 table costs four times this lookup + VALUES.
    this.insert = raw.prepare('INSERT INTO contact_search (rowid, contact_id, text) VALUES (?, ?, ?)');
    this.remove = raw.prepare('DELETE FROM contact_search WHERE rowid = ?');
  }

  private rowidOf(id: string): number {
    const rowid = this.rowid.get(id);
    if (rowid === undefined) throw new Error('search index: contact row missing');
    return rowid;
  }

  /** The entry of a contact just inserted (its row must exist; it has no entry yet). */
  add(e: IndexEntry): void {
    this.insert.run(this.rowidOf(e.id), e.id, searchText(e));
  }

  /** Rewrites the entry of an existing contact. */
  replace(e: IndexEntry): void {
    const rowid = this.rowidOf(e.id);
    this.remove.run(rowid);
    this.insert.run(rowid, e.id, searchText(e));
  }
}
