/**
 * Opening a backup copy to look at it (vault.openReadOnly with a backup's folder). The
 * backup is verified as a restore would verify it (manifest, file hashes, the passphrase
 * against the backup's own key file, the integrity checks), then opened with a read-only
 * connection: no migration, no lock of the live vault, no repair, so its file keeps every
 * byte. A backup of an older schema is refused: reading it would mean migrating it first.
 */
import { RegistreError } from '../../shared/errors';
import { verifyBackup } from '../backup/verify';
import { latestSchemaVersion } from '../migrations/index';
import { openKeyedReadOnly } from './open-db';
import { assertLocalPath, vaultPaths } from './paths';
import { OpenVault } from './vault';

export interface BackupCopy {
  vault: OpenVault;
  slotId: string;
  auditKey: Buffer;
  takenAt: string;
}

export async function openBackupCopy(folder: string, passphrase: string): Promise<BackupCopy> {
  const paths = vaultPaths(folder);
  assertLocalPath(paths.dir);
  // Of any vault: an auditor may be handed a backup of a vault this computer does not hold.
  const verified = await verifyBackup(paths.dir, { passphrase, vaultId: null });
  const key = verified.dataKey;
  const raw = openKeyedReadOnly(paths.db, key);
  try {
    if (!raw) throw new RegistreError('invalid_input', "The backup's key does not open its data.", { reason: 'backup_wrong_key' });
    const schema = raw.prepare(`SELECT max(name) FROM kysely_migration`).pluck().get() as string | null;
    if (schema !== latestSchemaVersion) {
      throw new RegistreError(
        'conflict',
        `This backup was written by an older version of Registre (schema ${schema ?? 'none'}). Opening it here would mean updating it, which read-only mode never does: nothing was changed. Open a copy with the Registre version that made it.`,
        { reason: 'backup_older_schema' },
      );
    }
    const auditKey = Buffer.from(raw.prepare(`SELECT value FROM vault_meta WHERE key = 'audit_key'`).pluck().get() as string, 'base64');
    // The copy holds no lock: nothing is written to it, and the live vault's lock is not this folder's.
    return { vault: new OpenVault(paths, raw, verified.sidecar, key, () => undefined), slotId: verified.slotId, auditKey, takenAt: verified.manifest.createdAt };
  } catch (e) {
    raw?.close();
    key.fill(0);
    throw e;
  }
}
