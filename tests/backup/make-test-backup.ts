/**
 * The restore tests' backups: made by the backup writer (db/backup/backup.ts), and
 * `rewriteManifest`, for a test that changes a file and wants the manifest to agree.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegistreCore } from '../../db/core';
import { fileDigest } from '../../db/vault/atomic-file';
import type { BackupManifest } from '../../shared/dto/backup';

/** A backup made by the backup writer itself (`backups.make`), into `backupsDir`; its folder's path. */
export async function makeTestBackup(core: RegistreCore, backupsDir: string): Promise<string> {
  mkdirSync(backupsDir, { recursive: true });
  // Through the core, not the tests' helpers: the proof bundles this file and runs without vitest.
  return (await core.call('backups.make', { folder: backupsDir })).path;
}

export function rewriteManifest(folder: string, change: (m: BackupManifest) => BackupManifest = (m) => m): void {
  const m = JSON.parse(readFileSync(join(folder, 'backup.json'), 'utf8')) as BackupManifest;
  const files = { ...m.files, 'registre.db': fileDigest(join(folder, 'registre.db')), 'registre.keys': fileDigest(join(folder, 'registre.keys')) };
  writeFileSync(join(folder, 'backup.json'), JSON.stringify(change({ ...m, files }), null, 2));
}
