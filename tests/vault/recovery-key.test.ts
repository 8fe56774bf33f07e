/**
 * The recovery key's encoding (issue 2): Crockford base32 of the data key plus a checksum,
 * copied by hand. Case and spacing must not matter; any single typo must be caught, except
 * the Crockford look-alikes (I and L read as 1, O as 0) that decode to the same key.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRecoveryKey, encodeRecoveryKey, sqlcipherPragmas } from '../../db/vault/recovery-key';
import { RegistreError } from '../../shared/errors';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((a) => Buffer.from(a));
/** What a typed character means to a careful reader of Crockford base32 (null: meaningless). */
const canonical = (c: string): string | null => {
  const u = c.toUpperCase().replace('O', '0').replace(/[IL]/, '1');
  return ALPHABET.includes(u) ? u : null;
};

function decodeError(text: string): RegistreError | null {
  try {
    decodeRecoveryKey(text);
    return null;
  } catch (e) {
    if (!(e instanceof RegistreError)) throw e;
    return e;
  }
}

describe('recovery key encoding', () => {
  it('round-trips any key, as 14 groups of 4 characters', () => {
    fc.assert(
      fc.property(key32, (k) => {
        const text = encodeRecoveryKey(k);
        expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
        expect(decodeRecoveryKey(text).equals(k)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('ignores case, dashes and whitespace, however the key was copied', () => {
    fc.assert(
      fc.property(key32, fc.array(fc.constantFrom(' ', '-', '\n', '\t', '  ', ' - '), { minLength: 14, maxLength: 14 }), fc.boolean(), (k, seps, lower) => {
        const groups = encodeRecoveryKey(k).split('-');
        let typed = groups.map((g, i) => g + (i < 13 ? seps[i] : '')).join('');
        if (lower) typed = typed.toLowerCase();
        expect(decodeRecoveryKey(`  ${typed}\n`).equals(k)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('any single-character substitution is rejected, unless it is a Crockford alias of the same symbol', () => {
    const typed = fc.constantFrom(...(ALPHABET + 'ILOU' + ALPHABET.toLowerCase() + 'ilou' + '*=~.é_').split(''));
    fc.assert(
      fc.property(key32, fc.nat(), typed, (k, n, replacement) => {
        const chars = encodeRecoveryKey(k).split('');
        const positions = chars.map((c, i) => (c === '-' ? -1 : i)).filter((i) => i >= 0);
        const at = positions[n % positions.length]!;
        const original = chars[at]!;
        chars[at] = replacement;
        const text = chars.join('');
        const err = decodeError(text);
        if (canonical(replacement) === original) {
          expect(err, `${original}→${replacement}`).toBeNull();
          expect(decodeRecoveryKey(text).equals(k)).toBe(true);
        } else {
          expect(err, `${original}→${replacement} was accepted`).not.toBeNull();
          expect(err!.code).toBe('invalid_input');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('catches swapped neighbours, a missing group and an extra character', () => {
    fc.assert(
      fc.property(key32, fc.nat(), (k, n) => {
        const text = encodeRecoveryKey(k);
        const compact = text.replace(/-/g, '');
        const i = n % (compact.length - 1);
        if (compact[i] !== compact[i + 1]) {
          const swapped = compact.slice(0, i) + compact[i + 1] + compact[i] + compact.slice(i + 2);
          expect(decodeError(swapped)?.message).toMatch(/typo/);
        }
        const groups = text.split('-');
        expect(decodeError(groups.filter((_, g) => g !== n % 14).join('-'))?.message).toMatch(/wrong length/);
        expect(decodeError(text + '0')?.message).toMatch(/wrong length/);
      }),
      { numRuns: 300 },
    );
  });

  it('names the problem: foreign characters, length, checksum', () => {
    const text = encodeRecoveryKey(Buffer.alloc(32, 7));
    expect(decodeError(text.replace(/^./, 'U'))?.message).toMatch(/characters a recovery key never has/);
    expect(decodeError(text.slice(0, -5))?.message).toMatch(/wrong length/);
    const flipped = text.slice(0, -1) + (text.endsWith('0') ? '1' : '0');
    expect(decodeError(flipped)?.message).toMatch(/typo/);
    expect(() => encodeRecoveryKey(Buffer.alloc(16))).toThrow();
  });

  it('prints the pragmas a SQLCipher 4 tool needs, with the key in raw hex', () => {
    const key = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
    expect(sqlcipherPragmas(key).split('\n')).toEqual([`PRAGMA key = "x'${key.toString('hex')}'";`, 'PRAGMA cipher_compatibility = 4;']);
  });
});
