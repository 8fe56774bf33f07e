/**
 * Crash rows for the writes that are not export jobs: a contacts import (CSV), consent
 * ledger writes and erasures. A child process (tests/fixtures/proof-writer-child.ts) writes and says
 * `ack` after each commit; it is SIGKILLed at random moments and at each named step.
 * After every kill a restart must find: the vault unlocks, integrity_check ok, the audit
 * chain intact and not shorter, every acknowledged write there (and an unacknowledged
 * one wholly there or wholly absent), no plaintext in the vault folder, no stray file.
 * An erasure must be whole or absent too; once committed, nothing of the person is left in
 * any row, the audit log holds one `contact.erased` for it and `registre.erasures` one line
 * (written by the restart's unlock if the child died before appending it).
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { consentEvidence, eraseeMarkers, importDomain, IMPORT_ROWS } from './writer-data';
import { Failures, type ProofCheck, type ProofRow } from './table';
import { bundleChild, call, copyVault, crashChecks, openCore, PASS, plaintextLeftovers, repoRoot, strayFiles } from './vaults';
import type { RegistreCore } from '../../db/core';
import { erasurePseudonym } from '../../db/erasure/erase';
import { readLedgerFile } from '../../db/erasure/ledger-file';

type Operation = 'import' | 'consents' | 'erase';

/** The steps db/import and db/consents announce (db/steps.ts), in the order they happen. */
const STEPS: Record<Operation, readonly string[]> = {
  import: ['before-transaction', 'rows-written', 'audited', 'committed'],
  consents: ['before-transaction', 'audited', 'committed'],
  erase: ['before-transaction', 'rows-deleted', 'audited', 'committed', 'checkpointed', 'ledger-appended'],
};
/** Writes each child attempts: the kills land before, between and after acknowledged ones. */
const WRITES_PER_CHILD = 3;
/** Trials on one vault before a fresh copy: the register grows, but not without bound. */
const TRIALS_PER_VAULT = 25;
const MARKERS: Record<Operation, readonly string[]> = { import: ['proof.test', 'Proof Person'], consents: ['Proof evidence'], erase: ['Erasee', 'erasee'] };

