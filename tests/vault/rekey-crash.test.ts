/**
 * Rekey killed mid-way (issue 2): a child process rekeys a seeded vault and is SIGKILLed at
 * random moments. After every kill a fresh core must unlock with the unchanged passphrase
 * (with the old or the new data key), pass integrity_check, keep every row, and keep an
 * intact audit chain. The child is bundled with esbuild so it runs on plain node.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistreCore } from '../../db/core';
import { keyCheck } from '../../db/vault/open-db';
import { decodeRecoveryKey } from '../../db/vault/recovery-key';
import { PASS } from '../helpers';

const CONTACTS = 3000;
const ORGANISATIONS = 200;

let work: string;
let childJs: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'registre-rekey-crash-'));
  childJs = join(work, 'rekey-child.cjs');
  await build({
    entryPoints: [resolve(__dirname, '../fixtures/rekey-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: childJs,
    external: ['better-sqlite3-multiple-ciphers'],
    logLevel: 'silent',
  });
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A vault with a few thousand rows, so one rekey takes long enough to be hit mid-way. */
async function seededVault(dir: string): Promise<void> {
  const core = new RegistreCore({ vaultDir: dir, allowFolderChange: false });
  await core.call('vault.create', { passphrase: PASS, staffName: 'Rekey Admin' });
  const ctx = core.context();
  const now = new Date().toISOString();
  await ctx.tx(async (trx, audit) => {
    const orgIds: string[] = [];
    for (let i = 0; i < ORGANISATIONS; i++) {
      const id = randomUUID();
      orgIds.push(id);
      await trx
        .insertInto('organisations')
        .values({
          id,
          name: `Agency ${i}`,
          country: 'BE',
          type: 'governmental_agency',
          legal_name: null,
          vat_number: null,
          billing_address: `Street ${i}`,
          billing_email: null,
          created_at: now,
          updated_at: now,
          archived_at: null,
        })
        .execute();
    }
    for (let i = 0; i < CONTACTS; i++) {
      await trx
        .insertInto('contacts')
        .values({
          id: randomUUID(),
          full_name: `Contact ${i}`,
          job_title: 'Inspector',
          gender: null,
          organisation_id: orgIds[i % ORGANISATIONS]!,
          country: 'FR',
          language: 'fr',
          notes: `note ${i} `.repeat(20),
          created_at: now,
          updated_at: now,
          archived_at: null,
        })
        .execute();
    }
    await audit({ action: 'demo.seeded', entityType: 'vault', fields: ['contacts', 'organisations'] });
  });
  await core.lock();
}

interface ChildRun {
  sawReady: boolean;
  rekeys: number;
  rekeyMs: number[];
  killed: boolean;
  code: number | null;
  stderr: string;
}

/** Runs the child; with `killAfterReadyMs` it is SIGKILLed that long after it unlocked. */
function runChild(dir: string, mode: 'once' | 'loop', killAfterReadyMs: number | null): Promise<ChildRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [childJs, dir, mode], {
      env: { ...process.env, NODE_PATH: resolve(__dirname, '../../node_modules'), REGISTRE_PASSPHRASE: PASS },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: ChildRun = { sawReady: false, rekeys: 0, rekeyMs: [], killed: false, code: null, stderr: '' };
    let out = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        if (line === 'ready') {
          run.sawReady = true;
          if (killAfterReadyMs !== null) {
            timer = setTimeout(() => {
              run.killed = child.kill('SIGKILL');
            }, killAfterReadyMs);
          }
        } else if (line.startsWith('rekeyed ')) {
          run.rekeys += 1;
          run.rekeyMs.push(Number(line.slice(8)));
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      run.code = code;
      run.killed = signal === 'SIGKILL';
      resolvePromise(run);
    });
  });
}

/** A crashed holder leaves its lock directory; it goes stale after 30 s. Simulate that wait. */
function ageInstanceLock(dir: string): void {
  const lock = join(dir, 'registre.lock');
  if (existsSync(lock)) {
    const past = new Date(Date.now() - 120_000);
    utimesSync(lock, past, past);
  }
}

interface Checked {
  recoveryKey: string;
  auditEvents: number;
}

