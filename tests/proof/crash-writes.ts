/**
 * Crash rows for the writes that are not export jobs: a contacts import (CSV), consent
 * ledger writes, erasures and rights-request steps. A child process
 * (tests/fixtures/proof-writer-child.ts; tests/proof/request-child.ts for requests) writes and says
 * `ack` after each commit; it is SIGKILLed at random moments and at each named step.
 * After every kill a restart must find: the vault unlocks, integrity_check ok, the audit
 * chain intact and not shorter, every acknowledged write there (and an unacknowledged
 * one wholly there or wholly absent), no plaintext in the vault folder, no stray file.
 * An erasure must be whole or absent too (a whole one, an anonymisation or one category's,
 * in turn); once committed, nothing of what went is left in any row, the audit log holds
 * one event for it and `registre.erasures` one line for a whole erasure or anonymisation
 * (written by the restart's unlock if the child died before appending it).
 * Rights requests are checked whole (requestProblems): each one's state is its timeline's
 * last step, each timeline step has its audit event and no audit event is without its
 * step, and the deadlines follow from the day the clock started; the rows the work leaves
 * (tasks and notices, attachments, letters, actions and what they wrote in the contact and
 * the consent ledger) agree with the timeline (workProblems), and the office calendar's
 * rows, the organisation setting, policy date corrections, projects and events with their
 * audit events (calendarProblems, controllerProblems, policyDateProblems, recordsProblems).
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ATTACHMENT_TEXT, consentEvidence, eraseeMarkers, eraseForm, importDomain, IMPORT_ROWS, LETTER_TEXT, POLICY_DAY_ZERO, PROOF_PARTNER, RECTIFIED_TITLE, REQUEST_TEXT } from './writer-data';
import { Failures, type ProofCheck, type ProofRow } from './table';
import { bundleChild, call, copyVault, crashChecks, openCore, PASS, plaintextLeftovers, repoRoot, strayFiles } from './vaults';
import type { RegistreCore } from '../../db/core';
import { erasurePseudonym } from '../../db/erasure/erase';
import { readLedgerFile } from '../../db/erasure/ledger-file';
import { addDays, legalDeadline } from '../../shared/rules/deadline';

type Operation = 'import' | 'consents' | 'erase' | 'request';

/** The steps db/import and db/consents announce (db/steps.ts), in the order they happen. */
const STEPS: Record<Operation, readonly string[]> = {
  import: ['before-transaction', 'rows-written', 'audited', 'committed'],
  consents: ['before-transaction', 'audited', 'committed'],
  erase: ['before-transaction', 'rows-deleted', 'audited', 'committed', 'checkpointed', 'ledger-appended'],
  // db/requests/requests.ts's record(), inside the step's transaction; `returned` is the child's own (committed, not yet acknowledged).
  request: ['event-written', 'audited', 'returned'],
};
/** The child each row runs, from the repository's root. */
const CHILD: Record<Operation, string> = {
  import: 'tests/fixtures/proof-writer-child.ts',
  consents: 'tests/fixtures/proof-writer-child.ts',
  erase: 'tests/fixtures/proof-writer-child.ts',
  request: 'tests/proof/request-child.ts',
};
/** Writes each child attempts: the kills land before, between and after acknowledged ones. */
const WRITES_PER_CHILD = 3;
/** Passages of a step a named kill picks from: a request child's three requests take at least 24 steps (a test entry three or six, the others a dozen and more). */
const PASSAGES: Record<Operation, number> = { import: WRITES_PER_CHILD, consents: WRITES_PER_CHILD, erase: WRITES_PER_CHILD, request: 8 * WRITES_PER_CHILD };
/** A category erasure (one erasure child's write in three, eraseForm) appends no ledger line, so that step comes once less. */
const passagesOf = (operation: Operation, step: string): number => PASSAGES[operation] - (operation === 'erase' && step === 'ledger-appended' ? 1 : 0);
/** Trials on one vault before a fresh copy: the register grows, but not without bound. */
const TRIALS_PER_VAULT = 25;
const MARKERS: Record<Operation, readonly string[]> = {
  import: ['proof.test', 'Proof Person'],
  consents: ['Proof evidence'],
  erase: ['Erasee', 'erasee'],
  request: ['Proof Requester', REQUEST_TEXT, 'proof.test', ATTACHMENT_TEXT, LETTER_TEXT, RECTIFIED_TITLE, PROOF_PARTNER],
};

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
 * What the erasures the child attempted must have left (each form per eraseForm): each
 * whole or absent, every acknowledged one done, nothing of what went in any row, one audit
 * event per one done, and one `erasures` row and one line of `registre.erasures` per whole
 * erasure and anonymisation (a category erasure writes neither).
 * - erase: the contact, its e-mail, consent, passport and search entry all there and no
 *   `contact.erased`, or none of them and one event;
 * - anonymise: the contact and its search entry stay; its e-mail, consent, passport and
 *   notes are all there and no `contact.anonymised`, or none of them and one event;
 * - category: everything but the passport stays; the passport is there and no
 *   `contact.category_erased`, or gone and one event.
 */
