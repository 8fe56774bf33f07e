/**
 * The restore crash proof (issue 15): a child process restores a backup taken before a
 * person was erased, and is SIGKILLed at every named step of the restore and at random
 * moments. After each kill the folder must unlock with the passphrase (the old vault or the
 * restored one, never neither), pass integrity_check and the audit chain, hold every other
 * contact, and never hold the person erased before the kill; no staging folder or journal
 * may be left once it has opened.
 *
 * Reusable: tests/backup/restore-crash.test.ts runs it small, `npm run proof` large.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistreCore } from '../../db/core';
import { makeTestBackup } from '../backup/make-test-backup';
import { bundleChild, resolveRoot } from './vaults';

export const RESTORE_STEPS = ['verified', 'copied', 'reapplied', 'journaled', 'swapped', 'done'] as const;

export interface RestoreKillCounts {
  runs: number;
  kills: number;
  /** After the restart: the restored vault (its staff's unlock count says nothing, so the backup's marker contact tells) or the old one. */
  restored: number;
  old: number;
  unlockFailures: number;
  integrityFailures: number;
  chainBreaks: number;
  erasedBack: number;
  lostRows: number;
  leftovers: number;
  childErrors: number;
  restoreMs: number;
  problems: string[];
}

const PASS = 'restore proof passphrase, long enough';
const LIGHT = { N: 2 ** 10, r: 8, p: 1 } as const;

/** A vault of `contacts` people and a backup taken before one more of them was erased. */
async function seeded(dir: string, backups: string, contacts: number): Promise<{ backup: string; erasedId: string; onlyInOld: string }> {
  const core = new RegistreCore({ vaultDir: dir, allowFolderChange: false, keyStretching: LIGHT });
  await core.call('vault.create', { passphrase: PASS, staffName: 'Restore Admin' });
  for (let i = 0; i < contacts; i++) await core.call('contacts.add', { fullName: `Contact ${i}`, notes: `note ${i} `.repeat(20) });
  const erased = await core.call('contacts.add', { fullName: 'Erased Person' });
  const backup = await makeTestBackup(core, backups);
  await core.call('contacts.erase', { contactId: erased.id, reason: 'Asked to be forgotten' });
  // Added after the backup: present in the old vault only, so the restart tells which vault it opened.
  const later = await core.call('contacts.add', { fullName: 'Added Later' });
  await core.lock();
  return { backup, erasedId: erased.id, onlyInOld: later.id };
}

function runChild(childJs: string, dir: string, backup: string, kill: { step?: string; afterMs?: number }): Promise<{ killed: boolean; code: number | null; stderr: string; ms: number }> {
  return new Promise((done, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: resolveRoot('node_modules'), REGISTRE_PASSPHRASE: PASS };
    if (kill.step) env.RESTORE_KILL_STEP = kill.step;
    const child = spawn(process.execPath, [childJs, dir, backup], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    let started = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (!started && chunk.toString('utf8').includes('ready')) {
        started = performance.now();
        if (kill.afterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      done({ killed: signal === 'SIGKILL', code, stderr, ms: performance.now() - started });
    });
  });
}

export async function runRestoreKills(options: { perStep: number; random: number; contacts?: number }): Promise<RestoreKillCounts> {
  const contacts = options.contacts ?? 300;
  const work = mkdtempSync(join(tmpdir(), 'registre-restore-kills-'));
  const counts: RestoreKillCounts = {
    runs: 0,
    kills: 0,
    restored: 0,
    old: 0,
    unlockFailures: 0,
    integrityFailures: 0,
    chainBreaks: 0,
    erasedBack: 0,
    lostRows: 0,
    leftovers: 0,
    childErrors: 0,
    restoreMs: 0,
    problems: [],
  };
  const problem = (line: string) => {
    if (counts.problems.length < 50) counts.problems.push(line);
  };
  try {
    const childJs = await bundleChild('tests/fixtures/restore-child.ts', join(work, 'restore-child.cjs'));
    const plan: Array<{ step?: string; afterMs?: number; fresh: boolean }> = [];
    for (const step of RESTORE_STEPS) for (let i = 0; i < options.perStep; i++) plan.push({ step, fresh: i % 2 === 0 });
    // One uncontended restore first, to time it; then random kills over 1.2 × its length.
    plan.unshift({ fresh: true });
    for (let i = 0; i < options.random; i++) plan.push({ afterMs: -1, fresh: i % 2 === 0 });
    let vault: { dir: string; backup: string; erasedId: string; onlyInOld: string } | null = null;
    for (const [i, kill] of plan.entries()) {
      // A fresh vault half the time, so kills land on a first restore as well as on one over a restored vault.
      if (kill.fresh || !vault) {
        const dir = join(work, `vault-${i}`);
        vault = { dir, ...(await seeded(dir, join(work, `backups-${i}`), contacts)) };
      }
      const afterMs = kill.afterMs === -1 ? Math.random() * 1.2 * counts.restoreMs : kill.afterMs;
      const run = await runChild(childJs, vault.dir, vault.backup, { step: kill.step, afterMs });
      counts.runs += 1;
      const context = `run ${i} (${kill.step ? `kill at ${kill.step}` : afterMs !== undefined ? `kill ${afterMs.toFixed(0)} ms in` : 'no kill'})`;
      if (run.killed) counts.kills += 1;
      else if (run.code !== 0) {
        counts.childErrors += 1;
        problem(`${context}: the child failed on its own: ${run.stderr}`);
      } else if (i === 0) counts.restoreMs = run.ms;
      await inspect(vault, contacts, counts, problem, context);
    }
    return counts;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function inspect(vault: { dir: string; erasedId: string; onlyInOld: string }, contacts: number, counts: RestoreKillCounts, problem: (line: string) => void, context: string): Promise<void> {
  const core = new RegistreCore({ vaultDir: vault.dir, allowFolderChange: false });
  try {
    await core.call('vault.unlock', { passphrase: PASS });
  } catch (e) {
    counts.unlockFailures += 1;
    problem(`${context}: the passphrase no longer unlocks: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  try {
    const ctx = core.context();
    if (ctx.vault.raw.pragma('integrity_check', { simple: true }) !== 'ok') {
      counts.integrityFailures += 1;
      problem(`${context}: integrity_check failed`);
    }
    if (!(await core.call('audit.verify', {})).intact) {
      counts.chainBreaks += 1;
      problem(`${context}: the audit chain is broken`);
    }
    const ids = new Set((await ctx.db.selectFrom('contacts').select('id').execute()).map((c) => c.id));
    if (ids.has(vault.erasedId)) {
      counts.erasedBack += 1;
      problem(`${context}: the erased person is back`);
    }
    if (ids.has(vault.onlyInOld)) counts.old += 1;
    else counts.restored += 1;
    if (ids.size - (ids.has(vault.onlyInOld) ? 1 : 0) !== contacts) {
      counts.lostRows += 1;
      problem(`${context}: ${ids.size} contacts`);
    }
    if (existsSync(join(vault.dir, 'registre.restore')) || existsSync(join(vault.dir, 'registre.restore.json'))) {
      counts.leftovers += 1;
      problem(`${context}: the restore's staging folder or journal is left after the open`);
    }
  } finally {
    await core.lock();
  }
}

export const restoreFailures = (c: RestoreKillCounts): number => c.unlockFailures + c.integrityFailures + c.chainBreaks + c.erasedBack + c.lostRows + c.leftovers + c.childErrors;
