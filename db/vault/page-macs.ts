/**
 * SQLCipher's per-page HMAC, checked from outside SQLite. The cipher module
 * (better-sqlite3-multiple-ciphers) has no `PRAGMA cipher_integrity_check`: unknown pragmas
 * are silently ignored, and a page's HMAC is only checked when SQLite happens to read it,
 * which free pages never are. So the integrity check reads the file itself.
 *
 * SQLCipher 4 with a raw key: 4096-byte pages ending in an 80-byte reserve (16-byte IV,
 * 64-byte HMAC-SHA512 over the ciphertext, the IV and the page number in little-endian);
 * the HMAC key is PBKDF2-HMAC-SHA512 (2 rounds, 32 bytes) of the key and the file's
 * 16-byte salt XOR 0x3a. Page 1 keeps the salt in clear in its first 16 bytes.
 */
import { createHmac, pbkdf2Sync } from 'node:crypto';
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';

export const PAGE = 4096;
/**
 * The page holding the bytes from 1 GiB on (SQLite's lock-byte page, "PENDING_BYTE"): SQLite
 * never uses it, so SQLCipher never writes it, and it has no HMAC. A vault passes 1 GiB at
 * about half a million contacts; checked as a page, every such vault and its backups were
 * "damaged" and could not be restored.
 */
const LOCK_BYTE_PAGE = 0x40000000 / PAGE + 1;
export const RESERVE = 80;
export const IV = 16;
export const SALT = 16;

export function pageHmacKey(key: Buffer, salt: Buffer): Buffer {
  return pbkdf2Sync(
    key,
    salt.map((b) => b ^ 0x3a),
    2,
    32,
    'sha512',
  );
}

/** Whether the page's stored HMAC is the one its content, IV and number give. */
export function pageMacMatches(page: Buffer, pgno: number, hmacKey: Buffer): boolean {
  const start = pgno === 1 ? SALT : 0;
  const end = PAGE - RESERVE;
  const pg = Buffer.alloc(4);
  pg.writeUInt32LE(pgno);
  const mac = createHmac('sha512', hmacKey)
    .update(page.subarray(start, end))
    .update(page.subarray(end, end + IV))
    .update(pg)
    .digest();
  return mac.equals(page.subarray(end + IV, end + IV + 64));
}

/** The problems of a database file's pages: a size not whole pages, and each page whose HMAC fails (by number). */
export function pageMacProblems(path: string, key: Buffer): string[] {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const problems: string[] = [];
    if (size === 0 || size % PAGE !== 0) problems.push(`the file is ${size} bytes, not a whole number of ${PAGE}-byte pages`);
    const page = Buffer.alloc(PAGE);
    let hmacKey: Buffer | null = null;
    for (let pgno = 1; pgno * PAGE <= size; pgno++) {
      if (pgno === LOCK_BYTE_PAGE) continue;
      readSync(fd, page, 0, PAGE, (pgno - 1) * PAGE);
      hmacKey ??= pageHmacKey(key, Buffer.from(page.subarray(0, SALT)));
      if (!pageMacMatches(page, pgno, hmacKey)) problems.push(`page ${pgno}`);
    }
    return problems;
  } finally {
    closeSync(fd);
  }
}
