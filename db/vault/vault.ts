/**
 * Create, unlock, recover and rekey a vault folder; manage its key slots (DESIGN §4).
 *
 * Layout: registre.db (SQLCipher 4, raw 256-bit data key) + registre.keys (slots).
 * A wrong passphrase is rejected by the slot's GCM tag before the database file is
 * touched, so failed attempts change no byte of either file.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Kysely } from 'kysely';
import { RegistreError } from '../../shared/errors';
import type { ErrorReason } from '../../shared/vocabulary';
import { passphraseProblem } from '../../shared/rules/passphrase';
import type { Database } from '../schema';
import { RegistreSqliteDialect } from './sqlite-dialect';
import { reached } from '../steps';
import { renameWithRetry } from './atomic-file';
import { DEFAULT_SCRYPT, derivePassphraseKey, newScryptParams, newSlotKeyPair, openFromPublicKey, openWithKey, sealToPublicKey, sealWithKey, type ScryptCost } from './crypto';
import { acquireInstanceLock } from './instance-lock';
import { clearFailures, ensureCountable, recordFailure, retryAfterSeconds } from './lockout';
import { keyCheck, openKeyed, type RawDb } from './open-db';
import { finishRekey, removeRekeyLeftovers, swapInRekeyedCopy, type RekeyStamp } from './rekey';
import { decodeRecoveryKey, encodeRecoveryKey } from './recovery-key';
import { readSidecar, writeSidecar, type Sidecar, type Slot } from './sidecar';
import { pageMacProblems } from './page-macs';
import { restorePending, settleRestore } from './restore-swap';
import { assertLocalPath, vaultPaths, type VaultPaths } from './paths';

const privateAad = (s: Sidecar, slotId: string) => `${s.vaultId}/${slotId}/private`;
const dataKeyAad = (s: Sidecar, slotId: string, keyId: string) => `${s.vaultId}/${slotId}/${keyId}`;

export function vaultExists(dir: string): boolean {
  const p = vaultPaths(dir);
  return existsSync(p.db) || restorePending(p);
}

function assertPassphraseAcceptable(passphrase: string): void {
  const problem = passphraseProblem(passphrase);
  if (problem === 'blank') throw new RegistreError('invalid_input', 'The passphrase cannot be blank.', { reason: 'passphrase_blank' });
  if (problem === 'too_short') {
    throw new RegistreError('invalid_input', 'The passphrase must be at least 10 characters long; a few unrelated words work well.', {
      reason: 'passphrase_too_short',
    });
  }
}

function assertNotThrottled(paths: VaultPaths): void {
  const wait = retryAfterSeconds(paths.lockout);
  if (wait > 0) {
    throw new RegistreError('locked', `Too many failed attempts. Try again in ${wait} seconds.`, { retryAfterSeconds: wait, reason: 'throttled' });
  }
  ensureCountable(paths.lockout);
}

function wrongSecret(paths: VaultPaths, what: string, reason: ErrorReason): RegistreError {
  const delay = recordFailure(paths.lockout);
  return new RegistreError('invalid_input', delay > 0 ? `${what} Wait ${delay} seconds before the next attempt.` : what, { retryAfterSeconds: delay, reason });
}

/** An unlocked vault: the open database, its key sidecar and the single-writer lock. */
export class OpenVault {
  private kysely: Kysely<Database>;
  private closed = false;
  /** A prepared rekey's new data key, until it is confirmed or dropped. */
  private pending: { key: Buffer; keyId: string } | null = null;

  constructor(
    readonly paths: VaultPaths,
    private rawDb: RawDb,
    private sidecar: Sidecar,
    private dataKey: Buffer,
    private readonly releaseLock: () => void,
  ) {
    this.kysely = new Kysely<Database>({ dialect: new RegistreSqliteDialect({ database: rawDb }) });
  }

  get db(): Kysely<Database> {
    return this.kysely;
  }

  /** The better-sqlite3 handle, for SQLite-only statements (pragmas, checkpoints). */
  get raw(): RawDb {
    return this.rawDb;
  }

  get vaultId(): string {
    return this.sidecar.vaultId;
  }

