/**
 * Single-writer lock (issues 2 and 12): two app windows or CLI commands must not have one
 * vault open at once. The lock names its owner: a live owner is never taken over, a dead one
 * at once, and one that cannot be checked from here only once its lock is stale. An owner
 * whose lock is removed or replaced locks its vault and writes nothing more.
 * (Between real processes, with signals: instance-lock-processes.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { setInstanceLockTiming } from '../../db/vault/instance-lock';
import { ownerRecord, parseOwner, type LockOwner } from '../../db/vault/lock-owner';
import { call, createdVault, newCore, PASS } from '../helpers';
import { apiError, openRaw } from './vault-files';

const lockOf = (core: RegistreCore) => join(core.vaultDir, 'registre.lock');

/** A locked vault whose folder holds the lock `owner` left behind. */
async function vaultLockedBy(owner: Partial<LockOwner>): Promise<RegistreCore> {
  const { core } = await createdVault();
  await call(core, 'vault.lock', {});
  writeFileSync(lockOf(core), JSON.stringify({ ...ownerRecord('left-behind', new Date()), ...owner }));
  return core;
}

function deadPid(): number {
  const gone = spawnSync(process.execPath, ['-e', '']);
  return gone.pid;
}

async function contactCount(core: RegistreCore): Promise<number | undefined> {
  return (await call(core, 'vault.info', {})).counts.contacts;
}

const restore = setInstanceLockTiming({});
afterEach(() => {
  setInstanceLockTiming(restore);
});

