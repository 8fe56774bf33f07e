/**
 * The backups in a folder, read from disk (the agreed format, shared/dto/backup.ts), and
 * the Backups screen's register: the last backup, whether one is due, and for each backup
 * how many erased people it still holds and until when it will exist ("beyond use").
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupDto, BackupManifest, BackupOverdueReason, BackupRegisterDto, DeletedBackupDto } from '../../shared/dto/backup';
import { localDay } from '../../shared/rules/dates';
import type { CallContext } from '../context';
import { readSettings } from '../settings/settings';
import { MANIFEST_FILE, manifestSchema } from './manifest';

/** A backup folder's name: its UTC time to the second. Anything else (`.partial`, `.deleting`) is no backup. */
export const BACKUP_NAME = /^registre-backup-\d{8}-\d{6}Z$/;
const DAY_MS = 86_400_000;

/** One backup found on disk, its manifest read and its files present at their sizes. */
export interface BackupOnDisk {
  name: string;
  path: string;
  manifest: BackupManifest;
  bytes: number;
}

function readBackup(folder: string, name: string): BackupOnDisk | null {
  const path = join(folder, name);
  try {
    const manifest: BackupManifest = manifestSchema.parse(JSON.parse(readFileSync(join(path, MANIFEST_FILE), 'utf8')));
    let bytes = 0;
    // The sizes only: hashing every file is the verifier's work (db/backup/verify.ts), not a listing's.
    for (const [file, entry] of Object.entries(manifest.files)) {
      if (!entry || statSync(join(path, file)).size !== entry.bytes) return null;
      bytes += entry.bytes;
    }
    return { name, path, manifest, bytes };
  } catch {
    return null; // no manifest, a torn one, or a file missing: not a backup
  }
}

/** The backups in `folder`, newest first; half-written folders and foreign files are skipped. */
export function listBackups(folder: string): BackupOnDisk[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory() && BACKUP_NAME.test(e.name))
    .flatMap((e) => readBackup(folder, e.name) ?? [])
    .sort((a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt) || b.name.localeCompare(a.name));
}

/** This vault's backups in `folder`, newest first (another vault's in the same folder are left alone). */
export const backupsOfVault = (folder: string, vaultId: string): BackupOnDisk[] => listBackups(folder).filter((b) => b.manifest.vaultId === vaultId);

export async function erasureCount(ctx: CallContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('erasures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const plusDays = (at: number, days: number): number => at + days * DAY_MS;

/** When a scheduled backup is due: `everyDays` after the last one (now, without one). */
export function dueAt(last: string | null, everyDays: number): number | null {
  return last ? plusDays(Date.parse(last), everyDays) : null;
}

export function overdueReason(folder: string | null, last: string | null, everyDays: number, now: Date): BackupOverdueReason | null {
  if (!folder) return 'no_folder';
  if (!last) return 'never';
  return now.getTime() >= dueAt(last, everyDays)! ? 'late' : null;
}

/** Whether a backup is owed now, and why: what the Backups screen, the schedule and the home dashboard ask. */
export async function backupOverdueNow(ctx: CallContext): Promise<BackupOverdueReason | null> {
  const { backupFolder: folder, backupEveryDays } = await readSettings(ctx.db);
  const last = folder ? (backupsOfVault(folder, ctx.vault.vaultId)[0]?.manifest.createdAt ?? null) : null;
  return overdueReason(folder, last, backupEveryDays, ctx.now);
}

/**
 * An estimate of the day rotation deletes the backup at `position` (0 = newest), if a
 * backup is made every `everyDays` days from the next due one on: it goes with the
 * (keep − position)-th backup from now. The next is due `everyDays` after the newest, or
 * at once when that is past; each later one `everyDays` after it.
 */
function keptUntil(position: number, newest: string, keep: number, everyDays: number, now: Date): string {
  const next = Math.max(dueAt(newest, everyDays)!, now.getTime());
  return localDay(new Date(plusDays(next, Math.max(keep - position - 1, 0) * everyDays)));
}

export function toBackupDto(b: BackupOnDisk, erasuresNow: number, keptUntilDay: string | null): BackupDto {
  return {
    name: b.name,
    path: b.path,
    createdAt: b.manifest.createdAt,
    bytes: b.bytes,
    schemaVersion: b.manifest.schemaVersion,
    auditHeadSeq: b.manifest.auditHead?.seq ?? null,
    // The ledger is append-only: every row past the backup's count was written after it.
    erasedSince: Math.max(erasuresNow - b.manifest.erasures, 0),
    keptUntil: keptUntilDay,
  };
}

export async function backupRegister(ctx: CallContext, scheduledFailure: BackupRegisterDto['scheduledFailure']): Promise<BackupRegisterDto> {
  const settings = await readSettings(ctx.db);
  const { backupFolder: folder, backupEveryDays: everyDays, backupKeep: keep } = settings;
  const onDisk = folder ? backupsOfVault(folder, ctx.vault.vaultId) : [];
  const erasuresNow = await erasureCount(ctx);
  const newest = onDisk[0]?.manifest.createdAt ?? null;
  const items = onDisk.map((b, position) => toBackupDto(b, erasuresNow, newest ? keptUntil(position, newest, keep, everyDays, ctx.now) : null));
  const rows = await ctx.db.selectFrom('backups').selectAll().where('deleted_at', 'is not', null).orderBy('deleted_at', 'desc').orderBy('name', 'desc').execute();
  const deleted: DeletedBackupDto[] = rows.map((r) => ({ name: r.name, folder: r.folder, createdAt: r.created_at, deletedAt: r.deleted_at!, reason: r.deleted_reason! }));
  const reason = overdueReason(folder, newest, everyDays, ctx.now);
  const due = dueAt(newest, everyDays);
  return {
    folder,
    everyDays,
    keep,
    lastBackupAt: newest,
    overdue: reason !== null,
    overdueReason: reason,
    nextDueOn: folder && due !== null ? localDay(new Date(due)) : null,
    scheduledFailure,
    items,
    deleted,
  };
}
