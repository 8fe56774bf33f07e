/**
 * SQLite's own text for the screens' name lists and "name contains" searches (DESIGN §1:
 * SQLite-only SQL lives in named modules). A PostgreSQL module would give the same
 * functions: `lower(column)` (or an ICU collation) for the order, ILIKE for the search.
 */
import { sql, type Expression, type SqlBool } from 'kysely';

/** The order of a list by name, ignoring ASCII case: the collation the name indexes are built with (0002). */
export function byName(column: string): Expression<string> {
  return sql<string>`${sql.ref(column)} COLLATE NOCASE`;
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
