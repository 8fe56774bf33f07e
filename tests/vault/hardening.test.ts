/**
 * Paths found by review: recovery when the key file is damaged or stale, slots that must
 * not survive a rekey, parallel unlock attempts, synced folders and the default folder.
 */
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertLocalPath, defaultVaultDir } from '../../db/vault/paths';
import { call, callError, createdVault, newCore, PASS, tempDir } from '../helpers';
import { rekeyed } from './rekeyed';

describe('recovery with a damaged or stale key file', () => {
  it('a damaged registre.keys is set aside and a new passphrase can be chosen', async () => {
    const { core, recoveryKey } = await createdVault('Dana Admin');
    await call(core, 'vault.lock', {});
    const keys = join(core.vaultDir, 'registre.keys');
    writeFileSync(keys, '{ this is not json');
    expect((await callError(core, 'vault.unlock', { passphrase: PASS })).code).toBe('internal');
    const { staff } = await call(core, 'vault.recover', { recoveryKey });
    await call(core, 'vault.completeRecovery', { staffId: staff[0]!.id, newPassphrase: 'a fresh passphrase' });
    await call(core, 'vault.lock', {});
    expect(readdirSync(core.vaultDir).some((f) => f.startsWith('registre.keys.replaced-'))).toBe(true);
    expect((await call(core, 'vault.unlock', { passphrase: 'a fresh passphrase' })).staff.name).toBe('Dana Admin');
  });

  it('a key file restored from before a rekey does not block the current recovery key', async () => {
    const { core } = await createdVault();
    const keys = join(core.vaultDir, 'registre.keys');
    const old = join(core.vaultDir, '..', 'old.keys');
    copyFileSync(keys, old);
    const recoveryKey = await rekeyed(core);
    await call(core, 'vault.lock', {});
    copyFileSync(old, keys);
    const { staff } = await call(core, 'vault.recover', { recoveryKey });
    expect(staff).toHaveLength(1);
    await call(core, 'vault.completeRecovery', { staffId: staff[0]!.id, newPassphrase: 'after the restore' });
    expect(core.status().state).toBe('unlocked');
  });
});

describe('key slots that belong to no current profile', () => {
  it('are pruned at unlock and never receive a new data key', async () => {
    const { core } = await createdVault();
    // A slot left behind by an interrupted staff change: no profile points at it.
    const orphan = await core.context().vault.addSlot('orphaned passphrase');
    expect(core.context().vault.slotIds).toContain(orphan);
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: PASS });
    expect(core.context().vault.slotIds).not.toContain(orphan);
    await call(core, 'vault.lock', {});
    expect((await callError(core, 'vault.unlock', { passphrase: 'orphaned passphrase' })).code).toBe('invalid_input');
  });
});

describe('parallel unlock attempts', () => {
  it('are taken one at a time, so each wrong one counts towards the delay', async () => {
    const { core } = await createdVault();
    await call(core, 'vault.lock', {});
    const attempts = await Promise.all(Array.from({ length: 7 }, (_, i) => callError(core, 'vault.unlock', { passphrase: `wrong guess ${i}` })));
    const codes = attempts.map((a) => a.code);
    expect(codes.filter((c) => c === 'invalid_input')).toHaveLength(5);
    expect(codes.slice(5)).toEqual(['locked', 'locked']);
  });
});

describe('where a vault may live', () => {
  it('refuses folders inside OneDrive', () => {
    const env = { OneDrive: 'C:\\Users\\anna\\OneDrive' };
    expect(() => assertLocalPath('C:\\Users\\anna\\OneDrive\\Registre', 'win32', env)).toThrow(/own disk/);
    expect(() => assertLocalPath('/home/anna/OneDrive/Registre', 'linux', { OneDrive: '/home/anna/OneDrive' })).toThrow(/own disk/);
    expect(() => assertLocalPath('/home/anna/OneDriveNot/Registre', 'linux', { OneDrive: '/home/anna/OneDrive' })).not.toThrow();
  });

  it('defaults to the local application-data folder, not Documents', () => {
    expect(defaultVaultDir({ LOCALAPPDATA: 'C:\\Users\\anna\\AppData\\Local' }, 'win32')).toMatch(/AppData.Local.Registre.Vault$/);
    expect(defaultVaultDir({ XDG_DATA_HOME: '/home/anna/.local/share' }, 'linux')).toBe('/home/anna/.local/share/registre/vault');
    expect(defaultVaultDir({ REGISTRE_VAULT: '/srv/registre' }, 'linux')).toBe('/srv/registre');
    expect(defaultVaultDir({}, 'darwin')).toMatch(/Library\/Application Support\/Registre\/Vault$/);
  });

  it('a refused create leaves nothing behind', async () => {
    const dir = join(tempDir(), 'vault');
    const core = newCore(dir);
    expect((await callError(core, 'vault.create', { passphrase: 'too short', staffName: 'X' })).code).toBe('invalid_input');
    expect(existsSync(dir)).toBe(false);
  });
});
