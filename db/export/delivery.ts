/**
 * How every export reaches its target, in an order a kill at any moment cannot spoil:
 *
 *   journaled → streaming → sealed → (manifest-written) → committing → (manifest-in-place)
 *   → data-in-place → audited → journal-cleared
 *
 * The journal (journal.ts) names the temporary files before they exist. The audit events
 * are fixed in advance (`foresee`): the head they will make is what the manifest carries,
 * yet they are appended only once every file is in place, so the log never records an
 * export that did not reach its target. Before the first file is put in place the journal
 * is rewritten with each file's size, hash and inode and the events, so the next start or
 * unlock can tell what reached its target and finish or undo it (recovery.ts).
 *
 * The manifest goes in place before the data file: the data file's arrival is the commit
 * point, and a kill between the two leaves a manifest (no personal values) rather than a
 * data file nobody can check or show on record; the next start removes it.
 */
import { unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import { RegistreError } from '../../shared/errors';
import type { CallContext } from '../context';
import type { Database } from '../schema';
import { reached } from '../steps';
import { fsyncDir } from '../vault/atomic-file';
import { clearJournal, newJournal, readJournal, writeJournal, type ExportJournal } from './journal';
import type { ExportAuditEntry } from './manifest';
import { assertTarget, ExportFile, inodeOf, type Placement } from './output-file';
import { cleanUpExports } from './recovery';

export type AuditHead = { seq: number; hash: string };

/** Thrown to roll the foreseeing transaction back. */
class Foreseen extends Error {}

const headOf = async (trx: Kysely<Database>): Promise<AuditHead> => {
  const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
};

export class ExportDelivery {
  private foreseen: { entries: ExportAuditEntry[]; head: AuditHead } | null = null;
  /** Targets this export has put its files at, with the files' inodes (so only they are ever removed). */
  private readonly placed: Array<{ path: string; ino: string }> = [];
  private audited = false;

  private constructor(
    private readonly ctx: CallContext,
    private readonly journal: ExportJournal,
    readonly data: ExportFile,
    readonly manifest: ExportFile | null,
  ) {}

  /**
   * Checks the targets, journals them, then opens their temporary files. A journal left by
   * an earlier export is settled first; one that still waits for its audit event (an unlock
   * could not give it) is not written over.
   */
  static open(ctx: CallContext, targets: { data: string; manifest?: string }): ExportDelivery {
    assertTarget(targets.data);
    if (targets.manifest) assertTarget(targets.manifest);
    const journalPath = ctx.vault.paths.exportJournal;
    // Unlocked, this process holds the vault's lock: no one else is exporting from it.
    cleanUpExports(ctx.vault.paths.dir, true);
    if (readJournal(journalPath)) {
      throw new RegistreError('conflict', 'An earlier export was interrupted before it was put on record. Lock the vault and unlock it again, then export.', {
        reason: 'export_unsettled',
      });
    }
    const journal = newJournal([{ role: 'data', path: targets.data }, ...(targets.manifest ? [{ role: 'manifest' as const, path: targets.manifest }] : [])]);
    writeJournal(journalPath, journal);
    reached('export', 'journaled');
    let data: ExportFile | null = null;
    try {
      data = new ExportFile(targets.data, journal.files[0]!.tag);
      const manifest = targets.manifest ? new ExportFile(targets.manifest, journal.files[1]!.tag) : null;
      return new ExportDelivery(ctx, journal, data, manifest);
    } catch (e) {
      data?.abort();
      clearJournal(journalPath);
      throw e;
    }
  }

  /** Seals the data file (fsynced, still hidden) and returns its size and hash. */
  sealData(): { bytes: number; sha256: string } {
    const sealed = this.data.seal();
    reached('export', 'sealed');
    return sealed;
  }

  /** Writes and seals the manifest beside the data file (still hidden). */
  writeManifest(text: string): void {
    if (!this.manifest) throw new Error('this export has no manifest beside it');
    this.manifest.write(text);
    this.manifest.seal();
    reached('export', 'manifest-written');
  }

  /**
   * The chain head the export's events will make, learnt by appending them in a transaction
   * that is rolled back: the same appender, time and staff member give the same hashes when
   * they are appended for real, and the call queue lets no other event in between.
   */
  async foresee(entries: ExportAuditEntry | readonly ExportAuditEntry[]): Promise<AuditHead> {
    const list = Array.isArray(entries) ? [...(entries as readonly ExportAuditEntry[])] : [entries as ExportAuditEntry];
    const seen: { head?: AuditHead } = {};
    try {
      await this.ctx.tx(async (trx, audit) => {
        await audit(list);
        seen.head = await headOf(trx);
        throw new Foreseen();
      });
    } catch (e) {
      if (!(e instanceof Foreseen)) throw e;
    }
    if (!seen.head) throw new Error('the audit chain has no head');
    this.foreseen = { entries: list, head: seen.head };
    return seen.head;
  }

  /**
   * Puts the files in place (manifest first, data last), then appends the foreseen events.
   * `alsoOnRecord` writes what goes with them in their transaction, after them (a bundle's
   * action on the rights request it answers): its own events come after the head the
   * manifest carries. A kill before that transaction leaves the unlock to append the
   * foreseen events from the journal, which holds no personal data and so not these rows.
   */
  async commit(placement: Placement, alsoOnRecord?: (trx: Kysely<Database>, audit: (e: ExportAuditEntry) => Promise<void>) => Promise<void>): Promise<void> {
    const foreseen = this.foreseen;
    if (!foreseen) throw new Error('foresee the audit events before committing an export');
    const files = [this.data, this.manifest];
    for (const [i, file] of files.entries()) {
      if (!file) continue;
      this.journal.files[i]!.placed = { ...file.seal(), ino: sealedInode(file) };
    }
    this.journal.audit = { staffId: this.ctx.session?.staff.id ?? null, at: this.ctx.now.toISOString(), entries: foreseen.entries, head: foreseen.head };
    writeJournal(this.ctx.vault.paths.exportJournal, this.journal);
    reached('export', 'committing');
    if (this.manifest) {
      this.place(this.manifest, placement);
      reached('export', 'manifest-in-place');
    }
    this.place(this.data, placement);
    reached('export', 'data-in-place');
    await this.ctx.tx(async (trx, audit) => {
      await audit(foreseen.entries);
      const head = await headOf(trx);
      // Cannot happen while calls are queued; if it did, the manifest would name another event.
      if (head.seq !== foreseen.head.seq || head.hash !== foreseen.head.hash) throw new Error('the audit chain moved while the export was written');
      if (alsoOnRecord) await alsoOnRecord(trx, audit);
    });
    this.audited = true;
    reached('export', 'audited');
    this.finish();
  }

  private place(file: ExportFile, placement: Placement): void {
    // Noted first: a failure after the rename (the folder's fsync) still leaves it ours to remove.
    this.placed.push({ path: file.path, ino: sealedInode(file) });
    file.commit(placement);
  }

  /** The export is on record: the journal goes, unless a second name of a linked file is left for the clean-up. */
  private finish(): void {
    try {
      this.data.abort();
      this.manifest?.abort();
      clearJournal(this.ctx.vault.paths.exportJournal);
      reached('export', 'journal-cleared');
    } catch {
      // Settled by the next start and unlock: the event is on record already.
    }
  }

  /**
   * After a cancel or a failure: removes the temporary files and any file this export put
   * in place (never one it did not create), then the journal. Once the export is on
   * record nothing is removed. What cannot be removed stays named in the journal.
   */
  abort(): void {
    if (this.audited) return;
    try {
      this.data.abort();
      this.manifest?.abort();
      for (const { path, ino } of this.placed) {
        if (inodeOf(path) !== ino) continue;
        unlinkSync(path);
        fsyncDir(dirname(path));
      }
      clearJournal(this.ctx.vault.paths.exportJournal);
    } catch {
      // The failure that led here is the one to report; the next start removes the rest.
    }
  }
}

/** The sealed temporary file's inode: rename and link keep it, so it says which file at the target is this export's. */
function sealedInode(file: ExportFile): string {
  const ino = inodeOf(file.tempPath);
  if (ino === null) throw new Error(`the export's temporary file ${file.tempPath} is gone`);
  return ino;
}