  get slotIds(): string[] {
    return this.sidecar.slots.map((s) => s.id);
  }

  recoveryKey(): string {
    return encodeRecoveryKey(this.dataKey);
  }

  /** The file's pages whose SQLCipher HMAC fails (the integrity check's first part). */
  pageMacProblems(): string[] {
    return pageMacProblems(this.paths.db, this.dataKey);
  }

  /** Opens a copy of this database (a backup's) with the data key, which never leaves this object; null if the key does not open it. */
  openCopy(path: string): RawDb | null {
    return openKeyed(path, this.dataKey);
  }

  /**
   * Adds a slot for a passphrase. Refuses one that already opens a slot: unlock finds a
   * person by the first slot their passphrase opens, so two people cannot share one.
   */
  async addSlot(passphrase: string): Promise<string> {
    assertPassphraseAcceptable(passphrase);
    const kek = await derivePassphraseKey(passphrase, this.sidecar.kdf);
    try {
      if (this.sidecar.slots.some((s) => openWithKey(kek, s.privateKey, privateAad(this.sidecar, s.id)))) {
        throw new RegistreError('conflict', 'This passphrase is already in use in this vault. Choose another one.', { reason: 'passphrase_in_use' });
      }
      const slot = this.newSlot(kek);
      this.saveSidecar({ ...this.sidecar, slots: [...this.sidecar.slots, slot] });
      return slot.id;
    } finally {
      kek.fill(0);
    }
  }

  /** Checks that `passphrase` opens the given slot (used before a passphrase change). */
  async passphraseOpensSlot(slotId: string, passphrase: string): Promise<boolean> {
    const slot = this.sidecar.slots.find((s) => s.id === slotId);
    if (!slot) return false;
    const kek = await derivePassphraseKey(passphrase, this.sidecar.kdf);
    const ok = openWithKey(kek, slot.privateKey, privateAad(this.sidecar, slot.id)) !== null;
    kek.fill(0);
    return ok;
  }

  /** Removing a slot never re-encrypts the database (DESIGN §4). */
  removeSlot(slotId: string): void {
    if (!this.sidecar.slots.some((s) => s.id === slotId)) return;
    this.saveSidecar({ ...this.sidecar, slots: this.sidecar.slots.filter((s) => s.id !== slotId) });
  }

  /**
   * First half of a rekey: a new data key, sealed as "pending" into the slots of current
   * staff, kept in memory until `rekeyCommit`. The file is untouched, so the recovery key
   * a person holds now keeps opening it. Returns the new recovery key, for the person to
   * write down and type back before the switch. A second call replaces the pending key.
   */
  rekeyPrepare(keepSlotIds: readonly string[]): string {
    // Only slots of current staff receive the new key: a slot left behind by an
    // interrupted removal must not survive a rekey (it is exactly what a rekey shuts out).
    this.pruneSlots(keepSlotIds);
    this.dropPending();
    const key = randomBytes(32);
    const keyId = randomUUID();
    this.saveSidecar({
      ...this.sidecar,
      pendingKeyId: keyId,
      keyChecks: { ...this.sidecar.keyChecks, [keyId]: keyCheck(key) },
      slots: this.sidecar.slots.map((s) => ({ ...s, dataKeys: { ...s.dataKeys, [keyId]: sealToPublicKey(s.publicKey, key, dataKeyAad(this.sidecar, s.id, keyId)) } })),
    });
    this.pending = { key, keyId };
    reached('rekey', 'prepared');
    return encodeRecoveryKey(key);
  }

  /** Refuses, changing nothing, unless a rekey is prepared and `typed` is its key. */
  assertPendingKey(typed: Buffer): void {
    if (!this.pending) {
      throw new RegistreError('conflict', 'No change of the data key is waiting to be confirmed. Start the change again.', { reason: 'rekey_not_prepared' });
    }
    if (typed.length !== this.pending.key.length || !timingSafeEqual(typed, this.pending.key)) {
      throw new RegistreError('invalid_input', 'This is not the new recovery key shown for this change. Nothing changed: the old key still opens the vault.', {
        reason: 'recovery_key_mismatch',
      });
    }
  }