function erasureProblems(core: RegistreCore, dir: string, acked: readonly string[], added: ReadonlyMap<string, string>): string[] {
  const raw = core.context().vault.raw;
  const count = (query: string, contactId: string): number => raw.prepare(query).pluck().get(contactId) as number;
  const problems: string[] = [];
  const ledgered: string[] = [];
  const done = { erase: 0, anonymise: 0, category: 0 };
  const ACTION = { erase: 'contact.erased', anonymise: 'contact.anonymised', category: 'contact.category_erased' } as const;
  for (const [tag, contactId] of added) {
    const form = eraseForm(tag);
    const held = {
      contact: count('SELECT count(*) FROM contacts WHERE id = ?', contactId),
      emails: count('SELECT count(*) FROM contact_emails WHERE contact_id = ?', contactId),
      consents: count('SELECT count(*) FROM consent_events WHERE contact_id = ?', contactId),
      passport: count("SELECT count(*) FROM sensitive_extras WHERE contact_id = ? AND category = 'identity'", contactId),
      search: count('SELECT count(*) FROM contact_search WHERE contact_id = ?', contactId),
      notes: count('SELECT count(*) FROM contacts WHERE id = ? AND notes IS NOT NULL', contactId),
    };
    const events = count(`SELECT count(*) FROM audit_events WHERE action = '${ACTION[form]}' AND entity_id = ?`, contactId);
    // What the form removes, and what it leaves in place either way.
    const removes: Array<keyof typeof held> =
      form === 'erase' ? ['contact', 'emails', 'consents', 'passport', 'search', 'notes'] : form === 'anonymise' ? ['emails', 'consents', 'passport', 'notes'] : ['passport'];
    const stays = (Object.keys(held) as Array<keyof typeof held>).filter((k) => !removes.includes(k));
    const there = removes.every((k) => held[k] === 1) && events === 0;
    const gone = removes.every((k) => held[k] === 0) && events === 1;
    const kept = stays.every((k) => held[k] === 1);
    if ((!there && !gone) || !kept)
      problems.push(
        `${form} ${tag} half done: ${Object.entries(held)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}, ${events} ${ACTION[form]}`,
      );
    if (acked.includes(tag) && !gone) problems.push(`acknowledged ${form} ${tag} not done`);
    if (gone) {
      done[form] += 1;
      if (form !== 'category') ledgered.push(erasurePseudonym(core.requireAuditKey(), contactId, form === 'erase' ? 'erased' : 'anonymised'));
      const m = eraseeMarkers(tag);
      const went = form === 'category' ? [m.passport] : Object.values(m);
      problems.push(
        ...rowsHolding(
          core,
          went.flatMap((w) => [w, w.toLowerCase()]),
        ).map((r) => `${form} ${tag} left ${r}`),
      );
    }
  }
  for (const form of Object.keys(done) as Array<keyof typeof done>) {
    const all = raw.prepare(`SELECT count(*) FROM audit_events WHERE action = '${ACTION[form]}'`).pluck().get() as number;
    if (all !== done[form]) problems.push(`${all} ${ACTION[form]} events for ${done[form]} done`);
  }
  const ledger = raw.prepare('SELECT id FROM erasures').pluck().all() as string[];
  const expected = new Set(ledgered);
  if (ledger.length !== expected.size || ledger.some((id) => !expected.has(id))) problems.push(`${ledger.length} erasures rows for ${expected.size} erasures and anonymisations`);
  const lines = new Map<string, number>();
  for (const l of readLedgerFile(join(dir, 'registre.erasures'))) lines.set(l.erasure, (lines.get(l.erasure) ?? 0) + 1);
  for (const id of expected) if (lines.get(id) !== 1) problems.push(`registre.erasures holds ${lines.get(id) ?? 0} lines for erasure ${id.slice(0, 8)}`);
  for (const id of lines.keys()) if (!expected.has(id)) problems.push(`registre.erasures names erasure ${id.slice(0, 8)} that did not happen`);
  return problems;
}

