/**
 * Crash rows for the writes that are not export jobs: a contacts import (CSV) and consent
 * ledger writes. A child process (tests/fixtures/proof-writer-child.ts) writes and says
 * `ack` after each commit; it is SIGKILLed at random moments and at each named step.
 * After every kill a restart must find: the vault unlocks, integrity_check ok, the audit
 * chain intact and not shorter, every acknowledged write there (and an unacknowledged
 * one wholly there or wholly absent), no plaintext in the vault folder, no stray file.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { consentEvidence, importDomain, IMPORT_ROWS } from './writer-data';
import { Failures, type ProofCheck, type ProofRow } from './table';
import { bundleChild, call, copyVault, crashChecks, openCore, PASS, plaintextLeftovers, repoRoot, strayFiles } from './vaults';
import type { RegistreCore } from '../../db/core';

type Operation = 'import' | 'consents';

/** The steps db/import and db/consents announce (db/steps.ts), in the order they happen. */
const STEPS: Record<Operation, readonly string[]> = {
  import: ['before-transaction', 'rows-written', 'audited', 'committed'],
  consents: ['before-transaction', 'audited', 'committed'],
};
/** Writes each child attempts: the kills land before, between and after acknowledged ones. */
const WRITES_PER_CHILD = 3;
/** Trials on one vault before a fresh copy: the register grows, but not without bound. */
const TRIALS_PER_VAULT = 25;
const MARKERS: Record<Operation, readonly string[]> = { import: ['proof.test', 'Proof Person'], consents: ['Proof evidence'] };

interface ChildRun {
  acked: string[];
  readyAt: number | null;
  endedAt: number;
  killed: boolean;
  code: number | null;
  stderr: string;
}

function runChild(js: string, dir: string, operation: Operation, runTag: string, kill: { atStep?: string; afterReadyMs?: number }): Promise<ChildRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [js, dir, operation, runTag, String(WRITES_PER_CHILD)], {
      env: { ...process.env, NODE_PATH: join(repoRoot(), 'node_modules'), REGISTRE_PASSPHRASE: PASS, PROOF_KILL_AT: kill.atStep ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: ChildRun = { acked: [], readyAt: null, endedAt: 0, killed: false, code: null, stderr: '' };
    let out = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      for (let nl = out.indexOf('\n'); nl >= 0; nl = out.indexOf('\n')) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        if (line === 'ready') {
          run.readyAt = performance.now();
          if (kill.afterReadyMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), kill.afterReadyMs);
        } else if (line.startsWith('ack ')) run.acked.push(line.slice(4));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      run.endedAt = performance.now();
      run.code = code;
      run.killed = signal === 'SIGKILL';
      resolvePromise(run);
    });
  });
}

/** The writes of this operation the vault holds: tag → how much of it is there. */
function writesPresent(core: RegistreCore, operation: Operation): { present: Map<string, number>; audited: number } {
  const raw = core.context().vault.raw;
  if (operation === 'import') {
    const rows = raw.prepare("SELECT substr(email, instr(email, '@') + 1) AS domain, count(*) AS n FROM contact_emails WHERE email LIKE '%.proof.test' GROUP BY domain").all() as {
      domain: string;
      n: number;
    }[];
    const audited = raw.prepare("SELECT count(*) FROM audit_events WHERE action = 'import.committed'").pluck().get() as number;
    return { present: new Map(rows.map((r) => [r.domain, r.n])), audited };
  }
  const rows = raw.prepare("SELECT evidence, count(*) AS n FROM consent_events WHERE evidence LIKE 'Proof evidence %' GROUP BY evidence").all() as { evidence: string; n: number }[];
  const audited = raw.prepare("SELECT count(*) FROM audit_events WHERE action = 'consent.recorded'").pluck().get() as number;
  return { present: new Map(rows.map((r) => [r.evidence, r.n])), audited };
}

const keyOf = (operation: Operation, tag: string): string => (operation === 'import' ? importDomain(tag) : consentEvidence(tag));
const whole = (operation: Operation): number => (operation === 'import' ? IMPORT_ROWS : 1);

/** What the acknowledged and attempted writes say must be in the vault. */
function writeProblems(core: RegistreCore, operation: Operation, acked: readonly string[], attempted: readonly string[]): string[] {
  const { present, audited } = writesPresent(core, operation);
  const problems: string[] = [];
  for (const tag of acked)
    if (present.get(keyOf(operation, tag)) !== whole(operation)) problems.push(`acknowledged ${operation} ${tag} holds ${present.get(keyOf(operation, tag)) ?? 0} of ${whole(operation)}`);
  for (const tag of attempted) {
    const n = present.get(keyOf(operation, tag)) ?? 0;
    if (n !== 0 && n !== whole(operation)) problems.push(`${operation} ${tag} half there: ${n} of ${whole(operation)}`);
  }
  // Each write and its audit event share one transaction: as many events as writes there.
  const batches = [...present.values()].filter((n) => n === whole(operation)).length;
  const expectedAudited = operation === 'import' ? batches : [...present.values()].reduce((a, b) => a + b, 0);
  if (audited !== expectedAudited) problems.push(`${audited} audit events for ${expectedAudited} writes`);
  return problems;
}

