/**
 * The vault's integrity, checked as a whole (`registre integrity`, `vault.integrity`, and
 * every backup before it is restored): each page's SQLCipher HMAC, SQLite's own checks,
 * the audit chain, rows that point at no contact, and that no erased person is back.
 * Problems name ids, tables and page numbers only, never a personal value.
 */
import { Kysely } from 'kysely';
import type { IntegrityCheckDto, IntegrityReportDto } from '../../shared/dto/backup';
import { verifyAudit } from '../audit/chain';
import { erasurePseudonym } from '../erasure/erase';
import type { Database } from '../schema';
import type { RawDb } from './open-db';
import { RegistreSqliteDialect } from './sqlite-dialect';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The tables with a contact_id that no foreign key guards: the search index (a virtual
 * table has none) and the erasure permits. Found from the schema, so a later table is not
 * forgotten.
 */
function unguardedContactTables(raw: RawDb): string[] {
  const tables = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return tables.filter((t) => {
    const columns = raw.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[];
    if (!columns.includes('contact_id')) return false;
    const fks = raw.prepare('SELECT "from", "table" FROM pragma_foreign_key_list(?)').all(t) as Array<{ from: string; table: string }>;
    return !fks.some((f) => f.from === 'contact_id' && f.table === 'contacts');
  });
}

function orphans(raw: RawDb): IntegrityCheckDto {
  const checked = unguardedContactTables(raw);
  const problems = checked.flatMap((t) => {
    const n = raw
      .prepare(`SELECT count(*) FROM ${ident(t)} WHERE contact_id IS NOT NULL AND contact_id NOT IN (SELECT id FROM contacts)`)
      .pluck()
      .get() as number;
    return n > 0 ? [`${t}: ${n} row${n === 1 ? '' : 's'} of no contact`] : [];
  });
  return { name: 'orphans', ok: problems.length === 0, problems, checked };
}

/** Every erasure's pseudonym against every contact still there: an erased person brought back is found. */
function erasedAbsent(raw: RawDb, auditKey: Buffer): IntegrityCheckDto {
  const erased = new Set(raw.prepare('SELECT id FROM erasures').pluck().all() as string[]);
  const problems: string[] = [];
  if (erased.size > 0) {
    for (const id of raw.prepare('SELECT id FROM contacts').pluck().iterate() as IterableIterator<string>) {
      const pseudonym = erasurePseudonym(auditKey, id);
      if (erased.has(pseudonym)) problems.push(`contact ${id} (erasure ${pseudonym})`);
    }
  }
  return { name: 'erased_absent', ok: problems.length === 0, problems };
}

/**
 * SQLite's checks compare every index with its table, page by page: with more of the file's
 * decrypted pages kept they read fewer twice. At a million contacts the full check took
 * 95 s with the session's 64 MiB, 44 s with 256 MiB (and 34 s with 1 GiB, too much to ask
 * of an office PC for it). The cache goes back to its size afterwards, which frees the rest.
 */
const CHECK_CACHE_KIB = 256 * 1024;

function withCheckCache<T>(raw: RawDb, check: () => T): T {
  const size = raw.pragma('cache_size', { simple: true }) as number;
  raw.pragma(`cache_size = -${CHECK_CACHE_KIB}`);
  try {
    return check();
  } finally {
    raw.pragma(`cache_size = ${size}`);
  }
}

/**
 * `pageProblems`: the file's pages whose HMAC fails (db/vault/page-macs.ts), or null when
 * the file could not be read with its key. `sqliteCheck`: SQLite's full `integrity_check`
 * (every index against its table: 109 s at a million contacts), or `quick_check` (the
 * b-trees and their pages, 18 s) for a file whose every byte was proved already and which
 * SQLite alone has written since: a restore's copy of a backup that passed the full check.
 */
export async function checkIntegrity(raw: RawDb, auditKey: Buffer, pageProblems: string[] | null, sqliteCheck: 'integrity_check' | 'quick_check' = 'integrity_check'): Promise<IntegrityReportDto> {
  const checks: IntegrityCheckDto[] = [];
  checks.push({
    name: 'cipher_integrity_check',
    ok: pageProblems !== null && pageProblems.length === 0,
    // The cipher module has no PRAGMA cipher_integrity_check: the pages were read and their HMACs checked by Registre.
    problems: pageProblems ?? ['the pages could not be read with the vault key'],
  });
  const { sqliteProblems, fk } = withCheckCache(raw, () => ({
    sqliteProblems: (raw.pragma(sqliteCheck) as Array<Record<string, string>>).map((r) => Object.values(r)[0]!).filter((m) => m !== 'ok'),
    fk: raw.pragma('foreign_key_check') as Array<{ table: string; rowid: number | null; parent: string }>,
  }));
  checks.push({ name: sqliteCheck, ok: sqliteProblems.length === 0, problems: sqliteProblems });
  checks.push({ name: 'foreign_key_check', ok: fk.length === 0, problems: fk.map((r) => `${r.table} row ${r.rowid ?? '?'} → ${r.parent}`) });
  // A Kysely over the same connection, never destroyed here: the caller owns the connection.
  const db = new Kysely<Database>({ dialect: new RegistreSqliteDialect({ database: raw }) });
  const chain = await verifyAudit(db, auditKey);
  checks.push({ name: 'audit_chain', ok: chain.intact, problems: chain.firstBroken ? [`event ${chain.firstBroken.seq}: ${chain.firstBroken.reason}`] : [] });
  checks.push(orphans(raw));
  checks.push(erasedAbsent(raw, auditKey));
  return { ok: checks.every((c) => c.ok), checks };
}