interface RequestRow {
  id: string;
  status: string;
  clock_started_on: string;
  due_on: string;
  extension_months: number | null;
  extended_due_on: string | null;
}

/**
 * What the request steps the child took must have left: every acknowledged step there, and
 * every request whole. Each step writes one timeline row and one audit event in one
 * transaction (db/requests/requests.ts `record`, the only writer of either), so per request
 * the timeline's kinds and the audit actions `request.<kind>` are the same list in the same
 * order; the timeline starts at `received` and each step starts where the last one ended,
 * the last one where the request is; the deadline is a month from the day the clock
 * (re)started, the extension's that many months more, and the last step that named a
 * deadline named the one in force.
 */
function requestProblems(core: RegistreCore, acked: readonly string[]): string[] {
  const raw = core.context().vault.raw;
  const problems: string[] = [];
  const requests = raw.prepare('SELECT id, status, clock_started_on, due_on, extension_months, extended_due_on FROM rights_requests').all() as RequestRow[];
  const timelineOf = raw.prepare('SELECT kind, from_state, to_state, detail FROM request_events WHERE request_id = ? ORDER BY seq');
  const auditedOf = raw.prepare("SELECT action FROM audit_events WHERE entity_type = 'rights_request' AND entity_id = ? ORDER BY seq").pluck();
  const known = new Set<string>();
  const length = new Map<string, number>();
  for (const r of requests) {
    known.add(r.id);
    const steps = timelineOf.all(r.id) as { kind: string; from_state: string | null; to_state: string; detail: string }[];
    length.set(r.id, steps.length);
    const at = `request ${r.id.slice(0, 8)}`;
    if (steps[0]?.kind !== 'received') problems.push(`${at}: its timeline starts with ${steps[0]?.kind ?? 'nothing'}`);
    for (let k = 1; k < steps.length; k++) {
      if (steps[k]!.from_state !== steps[k - 1]!.to_state) problems.push(`${at}: step ${k + 1} (${steps[k]!.kind}) starts from ${steps[k]!.from_state}, not ${steps[k - 1]!.to_state}`);
    }
    const last = steps.at(-1);
    if (last && last.to_state !== r.status) problems.push(`${at} is ${r.status} but its timeline ends at ${last.to_state}`);
    const audited = auditedOf.all(r.id) as string[];
    const expected = steps.map((s) => `request.${s.kind}`);
    if (audited.join() !== expected.join()) problems.push(`${at}: timeline ${expected.join(',')} but audit events ${audited.join(',') || 'none'}`);
    if (r.due_on !== legalDeadline(r.clock_started_on, 1)) problems.push(`${at}: due ${r.due_on} for a clock started on ${r.clock_started_on}`);
    const extended = r.extension_months === null ? null : legalDeadline(r.clock_started_on, 1 + r.extension_months);
    if (r.extended_due_on !== extended) problems.push(`${at}: extended to ${r.extended_due_on} for ${r.extension_months ?? 'no'} months from ${r.clock_started_on}`);
    const named = steps.map((s) => (JSON.parse(s.detail) as { dueDate?: string }).dueDate).filter((d) => d !== undefined);
    if (named.at(-1) !== (r.extended_due_on ?? r.due_on)) problems.push(`${at}: its timeline last named ${named.at(-1)} as the deadline, the row says ${r.extended_due_on ?? r.due_on}`);
  }
  const strays = raw.prepare("SELECT DISTINCT entity_id FROM audit_events WHERE entity_type = 'rights_request'").pluck().all() as string[];
  for (const id of strays) if (!known.has(id)) problems.push(`audit events for request ${id.slice(0, 8)}, which is not there`);
  const orphans = raw.prepare('SELECT count(*) FROM request_events WHERE request_id NOT IN (SELECT id FROM rights_requests)').pluck().get() as number;
  if (orphans) problems.push(`${orphans} timeline events without their request`);
  for (const ack of acked) {
    if (ack.startsWith('calendar ') || ack.startsWith('controller ') || ack.startsWith('policy ')) continue;
    const [id, events] = ack.split(':');
    if ((length.get(id!) ?? 0) < Number(events)) problems.push(`acknowledged step ${events} of request ${id!.slice(0, 8)} lost: ${length.get(id!) ?? 'no'} steps there`);
  }
  return [...problems, ...workProblems(core), ...calendarProblems(core, acked), ...controllerProblems(core, acked), ...policyDateProblems(core, acked), ...recordsProblems(core, acked)];
}