  /**
   * Second half: re-encrypts the file under the pending key, once the person has shown
   * they hold it (`assertPendingKey`). Crash-safe by construction: the database is
   * re-encrypted as a copy, `stamp` writes into it (the audit event), and it is swapped in
   * with one atomic rename; unlock tries the current key then the pending one.
   */
  async rekeyCommit(keepSlotIds: readonly string[], typed: Buffer, stamp: RekeyStamp): Promise<void> {
    this.assertPendingKey(typed);
    const { key: newKey, keyId: newKeyId } = this.pending!;
    this.pending = null;
    // Staff removed since the prepare lose their slot (and the new key) before the switch.
    this.pruneSlots(keepSlotIds);
    const sealed = this.sidecar;
    let failure: unknown = null;
    try {
      this.rawDb.pragma('wal_checkpoint(TRUNCATE)');
      reached('rekey', 'checkpointed');
      await this.kysely.destroy();
      reached('rekey', 'closed');
      swapInRekeyedCopy(this.paths, this.dataKey, newKey, stamp);
    } catch (e) {
      failure = e;
      await this.kysely.destroy().catch(() => undefined);
    }
    removeRekeyLeftovers(this.paths);
    // Whatever happened, the file itself says which key it is under now (the rename may
    // have happened even if a later fsync failed). Drop a key only once the other is proven.
    const old = openKeyed(this.paths.db, this.dataKey);
    const opened = old ? { raw: old, key: this.dataKey, keyId: sealed.currentKeyId } : { raw: openKeyed(this.paths.db, newKey), key: newKey, keyId: newKeyId };
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the rekey threw, as it was thrown
    if (!opened.raw) throw failure ?? new Error('the rekeyed vault opens with neither key');
    this.saveSidecar(finishRekey(sealed, opened.keyId));
    reached('rekey', 'settled');
    this.rawDb = opened.raw;
    this.kysely = new Kysely<Database>({ dialect: new RegistreSqliteDialect({ database: opened.raw }) });
    if (opened.key === newKey) this.dataKey.fill(0);
    else newKey.fill(0);
    this.dataKey = opened.key;
    reached('rekey', 'reopened');
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the rekey threw, as it was thrown
    if (failure) throw failure;
  }

  /** Drops every slot not in `keep` (slots of removed or replaced profiles). */
  pruneSlots(keep: readonly string[]): void {
    const kept = this.sidecar.slots.filter((s) => keep.includes(s.id));
    if (kept.length !== this.sidecar.slots.length) this.saveSidecar({ ...this.sidecar, slots: kept });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.kysely.destroy();
      this.dropPending();
    } finally {
      this.pending?.key.fill(0);
      this.pending = null;
      this.dataKey.fill(0);
      this.releaseLock();
    }
  }

  private newSlot(kek: Buffer): Slot {
    const id = randomUUID();
    const pair = newSlotKeyPair();
    const keys = new Map([[this.sidecar.currentKeyId, this.dataKey]]);
    // A slot added while a rekey waits for its confirmation opens the file after it too.
    if (this.pending) keys.set(this.pending.keyId, this.pending.key);
    const slot: Slot = {
      id,
      publicKey: pair.publicKey,
      privateKey: sealWithKey(kek, pair.privateKey, privateAad(this.sidecar, id)),
      dataKeys: {},
    };
    for (const [keyId, key] of keys) slot.dataKeys[keyId] = sealToPublicKey(pair.publicKey, key, dataKeyAad(this.sidecar, id, keyId));
    pair.privateKey.fill(0);
    return slot;
  }

  /** Forgets a prepared key the person did not confirm (and its sealed copies in the key file). */
  cancelRekey(): void {
    this.dropPending();
  }

  /** The file is still under the current key, so a prepared key that was not confirmed just goes. */
  private dropPending(): void {
    if (!this.pending) return;
    this.pending.key.fill(0);
    this.pending = null;
    if (this.sidecar.pendingKeyId) this.saveSidecar(finishRekey(this.sidecar, this.sidecar.currentKeyId));
  }

  private saveSidecar(next: Sidecar): void {
    writeSidecar(this.paths.keys, next);
    this.sidecar = next;
  }
}

