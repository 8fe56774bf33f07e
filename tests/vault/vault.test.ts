import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegistreCore } from '../../db/core';
import { DEFAULT_SCRYPT } from '../../db/vault/crypto';
import { call, callError, createdVault, PASS, tempDir, TEST_KEY_STRETCHING } from '../helpers';

const stretching = (vaultDir: string) => {
  const { N, r, p } = (JSON.parse(readFileSync(join(vaultDir, 'registre.keys'), 'utf8')) as { kdf: { N: number; r: number; p: number } }).kdf;
  return { N, r, p };
};

describe('vault lifecycle', () => {
  it('a vault made the way the app and the CLI make it costs the full key stretching; a test vault is lighter', async () => {
    const vaultDir = join(tempDir(), 'vault');
    const app = new RegistreCore({ vaultDir, allowFolderChange: false });
    await call(app, 'vault.create', { passphrase: PASS, staffName: 'Anna Admin' });
    await app.lock();
    expect(stretching(vaultDir)).toEqual(DEFAULT_SCRYPT);
    expect(DEFAULT_SCRYPT.N).toBeGreaterThanOrEqual(2 ** 17);
    const { core } = await createdVault();
    expect(stretching(core.vaultDir)).toEqual(TEST_KEY_STRETCHING);
  });

  it('creates, locks, unlocks with the passphrase, and refuses a wrong one', async () => {
    const { core, recoveryKey } = await createdVault();
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
    expect(core.status().state).toBe('unlocked');
    await call(core, 'vault.lock', {});
    expect(core.status().state).toBe('locked');
    const wrong = await callError(core, 'vault.unlock', { passphrase: 'not the passphrase' });
    expect(wrong.code).toBe('invalid_input');
    expect(wrong.message).toMatch(/Wrong passphrase/);
    const session = await call(core, 'vault.unlock', { passphrase: PASS });
    expect(session.staff.name).toBe('Anna Admin');
    expect(session.staff.role).toBe('admin');
    const verify = await call(core, 'audit.verify', {});
    expect(verify.intact).toBe(true);
    expect(verify.events).toBe(3);
  });
});
