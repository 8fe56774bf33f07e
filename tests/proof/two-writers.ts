/**
 * Two writers on one vault (issue 12): a process holding the vault unlocked must never have
 * a second process write beside it, and once its lock is taken from under it, it must not
 * write again. Each round runs two scenarios with real processes and real signals:
 *
 * - suspended owner: the owner is SIGSTOPped for longer than any stale window and its lock
 *   aged by an hour; another process tries to unlock (it must be refused), then the owner
 *   is resumed and writes;
 * - lock taken away: the owner's lock file is deleted; another process unlocks, writes and
 *   rekeys; the owner then tries to write (it must be refused).
 *
 * After each scenario a fresh process checks the vault: integrity_check, an intact audit
 * chain, and exactly the contacts whose writes were answered ok. Small sizes run in
 * tests/vault/instance-lock-processes.test.ts, large ones in `npm run proof`.
 */
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistreCore } from '../../db/core';
import { dispatch } from '../../db/dispatch';
import { setInstanceLockTiming, type LockTiming } from '../../db/vault/instance-lock';
import { bundleLockOwner, LockOwnerProcess } from './lock-owner';

const PASSPHRASE = 'two writers passphrase 2026';

export interface TwoWritersOptions {
  rounds: number;
  /** How long the owner stays suspended: longer than `timing.staleMs`. */
  suspendMs: number;
  /** The lock timings of every process in the proof. */
  timing: LockTiming;
}

export interface TwoWritersCounts {
  /** Writes tried by a second process beside a live owner, or by an owner whose lock was taken. */
  attempts: number;
  /** Of those, the ones that were accepted. */
  acceptedBesideOwner: number;
  /** Checks that found a damaged file, a broken audit chain or a contact count other than the writes answered ok. */
  corruptions: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const lockFile = (dir: string) => join(dir, 'registre.lock');

async function accepted(core: RegistreCore, method: 'vault.unlock' | 'contacts.add', input: object): Promise<boolean> {
  return (await dispatch(core, method, input, () => {})).ok;
}

/** A whole rekey (prepare, then the key typed back), as the person taking the vault over would do. */
async function rekeys(core: RegistreCore): Promise<boolean> {
  const prepared = await dispatch(core, 'vault.rekeyPrepare', {}, () => {});
  if (!prepared.ok) return false;
  return (await dispatch(core, 'vault.rekeyCommit', { recoveryKey: (prepared.data as { recoveryKey: string }).recoveryKey }, () => {})).ok;
}

/** True when the vault is sound and holds exactly `contacts` contacts. */
async function sound(dir: string, contacts: number): Promise<boolean> {
  const core = new RegistreCore({ vaultDir: dir, allowFolderChange: false });
  try {
    await core.call('vault.unlock', { passphrase: PASSPHRASE });
    const intact = core.context().vault.raw.pragma('integrity_check', { simple: true }) === 'ok';
    const info = await core.call('vault.info', {});
    const verify = await core.call('audit.verify', {});
    return intact && verify.intact && info.counts.contacts === contacts;
  } catch {
    return false;
  } finally {
    await core.lock();
  }
}

export async function runTwoWriters(options: TwoWritersOptions): Promise<TwoWritersCounts> {
  const work = mkdtempSync(join(tmpdir(), 'registre-two-writers-'));
  const dir = join(work, 'vault');
  const script = await bundleLockOwner(work);
  const previousTiming = setInstanceLockTiming(options.timing);
  const counts: TwoWritersCounts = { attempts: 0, acceptedBesideOwner: 0, corruptions: 0 };
  let contacts = 0;
  const startOwner = async (): Promise<LockOwnerProcess> => {
    const { owner, ready } = await LockOwnerProcess.start(script, dir, PASSPHRASE, options.timing);
    if (!ready.ok) throw new Error(`the owner could not unlock: ${ready.code ?? ''} ${ready.reason ?? ''} ${owner.errors}`);
    return owner;
  };
  const ownerWrites = async (owner: LockOwnerProcess): Promise<boolean> => {
    const ok = (await owner.ask('write')).ok === true;
    if (ok) contacts += 1;
    return ok;
  };
  try {
    const setup = new RegistreCore({ vaultDir: dir, allowFolderChange: false });
    await setup.call('vault.create', { passphrase: PASSPHRASE, staffName: 'Lock Admin' });
    await setup.lock();

    for (let round = 0; round < options.rounds; round++) {
      const suspended = await startOwner();
      await ownerWrites(suspended);
      suspended.suspend();
      const longAgo = new Date(Date.now() - 3_600_000);
      utimesSync(lockFile(dir), longAgo, longAgo);
      await sleep(options.suspendMs);
      const beside = new RegistreCore({ vaultDir: dir, allowFolderChange: false });
      counts.attempts += 1;
      if (await accepted(beside, 'vault.unlock', { passphrase: PASSPHRASE })) {
        counts.acceptedBesideOwner += 1;
        if (await accepted(beside, 'contacts.add', { fullName: 'Beside the owner' })) contacts += 1;
      }
      await beside.lock();
      suspended.resume();
      await ownerWrites(suspended);
      await suspended.quit();
      if (!(await sound(dir, contacts))) counts.corruptions += 1;

      const robbed = await startOwner();
      await ownerWrites(robbed);
      rmSync(lockFile(dir), { force: true });
      const taker = new RegistreCore({ vaultDir: dir, allowFolderChange: false });
      if (await accepted(taker, 'vault.unlock', { passphrase: PASSPHRASE })) {
        if (await accepted(taker, 'contacts.add', { fullName: 'After the lock was taken' })) contacts += 1;
        if (!(await rekeys(taker))) counts.corruptions += 1;
      }
      counts.attempts += 1;
      if (await ownerWrites(robbed)) counts.acceptedBesideOwner += 1;
      if (await accepted(taker, 'contacts.add', { fullName: 'After the old owner tried' })) contacts += 1;
      await taker.lock();
      await robbed.quit();
      if (!(await sound(dir, contacts))) counts.corruptions += 1;
    }
    return counts;
  } finally {
    setInstanceLockTiming(previousTiming);
    rmSync(work, { recursive: true, force: true });
  }
}
