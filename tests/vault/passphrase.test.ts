/**
 * Passphrases (issue 2, DESIGN §4): the same words typed in NFC or NFD form open the vault;
 * near-miss variants never do and change no byte of the vault or sidecar; repeated
 * failures throttle unlocking in a way that survives a restart.
 *
 * Every unlock attempt costs one scrypt run (~0.3 s), so run counts are kept moderate.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { encodeRecoveryKey } from '../../db/vault/recovery-key';
import { call, newCore } from '../helpers';
import { apiError, hashes, sha256File } from './vault-files';

const PHRASE = 'Élodie café naïve à Liège';
const NFC = PHRASE.normalize('NFC');
const NFD = PHRASE.normalize('NFD');

async function lockedVault(passphrase: string, staffName = 'Élodie Admin'): Promise<RegistreCore> {
  const core = newCore();
  await call(core, 'vault.create', { passphrase, staffName });
  await call(core, 'vault.lock', {});
  return core;
}

/** Forgets recorded failures so the next wrong attempt is judged, not throttled. */
function forgetFailures(core: RegistreCore): void {
  rmSync(join(core.vaultDir, 'registre.lockout'), { force: true });
}

const ACCENT_SWAPS: Record<string, string[]> = {
  É: ['E', 'È', 'Ê', 'é'],
  é: ['e', 'è', 'ê', 'ë', 'É'],
  ï: ['i', 'î', 'ì', 'í', 'Ï'],
  à: ['a', 'â', 'á', 'ä', 'À'],
  è: ['e', 'é', 'ê', 'ë'],
};

/** A near miss of PHRASE (as a person might mistype it), possibly in NFD form. */
const nearMiss: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('case', 'trailing', 'leading', 'drop', 'add', 'accent', 'strip-mark'), fc.nat(), fc.constantFrom(' ', 'e', 'é', 'E', 'x', '-', '\u0301', 'ß'), fc.boolean())
  .map(([kind, n, extra, asNfd]) => {
    const chars = [...NFC];
    const at = n % chars.length;
    let out: string;
    switch (kind) {
      case 'case': {
        const c = chars[at]!;
        chars[at] = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
        out = chars.join('');
        break;
      }
      case 'trailing':
        out = NFC + ' ';
        break;
      case 'leading':
        out = ' ' + NFC;
        break;
      case 'drop':
        chars.splice(at, 1);
        out = chars.join('');
        break;
      case 'add':
        chars.splice(at, 0, extra);
        out = chars.join('');
        break;
      case 'accent': {
        const accented = chars.map((c, i) => (ACCENT_SWAPS[c] ? i : -1)).filter((i) => i >= 0);
        const i = accented[n % accented.length]!;
        const options = ACCENT_SWAPS[chars[i]!]!;
        chars[i] = options[n % options.length]!;
        out = chars.join('');
        break;
      }
      default: {
        // Typed without one of the accents, on a keyboard that sends decomposed marks.
        const marks = [...NFD].map((c, i) => (/\p{M}/u.test(c) ? i : -1)).filter((i) => i >= 0);
        const d = [...NFD];
        d.splice(marks[n % marks.length]!, 1);
        out = d.join('');
      }
    }
    return asNfd ? out.normalize('NFD') : out;
  })
  // A mutation that normalises back to the right passphrase (e.g. toggling the case of a space) is not a near miss.
  .filter((s) => s.normalize('NFC') !== NFC);

describe('passphrase normalisation', () => {
  it('the test phrase really differs between NFC and NFD', () => {
    expect(NFC).not.toBe(NFD);
    expect(Buffer.from(NFC).length).toBeLessThan(Buffer.from(NFD).length);
  });

  it('opens with the NFC or the NFD form, whichever was used at creation', async () => {
    const core = await lockedVault(NFC);
    expect((await call(core, 'vault.unlock', { passphrase: NFD })).staff.name).toBe('Élodie Admin');
    await call(core, 'vault.lock', {});
    expect((await call(core, 'vault.unlock', { passphrase: NFC })).staff.name).toBe('Élodie Admin');

    // A colleague's passphrase set in NFD opens when typed in NFC, and identifies them.
    const colleague = 'Françoise à Genève, été';
    await call(core, 'staff.add', { name: 'Françoise', role: 'staff', passphrase: colleague.normalize('NFD') });
    await call(core, 'vault.lock', {});
    expect((await call(core, 'vault.unlock', { passphrase: colleague.normalize('NFC') })).staff.name).toBe('Françoise');

    const nfdCore = await lockedVault(NFD);
    expect((await call(nfdCore, 'vault.unlock', { passphrase: NFC })).staff.role).toBe('admin');
  });
});

