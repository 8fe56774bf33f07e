/**
 * Opening a backup copy to look at it (vault.openReadOnly with a backup's folder). The
 * backup is verified as a restore would verify it (manifest, file hashes, the passphrase
 * against the backup's own key file, the integrity checks), then opened with a read-only
 * connection: no lock of the live vault, no repair, so its file keeps every byte.
 *
 * A backup made by an earlier version of Registre has an older schema, which this version's
 * queries cannot read. It is then reviewed through a working copy: its database file copied
 * into a private temporary folder (still encrypted, under the same key), brought up to date
 * there, and opened read-only; the copy is deleted when the review ends. The backup itself
 * is never written. A backup from a newer version is refused, as such a vault is.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import { RegistreError } from '../../shared/errors';
import { verifyBackup } from '../backup/verify';
import { reindexIfIncomplete } from '../contacts/search';
import { migrate, migrations } from '../migrations/index';
import type { Database } from '../schema';
import { openKeyed, openKeyedReadOnly, type RawDb } from './open-db';
import { assertLocalPath, vaultPaths, type VaultPaths } from './paths';
import { RegistreSqliteDialect } from './sqlite-dialect';
import { OpenVault } from './vault';

export interface BackupCopy {
  vault: OpenVault;
  /** The backup's folder, where its review log goes (the vault may be a working copy elsewhere). */
  folder: string;
  slotId: string;
  auditKey: Buffer;
  takenAt: string;
}

const wrongKey = () => new RegistreError('invalid_input', "The backup's key does not open its data.", { reason: 'backup_wrong_key' });

export async function openBackupCopy(folder: string, passphrase: string): Promise<BackupCopy> {
  const paths = vaultPaths(folder);
  assertLocalPath(paths.dir);
  // Of any vault: an auditor may be handed a backup of a vault this computer does not hold.
  const verified = await verifyBackup(paths.dir, { passphrase, vaultId: null });
  const key = verified.dataKey;
  let raw: RawDb | null = null;
  let working: string | null = null;
  try {
    raw = openKeyedReadOnly(paths.db, key);
    if (!raw) throw wrongKey();
    const applied = raw.prepare(`SELECT name FROM kysely_migration ORDER BY name`).pluck().all() as string[];
    let opened = paths;
    if (!upToDate(applied)) {
      raw.close();
      raw = null;
      working = mkdtempSync(join(tmpdir(), 'registre-review-'));
      opened = vaultPaths(working);
      copyFileSync(paths.db, opened.db);
      await bringUpToDate(opened, key);
      raw = openKeyedReadOnly(opened.db, key);
      if (!raw) throw wrongKey();
    }
    const auditKey = Buffer.from(raw.prepare(`SELECT value FROM vault_meta WHERE key = 'audit_key'`).pluck().get() as string, 'base64');
    const dir = working;
    // The copy holds no lock: nothing is written to it, and the live vault's lock is not this folder's.
    const release = () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    };
    return {
      vault: new OpenVault(opened, raw, verified.sidecar, key, release),
      folder: paths.dir,
      slotId: verified.slotId,
      auditKey,
      takenAt: verified.manifest.createdAt,
    };
  } catch (e) {
    raw?.close();
    if (working) rmSync(working, { recursive: true, force: true });
    key.fill(0);
    throw e;
  }
}

/** Exactly this version's migrations: any fewer must be applied first, any unknown is a newer Registre's. */
function upToDate(applied: readonly string[]): boolean {
  const known = Object.keys(migrations);
  return applied.length === known.length && known.every((name) => applied.includes(name));
}

/** Runs this version's migrations on the working copy (refusing a newer schema), then closes it. */
async function bringUpToDate(paths: VaultPaths, key: Buffer): Promise<void> {
  const raw = openKeyed(paths.db, key);
  if (!raw) throw wrongKey();
  const db = new Kysely<Database>({ dialect: new RegistreSqliteDialect({ database: raw }) });
  try {
    await migrate(db as unknown as Kysely<unknown>);
    // Some migrations empty the search index for it to be rebuilt on the next open.
    await reindexIfIncomplete(db);
  } finally {
    // Closing checkpoints the WAL into the file, so the read-only connection sees every change.
    await db.destroy();
  }
}
