/**
 * The records core as one object per running app, CLI command or preview server: which
 * vault folder it points at, whether it is locked, who is signed in, and the idle timer.
 * Every API method goes through `call`, which enforces the contract's access level.
 */
import type { Role } from '../shared/vocabulary';
import { contract, fileWritingMethods, readOnlyRefusedMethods, selfAuditedMethods, subjectOf, unqueuedMethods, type Method, type Output, type ParsedInput } from '../shared/api/index';
import type { ReadOnlyDto, SessionDto, VaultStatusDto } from '../shared/dto/index';
import type { RestoreReportDto } from '../shared/dto/backup';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE } from './backup/manifest';
import { restoreBackup } from './backup/restore';
import { RegistreError } from '../shared/errors';
import type { ScryptCost } from './vault/crypto';
import { AuditAppender } from './audit/chain';
import { logView, type AuditInput, type CallContext, type Core, type Session } from './context';
import { ReviewLog } from './audit/review-log';
import { openBackupCopy } from './vault/read-only';
import { ImportProgress } from './import/progress';
import { ExportJob } from './export/job';
import { BackupSchedule } from './backup/schedule';
import { syncLedgerFile } from './erasure/ledger-file';
import { cleanUpExports, settleExports } from './export/recovery';
import { prepareVault } from './bootstrap';
import { createHandlers, type Handlers } from './handlers';
import { replaceStaffSlot } from './staff/passphrase';
import { readSettings } from './settings/settings';
import { activeStaff, insertStaff, staffById, staffBySlot, type StaffRow } from './staff/staff';
import { heldInstanceLock, type HeldInstanceLock } from './vault/instance-lock';
import { retryAfterSeconds } from './vault/lockout';
import { asVaultDiskFull, isDiskFull } from './vault/disk-space';
import { decodeRecoveryKey } from './vault/recovery-key';
import { assertLocalPath, vaultPaths } from './vault/paths';
import { OpenVault, createVault, removeVaultFiles, unlockWithPassphrase, unlockWithRecoveryKey, vaultExists } from './vault/vault';

export interface CoreOptions {
  vaultDir: string;
  /** The preview bridge serves one folder; the desktop app may switch folders. */
  allowFolderChange: boolean;
  now?: () => Date;
  /**
   * How hard a new vault's passphrase is to guess (scrypt's work factor). The app and the
   * CLI never set it: every vault they create costs DEFAULT_SCRYPT. Tests pass a light
   * cost so a thousand throwaway vaults do not spend the suite's time in the KDF; the
   * encryption itself is the same.
   */
  keyStretching?: ScryptCost;
  /**
   * Make the scheduled backup at unlock when one is due (db/backup/schedule.ts). The desktop
   * app and the preview set it; the CLI does not: a scripted command should do what it says
   * and no more, and `registre backup` makes one when asked.
   */
  scheduledBackups?: boolean;
}

const WRITE_ROLES: readonly Role[] = ['admin', 'staff'];

const readOnlyError = (source: ReadOnlyDto['source']) =>
  new RegistreError(
    'forbidden',
    source === 'backup'
      ? 'This is a backup copy, open read-only: nothing can be changed. Lock, and unlock the vault normally to make changes.'
      : 'This vault is open read-only: nothing can be changed. Lock and unlock normally to make changes.',
    { reason: 'read_only', source },
  );

const lockLostError = () =>
  new RegistreError(
    'locked',
    'Registre lost its hold on the vault (its lock file registre.lock was removed or taken by another process); it has locked the vault so that nothing is written twice. Unlock again.',
    { reason: 'lock_lost' },
  );

export class RegistreCore implements Core {
  private dir: string;
  private vault: OpenVault | null = null;
  private session: Session | null = null;
  private auditKey: Buffer | null = null;
  /** Prepared on the current connection; a rekey reopens the connection. */
  private appender: AuditAppender | null = null;
  /**
   * The unlock's own event when the disk was too full to write it: the person may still read
   * (issue: a full disk stopped even reads), and the event goes into the log with the next
   * write that finds room, in that write's transaction, with the time the unlock happened.
   */
  private deferredUnlock: { entry: AuditInput; at: Date } | null = null;
  private lastActivity = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private autoLockMinutes = 10;
  /** The vault was closed because its single-writer lock was lost; until the next open. */
  private lockLost = false;
  private lockOfVault: { vault: OpenVault; lock: HeldInstanceLock | null } | null = null;
  /** Set while signed in to look only (vault.openReadOnly); the lock clears it. */
  private readOnly: ReadOnlyDto | null = null;
  /** A backup copy's review log: its views go there, never into the copy's file. */
  private review: ReviewLog | null = null;
  /** The queued call running now, named in a backup's review log. */
  private running: Method | null = null;
  private readonly handlers: Handlers;
  readonly now: () => Date;
  readonly importProgress = new ImportProgress();
  readonly exportJob = new ExportJob();
  readonly backupSchedule = new BackupSchedule();

