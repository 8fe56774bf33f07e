/**
 * The page HMAC check (db/vault/page-macs.ts) on a file past 1 GiB: the page holding the
 * bytes from 1 GiB on is SQLite's lock-byte page, which SQLCipher never writes. Checked as a
 * page, every vault of about half a million contacts and more, and its backups, read as
 * damaged and could not be restored. The file here is sparse: only page 1 is a real page,
 * so every other page fails, but the lock-byte page is not checked at all.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IV, PAGE, RESERVE, SALT, pageHmacKey, pageMacProblems } from '../../db/vault/page-macs';
import { tempDir } from '../helpers';

const LOCK_BYTE_PAGE = 0x40000000 / PAGE + 1;

describe('page HMACs past 1 GiB', () => {
  it('leaves out the lock-byte page and checks the pages on either side', () => {
    const key = randomBytes(32);
    const first = randomBytes(PAGE);
    const end = PAGE - RESERVE;
    const pgno = Buffer.alloc(4);
    pgno.writeUInt32LE(1);
    createHmac('sha512', pageHmacKey(key, first.subarray(0, SALT)))
      .update(first.subarray(SALT, end))
      .update(first.subarray(end, end + IV))
      .update(pgno)
      .digest()
      .copy(first, end + IV);
    const path = join(tempDir(), 'big.db');
    const fd = openSync(path, 'w');
    writeSync(fd, first, 0, PAGE, 0);
    ftruncateSync(fd, (LOCK_BYTE_PAGE + 1) * PAGE);
    closeSync(fd);

    const problems = pageMacProblems(path, key);
    expect(problems).not.toContain('page 1');
    expect(problems).not.toContain(`page ${LOCK_BYTE_PAGE}`);
    expect(problems).toContain(`page ${LOCK_BYTE_PAGE - 1}`);
    expect(problems).toContain(`page ${LOCK_BYTE_PAGE + 1}`);
    expect(problems).toHaveLength(LOCK_BYTE_PAGE - 1);
  }, 60_000);
});
