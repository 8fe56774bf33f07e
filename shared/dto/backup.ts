/** Backups (db/backup/): the manifest written into each backup folder, what the Backups screen lists, and a restore's report. */
import type { ErrorCode } from '../errors';
import type { ErrorReason, SensitiveCategory } from '../vocabulary';

export interface BackupFileEntry {
  bytes: number;
  sha256: string;
}

/** `backup.json`, written last into a backup folder: a folder without a valid one is no backup. */
export interface BackupManifest {
  format: 'registre.backup';
  version: 1;
  vaultId: string;
  /** ISO time the copy was taken. */
  createdAt: string;
  schemaVersion: string;
  auditHead: { seq: number; hash: string } | null;
  /** Rows of the vault's erasure ledger when the copy was taken. */
  erasures: number;
  files: { 'registre.db': BackupFileEntry; 'registre.keys': BackupFileEntry; 'registre.erasures'?: BackupFileEntry };
}

/** One backup on disk. */
export interface BackupDto {
  /** The folder's name, `registre-backup-YYYYMMDD-HHMMSSZ`. */
  name: string;
  /** The folder's full path. */
  path: string;
  createdAt: string;
  /** All its files together. */
  bytes: number;
  schemaVersion: string;
  auditHeadSeq: number | null;
  /** People erased since this backup was taken: they are still inside it ("beyond use"). */
  erasedSince: number;
  /** The day rotation is expected to delete it (an estimate); null when not known. */
  keptUntil: string | null;
}

/** A backup Registre deleted, as the vault's `backups` table remembers it. */
export interface DeletedBackupDto {
  name: string;
  folder: string;
  createdAt: string;
  deletedAt: string;
  reason: 'rotation';
}

/** Why the screen warns that a backup is due. */
export type BackupOverdueReason = 'no_folder' | 'never' | 'late';

/** A scheduled backup that failed: the error as the core gave it, for the screen to word. */
export interface ScheduledBackupFailure {
  at: string;
  code: ErrorCode;
  message: string;
  reason: ErrorReason | null;
}

/** The Backups screen: the last backup, whether one is due, each backup on disk and those deleted. */
export interface BackupRegisterDto {
  folder: string | null;
  everyDays: number;
  keep: number;
  lastBackupAt: string | null;
  overdue: boolean;
  overdueReason: BackupOverdueReason | null;
  /** The day the next scheduled backup is due; null without a backup or a folder. */
  nextDueOn: string | null;
  /** The last scheduled backup, when it failed (since this app started; it never stops an unlock). */
  scheduledFailure: ScheduledBackupFailure | null;
  /** Newest first. */
  items: BackupDto[];
  /** Newest deletion first. */
  deleted: DeletedBackupDto[];
}

export type IntegrityCheckName = 'cipher_integrity_check' | 'integrity_check' | 'quick_check' | 'foreign_key_check' | 'audit_chain' | 'orphans' | 'erased_absent';

export interface IntegrityCheckDto {
  name: IntegrityCheckName;
  ok: boolean;
  /** Ids, table names and page numbers only: never a personal value. */
  problems: string[];
  /** What the check looked at, when that is a list (the tables searched for orphans). */
  checked?: string[];
}

export interface IntegrityReportDto {
  ok: boolean;
  checks: IntegrityCheckDto[];
}

export interface ReappliedErasureDto {
  /** The erasure's pseudonymous id, as in both ledgers. */
  erasure: string;
  /** The day of the original erasure. */
  on: string;
  /** Erased whole, anonymised (then anonymised again), or one category of details erased (then `category` says which). */
  kind: 'erased' | 'anonymised' | 'category';
  category?: SensitiveCategory;
}

export interface RestoreReportDto {
  backup: string;
  createdAt: string;
  /** Erasures made after the backup was taken, carried out again on the restored vault. */
  reapplied: ReappliedErasureDto[];
  /** The file names the replaced vault was kept under, in the vault folder. */
  keptAsideAs: { db: string; keys: string };
  integrity: IntegrityReportDto;
}
