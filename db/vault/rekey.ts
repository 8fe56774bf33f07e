/**
 * The file side of a rekey (DESIGN §4): the sidecar states around it and the swap of the
 * re-encrypted copy. Each step that changes what is on disk is announced with `reached`,
 * so the crash proofs kill at every one of them.
 *
 * What holds at every instant: until the rename, registre.db is the old file under the old
 * key; after it, registre.db is the copy under the new key, and that copy already holds
 * the vault.rekeyed audit event. The sidecar seals both keys from `prepared` until
 * `settled`, so the passphrases open either file.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { reached } from '../steps';
import { fsyncDir, fsyncFile, renameWithRetry } from './atomic-file';
import { finishCopy, rekeyFile, type RawDb } from './open-db';
import type { VaultPaths } from './paths';
import type { Sidecar } from './sidecar';

/** Writes into the re-encrypted copy before it replaces the vault (the audit event). */
export type RekeyStamp = (copy: RawDb) => void;

/** A copy being rekeyed when the process died, with the journal or WAL it may have left. */
export function removeRekeyLeftovers(paths: VaultPaths): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(paths.rekeyTemp + suffix, { force: true });
}

/** The sidecar once the file is known to be under `keyId`: that key alone, nothing pending. */
export function finishRekey(s: Sidecar, keyId: string): Sidecar {
  return {
    ...s,
    currentKeyId: keyId,
    pendingKeyId: null,
    keyChecks: { [keyId]: s.keyChecks[keyId]! },
    slots: s.slots.map((slot) => ({ ...slot, dataKeys: { [keyId]: slot.dataKeys[keyId]! } })),
  };
}

/**
 * Replaces registre.db with a copy re-encrypted under `newKey` and stamped by `stamp`. The
 * live connection must be closed (and its WAL checkpointed into the file) before this.
 */
export function swapInRekeyedCopy(paths: VaultPaths, oldKey: Buffer, newKey: Buffer, stamp: RekeyStamp): void {
  removeRekeyLeftovers(paths);
  copyFileSync(paths.db, paths.rekeyTemp);
  reached('rekey', 'copied');
  rekeyFile(paths.rekeyTemp, oldKey, newKey);
  reached('rekey', 'reencrypted');
  finishCopy(paths.rekeyTemp, newKey, stamp);
  reached('rekey', 'stamped');
  fsyncFile(paths.rekeyTemp);
  reached('rekey', 'synced');
  renameWithRetry(paths.rekeyTemp, paths.db);
  reached('rekey', 'renamed');
  fsyncDir(dirname(paths.db));
  reached('rekey', 'dir-synced');
}
