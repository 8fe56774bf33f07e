/**
 * Making a backup (DESIGN §4, the agreed format in shared/dto/backup.ts): a keyed
 * `VACUUM INTO` of the open vault (the copy is under the same data key, so the same
 * passphrases and recovery key open it), the key file and the erasure ledger's copy, and
 * `backup.json` last. Everything goes into `<name>.partial/`, each file fsynced; the copy
 * is opened with the data key; then one rename makes it a backup and the parent folder is
 * fsynced. A process killed at any point leaves the vault as it was and, at worst, a
 * `.partial` folder no listing shows (the next backup removes it after an hour).
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupDto, BackupManifest } from '../../shared/dto/backup';
import { RegistreError } from '../../shared/errors';
import type { CallContext } from '../context';
import { appliedMigrations, latestSchemaVersion } from '../migrations/index';
import { readSettings } from '../settings/settings';
import { reached } from '../steps';
import { fileDigest, fsyncDir, fsyncFile, renameWithRetry } from '../vault/atomic-file';
import { assertBackupFolder } from './folder';
import { erasureCount, toBackupDto, type BackupOnDisk } from './list';
import { MANIFEST_FILE } from './manifest';
import { removeStaleLeftovers, rotateBackups } from './rotation';

const pad = (n: number) => String(n).padStart(2, '0');

/** `registre-backup-YYYYMMDD-HHMMSSZ`, in UTC. */
export function backupName(at: Date): string {
  const day = `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
  return `registre-backup-${day}-${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z`;
}

/**
 * The first second from `now` whose name is free. Two backups in one second: the second
 * one is named and dated a second later, so names still sort as the times do.
 */
function freeName(folder: string, now: Date): { name: string; at: Date } {
  for (let at = new Date(Math.floor(now.getTime() / 1000) * 1000); ; at = new Date(at.getTime() + 1000)) {
    const name = backupName(at);
    if (!existsSync(join(folder, name)) && !existsSync(join(folder, `${name}.partial`))) return { name, at };
  }
}

/** Opens the copy with the data key and checks its pages, so a backup that would not restore is never named one. */
function assertCopyOpens(ctx: CallContext, path: string): void {
  const copy = ctx.vault.openCopy(path);
  if (!copy) throw new RegistreError('internal', 'The backup copy does not open with the vault key; no backup was made.');
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new RegistreError('internal', `The backup copy failed its check (${String(check)}); no backup was made.`);
    // One self-contained file: no WAL beside it, and a SQLCipher tool can open it read-only.
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  for (const side of ['-wal', '-shm']) rmSync(`${path}${side}`, { force: true });
}

/** Writes the backup's files into `partial` and returns its manifest. */
async function writeCopy(ctx: CallContext, partial: string, at: Date): Promise<BackupManifest> {
  const { vault } = ctx;
  // Read before the copy; calls never interleave, so nothing is written between them and it.
  const head = (await ctx.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirst()) ?? null;
  const schemaVersion = (await appliedMigrations(ctx.db as never)).at(-1) ?? latestSchemaVersion;
  const erasures = await erasureCount(ctx);
  const db = join(partial, 'registre.db');
  // On the vault's own connection: the database stays usable and the copy is under its key.
  vault.raw.prepare('VACUUM INTO ?').run(db);
  reached('backup', 'vacuumed');
  assertCopyOpens(ctx, db);
  const copied: Array<['registre.keys' | 'registre.erasures', string]> = [['registre.keys', vault.paths.keys]];
  if (existsSync(vault.paths.erasures)) copied.push(['registre.erasures', vault.paths.erasures]);
  for (const [file, from] of copied) copyFileSync(from, join(partial, file));
  reached('backup', 'keys-copied');
  const files: BackupManifest['files'] = { 'registre.db': fileDigest(db), 'registre.keys': fileDigest(join(partial, 'registre.keys')) };
  if (copied.length > 1) files['registre.erasures'] = fileDigest(join(partial, 'registre.erasures'));
  for (const file of Object.keys(files)) fsyncFile(join(partial, file));
  const manifest: BackupManifest = { format: 'registre.backup', version: 1, vaultId: vault.vaultId, createdAt: at.toISOString(), schemaVersion, auditHead: head, erasures, files };
  writeFileSync(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  fsyncFile(join(partial, MANIFEST_FILE));
  reached('backup', 'manifest-written');
  return manifest;
}

/** Makes a backup into `folder` (the setting's when not given), records it, then rotates the folder. */
export async function makeBackup(ctx: CallContext, opts: { folder?: string | undefined }): Promise<BackupDto> {
  const settings = await readSettings(ctx.db);
  const chosen = opts.folder ?? settings.backupFolder;
  if (!chosen) {
    throw new RegistreError('invalid_input', 'No backups folder is set: choose one in Settings → Backups (or give --out).', { reason: 'backup_no_folder' });
  }
  const folder = assertBackupFolder(ctx.vault.paths.dir, chosen);
  removeStaleLeftovers(folder);
  const { name, at } = freeName(folder, ctx.now);
  const partial = join(folder, `${name}.partial`);
  const path = join(folder, name);
  let manifest: BackupManifest;
  try {
    mkdirSync(partial, { mode: 0o700 });
    manifest = await writeCopy(ctx, partial, at);
    fsyncDir(partial);
    renameWithRetry(partial, path);
    fsyncDir(folder);
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  }
  reached('backup', 'renamed');
  const made: BackupOnDisk = { name, path, manifest, bytes: Object.values(manifest.files).reduce((n, f) => n + (f?.bytes ?? 0), 0) };
  await ctx.tx(async (trx, audit) => {
    await trx.insertInto('backups').values({ name, folder, created_at: manifest.createdAt, bytes: made.bytes, erasures_at_backup: manifest.erasures }).execute();
    await audit({ action: 'backup.made', entityType: 'backup', entityId: name });
  });
  await rotateBackups(ctx, folder, settings.backupKeep, name);
  return toBackupDto(made, manifest.erasures, null);
}
