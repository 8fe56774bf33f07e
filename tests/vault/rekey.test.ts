/**
 * Rekey in two steps (issue 12): the new recovery key is shown and typed back before the
 * file changes; until the switch the old key opens the vault; the switch and its
 * vault.rekeyed audit event come together; a prepared key that was never confirmed goes
 * when the vault locks.
 */
import { randomBytes } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { keyCheck } from '../../db/vault/open-db';
import { decodeRecoveryKey, encodeRecoveryKey } from '../../db/vault/recovery-key';
import { STEP_CHANNEL, type StepMessage } from '../../db/steps';
import { call, createdVault, newCore, PASS, tempDir } from '../helpers';
import { apiError, openRaw } from './vault-files';
import { rekeyed } from './rekeyed';

interface SidecarJson {
  pendingKeyId: string | null;
  keyChecks: Record<string, string>;
}
const sidecarOf = (core: RegistreCore): SidecarJson => JSON.parse(readFileSync(join(core.vaultDir, 'registre.keys'), 'utf8')) as SidecarJson;

async function rekeyEvents(core: RegistreCore): Promise<number> {
  const rows = await core.context().db.selectFrom('audit_events').select('seq').where('action', '=', 'vault.rekeyed').execute();
  return rows.length;
}

/** Whether the recovery key opens the database file itself (as a SQLCipher tool would). */
function opensFile(core: RegistreCore, recoveryKey: string): boolean {
  try {
    openRaw(core.vaultDir, recoveryKey).close();
    return true;
  } catch {
    return false;
  }
}

