/**
 * Create, unlock, recover and rekey a vault folder; manage its key slots (DESIGN §4).
 *
 * Layout: registre.db (SQLCipher 4, raw 256-bit data key) + registre.keys (slots).
 * A wrong passphrase is rejected by the slot's GCM tag before the database file is
 * touched, so failed attempts change no byte of either file.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { Kysely } from 'kysely';
import { RegistreError } from '../../shared/errors';
import type { ErrorReason } from '../../shared/vocabulary';
import { passphraseProblem } from '../../shared/rules/passphrase';
import type { Database } from '../schema';
import { RegistreSqliteDialect } from './sqlite-dialect';
import { renameWithRetry, replaceFileAtomic } from './atomic-file';
import { derivePassphraseKey, newScryptParams, newSlotKeyPair, openFromPublicKey, openWithKey, sealToPublicKey, sealWithKey } from './crypto';
import { acquireInstanceLock } from './instance-lock';
import { clearFailures, ensureCountable, recordFailure, retryAfterSeconds } from './lockout';
import { keyCheck, openKeyed, rekeyFile, type RawDb } from './open-db';
import { decodeRecoveryKey, encodeRecoveryKey } from './recovery-key';
import { readSidecar, writeSidecar, type Sidecar, type Slot } from './sidecar';
import { assertLocalPath, vaultPaths, type VaultPaths } from './paths';

const privateAad = (s: Sidecar, slotId: string) => `${s.vaultId}/${slotId}/private`;
const dataKeyAad = (s: Sidecar, slotId: string, keyId: string) => `${s.vaultId}/${slotId}/${keyId}`;

export function vaultExists(dir: string): boolean {
  const p = vaultPaths(dir);
  return existsSync(p.db);
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
   * Replaces the data key. Crash-safe by construction: the new key is sealed into every
   * slot as "pending" before the file changes; the database is re-encrypted as a copy and
   * swapped in with one atomic rename; unlock tries the current key then the pending one.
   * Returns the new recovery key (the old one stops working).
   */
  async rekey(keepSlotIds: readonly string[]): Promise<string> {
    // Only slots of current staff receive the new key: a slot left behind by an
    // interrupted removal must not survive a rekey (it is exactly what a rekey shuts out).
    this.pruneSlots(keepSlotIds);
    const newKey = randomBytes(32);
    const newKeyId = randomUUID();
    const pending: Sidecar = {
      ...this.sidecar,
      pendingKeyId: newKeyId,
      keyChecks: { ...this.sidecar.keyChecks, [newKeyId]: keyCheck(newKey) },
      slots: this.sidecar.slots.map((s) => ({
        ...s,
        dataKeys: { ...s.dataKeys, [newKeyId]: sealToPublicKey(s.publicKey, newKey, dataKeyAad(this.sidecar, s.id, newKeyId)) },
      })),
    };
    this.saveSidecar(pending);

    let failure: unknown = null;
    try {
      this.rawDb.pragma('wal_checkpoint(TRUNCATE)');
      await this.kysely.destroy();
      removeRekeyLeftovers(this.paths);
      copyFileSync(this.paths.db, this.paths.rekeyTemp);
      rekeyFile(this.paths.rekeyTemp, this.dataKey, newKey);
      replaceFileAtomic(this.paths.rekeyTemp, this.paths.db);
    } catch (e) {
      failure = e;
      await this.kysely.destroy().catch(() => undefined);
    }
    removeRekeyLeftovers(this.paths);
    // Whatever happened, the file itself says which key it is under now (the rename may
    // have happened even if a later fsync failed). Drop a key only once the other is proven.
    const old = openKeyed(this.paths.db, this.dataKey);
    const opened = old ? { raw: old, key: this.dataKey, keyId: this.sidecar.currentKeyId } : { raw: openKeyed(this.paths.db, newKey), key: newKey, keyId: newKeyId };
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the rekey threw, as it was thrown
    if (!opened.raw) throw failure ?? new Error('the rekeyed vault opens with neither key');
    this.saveSidecar(finishRekey(pending, opened.keyId));
    this.rawDb = opened.raw;
    this.kysely = new Kysely<Database>({ dialect: new RegistreSqliteDialect({ database: opened.raw }) });
    if (opened.key === newKey) this.dataKey.fill(0);
    else newKey.fill(0);
    this.dataKey = opened.key;
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the rekey threw, as it was thrown
    if (failure) throw failure;
    return encodeRecoveryKey(newKey);
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
    } finally {
      this.dataKey.fill(0);
      this.releaseLock();
    }
  }

  private newSlot(kek: Buffer): Slot {
    const id = randomUUID();
    const pair = newSlotKeyPair();
    const keyIds = [this.sidecar.currentKeyId];
    const slot: Slot = {
      id,
      publicKey: pair.publicKey,
      privateKey: sealWithKey(kek, pair.privateKey, privateAad(this.sidecar, id)),
      dataKeys: {},
    };
    for (const keyId of keyIds) {
      slot.dataKeys[keyId] = sealToPublicKey(pair.publicKey, this.dataKey, dataKeyAad(this.sidecar, id, keyId));
    }
    pair.privateKey.fill(0);
    return slot;
  }

  private saveSidecar(next: Sidecar): void {
    writeSidecar(this.paths.keys, next);
    this.sidecar = next;
  }
}

