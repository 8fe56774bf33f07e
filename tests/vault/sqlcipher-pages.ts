/**
 * Reads a vault's files page by page as SQLCipher 4 wrote them, with the data key, to look
 * at every byte SQLite keeps, free pages and old WAL frames included (this build has no
 * `sqlite_dbpage`). SQLCipher 4 with a raw key: AES-256-CBC under the key itself, 4096-byte
 * pages ending in an 80-byte reserve (16-byte IV, 64-byte HMAC-SHA512 over the ciphertext,
 * the IV and the page number in little-endian), the HMAC key derived by PBKDF2-HMAC-SHA512
 * (2 rounds, 32 bytes) from the key and the file's 16-byte salt XOR 0x3a. Page 1 keeps
 * the salt in clear in its first 16 bytes. Every page's HMAC is checked, so a page this
 * reader got wrong is reported instead of silently scanned as noise.
 */
import { createDecipheriv } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IV, PAGE, RESERVE, SALT, pageHmacKey, pageMacMatches } from '../../db/vault/page-macs';
import { tempDir } from '../helpers';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

export interface DecryptedPage {
  source: 'db' | 'wal';
  pgno: number;
  plain: Buffer;
}

function decryptPage(page: Buffer, pgno: number, key: Buffer, hmacKey: Buffer): Buffer {
  if (!pageMacMatches(page, pgno, hmacKey)) throw new Error(`page ${pgno}: HMAC does not match`);
  const start = pgno === 1 ? SALT : 0;
  const end = PAGE - RESERVE;
  const d = createDecipheriv('aes-256-cbc', key, page.subarray(end, end + IV)).setAutoPadding(false);
  return Buffer.concat([d.update(page.subarray(start, end)), d.final()]);
}

/** Every page of registre.db and every frame of registre.db-wal (valid or stale), decrypted. */
export function decryptVaultPages(dbPath: string, key: Buffer): DecryptedPage[] {
  const file = readFileSync(dbPath);
  if (file.length % PAGE !== 0) throw new Error(`${dbPath} is not a whole number of ${PAGE}-byte pages`);
  const salt = file.subarray(0, SALT);
  const hmacKey = pageHmacKey(key, salt);
  const pages: DecryptedPage[] = [];
  for (let i = 0; i < file.length / PAGE; i++) pages.push({ source: 'db', pgno: i + 1, plain: decryptPage(file.subarray(i * PAGE, (i + 1) * PAGE), i + 1, key, hmacKey) });
  const walPath = `${dbPath}-wal`;
  if (existsSync(walPath)) {
    const wal = readFileSync(walPath);
    for (let off = WAL_HEADER; off + FRAME_HEADER + PAGE <= wal.length; off += FRAME_HEADER + PAGE) {
      const pgno = wal.readUInt32BE(off);
      pages.push({ source: 'wal', pgno, plain: decryptPage(wal.subarray(off + FRAME_HEADER, off + FRAME_HEADER + PAGE), pgno, key, hmacKey) });
    }
  }
  return pages;
}

/** The needles found in any page, case-insensitively (ASCII needles: SQLite stores this vault's text as UTF-8). */
export function findInPages(pages: readonly DecryptedPage[], needles: readonly string[]): Set<string> {
  const wanted = needles.map((n) => n.toLowerCase());
  const found = new Set<string>();
  for (const p of pages) {
    const text = p.plain.toString('latin1').toLowerCase();
    wanted.forEach((n, i) => {
      if (text.includes(n)) found.add(needles[i]!);
    });
  }
  return found;
}

/** Copies registre.db and its WAL as they are now (what a crash or a thief would find) and decrypts them. */
export function snapshotPages(vaultDir: string, key: Buffer): DecryptedPage[] {
  const dir = join(tempDir(), 'snapshot');
  mkdirSync(dir);
  for (const name of ['registre.db', 'registre.db-wal']) if (existsSync(join(vaultDir, name))) copyFileSync(join(vaultDir, name), join(dir, name));
  return decryptVaultPages(join(dir, 'registre.db'), key);
}