describe('rekey in two steps', () => {
  it('switches only when the typed key is the new one; a refused key changes nothing and keeps the session', async () => {
    const { core, recoveryKey: old } = await createdVault();
    const { recoveryKey: fresh } = await call(core, 'vault.rekeyPrepare', {});
    expect(fresh).not.toBe(old);
    // Prepared, not switched: the file is under the old key, the new one is only pending.
    expect(opensFile(core, old)).toBe(true);
    expect(opensFile(core, fresh)).toBe(false);
    expect(sidecarOf(core).pendingKeyId).not.toBeNull();

    const malformed = await apiError(core, 'vault.rekeyCommit', { recoveryKey: 'not a key!' });
    expect(malformed).toMatchObject({ code: 'invalid_input', detail: { reason: 'recovery_key_characters' } });
    const typo = await apiError(core, 'vault.rekeyCommit', { recoveryKey: fresh.slice(0, -1) + (fresh.endsWith('0') ? '1' : '0') });
    expect(typo).toMatchObject({ code: 'invalid_input', detail: { reason: 'recovery_key_typo' } });
    // Keys with a valid checksum that are not the new one: the current key, and a made-up one.
    for (const wrong of [old, encodeRecoveryKey(randomBytes(32))]) {
      const mismatch = await apiError(core, 'vault.rekeyCommit', { recoveryKey: wrong });
      expect(mismatch).toMatchObject({ code: 'invalid_input', detail: { reason: 'recovery_key_mismatch' } });
      expect(mismatch.message).toMatch(/old key still opens the vault/);
    }
    expect(core.status().state).toBe('unlocked');
    expect(opensFile(core, old)).toBe(true);
    expect(await rekeyEvents(core)).toBe(0);

    // Typed back the way people copy it: lower case, spaces instead of dashes.
    expect(await call(core, 'vault.rekeyCommit', { recoveryKey: fresh.toLowerCase().replace(/-/g, ' ') })).toBeNull();
    expect(core.status().state).toBe('unlocked');
    expect(opensFile(core, fresh)).toBe(true);
    expect(opensFile(core, old)).toBe(false);
    expect(sidecarOf(core)).toMatchObject({ pendingKeyId: null, keyChecks: { [Object.keys(sidecarOf(core).keyChecks)[0]!]: keyCheck(decodeRecoveryKey(fresh)) } });
    expect(await rekeyEvents(core)).toBe(1);
    // The live connection appends after the event the copy received: the chain stays whole.
    await call(core, 'contacts.add', { fullName: 'Written after the switch' });
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);
    const newest = await call(core, 'audit.list', { limit: 2 });
    expect(newest.map((e) => e.action)).toEqual(['contact.created', 'vault.rekeyed']);
    expect(newest[1]!.staffName).toBe('Anna Admin');

    // The key is used up: the same confirmation a second time has nothing to switch to.
    expect(await apiError(core, 'vault.rekeyCommit', { recoveryKey: fresh })).toMatchObject({ code: 'conflict', detail: { reason: 'rekey_not_prepared' } });
    expect(await whoUnlocks(core)).toBe('Anna Admin');
  });

  it('refuses a confirmation when nothing was prepared', async () => {
    const { core, recoveryKey } = await createdVault();
    const refused = await apiError(core, 'vault.rekeyCommit', { recoveryKey });
    expect(refused).toMatchObject({ code: 'conflict', detail: { reason: 'rekey_not_prepared' } });
    expect(core.status().state).toBe('unlocked');
    expect(opensFile(core, recoveryKey)).toBe(true);
  });

  it('a key prepared and never confirmed goes at lock: the old key still opens, the sidecar holds one key', async () => {
    const { core, recoveryKey: old } = await createdVault();
    const { recoveryKey: fresh } = await call(core, 'vault.rekeyPrepare', {});
    await call(core, 'vault.lock', {});
    expect(sidecarOf(core).pendingKeyId).toBeNull();
    expect(Object.values(sidecarOf(core).keyChecks)).toEqual([keyCheck(decodeRecoveryKey(old))]);

    expect(await whoUnlocks(core)).toBe('Anna Admin');
    expect(await apiError(core, 'vault.rekeyCommit', { recoveryKey: fresh })).toMatchObject({ code: 'conflict', detail: { reason: 'rekey_not_prepared' } });
    await call(core, 'vault.lock', {});
    expect((await apiError(core, 'vault.recover', { recoveryKey: fresh })).detail).toMatchObject({ reason: 'recovery_key_other_vault' });
    expect((await call(core, 'vault.recover', { recoveryKey: old })).staff).toHaveLength(1);
  });

  it('a cancelled rekey forgets the prepared key at once, in memory and in the key file; the session stays open', async () => {
    const { core, recoveryKey: old } = await createdVault();
    const { recoveryKey: fresh } = await call(core, 'vault.rekeyPrepare', {});
    expect(sidecarOf(core).pendingKeyId).not.toBeNull();
    expect(await call(core, 'vault.rekeyCancel', {})).toBeNull();
    expect(sidecarOf(core).pendingKeyId).toBeNull();
    expect(Object.values(sidecarOf(core).keyChecks)).toEqual([keyCheck(decodeRecoveryKey(old))]);
    expect(core.status().state).toBe('unlocked');
    expect(await apiError(core, 'vault.rekeyCommit', { recoveryKey: fresh })).toMatchObject({ code: 'conflict', detail: { reason: 'rekey_not_prepared' } });
    expect(opensFile(core, old)).toBe(true);
    expect(await rekeyEvents(core)).toBe(0);
  });

  it('a pending entry left in the sidecar by a process that died is settled by the next unlock', async () => {
    const { core, recoveryKey: old } = await createdVault();
    await call(core, 'vault.rekeyPrepare', {});
    const pendingSidecar = readFileSync(join(core.vaultDir, 'registre.keys'));
    await call(core, 'vault.lock', {});
    // As if the process had died after the prepare: the pending entry is still in the file.
    writeFileSync(join(core.vaultDir, 'registre.keys'), pendingSidecar);
    const restarted = newCore(core.vaultDir);
    expect(await whoUnlocks(restarted)).toBe('Anna Admin');
    expect(sidecarOf(restarted).pendingKeyId).toBeNull();
    expect(Object.values(sidecarOf(restarted).keyChecks)).toEqual([keyCheck(decodeRecoveryKey(old))]);
  });

  it('a crash just after the rename: the new key, already typed back, opens the vault, whose log has the rekey', async () => {
    const { core, recoveryKey: old } = await createdVault();
    const { recoveryKey: fresh } = await call(core, 'vault.rekeyPrepare', {});
    // The folder as a crash at this step would leave it: the copy renamed in, the key file still pending.
    const crashed = join(tempDir(), 'vault');
    const snapshot = (message: unknown) => {
      if ((message as StepMessage).step !== 'renamed') return;
      mkdirSync(crashed);
      for (const f of ['registre.db', 'registre.keys']) copyFileSync(join(core.vaultDir, f), join(crashed, f));
    };
    subscribe(STEP_CHANNEL, snapshot);
    try {
      await call(core, 'vault.rekeyCommit', { recoveryKey: fresh });
    } finally {
      unsubscribe(STEP_CHANNEL, snapshot);
    }
    expect((JSON.parse(readFileSync(join(crashed, 'registre.keys'), 'utf8')) as SidecarJson).pendingKeyId).not.toBeNull();

    const restarted = newCore(crashed);
    // The old key is still in the unsettled key file, but no longer opens the file: said as such.
    expect((await apiError(restarted, 'vault.recover', { recoveryKey: old })).detail).toMatchObject({ reason: 'recovery_key_other_vault' });
    expect((await call(restarted, 'vault.recover', { recoveryKey: fresh })).staff).toHaveLength(1);
    expect(await rekeyEvents(restarted)).toBe(1);
    expect(sidecarOf(restarted)).toMatchObject({ pendingKeyId: null });
    expect(Object.values(sidecarOf(restarted).keyChecks)).toEqual([keyCheck(decodeRecoveryKey(fresh))]);
  });

  it('a second prepare replaces the first key; a colleague added in between opens the vault after the switch', async () => {
    const { core } = await createdVault();
    const { recoveryKey: first } = await call(core, 'vault.rekeyPrepare', {});
    const { recoveryKey: second } = await call(core, 'vault.rekeyPrepare', {});
    expect(Object.keys(sidecarOf(core).keyChecks)).toHaveLength(2);
    await call(core, 'staff.add', { name: 'Bea Staff', role: 'staff', passphrase: 'bea joined mid-change' });
    expect((await apiError(core, 'vault.rekeyCommit', { recoveryKey: first })).detail).toMatchObject({ reason: 'recovery_key_mismatch' });
    await call(core, 'vault.rekeyCommit', { recoveryKey: second });
    expect(await whoUnlocks(core, 'bea joined mid-change')).toBe('Bea Staff');
    expect(await whoUnlocks(core)).toBe('Anna Admin');
  });

  it('logs vault.rekeyed once per rekey that took effect', async () => {
    const { core } = await createdVault();
    await rekeyed(core);
    await call(core, 'vault.rekeyPrepare', {});
    await call(core, 'vault.lock', {});
    await whoUnlocks(core);
    const last = await rekeyed(core);
    expect(await rekeyEvents(core)).toBe(2);
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);
    await call(core, 'vault.lock', {});
    expect((await call(core, 'vault.recover', { recoveryKey: last })).staff).toHaveLength(1);
  });
});

async function whoUnlocks(core: RegistreCore, passphrase = PASS): Promise<string> {
  await call(core, 'vault.lock', {});
  return (await call(core, 'vault.unlock', { passphrase })).staff.name;
}
