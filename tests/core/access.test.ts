import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegistreCore } from '../../db/core';
import { call, callError, createdVault, PASS, tempDir } from '../helpers';

describe('access rules and sessions', () => {
  it("logs what an auditor views and refuses an auditor's changes", async () => {
    const { core } = await createdVault();
    await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: 'auditor passphrase' });
    await call(core, 'vault.lock', {});
    const session = await call(core, 'vault.unlock', { passphrase: 'auditor passphrase' });
    expect(session.staff.role).toBe('auditor');
    await call(core, 'staff.list', {});
    const log = await call(core, 'audit.list', { limit: 5 });
    expect(log.find((e) => e.action === 'auditor.viewed' && e.entityType === 'staff.list')?.staffName).toBe('Olga Auditor');
    expect((await callError(core, 'settings.update', { autoLockMinutes: 5 })).code).toBe('forbidden');
    expect((await callError(core, 'staff.add', { name: 'X', role: 'staff', passphrase: 'another passphrase' })).code).toBe('forbidden');
    expect((await callError(core, 'vault.rekeyPrepare', {})).code).toBe('forbidden');
  });

  it("puts an auditor's look at a contact into that contact's history", async () => {
    const { core } = await createdVault();
    const lotte = await call(core, 'contacts.add', { fullName: 'Lotte Peeters' });
    const other = await call(core, 'contacts.add', { fullName: 'Marc Durand' });
    await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: 'auditor passphrase' });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: 'auditor passphrase' });
    await call(core, 'contacts.get', { id: lotte.id });
    await call(core, 'sensitive.list', { contactId: lotte.id });
    await call(core, 'contacts.search', { query: 'marc' });
    const history = await call(core, 'audit.list', { subjectId: lotte.id, limit: 10 });
    expect(history.filter((e) => e.action === 'auditor.viewed').map((e) => e.entityType)).toEqual(['sensitive.list', 'contacts.get']);
    // A search is about no one in particular; Marc's history has only his creation.
    expect((await call(core, 'audit.list', { subjectId: other.id, limit: 10 })).map((e) => e.action)).toEqual(['contact.created']);
  });

  it('staff members cannot manage staff, settings or keys', async () => {
    const { core } = await createdVault();
    await call(core, 'staff.add', { name: 'Sam Staff', role: 'staff', passphrase: 'staff passphrase 1' });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: 'staff passphrase 1' });
    for (const [method, input] of [
      ['staff.add', { name: 'Y', role: 'admin', passphrase: 'yet another one' }],
      ['settings.update', { autoLockMinutes: 30 }],
      ['vault.rekeyPrepare', {}],
      ['vault.rekeyCommit', { recoveryKey: 'ABCD' }],
    ] as const) {
      expect((await callError(core, method, input)).code).toBe('forbidden');
    }
    expect((await call(core, 'settings.get', {})).autoLockMinutes).toBe(10);
  });

  it('everything but public methods says "locked" while the vault is locked', async () => {
    const { core } = await createdVault();
    await call(core, 'vault.lock', {});
    expect((await callError(core, 'staff.list', {})).code).toBe('locked');
    expect((await callError(core, 'audit.verify', {})).code).toBe('locked');
    expect((await call(core, 'vault.status', {})).state).toBe('locked');
  });

  it('locks itself after the configured idle minutes, and not before', async () => {
    let now = Date.parse('2026-11-26T09:00:00Z');
    const dir = join(tempDir(), 'vault');
    const core = new RegistreCore({ vaultDir: dir, allowFolderChange: false, now: () => new Date(now) });
    await call(core, 'vault.create', { passphrase: PASS, staffName: 'Ines' });
    await call(core, 'settings.update', { autoLockMinutes: 3 });
    now += 2 * 60_000;
    expect(core.lockIfIdle()).toBe(false);
    await call(core, 'vault.touch', {});
    now += 2 * 60_000 + 59_000;
    expect(core.lockIfIdle()).toBe(false);
    now += 2_000;
    expect((await callError(core, 'staff.list', {})).code).toBe('locked');
    expect(core.status().state).toBe('locked');
    await call(core, 'vault.unlock', { passphrase: PASS });
    expect(core.status().state).toBe('unlocked');
    await core.lock();
  });

  it('recovery: only profile choice is possible until a new passphrase is set', async () => {
    const { core, recoveryKey } = await createdVault('Rita Admin');
    await call(core, 'vault.lock', {});
    const { staff } = await call(core, 'vault.recover', { recoveryKey: recoveryKey.toLowerCase().replaceAll('-', ' ') });
    expect(staff.map((s) => s.name)).toEqual(['Rita Admin']);
    expect(core.status().state).toBe('recovering');
    expect((await callError(core, 'staff.list', {})).code).toBe('forbidden');
    const session = await call(core, 'vault.completeRecovery', { staffId: staff[0]!.id, newPassphrase: 'recovered passphrase' });
    expect(session.staff.name).toBe('Rita Admin');
    await call(core, 'vault.lock', {});
    expect((await callError(core, 'vault.unlock', { passphrase: PASS })).code).toBe('invalid_input');
    await call(core, 'vault.unlock', { passphrase: 'recovered passphrase' });
    const actions = (await call(core, 'audit.list', { limit: 10 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['vault.recovery_key_used', 'staff.passphrase_recovered']));
  });

  it('refuses to switch folders unless the shell allows it', async () => {
    const { core } = await createdVault();
    await call(core, 'vault.lock', {});
    expect((await callError(core, 'vault.selectFolder', { dir: tempDir() })).code).toBe('forbidden');
  });
});