/** Opens the database with whichever of the sidecar's keys it is encrypted with. */
function openWithKnownKeys(paths: VaultPaths, sidecar: Sidecar, keys: Map<string, Buffer>): { raw: RawDb; sidecar: Sidecar; key: Buffer } {
  const order = [sidecar.currentKeyId, sidecar.pendingKeyId].filter((k): k is string => !!k);
  for (const keyId of order) {
    const key = keys.get(keyId);
    if (!key) continue;
    const raw = openKeyed(paths.db, key);
    if (!raw) continue;
    // Settle an interrupted rekey: the file now tells which key won.
    let settled = sidecar;
    if (keyId === sidecar.pendingKeyId) settled = finishRekey(sidecar, keyId);
    else if (sidecar.pendingKeyId) settled = finishRekey(sidecar, sidecar.currentKeyId);
    if (settled !== sidecar) writeSidecar(paths.keys, settled);
    removeRekeyLeftovers(paths);
    return { raw, sidecar: settled, key };
  }
  throw new RegistreError('internal', 'The vault file does not match its key file registre.keys. Restore both from the same backup, or use the recovery key.', { reason: 'keys_mismatch' });
}

function prepareFolder(dir: string): VaultPaths {
  const paths = vaultPaths(dir);
  assertLocalPath(paths.dir);
  return paths;
}

function newSidecar(dataKey: Buffer, cost: ScryptCost): Sidecar {
  const keyId = randomUUID();
  return {
    format: 'registre.keys',
    version: 1,
    vaultId: randomUUID(),
    kdf: { alg: 'scrypt', ...newScryptParams(cost) },
    currentKeyId: keyId,
    pendingKeyId: null,
    keyChecks: { [keyId]: keyCheck(dataKey) },
    slots: [],
  };
}

/** Deletes a vault's files: only for a vault this process has just failed to create. */
export function removeVaultFiles(dir: string): void {
  const p = vaultPaths(dir);
  for (const f of [p.db, p.wal, p.shm, p.keys, p.lockout]) rmSync(f, { force: true });
}

export async function createVault(dir: string, passphrase: string, cost: ScryptCost = DEFAULT_SCRYPT): Promise<{ vault: OpenVault; slotId: string }> {
  assertPassphraseAcceptable(passphrase);
  const paths = prepareFolder(dir);
  if (existsSync(paths.db) || existsSync(paths.keys) || restorePending(paths)) {
    throw new RegistreError('conflict', `A vault already exists in ${paths.dir}. Unlock it, or choose an empty folder.`, {
      reason: 'vault_exists',
    });
  }
  mkdirSync(paths.dir, { recursive: true });
  const release = acquireInstanceLock(paths);
  const dataKey = randomBytes(32);
  // From its first day, a vault can count a wrong guess even once its disk is full.
  ensureCountable(paths.lockout);
  let raw: RawDb | null = null;
  try {
    raw = openKeyed(paths.db, dataKey, { create: true });
    if (!raw) throw new Error('new vault did not accept its key');
  } catch (e) {
    release();
    removeVaultFiles(paths.dir);
    throw e;
  }
  const vault = new OpenVault(paths, raw, newSidecar(dataKey, cost), dataKey, release);
  try {
    return { vault, slotId: await vault.addSlot(passphrase) };
  } catch (e) {
    // Closed first: Windows cannot delete a file that is still open.
    await vault.close();
    removeVaultFiles(paths.dir);
    throw e;
  }
}

/**
 * The data keys a passphrase opens in a key file: the first slot it opens, and that slot's
 * keys by id; null when it opens none. The caller wipes the keys.
 */
export async function openSlotKeys(sidecar: Sidecar, passphrase: string): Promise<{ slotId: string; keys: Map<string, Buffer> } | null> {
  const kek = await derivePassphraseKey(passphrase, sidecar.kdf);
  let slot: Slot | undefined;
  let privateKey: Buffer | null = null;
  for (const s of sidecar.slots) {
    privateKey = openWithKey(kek, s.privateKey, privateAad(sidecar, s.id));
    if (privateKey) {
      slot = s;
      break;
    }
  }
  kek.fill(0);
  if (!slot || !privateKey) return null;
  const keys = new Map<string, Buffer>();
  for (const [keyId, box] of Object.entries(slot.dataKeys)) {
    const key = openFromPublicKey(privateKey, box, dataKeyAad(sidecar, slot.id, keyId));
    if (key) keys.set(keyId, key);
  }
  privateKey.fill(0);
  return { slotId: slot.id, keys };
}

