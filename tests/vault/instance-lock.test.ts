/**
 * Single-writer lock (issue 2): two app windows or CLI commands must not have one vault
 * open at once; a lock left behind by a crashed process is taken over once it is stale.
 */
import { existsSync, mkdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, createdVault, newCore, PASS } from '../helpers';
import { apiError } from './vault-files';

describe('single-writer lock', () => {
  it('a second core cannot open the vault while the first holds it, and can after it locks', async () => {
    const { core: first, recoveryKey } = await createdVault();
    const dir = first.vaultDir;
    const second = newCore(dir);

    const refused = await apiError(second, 'vault.unlock', { passphrase: PASS });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/already open/);
    expect((await apiError(second, 'vault.recover', { recoveryKey })).code).toBe('conflict');
    expect((await apiError(second, 'vault.create', { passphrase: PASS, staffName: 'Other' })).code).toBe('conflict');
    // Being turned away by the lock is not a failed guess: no back-off is recorded.
    expect(JSON.parse(readFileSync(join(dir, 'registre.lockout'), 'utf8'))).toMatchObject({ failures: 0 });
    expect(second.status().state).toBe('locked');
    expect(first.status().state).toBe('unlocked');
    expect((await call(first, 'audit.verify', {})).intact).toBe(true);

    await call(first, 'vault.lock', {});
    expect((await call(second, 'vault.unlock', { passphrase: PASS })).staff.name).toBe('Anna Admin');
    expect((await apiError(first, 'vault.unlock', { passphrase: PASS })).code).toBe('conflict');
    await call(second, 'vault.lock', {});
    expect(existsSync(join(dir, 'registre.lock'))).toBe(false);
  });

  it('a lock left by a crashed process blocks until it is stale, then is taken over', async () => {
    const { core } = await createdVault();
    await call(core, 'vault.lock', {});
    const lock = join(core.vaultDir, 'registre.lock');
    mkdirSync(lock); // what a killed holder leaves behind
    expect((await apiError(core, 'vault.unlock', { passphrase: PASS })).code).toBe('conflict');
    const longAgo = new Date(Date.now() - 5 * 60_000);
    utimesSync(lock, longAgo, longAgo);
    expect((await call(core, 'vault.unlock', { passphrase: PASS })).staff.name).toBe('Anna Admin');
  });
});