describe('wrong passphrases', () => {
  it('fixed near misses and random ones never open and leave every file hash unchanged', async () => {
    const core = await lockedVault(NFC);
    const dir = core.vaultDir;
    const before = hashes(dir);
    expect(before['registre.db']).not.toBeNull();

    const tryWrong = async (p: string): Promise<void> => {
      const e = await apiError(core, 'vault.unlock', { passphrase: p });
      expect(e.code, `variant ${JSON.stringify(p)}`).toBe('invalid_input');
      expect(e.message).toMatch(/Wrong passphrase/);
      expect(core.status().state).toBe('locked');
      expect(hashes(dir)).toEqual(before);
      forgetFailures(core);
    };

    const fixed = [
      NFC.toLowerCase(),
      NFC.toUpperCase(),
      NFC + ' ',
      NFC.slice(0, -1),
      NFC + 'e',
      NFC.replace('é', 'è'),
      NFC.replace('É', 'E'),
      NFD.replace('\u0308', ''), // naïve typed as naive
      NFC.replace(/ /g, '  '),
      'Elodie cafe naive a Liege',
    ];
    for (const p of fixed) await tryWrong(p);

    await fc.assert(fc.asyncProperty(nearMiss, tryWrong), { numRuns: 25 });

    // The right one still opens afterwards: the attempts damaged nothing.
    expect((await call(core, 'vault.unlock', { passphrase: NFD })).staff.name).toBe('Élodie Admin');
  });

  it('a second window cannot try passphrases while the vault is open, and changes nothing', async () => {
    const owner = newCore();
    await call(owner, 'vault.create', { passphrase: NFC, staffName: 'Owner' });
    await call(owner, 'settings.update', { autoLockMinutes: 30 });
    const dir = owner.vaultDir;
    const before = hashes(dir);
    expect(before['registre.db-wal']).not.toBeNull();
    const intruder = newCore(dir);
    for (const p of [NFC + '!', NFD.slice(1), 'another passphrase entirely']) {
      expect((await apiError(intruder, 'vault.unlock', { passphrase: p })).code).toBe('conflict');
      expect(hashes(dir)).toEqual(before);
    }
  });

  it('a recovery key of another vault changes no byte, with or without the sidecar', async () => {
    const core = await lockedVault(NFC);
    const dir = core.vaultDir;
    const stranger = encodeRecoveryKey(randomBytes(32));
    const before = hashes(dir);
    const e = await apiError(core, 'vault.recover', { recoveryKey: stranger });
    expect(e.code).toBe('invalid_input');
    expect(hashes(dir)).toEqual(before);

    unlinkSync(join(dir, 'registre.keys'));
    const withoutSidecar = hashes(dir);
    expect((await apiError(core, 'vault.recover', { recoveryKey: stranger })).code).toBe('invalid_input');
    expect(hashes(dir)).toEqual(withoutSidecar);
    expect(existsSync(join(dir, 'registre.keys'))).toBe(false);
  });
});

describe('lockout after repeated failures', () => {
  it('imposes a growing delay after 5 failures that survives a restart and writes nothing else', async () => {
    const core = await lockedVault(NFC);
    const dir = core.vaultDir;
    const lockoutPath = join(dir, 'registre.lockout');
    const before = hashes(dir);

    for (let i = 1; i <= 5; i++) {
      const e = await apiError(core, 'vault.unlock', { passphrase: `wrong attempt number ${i}` });
      expect(e.code).toBe('invalid_input');
      expect(e.detail?.retryAfterSeconds).toBe(i < 5 ? 0 : 2);
    }

    // Throttled now: even the right passphrase and the recovery path are refused, unjudged.
    const lockoutBytes = sha256File(lockoutPath);
    const locked = await apiError(core, 'vault.unlock', { passphrase: NFC });
    expect(locked.code).toBe('locked');
    expect(locked.detail?.retryAfterSeconds).toBeGreaterThan(0);
    expect((await apiError(core, 'vault.recover', { recoveryKey: encodeRecoveryKey(randomBytes(32)) })).code).toBe('locked');
    expect(sha256File(lockoutPath)).toBe(lockoutBytes);

    // A restart (fresh core on the same folder) does not reset the counter.
    const restarted = newCore(dir);
    expect(restarted.status().retryAfterSeconds).toBeGreaterThan(0);
    const again = await apiError(restarted, 'vault.unlock', { passphrase: NFC });
    expect(again.code).toBe('locked');
    expect(again.detail?.retryAfterSeconds).toBeGreaterThan(0);
    expect(hashes(dir)).toEqual(before);

    // Let the wait pass by moving the recorded failure into the past: the next failure doubles it.
    const rewind = (): void => {
      const s = JSON.parse(readFileSync(lockoutPath, 'utf8')) as { failures: number; lastFailureAt: number };
      writeFileSync(lockoutPath, JSON.stringify({ ...s, lastFailureAt: s.lastFailureAt - 20 * 60_000 }));
    };
    rewind();
    expect((await apiError(restarted, 'vault.unlock', { passphrase: 'sixth wrong attempt' })).detail?.retryAfterSeconds).toBe(4);
    rewind();
    expect((await apiError(restarted, 'vault.unlock', { passphrase: 'seventh wrong attempt' })).detail?.retryAfterSeconds).toBe(8);
    expect((await apiError(restarted, 'vault.unlock', { passphrase: NFC })).code).toBe('locked');
    expect(hashes(dir)).toEqual(before);

    // Once the wait is over the right passphrase opens and the counter is cleared.
    rewind();
    expect((await call(restarted, 'vault.unlock', { passphrase: NFC })).staff.name).toBe('Élodie Admin');
    expect(JSON.parse(readFileSync(lockoutPath, 'utf8'))).toMatchObject({ failures: 0 });
    expect(restarted.status().retryAfterSeconds).toBe(0);
  });
});