/** Everything that must hold after a kill, checked through a fresh core (a restart). */
async function checkVault(dir: string, previous: Checked, context: string): Promise<Checked> {
  ageInstanceLock(dir);
  const core = new RegistreCore({ vaultDir: dir, allowFolderChange: false });
  try {
    const session = await core.call('vault.unlock', { passphrase: PASS });
    expect(session.staff.name, context).toBe('Rekey Admin');
    const ctx = core.context();
    expect(ctx.vault.raw.pragma('integrity_check', { simple: true }), context).toBe('ok');
    const info = await core.call('vault.info', {});
    expect(info.counts.contacts, context).toBe(CONTACTS);
    expect(info.counts.organisations, context).toBe(ORGANISATIONS);
    expect(info.counts.staff, context).toBe(1);
    const verify = await core.call('audit.verify', {});
    expect(verify, context).toMatchObject({ intact: true, firstBroken: null });
    // The restart's own unlock event is there, and no earlier event was lost.
    expect(verify.events, context).toBeGreaterThanOrEqual(previous.auditEvents + 1);

    // The interrupted rekey is settled: one key, no pending one, no half-written copy.
    const recoveryKey = ctx.vault.recoveryKey();
    const sidecar = JSON.parse(readFileSync(join(dir, 'registre.keys'), 'utf8')) as { pendingKeyId: string | null; keyChecks: Record<string, string> };
    expect(sidecar.pendingKeyId, context).toBeNull();
    expect(Object.values(sidecar.keyChecks), context).toEqual([keyCheck(decodeRecoveryKey(recoveryKey))]);
    expect(
      readdirSync(dir).filter((f) => f.startsWith('registre.db.rekey')),
      context,
    ).toEqual([]);
    return { recoveryKey, auditEvents: verify.events };
  } finally {
    await core.lock();
  }
}

async function initialState(dir: string): Promise<Checked> {
  return checkVault(dir, { recoveryKey: '', auditEvents: 0 }, 'before any kill');
}

describe('rekey killed by SIGKILL', () => {
  it('every kill leaves a vault that opens with the old or the new key, intact', async () => {
    const dir = join(work, 'vault');
    await seededVault(dir);
    let state = await initialState(dir);

    // One uncontended rekey, to spread the kills over its real duration.
    const calibration = await runChild(dir, 'once', null);
    expect(calibration, calibration.stderr).toMatchObject({ code: 0, rekeys: 1 });
    const duration = calibration.rekeyMs[0]!;
    state = await checkVault(dir, state, 'after the uncontended rekey');

    const tally = { old: 0, new: 0 };
    const runs: Array<{ mode: string; delay: number; rekeys: number; outcome: string }> = [];
    const plan: Array<{ mode: 'once' | 'loop'; delay: number }> = [
      // Kills spread uniformly over [0, 1.2 × one rekey]: before, inside and just after it.
      ...Array.from({ length: 50 }, () => ({ mode: 'once' as const, delay: Math.random() * 1.2 * duration })),
      // Kills while rekeying back to back, so a rekey can follow one that was interrupted.
      ...Array.from({ length: 15 }, () => ({ mode: 'loop' as const, delay: Math.random() * 4 * duration })),
    ];
    for (const [i, { mode, delay }] of plan.entries()) {
      const run = await runChild(dir, mode, delay);
      const context = `run ${i} (${mode}, kill ${delay.toFixed(1)} ms after unlock, ${run.rekeys} rekeys done); child stderr: ${run.stderr}`;
      expect(run.sawReady, context).toBe(true);
      // The child either finished cleanly or died by our SIGKILL: never by an error of its own.
      expect(run.killed || run.code === 0, context).toBe(true);
      const next = await checkVault(dir, state, context);
      const outcome = next.recoveryKey === state.recoveryKey ? 'old' : 'new';
      tally[outcome] += 1;
      runs.push({ mode, delay, rekeys: run.rekeys, outcome });
      state = next;
    }
    const split = (mode: string) => {
      const r = runs.filter((x) => x.mode === mode);
      return `${mode}: ${r.length} runs, old key ${r.filter((x) => x.outcome === 'old').length}, new key ${r.filter((x) => x.outcome === 'new').length}`;
    };
    console.log(`rekey crash: one rekey takes ${duration.toFixed(1)} ms; ${split('once')}; ${split('loop')}`);
    expect(tally.old + tally.new).toBe(plan.length);
    // Kills landed on both sides of the switch, so the runs really straddled rekeys.
    expect(tally.old).toBeGreaterThan(0);
    expect(tally.new).toBeGreaterThan(0);
  }, 600_000);
});