  constructor(readonly options: CoreOptions) {
    this.dir = vaultPaths(options.vaultDir).dir;
    this.now = options.now ?? (() => new Date());
    this.handlers = createHandlers();
    // A killed export's hidden files hold personal data in clear: they go before anyone unlocks.
    cleanUpExports(this.dir);
  }

  get vaultDir(): string {
    return this.dir;
  }

  status(): VaultStatusDto {
    const exists = vaultExists(this.dir);
    const state = this.vault ? (this.session ? 'unlocked' : 'recovering') : exists ? 'locked' : 'absent';
    return {
      vaultDir: this.dir,
      exists,
      state,
      session: this.sessionDto(),
      retryAfterSeconds: exists ? retryAfterSeconds(vaultPaths(this.dir).lockout, this.now().getTime()) : 0,
      lockLost: !this.vault && this.lockLost,
    };
  }

  /**
   * Runs `fn` after every call already started has finished. Calls never interleave: a
   * staff change cannot race a rekey, and parallel unlock attempts are taken one by one.
   */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The single entry point: parsed input in, output or RegistreError out. */
  call<M extends Method>(method: M, input: ParsedInput<M>): Promise<Output<M>> {
    // A full disk can stop any call that writes (or opens); it is said as such, not as `internal`.
    return this.enqueue(method, input).catch((e: unknown) => {
      throw asVaultDiskFull(e, this.dir);
    });
  }

  private enqueue<M extends Method>(method: M, input: ParsedInput<M>): Promise<Output<M>> {
    if (unqueuedMethods.has(method)) return this.run(method, input);
    if (!fileWritingMethods.has(method)) return this.exclusive(() => this.run(method, input));
    // Known to the export job from now on, so a cancel that comes while it waits is kept.
    this.exportJob.accepted();
    return this.exclusive(() => this.run(method, input)).finally(() => this.exportJob.settled());
  }

  private async run<M extends Method>(method: M, input: ParsedInput<M>): Promise<Output<M>> {
    // An unqueued call runs beside another one and must not close the vault under it.
    if (!unqueuedMethods.has(method)) await this.closeIfLostOrIdle();
    const access = contract[method].access;
    if (access !== 'public') {
      if (!this.vault) throw this.lockedError();
      if (access === 'recovering') {
        if (this.session) throw new RegistreError('forbidden', 'Recovery is already complete.');
      } else {
        if (!this.session) throw new RegistreError('forbidden', 'Choose your profile and a new passphrase to finish the recovery first.');
        const role = this.session.staff.role;
        if (access === 'write' && !WRITE_ROLES.includes(role)) {
          throw new RegistreError('forbidden', 'Your role (auditor) can look but not change anything.', { reason: 'auditor_read_only' });
        }
        if (access === 'admin' && role !== 'admin') {
          throw new RegistreError('forbidden', 'Only an administrator can do this.', { reason: 'admin_only' });
        }
        // Before the handler and whatever the input: a read-only session changes nothing.
        if (this.readOnly && readOnlyRefusedMethods.has(method)) throw readOnlyError(this.readOnly.source);
      }
      this.lastActivity = this.now().getTime();
    }
    const handler = this.handlers[method] as (i: ParsedInput<M>, core: Core) => Promise<Output<M>>;
    if (!unqueuedMethods.has(method)) this.running = method;
    try {
      const result = await handler(input, this);
      // Auditors and read-only sessions review personal data without changing it; what they looked at is logged.
      if (access === 'read' && !selfAuditedMethods.has(method)) await logView(this.context(), { entityType: method, subjectId: subjectOf(method, input) });
      return result;
    } finally {
      if (!unqueuedMethods.has(method)) this.running = null;
    }
  }

