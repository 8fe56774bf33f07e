/**
 * What a killed export left, settled from its journal (journal.ts). At every start (no key
 * needed) its hidden temporary files go, and so do the files it had put in place unless
 * all of them reached their targets; at every unlock an export whose files all reached
 * their targets gets the audit event fixed in advance, and the journal goes. So the log
 * records an export exactly when its files are where the person asked for them, and only
 * files the export itself created (same inode, size and SHA-256) are ever removed.
 */
import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { AuditAppender } from '../audit/chain';
import { fsyncDir } from '../vault/atomic-file';
import { vaultPaths } from '../vault/paths';
import type { OpenVault } from '../vault/vault';
import { clearJournal, nameHash, readJournal, type ExportJournal, type JournalAudit, type JournalFile } from './journal';
import { inodeOf, TEMP_NAME } from './output-file';
import { fileDigest } from '../vault/atomic-file';

function names(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The journal's temporary files still on disk (recognised by tag and hashed target name). */
function tempsOf(journal: ExportJournal, file: JournalFile): string[] {
  return names(file.dir).filter((n) => {
    const m = TEMP_NAME.exec(n);
    return m !== null && m[2] === file.tag && nameHash(journal.salt, m[1]!) === file.name;
  });
}

/** Removes every temporary file of the journal; true when none is left. */
function removeTemps(journal: ExportJournal): boolean {
  let gone = true;
  for (const file of journal.files) {
    for (const n of tempsOf(journal, file)) {
      try {
        unlinkSync(join(file.dir, n));
      } catch {
        gone = false;
      }
    }
    fsyncDirQuietly(file.dir);
  }
  return gone;
}

/** Where the file reached its target: the path there, when that is the very file the export sealed. */
function delivered(journal: ExportJournal, file: JournalFile): string | null {
  const placed = file.placed;
  if (!placed) return null;
  const target = names(file.dir).find((n) => !TEMP_NAME.test(n) && nameHash(journal.salt, n) === file.name);
  if (target === undefined) return null;
  const path = join(file.dir, target);
  if (inodeOf(path) !== placed.ino) return null;
  try {
    const digest = fileDigest(path);
    return digest.bytes === placed.bytes && digest.sha256 === placed.sha256 ? path : null;
  } catch {
    return null;
  }
}

const allDelivered = (journal: ExportJournal): boolean => journal.files.every((f) => delivered(journal, f) !== null);

/**
 * Removes the files that reached their targets (a manifest without its data file, or files
 * nobody can show are on record); true when none is left.
 */
function removeDelivered(journal: ExportJournal): boolean {
  let gone = true;
  for (const file of journal.files) {
    const path = delivered(journal, file);
    if (path === null) continue;
    try {
      unlinkSync(path);
    } catch {
      gone = false;
    }
    fsyncDirQuietly(file.dir);
  }
  return gone;
}

function fsyncDirQuietly(dir: string): void {
  try {
    fsyncDir(dir);
  } catch {
    // A folder gone or unreadable holds nothing of ours any more.
  }
}

/** Whether the process that wrote the journal may still be writing (a sibling core in this process counts). */
function ownerAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The clean-up at start (a core constructed, a vault folder chosen): needs no key.
 * `ownerGone` is for a caller holding the vault's lock, who knows no one else is exporting.
 * Best effort: a file it cannot remove stays named in the journal for the next time, and
 * nothing stops Registre from starting.
 */
export function cleanUpExports(vaultDir: string, ownerGone = false): void {
  const path = vaultPaths(vaultDir).exportJournal;
  try {
    const journal = readJournal(path);
    if (!journal || (!ownerGone && ownerAlive(journal.pid))) return;
    const tempsGone = removeTemps(journal);
    // Every file is in place: the unlock puts the export on record.
    if (journal.audit && allDelivered(journal)) return;
    if (removeDelivered(journal) && tempsGone) clearJournal(path);
  } catch {
    // Left for the next start or unlock.
  }
}

function clearJournalQuietly(path: string): void {
  try {
    clearJournal(path);
  } catch {
    // Settled already; the next start finds nothing left to do but remove it.
  }
}

/** Thrown to roll back events that do not make the head the export foresaw. */
class NotAsForeseen extends Error {}

/**
 * Appends the events exactly as the export fixed them (its staff member, its time, right
 * after the head it saw) and keeps them only if they make the head its manifest carries.
 * The journal is plain text: this check is what stops an edited one from writing to the log.
 */
async function appendAsForeseen(vault: OpenVault, auditKey: Buffer, audit: JournalAudit): Promise<boolean> {
  const appender = new AuditAppender(vault.raw, auditKey);
  try {
    await vault.db.transaction().execute(async (trx) => {
      appender.appendAll(
        audit.entries.map((e) => ({ ...e, staffId: audit.staffId })),
        new Date(audit.at),
      );
      const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
      if (Number(head.seq) !== audit.head.seq || head.hash !== audit.head.hash) throw new NotAsForeseen();
    });
    return true;
  } catch (e) {
    if (e instanceof NotAsForeseen) return false;
    throw e;
  }
}

async function onRecord(vault: OpenVault, head: JournalAudit['head']): Promise<boolean> {
  const event = await vault.db.selectFrom('audit_events').select('hash').where('seq', '=', head.seq).executeTakeFirst();
  return event?.hash === head.hash;
}

/**
 * The settling at unlock, before anything else is appended to the log: an export whose
 * files all reached their targets gets its event; one whose files did not, or whose events
 * no longer fit the chain, loses the files it put in place. Then the journal goes.
 */
export async function settleExports(vault: OpenVault, auditKey: Buffer): Promise<void> {
  const path = vault.paths.exportJournal;
  const journal = readJournal(path);
  if (!journal) return;
  let gone = removeTemps(journal);
  const audit = journal.audit;
  if (audit && !(await onRecord(vault, audit.head))) {
    const settled = allDelivered(journal) && (await appendAsForeseen(vault, auditKey, audit));
    if (!settled) gone = removeDelivered(journal) && gone;
  }
  // Kept while a file of ours is left (the next start tries again); the clearing itself may fail the same way.
  if (gone) clearJournalQuietly(path);
}