type Detail = Record<string, string | number | undefined>;
const idsOf = (steps: readonly { kind: string; detail: Detail }[], kind: string, key: string): string[] => steps.filter((s) => s.kind === kind).map((s) => String(s.detail[key]));
const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * The rows a request is worked through with, against its timeline (each written with its
 * step in one transaction): as many tasks as the intake, link and refreshes said they
 * made, numbered 1…n; each `task_done` a task ticked off with that status and every
 * ticked task its step; the notices sent and confirmed those of the `notice_*` steps, on
 * their days; the attachments those `attached` and not `attachment_removed`; the letters
 * those `letter_saved`; the actions those `carried_out`. What an action wrote elsewhere in
 * its transaction: each ledger event it names is there, about the request's person and of
 * its kind, and no ledger event names the request without an action naming it; the
 * person's job title is the one their latest rectification set; and the audit event just
 * before each rectification's is the contact's update.
 */
function workProblems(core: RegistreCore): string[] {
  const raw = core.context().vault.raw;
  const problems: string[] = [];
  const requests = raw.prepare('SELECT id, contact_id FROM rights_requests').all() as { id: string; contact_id: string | null }[];
  const stepsOf = raw.prepare('SELECT kind, detail FROM request_events WHERE request_id = ? ORDER BY seq');
  const tasksOf = raw.prepare('SELECT seq, status, notice_sent_on, notice_confirmed_on FROM request_tasks WHERE request_id = ? ORDER BY seq');
  const attachmentsOf = raw.prepare('SELECT id FROM request_attachments WHERE request_id = ?').pluck();
  const lettersOf = raw.prepare('SELECT id FROM request_letters WHERE request_id = ?').pluck();
  const actionsOf = raw.prepare('SELECT id, action, detail FROM request_actions WHERE request_id = ? ORDER BY seq');
  const consentEvent = raw.prepare('SELECT e.contact_id, e.action, e.evidence FROM consent_events e WHERE e.id = ?');
  const ledgerNaming = raw.prepare('SELECT count(*) FROM consent_events WHERE evidence = ?').pluck();
  const auditOf = raw.prepare("SELECT seq FROM audit_events WHERE action = 'request.carried_out' AND entity_id = ? ORDER BY seq").pluck();
  const auditAt = raw.prepare('SELECT action, entity_id FROM audit_events WHERE seq = ?');
  for (const r of requests) {
    const at = `request ${r.id.slice(0, 8)}`;
    const steps = (stepsOf.all(r.id) as { kind: string; detail: string }[]).map((e) => ({ kind: e.kind, detail: JSON.parse(e.detail) as Detail }));
    const tasks = tasksOf.all(r.id) as { seq: number; status: string; notice_sent_on: string | null; notice_confirmed_on: string | null }[];
    const made = steps.filter((e) => ['received', 'linked', 'tasks_added'].includes(e.kind)).reduce((n, e) => n + Number(e.detail.tasks ?? 0), 0);
    if (tasks.length !== made || tasks.some((t, k) => t.seq !== k + 1)) problems.push(`${at}: ${tasks.length} tasks (${tasks.map((t) => t.seq).join(',')}) for ${made} its timeline made`);
    const bySeq = new Map(tasks.map((t) => [t.seq, t]));
    const ticked = steps.filter((e) => e.kind === 'task_done');
    for (const e of ticked) {
      const t = bySeq.get(Number(e.detail.task));
      if (t?.status !== e.detail.status) problems.push(`${at}: task_done ${e.detail.task} (${e.detail.status}) but the task is ${t?.status ?? 'absent'}`);
    }
    const doneTasks = tasks.filter((t) => t.status !== 'open').map((t) => String(t.seq));
    if (!sameSet(doneTasks, idsOf(ticked, 'task_done', 'task')))
      problems.push(`${at}: tasks ${doneTasks.join(',') || 'none'} ticked off, its timeline ticked ${idsOf(ticked, 'task_done', 'task').join(',') || 'none'}`);
    for (const [kind, column, dayKey] of [
      ['notice_sent', 'notice_sent_on', 'sentOn'],
      ['notice_confirmed', 'notice_confirmed_on', 'confirmedOn'],
    ] as const) {
      const rows = tasks.filter((t) => t[column] !== null).map((t) => `${t.seq}@${t[column]}`);
      const told = steps.filter((e) => e.kind === kind).map((e) => `${e.detail.task}@${e.detail[dayKey]}`);
      if (!sameSet(rows, told)) problems.push(`${at}: ${column} on tasks ${rows.join(',') || 'none'}, its timeline's ${kind} ${told.join(',') || 'none'}`);
    }
    const removed = idsOf(steps, 'attachment_removed', 'attachmentId');
    const kept = idsOf(steps, 'attached', 'attachmentId').filter((a) => !removed.includes(a));
    const attachments = attachmentsOf.all(r.id) as string[];
    if (!sameSet(attachments, kept)) problems.push(`${at}: ${attachments.length} attachments for ${kept.length} attached and not removed`);
    const letters = lettersOf.all(r.id) as string[];
    if (!sameSet(letters, idsOf(steps, 'letter_saved', 'letterId'))) problems.push(`${at}: ${letters.length} letters for ${idsOf(steps, 'letter_saved', 'letterId').length} letter_saved`);
    const actions = (actionsOf.all(r.id) as { id: string; action: string; detail: string }[]).map((a) => ({ ...a, detail: JSON.parse(a.detail) as Record<string, unknown> }));
    const carried = steps.filter((e) => e.kind === 'carried_out').map((e) => `${e.detail.actionId}:${e.detail.action}`);
    if (
      !sameSet(
        actions.map((a) => `${a.id}:${a.action}`),
        carried,
      )
    )
      problems.push(`${at}: actions ${actions.map((a) => a.action).join(',') || 'none'}, its timeline carried out ${carried.length}`);
    const evidence = `Rights request ${r.id}`;
    let ledgerEvents = 0;
    for (const a of actions) {
      const restored = a.detail.restored as string | null;
      const named =
        a.action === 'restriction'
          ? [{ id: String(a.detail.consentEventId), action: a.detail.lifted ? (restored === null || restored === 'restricted' ? 'granted' : restored) : 'restricted' }]
          : a.action === 'objection' || a.action === 'withdrawal'
            ? (a.detail.consentEventIds as string[]).map((id) => ({ id, action: a.action === 'objection' ? 'objected' : 'withdrawn' }))
            : [];
      ledgerEvents += named.length;
      for (const n of named) {
        const e = consentEvent.get(n.id) as { contact_id: string; action: string; evidence: string | null } | undefined;
        if (!e || e.contact_id !== r.contact_id || e.action !== n.action || e.evidence !== evidence)
          problems.push(`${at}: its ${a.action} names ledger event ${n.id.slice(0, 8)}, which is ${e ? `${e.action} for another purpose or person` : 'not there'} (${n.action} expected)`);
      }
    }
    const naming = ledgerNaming.get(evidence) as number;
    if (naming !== ledgerEvents) problems.push(`${at}: ${naming} ledger events name it for ${ledgerEvents} its actions name`);
    const audited = auditOf.all(r.id) as number[];
    for (const [k, seq] of audited.entries()) {
      const carriedStep = steps.filter((e) => e.kind === 'carried_out')[k];
      if (carriedStep?.detail.action !== 'rectification') continue;
      const before = auditAt.get(seq - 1) as { action: string; entity_id: string | null } | undefined;
      if (before?.action !== 'contact.updated' || before.entity_id !== r.contact_id)
        problems.push(`${at}: its rectification's audit event follows ${before?.action ?? 'nothing'}, not the contact's update`);
    }
  }
  // Only rectifications change a job title in the proof: the latest per person is what the contact says.
  const latestTitle = new Map<string, unknown>();
  const rectified = raw.prepare("SELECT r.contact_id, a.detail FROM request_actions a JOIN rights_requests r ON r.id = a.request_id WHERE a.action = 'rectification' ORDER BY a.seq").all() as {
    contact_id: string;
    detail: string;
  }[];
  for (const a of rectified) {
    const title = (JSON.parse(a.detail) as { changes: { field: string; after: unknown }[] | null }).changes?.find((c) => c.field === 'jobTitle');
    if (title) latestTitle.set(a.contact_id, title.after);
  }
  const titleOf = raw.prepare('SELECT job_title FROM contacts WHERE id = ?').pluck();
  for (const [contactId, title] of latestTitle) {
    const now = titleOf.get(contactId) as string | null | undefined;
    if (now !== title) problems.push(`contact ${contactId.slice(0, 8)}: job title ${JSON.stringify(now)}, its latest rectification set ${JSON.stringify(title)}`);
  }
  return problems;
}

