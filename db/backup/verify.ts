/**
 * A backup is verified before anything is replaced (DESIGN §4): its manifest is of this
 * format and of this vault, every file is the one it recorded (size, then sha256), the
 * passphrase opens the backup's own key file and that key its database, which passes the
 * whole integrity check (db/vault/integrity.ts) and was written by a schema this Registre
 * knows. The backup's files are only read: its database is opened read-only.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BackupManifest, IntegrityReportDto } from '../../shared/dto/backup';
import { RegistreError } from '../../shared/errors';
import type { ErrorReason } from '../../shared/vocabulary';
import { migrations, latestSchemaVersion } from '../migrations/index';
import { checkIntegrity } from '../vault/integrity';
import { openKeyedReadOnly, type RawDb } from '../vault/open-db';
import { pageMacProblems } from '../vault/page-macs';
import { readSidecar, type Sidecar } from '../vault/sidecar';
import { openSlotKeys } from '../vault/vault';
import { BACKUP_FILES, manifestSchema } from './manifest';
import { fileDigest } from '../vault/atomic-file';

export interface VerifiedBackup {
  name: string;
  manifest: BackupManifest;
  sidecar: Sidecar;
  /** The backup's slot the passphrase opened: the restored vault's person is the one it belongs to. */
  slotId: string;
  /** The backup's data key; the caller wipes it. */
  dataKey: Buffer;
  integrity: IntegrityReportDto;
}

const refuse = (reason: ErrorReason, message: string, detail: Record<string, unknown> = {}) => new RegistreError('invalid_input', message, { reason, ...detail });

function readManifest(folder: string): BackupManifest {
  const path = join(folder, 'backup.json');
  const notBackup = () => refuse('backup_not_backup', `${basename(folder)} is not a Registre backup: it has no readable backup.json of this format. Nothing was replaced.`);
  if (folder.endsWith('.partial') || !existsSync(path)) throw notBackup();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw notBackup();
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw notBackup();
  return parsed.data;
}

/** Each file the manifest lists is there, of its size and its hash. */
export function assertFilesMatch(folder: string, manifest: BackupManifest): void {
  for (const name of BACKUP_FILES) {
    const expected = manifest.files[name];
    if (!expected) continue;
    const path = join(folder, name);
    if (!existsSync(path)) throw refuse('backup_truncated', `The backup's ${name} is missing. Nothing was replaced; choose another backup.`, { file: name });
    const bytes = statSync(path).size;
    if (bytes < expected.bytes) {
      throw refuse('backup_truncated', `The backup's ${name} is cut short (${bytes} of ${expected.bytes} bytes). Nothing was replaced; choose another backup.`, { file: name });
    }
    if (bytes !== expected.bytes || fileDigest(path).sha256 !== expected.sha256) {
      throw refuse('backup_damaged', `The backup's ${name} is damaged: it is not the file that was backed up. Nothing was replaced; choose another backup.`, { file: name });
    }
  }
}

function newerSchema(version: string): RegistreError {
  return refuse('backup_newer_schema', `This backup was written by a newer version of Registre (schema ${version}). Install the latest Registre to restore it; nothing was replaced.`);
}

/** The data key, of those the passphrase opened, that opens the backup's database (read-only). */
function openBackupDb(path: string, sidecar: Sidecar, keys: Map<string, Buffer>): { raw: RawDb; key: Buffer } | null {
  for (const keyId of [sidecar.currentKeyId, sidecar.pendingKeyId]) {
    const key = keyId ? keys.get(keyId) : undefined;
    const raw = key ? openKeyedReadOnly(path, key) : null;
    if (raw && key) return { raw, key };
  }
  return null;
}

function appliedIn(raw: RawDb): string[] {
  const has = raw.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`).get();
  return has ? (raw.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all() as string[]) : [];
}

/**
 * Refuses, with the reason, a backup that cannot be restored into the vault `vaultId` (null
 * when the folder holds no vault to compare with); returns what the restore needs.
 */
export async function verifyBackup(folder: string, material: { passphrase: string; vaultId: string | null }): Promise<VerifiedBackup> {
  const manifest = readManifest(folder);
  if (material.vaultId !== null && manifest.vaultId !== material.vaultId) {
    throw refuse('backup_other_vault', 'This backup is of another vault. Nothing was replaced; choose a backup of this vault.');
  }
  if (manifest.schemaVersion > latestSchemaVersion) throw newerSchema(manifest.schemaVersion);
  assertFilesMatch(folder, manifest);

  let sidecar: Sidecar;
  try {
    sidecar = readSidecar(join(folder, 'registre.keys'));
  } catch {
    throw refuse('backup_damaged', "The backup's key file registre.keys cannot be read. Nothing was replaced; choose another backup.", { file: 'registre.keys' });
  }
  if (sidecar.vaultId !== manifest.vaultId) throw refuse('backup_damaged', "The backup's key file is of another vault than its manifest says. Nothing was replaced.", { file: 'registre.keys' });
  const wrongKey = () => refuse('backup_wrong_key', "Your passphrase does not open this backup, or the backup's key does not open its data. Nothing was replaced.");
  const slot = await openSlotKeys(sidecar, material.passphrase);
  if (!slot) throw wrongKey();
  const dbPath = join(folder, 'registre.db');
  const opened = openBackupDb(dbPath, sidecar, slot.keys);
  for (const k of slot.keys.values()) if (k !== opened?.key) k.fill(0);
  if (!opened) throw wrongKey();
  const { raw, key } = opened;
  const damaged = (failed: string[]) => refuse('backup_damaged', `This backup fails its integrity checks (${failed.join(', ')}). Nothing was replaced; choose another backup.`, { checks: failed });
  try {
    // First the pages' HMACs: SQLite stops at the first page that fails, with a message that names no check.
    const pages = pageMacProblems(dbPath, key);
    if (pages.length > 0) throw damaged(['cipher_integrity_check']);
    const unknown = appliedIn(raw).filter((name) => !(name in migrations));
    if (unknown.length > 0) throw newerSchema(unknown.sort().at(-1)!);
    const auditKey = raw.prepare(`SELECT value FROM vault_meta WHERE key = 'audit_key'`).pluck().get() as string | undefined;
    if (!auditKey) throw refuse('backup_damaged', "The backup's database has no audit key: it is not a Registre vault. Nothing was replaced.");
    const integrity = await checkIntegrity(raw, Buffer.from(auditKey, 'base64'), pages);
    const failed = integrity.checks.filter((c) => !c.ok).map((c) => c.name);
    if (failed.length > 0) throw damaged(failed);
    const head = raw.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
    // A vault with no audit event yet has no head, and its manifest says so (null).
    if ((head?.seq ?? null) !== (manifest.auditHead?.seq ?? null) || (head?.hash ?? null) !== (manifest.auditHead?.hash ?? null)) {
      throw refuse('backup_damaged', "The backup's audit log does not end where its manifest says. Nothing was replaced; choose another backup.", { checks: ['audit_chain'] });
    }
    return { name: basename(folder), manifest, sidecar, slotId: slot.slotId, dataKey: key, integrity };
  } catch (e) {
    key.fill(0);
    // SQLite's own refusal of a page it cannot make sense of is a damaged backup too.
    if (e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('SQLITE_')) throw damaged(['integrity_check']);
    throw e;
  } finally {
    raw.close();
  }
}
