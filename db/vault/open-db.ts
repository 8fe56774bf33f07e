/**
 * Opening the SQLCipher-compatible database file (DESIGN §4). The two cipher pragmas must
 * come before the key: without them the library silently uses ChaCha20 and no SQLCipher
 * tool could open the file, which would break the "no lock-in" promise of the recovery key.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { createHmac } from 'node:crypto';
import { dirname } from 'node:path';
import { isDiskFull } from './disk-space';

export type RawDb = Database.Database;

export function keyCheck(dataKey: Buffer): string {
  return createHmac('sha256', dataKey).update('registre key check v1').digest('hex').slice(0, 32);
}

function applyKey(db: RawDb, dataKey: Buffer): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  // Raw 256-bit key: no per-open KDF (the passphrase KDF already ran on the key slot).
  db.pragma(`key="x'${dataKey.toString('hex')}'"`);
}

/** Returns null when the key does not decrypt the file (nothing is written in that case). */
export function openKeyed(path: string, dataKey: Buffer, opts: { create?: boolean } = {}): RawDb | null {
  try {
    return openKeyedOnce(path, dataKey, opts, false);
  } catch (e) {
    // WAL's shared-memory index (registre.db-shm) could not be created or grown: on a full
    // disk that stops even reads. With the exclusive locking mode set before the first read,
    // SQLite keeps that index in memory instead, so the vault still opens and reads; the
    // single-writer lock already keeps every other process out.
    if (!isDiskFull(e, dirname(path))) throw e;
    return openKeyedOnce(path, dataKey, opts, true);
  }
}

function openKeyedOnce(path: string, dataKey: Buffer, opts: { create?: boolean }, indexInMemory: boolean): RawDb | null {
  const db = new Database(path, { fileMustExist: !opts.create });
  try {
    applyKey(db, dataKey);
    if (indexInMemory) db.pragma('locking_mode = EXCLUSIVE');
    // Proves the key: a wrong key fails here with SQLITE_NOTADB before any write.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    applySessionPragmas(db);
  } catch (e) {
    db.close();
    if (e instanceof Error && /not a database|file is not a database|encrypted/i.test(e.message)) return null;
    throw e;
  }
  return db;
}

/**
 * Opens a file read-only with `dataKey`, for looking at a copy without changing a byte of
 * it (a backup being verified); null when the key does not open it.
 */
export function openKeyedReadOnly(path: string, dataKey: Buffer): RawDb | null {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, dataKey);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma(PAGE_CACHE);
  } catch (e) {
    db.close();
    if (e instanceof Error && /not a database|file is not a database|encrypted/i.test(e.message)) return null;
    throw e;
  }
  return db;
}

export function applySessionPragmas(db: RawDb): void {
  db.pragma('journal_mode = WAL');
  // FULL: a reported commit survives a power cut (WAL + NORMAL could lose the last ones).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Freed pages are zeroed, so deleted personal data does not linger in the file.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(PAGE_CACHE);
}

/**
 * Every page read is decrypted and authenticated: keep up to 64 MiB of decrypted pages (in
 * memory only) so lists and searches do not pay that again on every query. Every connection
 * gets it, the read-only ones too: with SQLite's default of 2 MB, the integrity check of a
 * backup before a restore took 15 s instead of 3.5 s at 100k contacts, and minutes at a
 * million (issue 17).
 */
const PAGE_CACHE = 'cache_size = -65536';

/**
 * Re-encrypts a standalone copy of the database under a new key. PRAGMA rekey is refused
 * in WAL mode, so the copy switches to DELETE; `finishCopy` returns it to WAL.
 */
export function rekeyFile(path: string, oldKey: Buffer, newKey: Buffer): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    applyKey(db, oldKey);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey="x'${newKey.toString('hex')}'"`);
  } finally {
    db.close();
  }
}

/**
 * Reopens the rekeyed copy with the new key (so the key about to replace the old one has
 * opened the file), lets `write` add to it, and checks it. The write happens in DELETE
 * mode: everything it commits is in the one file the rename moves, none in a WAL beside it.
 */
export function finishCopy(path: string, key: Buffer, write: (db: RawDb) => void): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    db.pragma(PAGE_CACHE);
    write(db);
    db.pragma('journal_mode = WAL');
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`rekeyed copy failed integrity_check: ${String(check)}`);
  } finally {
    db.close();
  }
}
