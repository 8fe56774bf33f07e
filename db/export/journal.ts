/**
 * The journal of the export in flight (`registre.exports`, beside the vault): written
 * before any temporary file exists and removed once the export has ended, so a process
 * killed half-way leaves a note saying which hidden files are its own and whether its files
 * may have reached their targets. The next start removes what it left (recovery.ts); the
 * next unlock puts a delivered export on record.
 *
 * It is plain JSON, readable without the key, because the clean-up must run before anyone
 * unlocks. It therefore holds no personal data: folders, random tags, the pid, sizes and
 * hashes, staff and record ids and column names (what an audit event holds anyway). File
 * names are kept as salted hashes, because a bundle's name carries the person's name
 * (`registre-access-Jean Dupont-….zip`); the folder is the one the person chose.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { basename, dirname, isAbsolute } from 'node:path';
import { z } from 'zod';
import { auditActions, type AuditEntityType } from '../../shared/audit-vocabulary';
import { fsyncDir, writeFileAtomic } from '../vault/atomic-file';

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));

const placedSchema = z.object({ bytes: z.number().int().nonnegative(), sha256: hex(64), ino: z.string().regex(/^\d+$/) }).strict();

const fileSchema = z
  .object({
    role: z.enum(['data', 'manifest']),
    dir: z.string().refine(isAbsolute),
    /** SHA-256 of the salt and the target's file name. */
    name: hex(64),
    /** The random part of the temporary file's name (output-file.ts). */
    tag: hex(12),
    /** Set once the file is sealed and about to be put in place. */
    placed: placedSchema.optional(),
  })
  .strict();

const entrySchema = z
  .object({
    action: z.enum(auditActions),
    // The foreseen head hash, not this parse, is what proves the entries were the export's own.
    entityType: z.custom<AuditEntityType>((v) => typeof v === 'string'),
    entityId: z.string().nullable().optional(),
    subjectId: z.string().nullable().optional(),
    fields: z.array(z.string()).optional(),
  })
  .strict();

const journalSchema = z
  .object({
    format: z.literal('registre-export-journal'),
    version: z.literal(1),
    pid: z.number().int().positive(),
    salt: hex(32),
    files: z.array(fileSchema).min(1),
    /** The audit events the export appends once every file is in place, fixed in advance (manifest.ts). */
    audit: z
      .object({
        staffId: z.string().nullable(),
        at: z.iso.datetime(),
        entries: z.array(entrySchema).min(1),
        head: z.object({ seq: z.number().int().positive(), hash: hex(64) }).strict(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ExportJournal = z.infer<typeof journalSchema>;
export type JournalFile = ExportJournal['files'][number];
export type JournalAudit = NonNullable<ExportJournal['audit']>;

export const nameHash = (salt: string, name: string): string => createHash('sha256').update(`${salt}/${name}`).digest('hex');

/** A new journal for files at `targets` (in the order given), each with a fresh temporary tag. */
export function newJournal(targets: ReadonlyArray<{ role: JournalFile['role']; path: string }>): ExportJournal {
  const salt = randomBytes(16).toString('hex');
  return {
    format: 'registre-export-journal',
    version: 1,
    pid: process.pid,
    salt,
    files: targets.map((t) => ({ role: t.role, dir: dirname(t.path), name: nameHash(salt, basename(t.path)), tag: randomBytes(6).toString('hex') })),
  };
}

export function writeJournal(path: string, journal: ExportJournal): void {
  writeFileAtomic(path, `${JSON.stringify(journal)}\n`);
}

/**
 * The journal at `path`, or null when there is none. One that does not parse was not
 * written by Registre (writes are atomic): it is removed, as there is nothing it could
 * safely be acted on.
 */
export function readJournal(path: string): ExportJournal | null {
  if (!existsSync(path)) return null;
  let parsed: ReturnType<typeof journalSchema.safeParse>;
  try {
    parsed = journalSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    parsed = journalSchema.safeParse(null);
  }
  if (parsed.success) return parsed.data;
  try {
    clearJournal(path);
  } catch {
    // Tried again next time; it is ignored either way.
  }
  return null;
}

export function clearJournal(path: string): void {
  if (!existsSync(path)) return;
  unlinkSync(path);
  fsyncDir(dirname(path));
}