async function templateVault(dir: string): Promise<void> {
  const core = openCore(dir);
  await call(core, 'vault.create', { passphrase: PASS, staffName: 'Proof Admin' });
  for (let i = 0; i < 5; i++) await call(core, 'contacts.add', { fullName: `Ledger Contact ${i}`, email: `ledger${i}@example.org` });
  await core.lock();
}

async function crashRun(operation: Operation, size: number, scratch: string): Promise<ProofRow> {
  const js = await bundleChild('proof-writer-child.ts', join(scratch, 'proof-writer-child.cjs'));
  const template = join(scratch, 'template');
  await templateVault(template);

  // One run nobody kills: how long three writes take, so random kills spread over them.
  const calibrationDir = copyVault(template, join(scratch, 'calibration'));
  const calibration = await runChild(js, calibrationDir, operation, 'calibration', {});
  if (calibration.code !== 0 || calibration.readyAt === null) throw new Error(`The ${operation} child failed without a kill: ${calibration.stderr}`);
  const writesMs = calibration.endedAt - calibration.readyAt;
  rmSync(calibrationDir, { recursive: true, force: true });

  const failures = new Failures();
  const stepKills = new Map(STEPS[operation].map((s) => [s, 0]));
  let dir = '';
  let acked: string[] = [];
  let attempted: string[] = [];
  let events = 0;
  for (let i = 0; i < size; i++) {
    if (i % TRIALS_PER_VAULT === 0) {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = copyVault(template, join(scratch, `vault-${i}`));
      acked = [];
      attempted = [];
      events = 0;
    }
    // Even trials at a named step (each step in turn, at its 1st to 3rd passage), odd ones at a random moment.
    const step = STEPS[operation][(i / 2) % STEPS[operation].length];
    const kill = i % 2 === 0 && step ? { atStep: `${step}:${1 + (Math.floor(i / 2) % WRITES_PER_CHILD)}` } : { afterReadyMs: Math.random() * 1.2 * writesMs };
    const runTag = `t${i}`;
    const run = await runChild(js, dir, operation, runTag, kill);
    const context = `trial ${i} (${kill.atStep ? `at ${kill.atStep}` : `${kill.afterReadyMs!.toFixed(0)} ms after unlock`}, ${run.acked.length} acknowledged)`;
    acked.push(...run.acked);
    attempted.push(...Array.from({ length: WRITES_PER_CHILD }, (_, n) => `${runTag}-${n}`));
    const problems: string[] = [];
    if (!run.killed && run.code !== 0) problems.push(`the child failed by itself: ${run.stderr.split('\n')[0]}`);
    if (kill.atStep && !run.killed) problems.push(`step ${kill.atStep} was never reached`);
    if (kill.atStep && run.killed) stepKills.set(step!, stepKills.get(step!)! + 1);
    const checked = await crashChecks(dir, events);
    problems.push(...checked.problems);
    events = checked.events;
    if (checked.core) {
      problems.push(...writeProblems(checked.core, operation, acked, attempted));
      await checked.core.lock();
    }
    problems.push(...plaintextLeftovers(dir, MARKERS[operation]), ...strayFiles(dir).map((f) => `stray file ${f}`));
    if (problems.length) failures.add(`${context}: ${problems.join('; ')}`);
  }
  const perStep = [...stepKills].map(([s, n]) => `${s} ×${n}`).join(', ');
  return {
    area: 'crash',
    check: operation === 'import' ? 'contacts import killed' : 'consent writes killed',
    trials: size,
    failures: failures.count,
    detail: [...failures.lines, `kills at named steps: ${perStep}; the rest at random moments over ${writesMs.toFixed(0)} ms of writes`],
  };
}

const failureMeans = 'after a SIGKILL: an acknowledged write lost, a half write, a broken chain or file, plaintext or a stray file';

export const importCrash: ProofCheck = {
  area: 'crash',
  check: 'contacts import killed',
  failureMeans,
  sizes: { full: 200, quick: 8 },
  run: (size, scratch) => crashRun('import', size, scratch),
};

export const consentCrash: ProofCheck = {
  area: 'crash',
  check: 'consent writes killed',
  failureMeans,
  sizes: { full: 200, quick: 8 },
  run: (size, scratch) => crashRun('consents', size, scratch),
};
