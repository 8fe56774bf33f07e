/**
 * 0017 — the backups Registre made (issue 15, DESIGN §4 "Backups").
 *
 * - `backups`: one row per backup this vault wrote, with the folder it went to, its size
 *   and how many people the erasure ledger held then. A backup deleted by rotation keeps
 *   its row, with when and why, so the "beyond use" register can say that the copies of
 *   erased people it held are gone. Folders and names carry no personal data.
 * Numbered 0017, not 0015: 0015 and 0016 are taken by work landing beside it.
 * Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `CREATE TABLE backups (
      name TEXT NOT NULL,
      folder TEXT NOT NULL,
      created_at TEXT NOT NULL,
      bytes INTEGER NOT NULL CHECK (bytes >= 0),
      erasures_at_backup INTEGER NOT NULL CHECK (erasures_at_backup >= 0),
      deleted_at TEXT,
      deleted_reason TEXT CHECK (deleted_reason IN ('rotation')),
      CHECK ((deleted_at IS NULL) = (deleted_reason IS NULL)),
      PRIMARY KEY (folder, name)
    ) STRICT`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}
