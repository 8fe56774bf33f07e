/**
 * backup.json, the manifest written last into each backup folder (the agreed format: the
 * folder holds registre.db, registre.keys, registre.erasures and this file). The writer
 * (backup.ts), the register (list.ts) and the restore's verifier (verify.ts) read it with
 * this one schema.
 */
import { z } from 'zod';
import type { BackupManifest } from '../../shared/dto/backup';

export const MANIFEST_FILE = 'backup.json';
export const BACKUP_FILES = ['registre.db', 'registre.keys', 'registre.erasures'] as const;

const fileEntry = z.object({ bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

export const manifestSchema = z.object({
  format: z.literal('registre.backup'),
  version: z.literal(1),
  vaultId: z.string().min(1),
  createdAt: z.iso.datetime(),
  schemaVersion: z.string(),
  // Null only for a vault with no audit event yet.
  auditHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  erasures: z.number().int().nonnegative(),
  files: z.object({ 'registre.db': fileEntry, 'registre.keys': fileEntry, 'registre.erasures': fileEntry.optional() }),
}) satisfies z.ZodType<BackupManifest>;
