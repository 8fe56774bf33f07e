/** What the exports' methods return (shared/api/exports.ts). */
import type { ExportManifest } from '../export-manifest';

/** One file of an export as its manifest lists it. */
export interface ExportedFileDto {
  /** Inside a bundle: the zip entry's name; for a register: the file's own name. */
  name: string;
  /** Data rows (CSV rows after the header, JSON array items); null for files that are not tables. */
  rows: number | null;
  bytes: number;
  /** Lowercase hex SHA-256 of the file's bytes. */
  sha256: string;
}

export type ExportResultDto =
  | {
      outcome: 'written';
      /** The file written (the zip, or the register's CSV/JSON). */
      path: string;
      /** The register's manifest beside it; null for a bundle, whose manifest.json is inside the zip. */
      manifestPath: string | null;
      files: ExportedFileDto[];
      /** Data rows across the files. */
      rows: number;
      /** The audit chain's head once the export was logged: the export's own audit event. */
      auditHead: { seq: number; hash: string };
    }
  /** Cancelled before the end: the temporary file was removed, nothing was written at `out`. */
  | { outcome: 'cancelled' };

export interface ExportProgressDto {
  running: boolean;
  kind: 'subject' | 'register' | 'report' | null;
  /** The register's table, or the bundle's section being gathered. */
  label: string | null;
  done: number;
  /** 0 while unknown. */
  total: number;
  cancelling: boolean;
}

export interface ExportFileCheckDto {
  name: string;
  /** ok, or why not: the file is gone, or its bytes are not the ones the manifest lists. */
  state: 'ok' | 'missing' | 'changed';
  expectedSha256: string;
  actualSha256: string | null;
}

export interface ExportVerifyDto {
  /** Every listed file present with its listed hash, and nothing unlisted inside a bundle. */
  ok: boolean;
  manifest: ExportManifest;
  files: ExportFileCheckDto[];
  /** Entries inside a bundle that the manifest does not list (someone added them). */
  unlisted: string[];
}
