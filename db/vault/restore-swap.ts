/**
 * The file side of a restore: the backup's files, prepared and brought in line in a
 * staging folder beside the vault (`registre.restore/`), replace the vault's with a
 * journal (`registre.restore.json`) that names where the replaced files go. The journal is
 * written only once the staged files are complete and fsynced, so from then on the swap is
 * rolled forward, by the restore itself or by the next open; before it, the next open just
 * drops the staging folder. A kill at any moment leaves the old vault or the restored one.
 *
 * The renames, each atomic: the old WAL and registre.db aside (with its keys), the staged
 * registre.db and registre.keys in. Each is done only if its source is still there, so
 * doing the swap again after a kill finishes exactly what was left.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fsyncDir, renameWithRetry, writeFileAtomic } from './atomic-file';
import { vaultPaths, type VaultPaths } from './paths';

const journalSchema = z.object({
  format: z.literal('registre.restore'),
  version: z.literal(1),
  backup: z.string(),
  /** File names in the vault folder the replaced vault is kept under. */
  keptAside: z.object({ db: z.string().regex(/^registre\.db\.before-restore-[0-9TZ-]+$/), keys: z.string().regex(/^registre\.keys\.before-restore-[0-9TZ-]+$/) }),
});
export type RestoreJournal = z.infer<typeof journalSchema>;

/** The staging folder, laid out as a vault folder of its own. */
export const stagingPaths = (paths: VaultPaths): VaultPaths => vaultPaths(paths.restoreStaging);

export function removeStaging(paths: VaultPaths): void {
  rmSync(paths.restoreStaging, { recursive: true, force: true });
}

export function writeRestoreJournal(paths: VaultPaths, journal: RestoreJournal): void {
  writeFileAtomic(paths.restoreJournal, JSON.stringify(journalSchema.parse(journal), null, 2) + '\n');
}

function moveAside(from: string, to: string): void {
  if (existsSync(from) && !existsSync(to)) renameWithRetry(from, to);
}

/** Completes the swap the journal describes, from wherever a kill left it. */
export function swapInRestored(paths: VaultPaths, journal: RestoreJournal): void {
  const staged = stagingPaths(paths);
  const asideDb = join(paths.dir, journal.keptAside.db);
  if (existsSync(staged.db)) {
    // The old WAL belongs to the old file: left beside the new one, SQLite would apply its frames to it.
    moveAside(paths.wal, `${asideDb}-wal`);
    rmSync(paths.shm, { force: true });
    moveAside(paths.db, asideDb);
    renameWithRetry(staged.db, paths.db);
  }
  if (existsSync(staged.keys)) {
    moveAside(paths.keys, join(paths.dir, journal.keptAside.keys));
    renameWithRetry(staged.keys, paths.keys);
  }
  fsyncDir(paths.dir);
}

/** The swap is complete: the journal and what is left of the staging folder go. */
export function finishRestore(paths: VaultPaths): void {
  rmSync(paths.restoreJournal, { force: true });
  fsyncDir(paths.dir);
  removeStaging(paths);
}

function readJournal(paths: VaultPaths): RestoreJournal | null {
  if (!existsSync(paths.restoreJournal)) return null;
  try {
    return journalSchema.parse(JSON.parse(readFileSync(paths.restoreJournal, 'utf8')));
  } catch {
    // Written atomically, so a journal that does not parse was never this restore's: the swap never began.
    return null;
  }
}

/**
 * What a killed restore left, settled under the vault's lock before it opens: a journal
 * means the staged files were complete, so the swap is finished; no journal means it never
 * began, and the staging folder goes.
 */
export function settleRestore(paths: VaultPaths): void {
  const journal = readJournal(paths);
  if (journal) swapInRestored(paths, journal);
  if (journal || existsSync(paths.restoreJournal)) finishRestore(paths);
  else removeStaging(paths);
}

/** A journal means a vault is there even while registre.db itself is being swapped. */
export const restorePending = (paths: VaultPaths): boolean => existsSync(paths.restoreJournal);