interface ChildRun {
  acked: string[];
  /** Erasures only: tag → the id of the contact the child added to erase. */
  added: Map<string, string>;
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
    const run: ChildRun = { acked: [], added: new Map(), readyAt: null, endedAt: 0, killed: false, code: null, stderr: '' };
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
        else if (line.startsWith('added ')) {
          const [tag, contactId] = line.slice(6).split(' ');
          run.added.set(tag!, contactId!);
        }
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

/** Every row of every table (the search index's included) holding one of `markers`, as `table: marker`. */
function rowsHolding(core: RegistreCore, markers: readonly string[]): string[] {
  const raw = core.context().vault.raw;
  const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const found = new Set<string>();
  for (const t of tables) {
    for (const row of raw
      .prepare(`SELECT * FROM "${t.replaceAll('"', '""')}"`)
      .raw()
      .iterate() as IterableIterator<unknown[]>) {
      for (const v of row) {
        if (typeof v !== 'string' && !Buffer.isBuffer(v)) continue;
        for (const m of markers) if (v.includes(m)) found.add(`${t}: "${m}"`);
      }
    }
  }
  return [...found];
}

/**
 * What the erasures the child attempted must have left: each whole or absent (the contact,
 * its e-mail, consent and search entry all there and no `contact.erased`, or none of them
 * and one event), every acknowledged one done, nothing of an erased person in any row, and
 * one `erasures` row and one line of `registre.erasures` per erasure.
 */
function erasureProblems(core: RegistreCore, dir: string, acked: readonly string[], added: ReadonlyMap<string, string>): string[] {
  const raw = core.context().vault.raw;
  const count = (query: string, contactId: string): number => raw.prepare(query).pluck().get(contactId) as number;
  const problems: string[] = [];
  const erased: string[] = [];
  for (const [tag, contactId] of added) {
    const held = {
      contact: count('SELECT count(*) FROM contacts WHERE id = ?', contactId),
      emails: count('SELECT count(*) FROM contact_emails WHERE contact_id = ?', contactId),
      consents: count('SELECT count(*) FROM consent_events WHERE contact_id = ?', contactId),
      search: count('SELECT count(*) FROM contact_search WHERE contact_id = ?', contactId),
    };
    const events = count("SELECT count(*) FROM audit_events WHERE action = 'contact.erased' AND entity_id = ?", contactId);
    const there = Object.values(held).every((n) => n === 1) && events === 0;
    const gone = Object.values(held).every((n) => n === 0) && events === 1;
    if (!there && !gone)
      problems.push(
        `erasure ${tag} half done: ${Object.entries(held)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}, ${events} contact.erased`,
      );
    if (acked.includes(tag) && !gone) problems.push(`acknowledged erasure ${tag} not done`);
    if (gone) {
      erased.push(contactId);
      problems.push(
        ...rowsHolding(
          core,
          Object.values(eraseeMarkers(tag)).flatMap((m) => [m, m.toLowerCase()]),
        ).map((r) => `erased ${tag} still in ${r}`),
      );
    }
  }
  const allEvents = raw.prepare("SELECT count(*) FROM audit_events WHERE action = 'contact.erased'").pluck().get() as number;
  if (allEvents !== erased.length) problems.push(`${allEvents} contact.erased events for ${erased.length} erasures`);
  const ledger = raw.prepare('SELECT id FROM erasures').pluck().all() as string[];
  const key = core.requireAuditKey();
  const expected = new Set(erased.map((id) => erasurePseudonym(key, id)));
  if (ledger.length !== expected.size || ledger.some((id) => !expected.has(id))) problems.push(`${ledger.length} erasures rows for ${expected.size} erasures`);
  const lines = new Map<string, number>();
  for (const l of readLedgerFile(join(dir, 'registre.erasures'))) lines.set(l.erasure, (lines.get(l.erasure) ?? 0) + 1);
  for (const id of expected) if (lines.get(id) !== 1) problems.push(`registre.erasures holds ${lines.get(id) ?? 0} lines for erasure ${id.slice(0, 8)}`);
  for (const id of lines.keys()) if (!expected.has(id)) problems.push(`registre.erasures names erasure ${id.slice(0, 8)} that did not happen`);
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
  let added = new Map<string, string>();
  let events = 0;
  for (let i = 0; i < size; i++) {
    if (i % TRIALS_PER_VAULT === 0) {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = copyVault(template, join(scratch, `vault-${i}`));
      acked = [];
      attempted = [];
      added = new Map();
      events = 0;
    }
    // Even trials at a named step (each step in turn, at its 1st to 3rd passage), odd ones at a random moment.
    const step = STEPS[operation][(i / 2) % STEPS[operation].length];
    const kill = i % 2 === 0 && step ? { atStep: `${step}:${1 + (Math.floor(i / 2) % WRITES_PER_CHILD)}` } : { afterReadyMs: Math.random() * 1.2 * writesMs };
    const runTag = `t${i}`;
    const run = await runChild(js, dir, operation, runTag, kill);
    const context = `trial ${i} (${kill.atStep ? `at ${kill.atStep}` : `${kill.afterReadyMs!.toFixed(0)} ms after unlock`}, ${run.acked.length} acknowledged)`;
    acked.push(...run.acked);
    for (const [tag, contactId] of run.added) added.set(tag, contactId);
    attempted.push(...Array.from({ length: WRITES_PER_CHILD }, (_, n) => `${runTag}-${n}`));
    const problems: string[] = [];
    if (!run.killed && run.code !== 0) problems.push(`the child failed by itself: ${run.stderr.split('\n')[0]}`);
    if (kill.atStep && !run.killed) problems.push(`step ${kill.atStep} was never reached`);
    if (kill.atStep && run.killed) stepKills.set(step!, stepKills.get(step!)! + 1);
    const checked = await crashChecks(dir, events);
    problems.push(...checked.problems);
    events = checked.events;
    if (checked.core) {
      problems.push(...(operation === 'erase' ? erasureProblems(checked.core, dir, acked, added) : writeProblems(checked.core, operation, acked, attempted)));
      await checked.core.lock();
    }
    problems.push(...plaintextLeftovers(dir, MARKERS[operation]), ...strayFiles(dir).map((f) => `stray file ${f}`));
    if (problems.length) failures.add(`${context}: ${problems.join('; ')}`);
  }
  const perStep = [...stepKills].map(([s, n]) => `${s} ×${n}`).join(', ');
  return {
    area: 'crash',
    check: CHECKS[operation],
    trials: size,
    failures: failures.count,
    detail: [...failures.lines, `kills at named steps: ${perStep}; the rest at random moments over ${writesMs.toFixed(0)} ms of writes`],
  };
}

const CHECKS: Record<Operation, string> = { import: 'contacts import killed', consents: 'consent writes killed', erase: 'erasures killed' };

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

export const eraseCrash: ProofCheck = {
  area: 'crash',
  check: CHECKS.erase,
  failureMeans: `${failureMeans}; an erasure half done, an erased person left in a row, or its audit event or ledger line missing or doubled`,
  sizes: { full: 200, quick: 8 },
  run: (size, scratch) => crashRun('erase', size, scratch),
};
