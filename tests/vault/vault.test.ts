import { describe, expect, it } from 'vitest';
import { call, callError, createdVault, PASS } from '../helpers';

describe('vault lifecycle', () => {
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