/**
 * Policy date corrections against their audit events (one transaction each): one history
 * row per event, the version's date the one the last correction gave, each the day before
 * the one before, and no acknowledged correction lost.
 */
function policyDateProblems(core: RegistreCore, acked: readonly string[]): string[] {
  const raw = core.context().vault.raw;
  const problems: string[] = [];
  const events = raw.prepare("SELECT count(*) FROM audit_events WHERE action = 'policy.effective_date_set'").pluck().get() as number;
  const changes = raw.prepare('SELECT policy_version_id AS id, to_date AS day FROM policy_date_changes ORDER BY seq').all() as { id: string; day: string }[];
  if (changes.length !== events) problems.push(`${changes.length} policy date changes for ${events} audit events`);
  changes.forEach((c, k) => {
    if (c.day !== addDays(POLICY_DAY_ZERO, -(k + 1))) problems.push(`policy date change ${k + 1} set ${c.day}, not ${addDays(POLICY_DAY_ZERO, -(k + 1))}`);
  });
  const last = changes.at(-1);
  if (last) {
    const stored = raw.prepare('SELECT effective_date FROM policy_versions WHERE id = ?').pluck().get(last.id) as string;
    if (stored !== last.day) problems.push(`the policy version is in effect from ${stored}, its last change said ${last.day}`);
  }
  for (const ack of acked) {
    if (ack.startsWith('policy ') && events < Number(ack.slice(7))) problems.push(`acknowledged policy date change ${ack.slice(7)} lost: ${events} events there`);
  }
  return problems;
}