/** A copy being rekeyed when the process died, with the journal or WAL it may have left. */
function removeRekeyLeftovers(paths: VaultPaths): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(paths.rekeyTemp + suffix, { force: true });
}

function finishRekey(s: Sidecar, newKeyId: string): Sidecar {
  return {
    ...s,
    currentKeyId: newKeyId,
    pendingKeyId: null,
    keyChecks: { [newKeyId]: s.keyChecks[newKeyId]! },
    slots: s.slots.map((slot) => ({ ...slot, dataKeys: { [newKeyId]: slot.dataKeys[newKeyId]! } })),
  };
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

function newSidecar(dataKey: Buffer): Sidecar {
  const keyId = randomUUID();
  return {
    format: 'registre.keys',
    version: 1,
    vaultId: randomUUID(),
    kdf: { alg: 'scrypt', ...newScryptParams() },
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

export async function createVault(dir: string, passphrase: string): Promise<{ vault: OpenVault; slotId: string }> {
  assertPassphraseAcceptable(passphrase);
  const paths = prepareFolder(dir);
  if (existsSync(paths.db) || existsSync(paths.keys)) {
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
  const vault = new OpenVault(paths, raw, newSidecar(dataKey), dataKey, release);
  try {
    return { vault, slotId: await vault.addSlot(passphrase) };
  } catch (e) {
    // Closed first: Windows cannot delete a file that is still open.
    await vault.close();
    removeVaultFiles(paths.dir);
    throw e;
  }
}

export async function unlockWithPassphrase(dir: string, passphrase: string): Promise<{ vault: OpenVault; slotId: string }> {
  const paths = vaultPaths(dir);
  if (!existsSync(paths.db)) throw new RegistreError('not_found', `There is no vault in ${paths.dir}.`, { reason: 'vault_absent' });
  assertLocalPath(paths.dir);
  // The lock comes first, so parallel processes cannot each get a guess past the throttle.
  const release = acquireInstanceLock(paths);
  try {
    assertNotThrottled(paths);
    const sidecar = readSidecar(paths.keys);
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
    if (!slot || !privateKey) throw wrongSecret(paths, 'Wrong passphrase.', 'wrong_passphrase');

    const keys = new Map<string, Buffer>();
    for (const [keyId, box] of Object.entries(slot.dataKeys)) {
      const key = openFromPublicKey(privateKey, box, dataKeyAad(sidecar, slot.id, keyId));
      if (key) keys.set(keyId, key);
    }
    privateKey.fill(0);
    let kept: Buffer | null = null;
    try {
      const opened = openWithKnownKeys(paths, sidecar, keys);
      kept = opened.key;
      clearFailures(paths.lockout);
      return { vault: new OpenVault(paths, opened.raw, opened.sidecar, opened.key, release), slotId: slot.id };
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
export async function unlockWithRecoveryKey(dir: string, recoveryKey: string): Promise<OpenVault> {
  const paths = vaultPaths(dir);
  if (!existsSync(paths.db)) throw new RegistreError('not_found', `There is no vault in ${paths.dir}.`, { reason: 'vault_absent' });
  assertLocalPath(paths.dir);
  const key = decodeRecoveryKey(recoveryKey);
  const release = acquireInstanceLock(paths);
  try {
    assertNotThrottled(paths);
    const sidecar = usableSidecar(paths.keys);
    const check = keyCheck(key);
    const keyId = sidecar ? Object.entries(sidecar.keyChecks).find(([, c]) => c === check)?.[0] : undefined;
    if (sidecar && keyId) {
      const opened = openWithKnownKeys(paths, sidecar, new Map([[keyId, key]]));
      clearFailures(paths.lockout);
      return new OpenVault(paths, opened.raw, opened.sidecar, opened.key, release);
    }
    const raw = openKeyed(paths.db, key);
    if (!raw) throw wrongSecret(paths, 'This recovery key belongs to another vault or was replaced by a newer one.', 'recovery_key_other_vault');
    if (existsSync(paths.keys)) renameWithRetry(paths.keys, `${paths.keys}.replaced-${Date.now()}`);
    const fresh = newSidecar(key);
    writeSidecar(paths.keys, fresh);
    clearFailures(paths.lockout);
    return new OpenVault(paths, raw, fresh, key, release);
  } catch (e) {
    key.fill(0);
    release();
    throw e;
  }
}
