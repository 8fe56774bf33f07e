/** The shape every register's definition has (register-tables.ts), and the keyset walk over it. */
import type { RegisterTable } from '../../shared/vocabulary';
import type { Kysely } from 'kysely';
import type { RegisterFilters } from '../../shared/api/exports';
import type { Database } from '../schema';

/** A cell as JSON writes it; CSV writes its text (register-format.ts). */
export type Cell = string | number | boolean | null | readonly string[];
export type RegisterRow = Readonly<Record<string, Cell>>;
export type PageKey = string | number;

export interface RegisterPage {
  rows: RegisterRow[];
  /** The keyset position of the page's last row. */
  last: PageKey | null;
}

export interface RegisterSpec<T extends RegisterTable> {
  /** Column names in their order; each row has exactly these keys. */
  columns: readonly string[];
  count(db: Kysely<Database>, f: RegisterFilters<T>): Promise<number>;
  /** Up to `limit` rows after the key `after` (null: from the start), in the export's order. */
  page(db: Kysely<Database>, f: RegisterFilters<T>, after: PageKey | null, limit: number): Promise<RegisterPage>;
}

/** The fields a register's rows have and its column list does not. */
type Unlisted<R, C extends readonly unknown[]> = [Exclude<keyof R, C[number]>] extends [never] ? unknown : { unlisted: Exclude<keyof R, C[number]> };

/**
 * A register's columns in the file's order, checked against the rows `row` makes (the
 * table's mapper and what the export adds to it): listing a field the rows lack, or
 * leaving one of theirs out, does not compile, so the two cannot drift apart.
 */
export function columnsOf<R, const C extends ReadonlyArray<keyof R & string>>(_row: (...args: never[]) => R, columns: C & Unlisted<R, C>): C {
  return columns;
}

/**
 * Rows read and written at a time. Small on purpose: whatever is alive when V8 sweeps its
 * young generation is moved to the old one, which is swept late; with pages of 1,000 rows
 * the million-event ledger's export grew the heap by 93 MB of such garbage, with 250 by 8
 * MB, at the same speed (measured, issue 17).
 */
export const PAGE_ROWS = 250;

export const lastOf = <R>(rows: readonly R[], key: (r: R) => PageKey): PageKey | null => (rows.length ? key(rows[rows.length - 1]!) : null);

/** Every row the filters select, one page at a time. */
export async function* registerPages<T extends RegisterTable>(db: Kysely<Database>, spec: RegisterSpec<T>, filters: RegisterFilters<T>): AsyncGenerator<RegisterRow[]> {
  let after: PageKey | null = null;
  for (;;) {
    const page: RegisterPage = await spec.page(db, filters, after, PAGE_ROWS);
    if (page.rows.length > 0) yield page.rows;
    if (page.rows.length < PAGE_ROWS || page.last === null) return;
    after = page.last;
  }
}