/**
 * Projects and events against their audit events (each written with its row in one
 * transaction): one project row per creation event; a project renamed (and given its end
 * date) exactly when an update event names it; each renamed event called after the rank of
 * its last update event among all of them; no acknowledged write lost.
 */
function recordsProblems(core: RegistreCore, acked: readonly string[]): string[] {
  const raw = core.context().vault.raw;
  const problems: string[] = [];
  const count = (action: string) => raw.prepare('SELECT count(*) FROM audit_events WHERE action = ?').pluck().get(action) as number;
  const projects = raw.prepare('SELECT id, name, end_date FROM projects').all() as { id: string; name: string; end_date: string | null }[];
  if (projects.length !== count('project.created')) problems.push(`${projects.length} projects for ${count('project.created')} creation events`);
  const updated = new Set(raw.prepare("SELECT entity_id FROM audit_events WHERE action = 'project.updated'").pluck().all() as string[]);
  for (const p of projects.filter((p) => p.name.startsWith('Proof project '))) {
    const renamed = p.name.endsWith(' renamed') && p.end_date === '2026-12-31';
    if (renamed !== updated.has(p.id)) problems.push(`project ${p.name} (ends ${p.end_date ?? 'never'}) ${updated.has(p.id) ? 'has' : 'has no'} update event`);
  }
  const updates = raw.prepare("SELECT entity_id FROM audit_events WHERE action = 'event.updated' ORDER BY seq").pluck().all() as string[];
  const lastRank = new Map(updates.map((id, k) => [id, k + 1]));
  for (const [id, rank] of lastRank) {
    const name = raw.prepare('SELECT name FROM events WHERE id = ?').pluck().get(id) as string | undefined;
    if (name !== `Proof event ${rank}`) problems.push(`event ${id} is named ${name ?? '(gone)'} after update event ${rank}`);
  }
  for (const ack of acked) {
    const [kind, n] = ack.split(' ');
    if (kind === 'project' && count('project.created') < Number(n)) problems.push(`acknowledged project ${n} lost`);
    if (kind === 'event' && updates.length < Number(n)) problems.push(`acknowledged event rename ${n} lost`);
  }
  return problems;
}