  /** The context for handlers that need an open vault. */
  context(): CallContext {
    const vault = this.vault;
    const key = this.auditKey;
    if (!vault || !key) throw this.lockedError();
    const now = this.now();
    const staffId = this.session?.staff.id ?? null;
    if (this.review) return { vault, db: vault.db, session: this.session, now, tx: this.reviewTx(vault, this.review, now) };
    if (this.appender?.connection !== vault.raw) this.appender = new AuditAppender(vault.raw, key);
    const appender = this.appender;
    return {
      vault,
      db: vault.db,
      session: this.session,
      now,
      tx: async (fn) => {
        const deferred = this.deferredUnlock;
        const result = await vault.db.transaction().execute(async (trx) => {
          if (deferred) appender.appendAll([{ ...deferred.entry, staffId }], deferred.at);
          const done = await fn(trx, async (e) => {
            const entries: readonly AuditInput[] = Array.isArray(e) ? e : [e as AuditInput];
            appender.appendAll(
              entries.map((x) => ({ ...x, staffId })),
              now,
            );
          });
          // Checked last, inside the transaction: no commit lands once the lock is lost.
          if (!this.holdsLock(vault)) throw lockLostError();
          return done;
        });
        // Dropped only once committed: a write that fails for want of room leaves it waiting.
        if (deferred && this.deferredUnlock === deferred) this.deferredUnlock = null;
        return result;
      },
    };
  }

  /**
   * A backup copy's transactions: the connection cannot write, and the audit events go to
   * the review log once `fn` has succeeded (an export's rehearsal of its events, which
   * rolls back, logs nothing). A log that cannot be written fails the call.
   */
  private reviewTx(vault: OpenVault, review: ReviewLog, now: Date): CallContext['tx'] {
    return (fn) =>
      vault.db.transaction().execute(async (trx) => {
        const events: AuditInput[] = [];
        const done = await fn(trx, async (e) => {
          events.push(...(Array.isArray(e) ? (e as readonly AuditInput[]) : [e as AuditInput]));
        });
        const staff = this.session!.staff;
        review.append(events, { id: staff.id, name: staff.name }, this.running, now);
        return done;
      });
  }

  /** The audit MAC key of the open vault (verify needs it). */
  requireAuditKey(): Buffer {
    if (!this.auditKey) throw this.lockedError();
    return this.auditKey;
  }

  selectFolder(dir: string): VaultStatusDto {
    if (!this.options.allowFolderChange) throw new RegistreError('forbidden', 'This window serves one vault folder; restart it with another --vault.');
    if (this.vault) throw new RegistreError('conflict', 'Lock the open vault before choosing another folder.');
    assertLocalPath(vaultPaths(dir).dir);
    this.dir = vaultPaths(dir).dir;
    this.lockLost = false;
    cleanUpExports(this.dir);
    return this.status();
  }

  async create(passphrase: string, staffName: string, dir?: string): Promise<{ recoveryKey: string; session: SessionDto }> {
    if (dir !== undefined && vaultPaths(dir).dir !== this.dir) this.selectFolder(dir);
    if (this.vault) throw new RegistreError('conflict', 'A vault is already open.');
    const { vault, slotId } = await createVault(this.dir, passphrase, this.options.keyStretching);
    this.vault = vault;
    try {
      this.auditKey = await prepareVault(vault.db);
      const ctx = this.context();
      const staff = await ctx.tx(async (trx, audit) => {
        const row = await insertStaff(trx, { name: staffName, role: 'admin', keySlotId: slotId }, ctx.now);
        this.session = { staff: row, slotId };
        await audit({ action: 'vault.created', entityType: 'vault', entityId: vault.vaultId });
        await audit({ action: 'staff.added', entityType: 'staff', entityId: row.id, fields: ['name', 'role'] });
        return row;
      });
      this.session = { staff, slotId };
      await this.afterOpen();
      return { recoveryKey: vault.recoveryKey(), session: this.sessionDto()! };
    } catch (e) {
      // Nothing half-made stays behind: the folder looks as it did before.
      await this.closeVault();
      removeVaultFiles(this.dir);
      throw e;
    }
  }