describe('single-writer lock', () => {
  it('a second core cannot open the vault while the first holds it, and can after it locks', async () => {
    const { core: first, recoveryKey } = await createdVault();
    const dir = first.vaultDir;
    const second = newCore(dir);

    const refused = await apiError(second, 'vault.unlock', { passphrase: PASS });
    expect(refused).toMatchObject({ code: 'conflict', detail: { reason: 'vault_open_elsewhere' } });
    expect(refused.message).toBe(`This vault is already open in another Registre window or command (process ${process.pid}). Close it there first.`);
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

  it('the lock file names its owner: pid, computer, a random token and when it was taken', async () => {
    const { core } = await createdVault();
    const owner = parseOwner(readFileSync(lockOf(core), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect(owner?.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(owner?.takenAt ?? '')).not.toBeNaN();
  });

  it('a retired lock left aside by a process killed mid-takeover is removed by the next holder, unless its process still runs', async () => {
    const { core } = await createdVault();
    await call(core, 'vault.lock', {});
    const killed = join(core.vaultDir, `registre.lock.${deadPid()}.973f10e1-e4a4-42a3-8649-faa0879398c8.old`);
    const running = join(core.vaultDir, `registre.lock.${process.ppid}.0b5a3b4e-1c1f-4e43-9a55-0cbd1b1f0d11.old`);
    writeFileSync(killed, JSON.stringify(ownerRecord('retired', new Date())));
    writeFileSync(running, JSON.stringify(ownerRecord('retired', new Date())));
    await call(core, 'vault.unlock', { passphrase: PASS });
    expect(existsSync(killed)).toBe(false);
    expect(existsSync(running)).toBe(true);
  });

  it('the draft of a lock left by a process killed while taking it is removed by the next holder, and the lock itself is never left empty', async () => {
    const { core } = await createdVault();
    await call(core, 'vault.lock', {});
    const draft = join(core.vaultDir, `registre.lock.${deadPid()}.5d0c7a52-8a43-4f0e-9a3e-2b8f0f3c1d77.new`);
    writeFileSync(draft, JSON.stringify(ownerRecord('draft', new Date())));
    await call(core, 'vault.unlock', { passphrase: PASS });
    expect(existsSync(draft)).toBe(false);
    // The draft this process wrote went once linked: only the lock, with its owner record.
    expect(readdirSync(core.vaultDir).filter((f) => f.startsWith('registre.lock.') || f === 'registre.lock')).toEqual(['registre.lock']);
    expect(parseOwner(readFileSync(lockOf(core), 'utf8'))?.pid).toBe(process.pid);
  });

  it('the lock of an owner that no longer runs is taken over at once, however fresh', async () => {
    setInstanceLockTiming({ staleMs: 3_600_000 });
    const core = await vaultLockedBy({ pid: deadPid(), process: null });
    await call(core, 'vault.unlock', { passphrase: PASS });
    expect(parseOwner(readFileSync(lockOf(core), 'utf8'))?.pid).toBe(process.pid);
  });

  it('a pid now used by another process does not keep the lock (Linux: its start time differs)', async () => {
    setInstanceLockTiming({ staleMs: 3_600_000 });
    const me = ownerRecord('me', new Date()).process!;
    const core = await vaultLockedBy({ pid: process.pid, process: { ...me, start: String(Number(me.start) + 1) } });
    await call(core, 'vault.unlock', { passphrase: PASS });
    // A lock from before this machine's boot is dead too, whatever its pid.
    await call(core, 'vault.lock', {});
    writeFileSync(lockOf(core), JSON.stringify({ ...ownerRecord('old-boot', new Date()), process: { ...me, boot: 'another-boot' } }));
    await call(core, 'vault.unlock', { passphrase: PASS });
  });

  it('the lock of an owner on another computer is judged by its age', async () => {
    const core = await vaultLockedBy({ hostname: 'front-desk-pc' });
    const refused = await apiError(core, 'vault.unlock', { passphrase: PASS });
    expect(refused).toMatchObject({ code: 'conflict', detail: { reason: 'vault_open_elsewhere' } });
    expect(refused.message).toBe('This vault is already open in Registre on front-desk-pc. Close it there first; if Registre stopped there unexpectedly, try again in 30 seconds.');
    const longAgo = new Date(Date.now() - 5 * 60_000);
    utimesSync(lockOf(core), longAgo, longAgo);
    await call(core, 'vault.unlock', { passphrase: PASS });
  });

  it('the lock folder of an older Registre blocks until it is stale, then is taken over', async () => {
    const { core } = await createdVault();
    await call(core, 'vault.lock', {});
    mkdirSync(lockOf(core)); // what a killed older version leaves behind
    expect((await apiError(core, 'vault.unlock', { passphrase: PASS })).code).toBe('conflict');
    const longAgo = new Date(Date.now() - 5 * 60_000);
    utimesSync(lockOf(core), longAgo, longAgo);
    expect((await call(core, 'vault.unlock', { passphrase: PASS })).staff.name).toBe('Anna Admin');
  });

  it('an owner whose lock is removed locks the vault at its next call and says why until it is unlocked again', async () => {
    const { core } = await createdVault();
    await call(core, 'contacts.add', { fullName: 'Before' });
    rmSync(lockOf(core));
    const refused = await apiError(core, 'contacts.add', { fullName: 'After' });
    expect(refused).toMatchObject({ code: 'locked', detail: { reason: 'lock_lost' } });
    expect(refused.message).toMatch(/^Registre lost its hold on the vault .*Unlock again\.$/);
    expect(core.status()).toMatchObject({ state: 'locked', session: null, lockLost: true });
    // Reads too: what another process may have changed since is not shown as ours.
    expect((await apiError(core, 'vault.info', {})).detail).toEqual({ reason: 'lock_lost' });

    await call(core, 'vault.unlock', { passphrase: PASS });
    expect(core.status().lockLost).toBe(false);
    expect(await contactCount(core)).toBe(1);
  });

  it('a core of the same process that takes a removed lock leaves the first one locked', async () => {
    const { core: first } = await createdVault();
    rmSync(lockOf(first));
    const second = newCore(first.vaultDir);
    await call(second, 'vault.unlock', { passphrase: PASS });
    expect((await apiError(first, 'contacts.add', { fullName: 'Beside' })).detail).toEqual({ reason: 'lock_lost' });
    await call(second, 'contacts.add', { fullName: 'Taker' });
    expect(await contactCount(second)).toBe(1);
  });

  it('a transaction during which the lock is lost does not commit', async () => {
    const { core, recoveryKey } = await createdVault();
    const before = (await call(core, 'vault.info', {})).auditHead;
    const ctx = core.context();
    const written = ctx.tx(async (trx, audit) => {
      await trx.insertInto('settings').values({ key: 'probe', value: '"x"' }).execute();
      await audit({ action: 'settings.updated', entityType: 'settings', fields: ['probe'] });
      rmSync(lockOf(core));
    });
    await expect(written).rejects.toMatchObject({ code: 'locked', detail: { reason: 'lock_lost' } });
    await expect.poll(() => core.status().state).toBe('locked');
    const raw = openRaw(core.vaultDir, recoveryKey);
    try {
      expect(raw.prepare("SELECT key FROM settings WHERE key = 'probe'").get()).toBeUndefined();
      expect(raw.prepare('SELECT seq, hash FROM audit_head').get()).toEqual(before);
    } finally {
      raw.close();
    }
  });

  it('an owner whose lock is replaced locks by its own timer, and leaves the other lock in place', async () => {
    setInstanceLockTiming({ refreshMs: 50 });
    const { core } = await createdVault();
    const theirs = JSON.stringify(ownerRecord('theirs', new Date()));
    writeFileSync(lockOf(core), theirs);
    await expect.poll(() => core.status().state).toBe('locked');
    expect(core.status().lockLost).toBe(true);
    await call(core, 'vault.lock', {});
    expect(readFileSync(lockOf(core), 'utf8')).toBe(theirs);
  });
});