/**
 * The organisation against its audit events (written in one transaction): the stored name
 * is the one written with the last event, and no acknowledged change is lost.
 */
function controllerProblems(core: RegistreCore, acked: readonly string[]): string[] {
  const raw = core.context().vault.raw;
  const problems: string[] = [];
  const events = raw.prepare("SELECT count(*) FROM audit_events WHERE action = 'settings.controllerUpdated'").pluck().get() as number;
  const row = raw.prepare("SELECT value FROM settings WHERE key = 'controller'").pluck().get() as string | undefined;
  const name = row === undefined ? null : (JSON.parse(row) as { name?: string }).name;
  const expected = events ? `Proof organisation ${events}` : null;
  if (name !== expected) problems.push(`the organisation is named ${name ?? '(not set)'} after ${events} change events`);
  for (const ack of acked) {
    if (ack.startsWith('controller ') && events < Number(ack.slice(11))) problems.push(`acknowledged change ${ack.slice(11)} of the organisation lost: ${events} events there`);
  }
  return problems;
}

/**
 * The office calendar against its audit events (each written with its row in one
 * transaction): per day, set and restored in turn starting with a set; a row exactly when
 * the last event set it, of that kind; every acknowledged change's event there.
 */
function calendarProblems(core: RegistreCore, acked: readonly string[]): string[] {
  const raw = core.context().vault.raw;
  const problems: string[] = [];
  const events = raw.prepare("SELECT entity_id AS day, action FROM audit_events WHERE entity_type = 'office_calendar' ORDER BY seq").all() as { day: string; action: string }[];
  const rows = new Map((raw.prepare('SELECT day, kind FROM office_calendar').all() as { day: string; kind: string }[]).map((r) => [r.day, r.kind]));
  const perDay = new Map<string, string[]>();
  for (const e of events) perDay.set(e.day, [...(perDay.get(e.day) ?? []), e.action]);
  const setBy: Record<string, string> = { 'calendar.closureAdded': 'closure', 'calendar.holidayRemoved': 'holiday_removed' };
  for (const [day, actions] of perDay) {
    if (actions.some((a, k) => (k % 2 === 0) !== a in setBy)) problems.push(`calendar ${day}: events ${actions.join(',')} do not set and restore in turn`);
    const last = actions.at(-1)!;
    const expected = setBy[last] ?? null;
    if ((rows.get(day) ?? null) !== expected) problems.push(`calendar ${day}: the row is ${rows.get(day) ?? 'absent'} after ${last}`);
  }
  for (const day of rows.keys()) if (!perDay.has(day)) problems.push(`calendar ${day}: a row without its audit event`);
  for (const ack of acked) {
    if (!ack.startsWith('calendar ')) continue;
    const [day, n] = ack.slice(9).split(':');
    if ((perDay.get(day!)?.length ?? 0) < Number(n)) problems.push(`acknowledged calendar change ${n} of ${day} lost: ${perDay.get(day!)?.length ?? 'no'} events there`);
  }
  return problems;
}

