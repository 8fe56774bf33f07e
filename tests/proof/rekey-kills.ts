/**
 * The rekey crash proof (issue 12): a child process rekeys a seeded vault as a person does
 * (prepare, print the new key, confirm it) and is SIGKILLed at every named step of the
 * rekey and at random moments. After each kill, before anything else touches the folder,
 * some recovery key a person held (the old one, or a new one the child had printed before
 * its commit began) must open registre.db; then a restart must unlock with the unchanged
 * passphrase, find every row, an intact audit chain holding one vault.rekeyed event per
 * rekey that took effect, a settled key file and no rekey leftovers.
 *
 * Reusable: tests/vault/rekey-crash.test.ts runs it small, `npm run proof` large. It never
 * throws on a broken invariant; it counts it and keeps a line saying what broke.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { RegistreCore } from '../../db/core';
import { openKeyed } from '../../db/vault/open-db';
import { decodeRecoveryKey } from '../../db/vault/recovery-key';
import { resolveRoot } from './vaults';

/** Every step the rekey announces, in order; the calibration run checks the code agrees. */
export const REKEY_STEPS = ['prepared', 'checkpointed', 'closed', 'copied', 'reencrypted', 'stamped', 'synced', 'renamed', 'dir-synced', 'settled', 'reopened'] as const;
export type RekeyStep = (typeof REKEY_STEPS)[number];
/** From this step on the file on disk is the new one. */
const SWAP: RekeyStep = 'renamed';

export interface RekeyKillOptions {
  /** Kills at each named step (alternately in a first rekey and in one that follows a finished one). */
  perStep: number;
  /** Kills at random moments over one rekey's duration, or over a loop of rekeys. */
  random: number;
  /** Seeded contacts: more makes a rekey longer, so random kills land inside it more often. */
  contacts?: number;
}

export interface RekeyKillCounts {
  runs: number;
  kills: number;
  /** Runs that ended with the file under the key it had before / under a new one. */
  oldKey: number;
  newKey: number;
  /** No key a person held opened the file. */
  lostKeys: number;
  /** The file was under a new key that had not been printed before its commit started. */
  unprintedKeys: number;
  /** A step kill left the file under a different key than that step implies. */
  wrongSide: number;
  /** Rekeys that took effect without their vault.rekeyed event, and events without their rekey. */
  missingEvents: number;
  extraEvents: number;
  unlockFailures: number;
  integrityFailures: number;
  chainBreaks: number;
  lostRows: number;
  /** The key file still held a pending or second key after the restart's unlock. */
  unsettled: number;
  leftovers: number;
  /** The child died of an error of its own, or a step kill never happened. */
  childErrors: number;
  missedSteps: number;
  stepsSeen: string[];
  /** One uncontended prepare + commit, as measured by the child. */
  rekeyMs: number;
  problems: string[];
}

const ORGANISATIONS = 100;
// Not tests/helpers' PASS: that module registers vitest hooks, and `npm run proof` runs outside vitest.
const PASS = 'rekey proof passphrase, long enough';

interface ChildRun {
  sawReady: boolean;
  /** Every new recovery key printed, in order, with whether a commit step followed its print. */
  keys: Array<{ key: string; committing: boolean }>;
  steps: string[];
  rekeyMs: number[];
  killed: boolean;
  code: number | null;
  stderr: string;
}

interface Kill {
  step?: RekeyStep;
  nth?: number;
  afterReadyMs?: number;
}

