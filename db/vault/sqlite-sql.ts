/**
 * SQLite's own text for the screens' name lists and "name contains" searches (DESIGN §1:
 * SQLite-only SQL lives in named modules). A PostgreSQL module would give the same
 * functions: `lower(column)` (or an ICU collation) for the order, ILIKE for the search.
 */
import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * A text column compared ignoring ASCII case: the collation the name indexes (0002) and the
 * e-mail index (0001) are built with, so a list's order by name and a lookup of addresses
 * use them. Letters beyond ASCII keep their case (see `hasNonAscii`).
 */
export function byName(column: string): Expression<string> {
  return sql<string>`${sql.ref(column)} COLLATE NOCASE`;
}

/** Any character beyond ASCII in `column` (GLOB's classes compare code points). */
export function hasNonAscii(column: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} GLOB ${'*[^\u0001-\u007f]*'}`;
}

/**
 * `column LIKE %typed%`, with LIKE's own wildcards (% and _) and the escape character in
 * what was typed escaped, so "10%" finds "10%" and not every name with "10" in it.
 * SQLite's LIKE ignores ASCII case, as the screens' search does.
 */
export function nameContains(column: string, typed: string): Expression<SqlBool> {
  const pattern = `%${typed.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
}

/** A text field of a JSON object column (SQLite's json_extract; PostgreSQL would say `column->>'key'`). */
export function jsonText(column: string, key: string): Expression<string | null> {
  return sql<string | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`;
}

/**
 * A constant written into the query's text instead of bound: SQLite's planner uses a
 * partial index (`... WHERE action = 'granted'`) only when the query's own text states
 * its condition, which a bound value, known only later, cannot.
 */
export function literal<T extends string>(value: T): Expression<T> {
  return sql.lit(value);
}