/** Whether a vault (or a restore that the next open completes) is in the folder; refuses otherwise. */
function assertVaultThere(paths: VaultPaths): void {
  if (!existsSync(paths.db) && !restorePending(paths)) throw new RegistreError('not_found', `There is no vault in ${paths.dir}.`, { reason: 'vault_absent' });
}

export async function unlockWithPassphrase(dir: string, passphrase: string): Promise<{ vault: OpenVault; slotId: string }> {
  const paths = vaultPaths(dir);
  assertVaultThere(paths);
  assertLocalPath(paths.dir);
  // The lock comes first, so parallel processes cannot each get a guess past the throttle.
  const release = acquireInstanceLock(paths);
  try {
    // A restore killed midway is finished (or undone) before anything reads the files.
    settleRestore(paths);
    assertNotThrottled(paths);
    const sidecar = readSidecar(paths.keys);
    const opened = await openSlotKeys(sidecar, passphrase);
    if (!opened) throw wrongSecret(paths, 'Wrong passphrase.', 'wrong_passphrase');
    const { slotId, keys } = opened;
    let kept: Buffer | null = null;
    try {
      const db = openWithKnownKeys(paths, sidecar, keys);
      kept = db.key;
      clearFailures(paths.lockout);
      return { vault: new OpenVault(paths, db.raw, db.sidecar, db.key, release), slotId };
    } finally {
      for (const k of keys.values()) if (k !== kept) k.fill(0);
    }
  } catch (e) {
    release();
    throw e;
  }
}

function usableSidecar(path: string): Sidecar | null {
  if (!existsSync(path)) return null;
  try {
    return readSidecar(path);
  } catch {
    return null; // damaged: the recovery key can still open the vault and replace it
  }
}

/**
 * Opens the vault with the recovery key (the data key). Works when the key file is lost,
 * damaged or from another time (restored from an older backup): if the key opens the
 * database, that key file is set aside and a fresh one with no slots is written, so a new
 * passphrase can be set.
 */
export async function unlockWithRecoveryKey(dir: string, recoveryKey: string, cost: ScryptCost = DEFAULT_SCRYPT): Promise<OpenVault> {
  const paths = vaultPaths(dir);
  assertVaultThere(paths);
  assertLocalPath(paths.dir);
  const key = decodeRecoveryKey(recoveryKey);
  const release = acquireInstanceLock(paths);
  try {
    settleRestore(paths);
    assertNotThrottled(paths);
    const sidecar = usableSidecar(paths.keys);
    const check = keyCheck(key);
    const keyId = sidecar ? Object.entries(sidecar.keyChecks).find(([, c]) => c === check)?.[0] : undefined;
    // The file is asked first: a key the key file still knows may be one a rekey has just
    // replaced (the process died after the switch, before the key file was settled).
    const raw = openKeyed(paths.db, key);
    if (!raw) throw wrongSecret(paths, 'This recovery key belongs to another vault or was replaced by a newer one.', 'recovery_key_other_vault');
    if (sidecar && keyId) {
      raw.close();
      const opened = openWithKnownKeys(paths, sidecar, new Map([[keyId, key]]));
      clearFailures(paths.lockout);
      return new OpenVault(paths, opened.raw, opened.sidecar, opened.key, release);
    }
    if (existsSync(paths.keys)) renameWithRetry(paths.keys, `${paths.keys}.replaced-${Date.now()}`);
    const fresh = newSidecar(key, cost);
    writeSidecar(paths.keys, fresh);
    clearFailures(paths.lockout);
    return new OpenVault(paths, raw, fresh, key, release);
  } catch (e) {
    key.fill(0);
    release();
    throw e;
  }
}