export async function runRekeyKills(options: RekeyKillOptions): Promise<RekeyKillCounts> {
  const contacts = options.contacts ?? 1000;
  const work = mkdtempSync(join(tmpdir(), 'registre-rekey-kills-'));
  try {
    const childJs = await buildChild(work);
    const dir = join(work, 'vault');
    await seededVault(dir, contacts);
    const counts = emptyCounts();
    const problem = (line: string) => {
      if (counts.problems.length < 50) counts.problems.push(line);
    };
    let state = await inspect(dir, contacts, { key: null, auditEvents: 0, rekeyEvents: 0 }, [], counts, problem, 'before any kill');

    const calibration = await runChild(childJs, dir, 'once', {});
    counts.runs += 1;
    counts.stepsSeen = calibration.steps;
    counts.rekeyMs = calibration.rekeyMs[0] ?? 0;
    if (calibration.code !== 0) problem(`uncontended rekey failed: ${calibration.stderr}`);
    if (calibration.steps.join() !== REKEY_STEPS.join()) problem(`the rekey announced ${calibration.steps.join(', ')}; the proof kills at ${REKEY_STEPS.join(', ')}`);
    state = await inspect(dir, contacts, state, calibration.keys, counts, problem, 'after the uncontended rekey');

    const plan: Array<{ mode: 'once' | 'loop'; kill: Kill }> = [];
    for (const step of REKEY_STEPS) {
      for (let i = 0; i < options.perStep; i++) plan.push({ mode: 'loop', kill: { step, nth: 1 + (i % 2) } });
    }
    for (let i = 0; i < options.random; i++) {
      // Mostly over [0, 1.2 × one rekey]: before, inside and just after it; some over back-to-back rekeys.
      const loop = i % 4 === 3;
      plan.push({ mode: loop ? 'loop' : 'once', kill: { afterReadyMs: Math.random() * (loop ? 4 : 1.2) * counts.rekeyMs } });
    }

    for (const [i, { mode, kill }] of plan.entries()) {
      const run = await runChild(childJs, dir, mode, kill);
      counts.runs += 1;
      const what = kill.step ? `kill at step ${kill.step} of rekey #${kill.nth}` : `kill ${kill.afterReadyMs!.toFixed(1)} ms after unlock (${mode})`;
      const context = `run ${i} (${what}, ${run.rekeyMs.length} rekeys finished)`;
      if (run.killed) counts.kills += 1;
      if (!run.sawReady || !(run.killed || run.code === 0)) {
        counts.childErrors += 1;
        problem(`${context}: the child failed on its own: ${run.stderr}`);
      }
      if (kill.step && !run.killed) {
        counts.missedSteps += 1;
        problem(`${context}: the child never reached the step`);
      }
      const next = await inspect(dir, contacts, state, run.keys, counts, problem, context);
      if (kill.step && next.key !== null) {
        const expected = kill.nth! - 1 + (REKEY_STEPS.indexOf(kill.step) >= REKEY_STEPS.indexOf(SWAP) ? 1 : 0);
        if (next.rekeysTookEffect !== expected) {
          counts.wrongSide += 1;
          problem(`${context}: ${next.rekeysTookEffect} rekeys took effect, the step implies ${expected}`);
        }
      }
      state = next;
    }
    return counts;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The counts that are failures: any of them above zero means a rekey did not hold. */
export const REKEY_FAILURES = [
  'lostKeys',
  'unprintedKeys',
  'wrongSide',
  'missingEvents',
  'extraEvents',
  'unlockFailures',
  'integrityFailures',
  'chainBreaks',
  'lostRows',
  'unsettled',
  'leftovers',
  'childErrors',
  'missedSteps',
] as const satisfies readonly (keyof RekeyKillCounts)[];

/** Each failure kind that happened, with how often (empty when every kill held). */
export function rekeyFailures(c: RekeyKillCounts): Partial<Record<(typeof REKEY_FAILURES)[number], number>> {
  return Object.fromEntries(REKEY_FAILURES.filter((k) => c[k] > 0).map((k) => [k, c[k]]));
}

function emptyCounts(): RekeyKillCounts {
  return {
    runs: 0,
    kills: 0,
    oldKey: 0,
    newKey: 0,
    lostKeys: 0,
    unprintedKeys: 0,
    wrongSide: 0,
    missingEvents: 0,
    extraEvents: 0,
    unlockFailures: 0,
    integrityFailures: 0,
    chainBreaks: 0,
    lostRows: 0,
    unsettled: 0,
    leftovers: 0,
    childErrors: 0,
    missedSteps: 0,
    stepsSeen: [],
    rekeyMs: 0,
    problems: [],
  };
}

async function buildChild(work: string): Promise<string> {
  const childJs = join(work, 'rekey-child.cjs');
  await build({
    entryPoints: [resolveRoot('tests/fixtures/rekey-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: childJs,
    external: ['better-sqlite3-multiple-ciphers'],
    logLevel: 'silent',
  });
  return childJs;
}

/** A vault with some rows, so a lost row shows and one rekey takes long enough to be hit mid-way. */
async function seededVault(dir: string, contacts: number): Promise<void> {
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
    for (let i = 0; i < contacts; i++) {
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
    await audit({ action: 'demo.generated', entityType: 'vault', fields: ['contacts', 'organisations'] });
  });
  await core.lock();
}

/** Runs the child to its end, or kills it at a step (it does that itself) or after a delay. */
function runChild(childJs: string, dir: string, mode: 'once' | 'loop', kill: Kill): Promise<ChildRun> {
  return new Promise((resolvePromise, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: resolveRoot('node_modules'), REGISTRE_PASSPHRASE: PASS };
    if (kill.step) Object.assign(env, { REKEY_KILL_STEP: kill.step, REKEY_KILL_NTH: String(kill.nth ?? 1) });
    const child = spawn(process.execPath, [childJs, dir, mode], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: ChildRun = { sawReady: false, keys: [], steps: [], rekeyMs: [], killed: false, code: null, stderr: '' };
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
          if (kill.afterReadyMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), kill.afterReadyMs);
        } else if (line.startsWith('key ')) {
          run.keys.push({ key: line.slice(4), committing: false });
        } else if (line.startsWith('step ')) {
          const step = line.slice(5);
          run.steps.push(step);
          // The commit has begun; the key it switches to was printed before this line.
          if (step === 'checkpointed' && run.keys.length > 0) run.keys.at(-1)!.committing = true;
        } else if (line.startsWith('rekeyed ')) {
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

function opensFile(dir: string, recoveryKey: string): boolean {
  const raw = openKeyed(join(dir, 'registre.db'), decodeRecoveryKey(recoveryKey));
  raw?.close();
  return raw !== null;
}

interface State {
  /** The recovery key the file is under (null before the first inspection, or when it was lost). */
  key: string | null;
  auditEvents: number;
  rekeyEvents: number;
}

/**
 * Everything that must hold after a run: first the file as the crash left it, then through
 * a fresh core (a restart).
 */
async function inspect(
  dir: string,
  contacts: number,
  before: State,
  printed: ChildRun['keys'],
  counts: RekeyKillCounts,
  problem: (line: string) => void,
  context: string,
): Promise<State & { rekeysTookEffect: number }> {
  // The keys a person holds, in the order they were made: each rekey chains from the one before.
  const held = before.key === null ? [] : [before.key, ...printed.filter((k) => k.committing).map((k) => k.key)];
  const opening = held.findIndex((k) => opensFile(dir, k));
  if (before.key !== null && opening < 0) {
    const unprinted = printed.some((k) => !k.committing && opensFile(dir, k.key));
    if (unprinted) counts.unprintedKeys += 1;
    else counts.lostKeys += 1;
    problem(`${context}: ${unprinted ? 'only a key whose commit had not begun' : 'no recovery key a person held'} opens registre.db`);
  }

  const core = new RegistreCore({ vaultDir: dir, allowFolderChange: false });
  try {
    try {
      await core.call('vault.unlock', { passphrase: PASS });
    } catch (e) {
      counts.unlockFailures += 1;
      problem(`${context}: the passphrase no longer unlocks: ${e instanceof Error ? e.message : String(e)}`);
      return { key: null, auditEvents: before.auditEvents, rekeyEvents: before.rekeyEvents, rekeysTookEffect: -1 };
    }
    const ctx = core.context();
    if (ctx.vault.raw.pragma('integrity_check', { simple: true }) !== 'ok') {
      counts.integrityFailures += 1;
      problem(`${context}: integrity_check failed`);
    }
    const info = await core.call('vault.info', {});
    if (info.counts.contacts !== contacts || info.counts.organisations !== ORGANISATIONS || info.counts.staff !== 1) {
      counts.lostRows += 1;
      problem(`${context}: rows changed: ${JSON.stringify(info.counts)}`);
    }
    const verify = await core.call('audit.verify', {});
    // The restart's own unlock event is there, and no earlier event was lost.
    if (!verify.intact || verify.events < before.auditEvents + 1) {
      counts.chainBreaks += 1;
      problem(`${context}: audit chain ${JSON.stringify(verify)} after ${before.auditEvents} events`);
    }
    const rekeyEvents = (await ctx.db.selectFrom('audit_events').select('seq').where('action', '=', 'vault.rekeyed').execute()).length;
    const key = ctx.vault.recoveryKey();
    const tookEffect = before.key === null ? 0 : opening;
    if (before.key !== null) {
      if (key !== held[opening]) problem(`${context}: the restart opened the vault under another key than the one that opens the file`);
      if (tookEffect === 0) counts.oldKey += 1;
      else if (tookEffect > 0) counts.newKey += 1;
      const events = rekeyEvents - before.rekeyEvents;
      if (tookEffect >= 0 && events !== tookEffect) {
        if (events < tookEffect) counts.missingEvents += tookEffect - events;
        else counts.extraEvents += events - tookEffect;
        problem(`${context}: ${tookEffect} rekeys took effect, ${events} vault.rekeyed events were logged`);
      }
    }
    const sidecar = JSON.parse(readFileSync(join(dir, 'registre.keys'), 'utf8')) as { pendingKeyId: string | null; keyChecks: Record<string, string> };
    if (sidecar.pendingKeyId !== null || Object.keys(sidecar.keyChecks).length !== 1) {
      counts.unsettled += 1;
      problem(`${context}: the key file was not settled by the unlock`);
    }
    if (readdirSync(dir).some((f) => f.startsWith('registre.db.rekey'))) {
      counts.leftovers += 1;
      problem(`${context}: a rekey copy was left in the folder`);
    }
    return { key, auditEvents: verify.events, rekeyEvents, rekeysTookEffect: tookEffect };
  } finally {
    await core.lock();
  }
}
