/**
 * A backup made as the agreed format says (VACUUM INTO of the open vault's own connection,
 * byte copies of registre.keys and registre.erasures, backup.json written last, the
 * `.partial` folder renamed), for the restore's tests until the backup writer lands; and
 * `rewriteManifest`, for a test that changes a file and wants the manifest to agree.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegistreCore } from '../../db/core';
import { sha256Of } from '../../db/backup/verify';
import type { BackupManifest } from '../../shared/dto/backup';

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .replace(/\.\d+Z$/, 'Z');

const described = (path: string) => ({ bytes: statSync(path).size, sha256: sha256Of(path) });

export async function makeTestBackup(core: RegistreCore, backupsDir: string, at = new Date()): Promise<string> {
  const { vault } = core.context();
  const name = `registre-backup-${stamp(at)}`;
  const partial = join(backupsDir, `${name}.partial`);
  mkdirSync(partial, { recursive: true });
  vault.raw.exec(`VACUUM INTO '${join(partial, 'registre.db').replace(/'/g, "''")}'`);
  copyFileSync(vault.paths.keys, join(partial, 'registre.keys'));
  const hasLedger = existsSync(vault.paths.erasures);
  if (hasLedger) copyFileSync(vault.paths.erasures, join(partial, 'registre.erasures'));
  const head = vault.raw.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string };
  const manifest: BackupManifest = {
    format: 'registre.backup',
    version: 1,
    vaultId: vault.vaultId,
    createdAt: at.toISOString(),
    schemaVersion: vault.raw.prepare('SELECT max(name) FROM kysely_migration').pluck().get() as string,
    auditHead: head,
    erasures: vault.raw.prepare('SELECT count(*) FROM erasures').pluck().get() as number,
    files: {
      'registre.db': described(join(partial, 'registre.db')),
      'registre.keys': described(join(partial, 'registre.keys')),
      ...(hasLedger ? { 'registre.erasures': described(join(partial, 'registre.erasures')) } : {}),
    },
  };
  writeFileSync(join(partial, 'backup.json'), JSON.stringify(manifest, null, 2));
  renameSync(partial, join(backupsDir, name));
  return join(backupsDir, name);
}

/** Rewrites backup.json with the files' sizes and hashes as they are now, and `change` applied. */
export function rewriteManifest(folder: string, change: (m: BackupManifest) => BackupManifest = (m) => m): void {
  const m = JSON.parse(readFileSync(join(folder, 'backup.json'), 'utf8')) as BackupManifest;
  const files = { ...m.files, 'registre.db': described(join(folder, 'registre.db')), 'registre.keys': described(join(folder, 'registre.keys')) };
  writeFileSync(join(folder, 'backup.json'), JSON.stringify(change({ ...m, files }), null, 2));
}