  /**
   * Signs in to look only: the vault itself when `folder` is absent or the vault's own, else
   * the backup copy in `folder`. The core's folder stays the vault's: the lock comes back to it.
   */
  async openReadOnly(passphrase: string, folder?: string): Promise<SessionDto> {
    // The vault's own folder is the vault; any other folder must hold a backup (its manifest says so).
    if (folder === undefined || (vaultPaths(folder).dir === this.dir && !existsSync(join(this.dir, MANIFEST_FILE)))) return this.unlock(passphrase, true);
    if (this.vault) await this.closeVault();
    const copy = await openBackupCopy(folder, passphrase);
    this.vault = copy.vault;
    this.lockLost = false;
    try {
      this.auditKey = copy.auditKey;
      const staff = await staffBySlot(copy.vault.db, copy.slotId);
      if (!staff) throw new RegistreError('forbidden', 'This passphrase belongs to a profile that was removed before this backup was made.', { reason: 'profile_removed' });
      this.review = ReviewLog.open(copy.folder, copy.auditKey);
      this.session = { staff, slotId: copy.slotId, readOnly: true };
      this.readOnly = { source: 'backup', path: copy.folder, takenAt: copy.takenAt };
      // The review starts on record, or not at all (a folder that cannot take the log).
      await this.context().tx((_trx, audit) => audit({ action: 'session.opened_read_only', entityType: 'staff', entityId: staff.id }));
      this.lastActivity = this.now().getTime();
      this.autoLockMinutes = (await readSettings(copy.vault.db)).autoLockMinutes;
    } catch (e) {
      await this.closeVault();
      throw e;
    }
    return this.sessionDto()!;
  }

  async unlock(passphrase: string, readOnly = false): Promise<SessionDto> {
    if (this.vault) await this.closeVault();
    const { vault, slotId } = await unlockWithPassphrase(this.dir, passphrase);
    try {
      this.auditKey = await prepareVault(vault.db);
      const staff = await staffBySlot(vault.db, slotId);
      if (!staff) {
        throw new RegistreError('forbidden', 'This passphrase belongs to a profile that was removed. Ask an administrator.', {
          reason: 'profile_removed',
        });
      }
      this.vault = vault;
      this.session = { staff, slotId, readOnly };
      // Slots of removed or replaced profiles (left by an interrupted change) go now.
      vault.pruneSlots((await activeStaff(vault.db)).flatMap((s) => (s.key_slot_id ? [s.key_slot_id] : [])));
      // Before this unlock's own event: a killed export's foreseen events come right after the head it saw.
      // On a full disk they wait in the journal for an unlock that finds room.
      await settleExports(vault, this.auditKey).catch((e: unknown) => {
        if (!isDiskFull(e, this.dir)) throw e;
      });
      // An erasure whose process died between its commit and its line beside the vault.
      await syncLedgerFile(vault.db, vault.paths.erasures).catch((e: unknown) => {
        if (!isDiskFull(e, this.dir)) throw e;
      });
      const unlocked: AuditInput = { action: readOnly ? 'session.opened_read_only' : 'session.unlocked', entityType: 'staff', entityId: staff.id };
      try {
        await this.context().tx((_trx, audit) => audit(unlocked));
      } catch (e) {
        if (!isDiskFull(e, this.dir)) throw e;
        this.deferredUnlock = { entry: unlocked, at: this.now() };
      }
      if (readOnly) this.readOnly = { source: 'vault', path: this.dir };
      await this.afterOpen();
    } catch (e) {
      this.vault = vault;
      await this.closeVault();
      throw e;
    }
    // Once the unlock has succeeded, and outside its undo: a backup that fails is kept as a warning, never an unlock refused.
    // A read-only session makes no backup: it writes nothing.
    if (this.options.scheduledBackups && !readOnly) await this.backupSchedule.runIfDue(this.context());
    return this.sessionDto()!;
  }

  async recover(recoveryKey: string): Promise<StaffRow[]> {
    // A key that cannot be one is refused before anything closes: a typo does not sign anyone out.
    decodeRecoveryKey(recoveryKey);
    if (this.vault) await this.closeVault();
    const vault = await unlockWithRecoveryKey(this.dir, recoveryKey, this.options.keyStretching);
    this.vault = vault;
    try {
      this.auditKey = await prepareVault(vault.db);
      this.session = null;
      this.lastActivity = this.now().getTime();
      await settleExports(vault, this.auditKey);
      await this.context().tx((_trx, audit) => audit({ action: 'vault.recovery_key_used', entityType: 'vault', entityId: vault.vaultId }));
      this.watchLock();
      return activeStaff(vault.db);
    } catch (e) {
      await this.closeVault();
      throw e;
    }
  }

