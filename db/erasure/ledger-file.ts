/**
 * The erasure ledger's copy beside the vault file (`registre.erasures`, DESIGN §5): a
 * backup restored from before an erasure must be brought back in line, and the vault it
 * replaced may be gone. One JSON line per erasure, in the ledger's order, holding the
 * pseudonymous id and the day only (and `"kind":"anonymised"` for an anonymisation, which
 * a restore re-applies as such; a line without a kind is a whole erasure, as every line
 * written before anonymisations existed): no name, no reason, nothing a reader without the
 * vault's key could tie to a person.
 *
 * Appends only, each line fsynced. The vault's `erasures` table is the truth: the file is
 * brought up to it after every erasure and at every unlock, so an erasure whose process
 * died between the commit and the append is written at the next chance. A line cut short
 * by a crash is left where it is and skipped by readers; the next line starts afresh.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import { erasureKinds, type ErasureKind } from '../../shared/vocabulary';
import type { Database } from '../schema';
import { fsyncDir } from '../vault/atomic-file';

export interface LedgerLine {
  erasure: string;
  on: string;
  kind: ErasureKind;
}

const isLine = (v: unknown): v is Omit<LedgerLine, 'kind'> & { kind?: unknown } => {
  const o = v as Partial<LedgerLine> | null;
  return typeof o?.erasure === 'string' && typeof o.on === 'string' && (o.kind === undefined || (erasureKinds as readonly unknown[]).includes(o.kind));
};

/** The lines of the file that parse, in order; a torn or foreign line is skipped. */
export function readLedgerFile(path: string): LedgerLine[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((text) => {
      try {
        const v = JSON.parse(text) as unknown;
        return isLine(v) ? [{ erasure: v.erasure, on: v.on, kind: (v.kind as ErasureKind | undefined) ?? 'erased' }] : [];
      } catch {
        return [];
      }
    });
}

function append(path: string, lines: readonly LedgerLine[]): void {
  const created = !existsSync(path);
  const before = created ? Buffer.alloc(0) : readFileSync(path);
  const torn = before.length > 0 && before[before.length - 1] !== 0x0a;
  const text = `${torn ? '\n' : ''}${lines.map((l) => JSON.stringify({ erasure: l.erasure, on: l.on, ...(l.kind === 'erased' ? {} : { kind: l.kind }) })).join('\n')}\n`;
  const fd = openSync(path, 'a', 0o600);
  try {
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // A new file's name is durable only once its folder is.
  if (created) fsyncDir(dirname(path));
}

/** Appends the vault's erasures the file does not hold yet; returns how many. */
export async function syncLedgerFile(db: Kysely<Database>, path: string): Promise<number> {
  const rows = await db.selectFrom('erasures').select(['id', 'erased_on', 'kind']).orderBy('entry_seq').execute();
  const known = new Set(readLedgerFile(path).map((l) => l.erasure));
  const missing = rows.filter((r) => !known.has(r.id)).map((r) => ({ erasure: r.id, on: r.erased_on, kind: r.kind }));
  if (missing.length > 0) append(path, missing);
  return missing.length;
}
