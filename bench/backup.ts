/**
 * A backup of the seeded vault (issue 15): `backups.make` as the Backups screen calls it
 * (keyed VACUUM INTO, the copy opened and checked with the data key, every file hashed and
 * fsynced, the rename), against a plain copy of the vault file of the same size with its
 * fsync, the least any backup must pay; then the verified restore of that backup.
 */
import { closeSync, copyFileSync, fsyncSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RegistreCore } from '../db/index';

type Report = (what: string, value: string, target?: string) => void;

const mbps = (bytes: number, ms: number) => `${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;

export async function benchBackup(core: RegistreCore, report: Report, root: string, contacts: number, passphrase: string): Promise<void> {
  const folder = join(root, 'backups');
  mkdirSync(folder);
  const t0 = performance.now();
  const made = await core.call('backups.make', { folder });
  const backupMs = performance.now() - t0;
  const dbBytes = statSync(join(made.path, 'registre.db')).size;
  report(`backup of ${contacts} contacts (${(made.bytes / 1e6).toFixed(0)} MB)`, `${(backupMs / 1000).toFixed(2)} s`, mbps(made.bytes, backupMs));

  const copy = join(root, 'plain-copy.db');
  const t1 = performance.now();
  copyFileSync(join(core.vaultDir, 'registre.db'), copy);
  const fd = openSync(copy, 'r');
  fsyncSync(fd);
  closeSync(fd);
  const copyMs = performance.now() - t1;
  const copied = statSync(copy).size;
  report(`plain copy + fsync of the vault file (${(copied / 1e6).toFixed(0)} MB)`, `${(copyMs / 1000).toFixed(2)} s`, mbps(copied, copyMs));
  report('backup / plain copy', (backupMs / copyMs).toFixed(1), `copy ${(dbBytes / 1e6).toFixed(0)} MB vs file ${(copied / 1e6).toFixed(0)} MB`);

  // The verified restore of that backup, as the unlock screen runs it: hashes, the page
  // HMACs, SQLite's checks and the audit chain, the staged copy, the swap; then unlocked again.
  await core.lock();
  const t2 = performance.now();
  await core.call('vault.restore', { folder: made.path, passphrase });
  const restoreMs = performance.now() - t2;
  report(
    `verified restore of that backup (${(made.bytes / 1e6).toFixed(0)} MB)`,
    `${(restoreMs / 1000).toFixed(2)} s`,
    `${mbps(made.bytes, restoreMs)}; ${(restoreMs / copyMs).toFixed(1)}× the plain copy`,
  );
  await core.call('vault.unlock', { passphrase });
}
