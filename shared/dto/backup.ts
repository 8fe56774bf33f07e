/** Backups (the agreed format: a folder with registre.db, registre.keys, registre.erasures and backup.json) and their restore. */

export interface BackupFileDto {
  bytes: number;
  sha256: string;
}

/** backup.json, written last: a folder without a valid one is no backup. */
export interface BackupManifest {
  format: 'registre.backup';
  version: 1;
  vaultId: string;
  createdAt: string;
  schemaVersion: string;
  auditHead: { seq: number; hash: string };
  /** Rows of the vault's erasures table when the backup was taken. */
  erasures: number;
  files: { 'registre.db': BackupFileDto; 'registre.keys': BackupFileDto; 'registre.erasures'?: BackupFileDto };
}

export type IntegrityCheckName = 'cipher_integrity_check' | 'integrity_check' | 'foreign_key_check' | 'audit_chain' | 'orphans' | 'erased_absent';

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
  /** Erased whole, or anonymised (then anonymised again). */
  kind: 'erased' | 'anonymised';
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
