/**
 * The recovery key is the vault's data key itself, written so a person can copy it by
 * hand: Crockford base32 (no I/L/O/U ambiguity, case-insensitive), a 3-byte SHA-256
 * checksum that catches typos, in 14 groups of 4. Because it *is* the data key, any
 * SQLCipher 4 tool can open the vault with it, without Registre (no lock-in).
 */
import { createHash } from 'node:crypto';
import { base32crockford } from '@scure/base';
import { RegistreError } from '../../shared/errors';

const CHECKSUM_BYTES = 3;

function checksum(key: Uint8Array): Buffer {
  return createHash('sha256').update('registre recovery key v1').update(key).digest().subarray(0, CHECKSUM_BYTES);
}

export function encodeRecoveryKey(dataKey: Buffer): string {
  if (dataKey.length !== 32) throw new Error('data key must be 32 bytes');
  const text = base32crockford.encode(Buffer.concat([dataKey, checksum(dataKey)]));
  return text.match(/.{1,4}/g)!.join('-');
}

export function decodeRecoveryKey(text: string): Buffer {
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  // Characters first, then length: a missing group is a length problem, not a bad letter.
  if (!/^[0-9A-TV-Z]*$/.test(compact)) {
    throw new RegistreError('invalid_input', 'This is not a recovery key: it contains characters a recovery key never has.', {
      reason: 'recovery_key_characters',
    });
  }
  if (compact.length !== 56) {
    throw new RegistreError('invalid_input', 'This recovery key has the wrong length: check that no group is missing.', {
      reason: 'recovery_key_length',
    });
  }
  // 56 valid characters are exactly 35 bytes: the key and its checksum.
  const bytes = base32crockford.decode(compact);
  const key = Buffer.from(bytes.subarray(0, 32));
  if (!checksum(key).equals(Buffer.from(bytes.subarray(32)))) {
    throw new RegistreError('invalid_input', 'This recovery key has a typo: its checksum does not match.', { reason: 'recovery_key_typo' });
  }
  return key;
}

/** The lines to paste into DB Browser for SQLite or the sqlcipher shell (README). */
export function sqlcipherPragmas(dataKey: Buffer): string {
  return [`PRAGMA key = "x'${dataKey.toString('hex')}'";`, 'PRAGMA cipher_compatibility = 4;'].join('\n');
}