  async completeRecovery(staffId: string, newPassphrase: string): Promise<SessionDto> {
    const ctx = this.context();
    const staff = await staffById(ctx.db, staffId);
    if (!staff) throw new RegistreError('not_found', 'This staff profile does not exist.');
    const slotId = await replaceStaffSlot(ctx, staff, newPassphrase, 'staff.passphrase_recovered');
    this.session = { staff: { ...staff, key_slot_id: slotId }, slotId };
    await this.afterOpen();
    return this.sessionDto()!;
  }

  async restore(folder: string, passphrase: string): Promise<RestoreReportDto> {
    // The open vault's connection and lock are on the files the restore replaces.
    if (this.vault) throw new RegistreError('conflict', 'Lock the vault before restoring a backup.', { reason: 'restore_vault_open' });
    return restoreBackup(this.dir, { folder, passphrase, now: this.now() });
  }

  /** Replaces the signed-in person's slot id after a passphrase change. */
  updateSessionSlot(slotId: string): void {
    if (this.session) this.session = { ...this.session, staff: { ...this.session.staff, key_slot_id: slotId }, slotId };
  }

  /** Locks from outside a call (timers, OS events, the CLI's finally): waits its turn. */
  lock(): Promise<VaultStatusDto> {
    return this.exclusive(() => this.closeVault());
  }

  /** Closes the vault at once; only from inside a call (handlers) or from `lock`. */
  async closeVault(): Promise<VaultStatusDto> {
    const vault = this.vault;
    this.vault = null;
    this.session = null;
    this.auditKey?.fill(0);
    this.auditKey = null;
    this.appender = null;
    this.deferredUnlock = null;
    this.readOnly = null;
    this.review = null;
    if (vault) await vault.close();
    return this.status();
  }

  /** Activity from the UI (keys, clicks) that made no API call; keeps auto-lock away. */
  touch(): void {
    this.lastActivity = this.now().getTime();
  }

  /** Looked up once per vault, while the call that opened it runs: the folder's newest lock is this vault's then. */
  private holdsLock(vault: OpenVault): boolean {
    if (this.lockOfVault?.vault !== vault) this.lockOfVault = { vault, lock: heldInstanceLock(vault.paths) };
    return this.lockOfVault.lock?.stillHeld() ?? false;
  }

  private lockedError(): RegistreError {
    return this.lockLost ? lockLostError() : new RegistreError('locked', 'The vault is locked. Unlock it to continue.');
  }

  private async closeIfLostOrIdle(): Promise<void> {
    // A backup copy holds no lock to lose.
    if (this.vault && !this.review && !this.holdsLock(this.vault)) {
      await this.closeVault();
      this.lockLost = true;
    } else if (this.isIdle()) {
      await this.closeVault();
    }
  }

  /**
   * Once the open vault's lock is found lost (by the lock's timer or a check), the vault
   * closes after the call running then, and calls answer `lock_lost` until the next open.
   */
  private watchLock(): void {
    const vault = this.vault;
    if (!vault) return;
    this.lockLost = false;
    if (!this.holdsLock(vault) || !this.lockOfVault?.lock) return;
    this.lockOfVault.lock.onLost = () => {
      // closeIfLostOrIdle finds the lock lost; a close that fails has nothing left to undo.
      this.exclusive(() => (this.vault === vault ? this.closeIfLostOrIdle() : Promise.resolve())).catch(() => undefined);
    };
  }

  private isIdle(): boolean {
    return this.vault !== null && this.now().getTime() - this.lastActivity >= this.autoLockMinutes * 60_000;
  }

  /** Locks when idle for the configured minutes; called by a timer. */
  lockIfIdle(): boolean {
    if (!this.isIdle()) return false;
    void this.lock();
    return true;
  }

  setAutoLockMinutes(minutes: number): void {
    this.autoLockMinutes = minutes;
  }

  private async afterOpen(): Promise<void> {
    this.watchLock();
    this.lastActivity = this.now().getTime();
    if (this.vault) this.autoLockMinutes = (await readSettings(this.vault.db)).autoLockMinutes;
  }

  private sessionDto(): SessionDto | null {
    if (!this.session || !this.vault) return null;
    const { id, name, role } = this.session.staff;
    return { staff: { id, name, role }, readOnly: this.readOnly };
  }
}