/** Adds what a vault holds of each request step, calendar change, organisation change and policy date correction to `into`, so the row shows each write was exercised. */
function tallyWrites(core: RegistreCore, into: Map<string, number>): void {
  const raw = core.context().vault.raw;
  const rows = raw
    .prepare(
      "SELECT kind, count(*) AS n FROM request_events GROUP BY kind UNION ALL SELECT action, count(*) FROM audit_events WHERE entity_type = 'office_calendar' OR action IN ('settings.controllerUpdated', 'policy.effective_date_set') GROUP BY action",
    )
    .all() as { kind: string; n: number }[];
  for (const r of rows) into.set(r.kind, (into.get(r.kind) ?? 0) + r.n);
}

async function templateVault(dir: string, operation: Operation): Promise<void> {
  const core = openCore(dir);
  await call(core, 'vault.create', { passphrase: PASS, staffName: 'Proof Admin' });
  const contacts: string[] = [];
  for (let i = 0; i < 5; i++) contacts.push((await call(core, 'contacts.add', { fullName: `Ledger Contact ${i}`, email: `ledger${i}@example.org` })).id);
  if (operation === 'request') {
    // A system and a partner for every contact, so a request about one of them has tasks, and a notice owed when its type asks for one.
    const system = await call(core, 'processors.add', { name: 'Proof Mailing System', kind: 'processor', role: 'Sends the newsletter', dpaStatus: 'signed' });
    for (const contactId of contacts) {
      await call(core, 'contactSystems.set', { contactId, processorId: system.id, holds: true });
      await call(core, 'sharing.record', { contactId, partner: `${PROOF_PARTNER} first`, jointActivity: 'Proof joint activity', dataCategories: ['contact details'], sharedOn: '2026-01-05' });
    }
  }
  await core.lock();
}

async function crashRun(operation: Operation, size: number, scratch: string): Promise<ProofRow> {
  const js = await bundleChild(CHILD[operation], join(scratch, 'writer-child.cjs'));
  const template = join(scratch, 'template');
  await templateVault(template, operation);

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
  const written = new Map<string, number>();
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
    const kill = i % 2 === 0 && step ? { atStep: `${step}:${1 + (Math.floor(i / 2) % passagesOf(operation, step))}` } : { afterReadyMs: Math.random() * 1.2 * writesMs };
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
      problems.push(
        ...(operation === 'erase'
          ? erasureProblems(checked.core, dir, acked, added)
          : operation === 'request'
            ? requestProblems(checked.core, acked)
            : writeProblems(checked.core, operation, acked, attempted)),
      );
      if (operation === 'request' && (i % TRIALS_PER_VAULT === TRIALS_PER_VAULT - 1 || i === size - 1)) tallyWrites(checked.core, written);
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
    detail: [
      ...failures.lines,
      `kills at named steps: ${perStep}; the rest at random moments over ${writesMs.toFixed(0)} ms of writes`,
      ...(written.size ? [`the vaults held: ${[...written].map(([k, n]) => `${k} ×${n}`).join(', ')}`] : []),
    ],
  };
}

const CHECKS: Record<Operation, string> = { import: 'contacts import killed', consents: 'consent writes killed', erase: 'erasures killed', request: 'rights-request steps killed' };

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

export const requestCrash: ProofCheck = {
  area: 'crash',
  check: CHECKS.request,
  failureMeans: `${failureMeans}; a request whose state is not its timeline's last step, a step without its audit event or one the other way, a deadline that does not follow from its clock, a task, notice, attachment, letter or action (or what it wrote in the contact or the ledger) out of step with the timeline, a calendar day out of step with its audit events, or a policy date correction without its audit event or history row`,
  sizes: { full: 200, quick: 6 },
  run: (size, scratch) => crashRun('request', size, scratch),
};
