/**
 * The single-writer lock between real processes (issue 12): a child process holds the vault
 * unlocked (tests/proof/lock-owner-child.ts) while this process, a second Registre, tries to
 * open it. Suspended with SIGSTOP, the owner keeps its lock however old it looks; robbed of
 * its lock file, it writes nothing more; killed, it leaves a lock the next unlock takes at once.
 */
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { ownerRecord } from '../../db/vault/lock-owner';
import { setInstanceLockTiming, type LockTiming } from '../../db/vault/instance-lock';
import { call, createdVault, newCore, PASS } from '../helpers';
import { bundleLockOwner, LockOwnerProcess } from '../proof/lock-owner';
import { runTwoWriters } from '../proof/two-writers';
import { apiError, openRaw } from './vault-files';

// Short, so a suspension outlasts the stale window many times over within a second.
const QUICK: LockTiming = { refreshMs: 100, staleMs: 300 };
// The owner's timer never fires during a test: only the check before each call can notice.
const NO_TIMER: LockTiming = { refreshMs: 600_000, staleMs: 300 };

let work: string;
let script: string;
let defaults: LockTiming;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'registre-lock-processes-'));
  script = await bundleLockOwner(work);
  defaults = setInstanceLockTiming(QUICK);
});

afterAll(() => {
  setInstanceLockTiming(defaults);
  if (work) rmSync(work, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A vault with its recovery key, locked, for a child to unlock. */
async function lockedVault(): Promise<{ dir: string; recoveryKey: string }> {
  const { core, recoveryKey } = await createdVault();
  await call(core, 'vault.lock', {});
  return { dir: core.vaultDir, recoveryKey };
}

async function ownerOf(dir: string, timing: LockTiming): Promise<LockOwnerProcess> {
  const { owner, ready } = await LockOwnerProcess.start(script, dir, PASS, timing);
  expect(ready, owner.errors).toMatchObject({ event: 'ready', ok: true });
  return owner;
}

/** The audit chain's head and the contact count, read beside the owner with the recovery key. */
function written(dir: string, recoveryKey: string): { head: unknown; contacts: number } {
  const raw = openRaw(dir, recoveryKey);
  try {
    const head = raw.prepare('SELECT * FROM audit_head').all();
    const { n } = raw.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number };
    return { head, contacts: n };
  } finally {
    raw.close();
  }
}

async function contactCount(core: RegistreCore): Promise<number | undefined> {
  return (await call(core, 'vault.info', {})).counts.contacts;
}

describe('single-writer lock between processes', () => {
  it('a suspended owner keeps its lock, however old it looks, and writes on when resumed', async () => {
    const { dir } = await lockedVault();
    const owner = await ownerOf(dir, QUICK);
    expect((await owner.ask('write')).ok).toBe(true);

    owner.suspend();
    const longAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(dir, 'registre.lock'), longAgo, longAgo);
    await sleep(10 * QUICK.staleMs);
    const second = newCore(dir);
    const refused = await apiError(second, 'vault.unlock', { passphrase: PASS });
    expect(refused).toMatchObject({ code: 'conflict', detail: { reason: 'vault_open_elsewhere' } });
    expect(refused.message).toContain(`process ${owner.pid}`);

    owner.resume();
    expect((await owner.ask('write')).ok).toBe(true);
    expect(await owner.ask('status')).toMatchObject({ state: 'unlocked', lockLost: false });
    await owner.quit();
    await call(second, 'vault.unlock', { passphrase: PASS });
    expect(await contactCount(second)).toBe(2);
    expect((await call(second, 'audit.verify', {})).intact).toBe(true);
  });

  it.each([
    ['removed', (lock: string) => rmSync(lock)],
    ['replaced by another owner', (lock: string) => writeFileSync(lock, JSON.stringify(ownerRecord('someone-else', new Date())))],
  ])('an owner whose lock file is %s writes nothing more and locks, with lock_lost', async (_how, steal) => {
    const { dir, recoveryKey } = await lockedVault();
    const owner = await ownerOf(dir, NO_TIMER);
    expect((await owner.ask('write')).ok).toBe(true);
    const before = written(dir, recoveryKey);
    expect(before.contacts).toBe(1);

    steal(join(dir, 'registre.lock'));
    expect(await owner.ask('write')).toMatchObject({ ok: false, code: 'locked', reason: 'lock_lost' });
    expect(await owner.ask('status')).toMatchObject({ state: 'locked', lockLost: true });
    expect(await owner.ask('write')).toMatchObject({ ok: false, code: 'locked', reason: 'lock_lost' });
    expect(written(dir, recoveryKey)).toEqual(before);
    await owner.quit();
  });

  it('an owner notices on its own timer that its lock was taken, and locks before any call', async () => {
    const { dir, recoveryKey } = await lockedVault();
    const owner = await ownerOf(dir, QUICK);
    expect((await owner.ask('write')).ok).toBe(true);
    rmSync(join(dir, 'registre.lock'));
    await expect.poll(async () => (await owner.ask('status')).state).toBe('locked');
    expect(await owner.ask('status')).toMatchObject({ lockLost: true });
    expect(await owner.ask('write')).toMatchObject({ ok: false, code: 'locked', reason: 'lock_lost' });
    expect(written(dir, recoveryKey).contacts).toBe(1);
    await owner.quit();
  });

  it('the lock of a SIGKILLed owner is taken over by the next unlock at once', async () => {
    const { dir } = await lockedVault();
    const owner = await ownerOf(dir, QUICK);
    expect((await owner.ask('write')).ok).toBe(true);
    await owner.kill();
    expect(existsSync(join(dir, 'registre.lock'))).toBe(true);
    // Age plays no part: the lock is as fresh as can be, and would stay "fresh" for an hour.
    const previous = setInstanceLockTiming({ staleMs: 3_600_000 });
    try {
      const next = newCore(dir);
      await call(next, 'vault.unlock', { passphrase: PASS });
      expect(await contactCount(next)).toBe(1);
    } finally {
      setInstanceLockTiming(previous);
    }
  });

  it('two writers never both write: the proof in small size', async () => {
    const counts = await runTwoWriters({ rounds: 1, suspendMs: 10 * QUICK.staleMs, timing: QUICK });
    expect(counts).toEqual({ attempts: 2, acceptedBesideOwner: 0, corruptions: 0 });
  });
});
