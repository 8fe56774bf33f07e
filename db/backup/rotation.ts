/**
 * Keeping a folder to the newest `keep` backups of this vault, and clearing what killed
 * runs left. A backup goes in three steps that each survive a crash: its row is marked
 * deleted and audited, its folder is renamed `<name>.deleting` (from then on it is no
 * backup: listBackups skips it), and that folder is removed. A run killed between them is
 * finished by the next one, without a second audit event.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CallContext } from '../context';
import { renameWithRetry, fsyncDir } from '../vault/atomic-file';
import { backupsOfVault, type BackupOnDisk } from './list';

/** Folders a killed backup (`.partial`) or deletion (`.deleting`) left; older than this, nothing can still be writing them. */
const STALE_MS = 60 * 60_000;
const LEFTOVER = /^registre-backup-\d{8}-\d{6}Z\.(partial|deleting)$/;

/** Against the file system's own clock (its times are what the folder's ages are written in). */
export function removeStaleLeftovers(folder: string): void {
  for (const e of readdirSync(folder, { withFileTypes: true })) {
    if (!e.isDirectory() || !LEFTOVER.test(e.name)) continue;
    const path = join(folder, e.name);
    if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
  }
}

/** Marks the backup deleted by rotation in the vault's `backups` table; false when it already was. */
async function recordDeletion(ctx: CallContext, folder: string, b: BackupOnDisk): Promise<boolean> {
  return ctx.tx(async (trx, audit) => {
    const row = await trx.selectFrom('backups').select('deleted_at').where('folder', '=', folder).where('name', '=', b.name).executeTakeFirst();
    if (row?.deleted_at) return false;
    const deleted = { deleted_at: ctx.now.toISOString(), deleted_reason: 'rotation' as const };
    if (row) await trx.updateTable('backups').set(deleted).where('folder', '=', folder).where('name', '=', b.name).execute();
    else {
      // A backup whose process died before recording it: its row is written now, as deleted.
      await trx
        .insertInto('backups')
        .values({ name: b.name, folder, created_at: b.manifest.createdAt, bytes: b.bytes, erasures_at_backup: b.manifest.erasures, ...deleted })
        .execute();
    }
    await audit({ action: 'backup.deleted', entityType: 'backup', entityId: b.name });
    return true;
  });
}

/**
 * Deletes this vault's backups in `folder` beyond the newest `keep`; returns their names.
 * The backup just made (`made`) always stays: one dated in the future by a clock that was
 * once wrong must not make every new backup the oldest.
 */
export async function rotateBackups(ctx: CallContext, folder: string, keep: number, made: string): Promise<string[]> {
  const others = backupsOfVault(folder, ctx.vault.vaultId).filter((b) => b.name !== made);
  const beyond = others.slice(Math.max(0, keep - 1));
  for (const b of beyond) {
    await recordDeletion(ctx, folder, b);
    const doomed = `${b.path}.deleting`;
    renameWithRetry(b.path, doomed);
    fsyncDir(folder);
    rmSync(doomed, { recursive: true, force: true });
  }
  return beyond.map((b) => b.name);
}
