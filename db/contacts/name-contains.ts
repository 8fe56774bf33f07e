/** The screens' "name contains" search (organisations, events, and their register exports). */
import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * `column LIKE %typed%`, with LIKE's own wildcards (% and _) and the escape character in
 * what was typed escaped, so "10%" finds "10%" and not every name with "10" in it.
 * SQLite's LIKE ignores ASCII case, as the screens' search does.
 */
export function nameContains(column: string, typed: string): Expression<SqlBool> {
  const pattern = `%${typed.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
}
