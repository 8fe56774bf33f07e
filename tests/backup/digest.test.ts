/**
 * A backup's files (and an export's) are hashed a megabyte at a time, when made and when
 * checked before a restore: read whole, a vault file over 2 GiB (about a million contacts) could not be
 * restored at all (Node refuses to read it into one buffer).
 */
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileDigest } from '../../db/vault/atomic-file';
import { tempDir } from '../helpers';

describe('file digest (exports and backups)', () => {
  it('is the size and SHA-256 of the whole file, across chunk boundaries', () => {
    for (const size of [0, 1, (1 << 20) - 1, 1 << 20, (5 << 19) + 7]) {
      const bytes = randomBytes(size);
      const path = join(tempDir(), `file-${size}`);
      writeFileSync(path, bytes);
      expect(fileDigest(path)).toEqual({ bytes: size, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
  });
});
