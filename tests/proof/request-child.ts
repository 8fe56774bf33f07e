/**
 * Child process for the rights-request crash row (tests/proof/crash-writes.ts): unlocks a
 * vault with REGISTRE_PASSPHRASE, first walks every request an earlier, killed child left
 * open to its close, then `count` times changes the office calendar (a closure or a worked
 * holiday, set or restored) and adds a request and walks it through: identity asked and
 * received, or started; the one extension; a hold and a resume; the link to a contact;
 * a partner shared with and the tasks refreshed; every task ticked off and every notice
 * sent and confirmed; two attachments and one removed; a saved letter; what the type asks
 * carried out (a rectification, a restriction and its lifting, an objection, a withdrawal,
 * the last two after a grant); the close, completed or refused. One write per call through
 * the shared dispatch. After each request write has returned it says
 * `ack <requestId>:<events>`, the number of timeline events the request then has, and
 * after a calendar write `ack calendar <day>:<n>`. With PROOF_KILL_AT (`step:n`) it
 * SIGKILLs itself the n-th time a write reaches that step: db/requests/requests.ts's
 * `event-written` and `audited` (inside the transaction), or `returned` (committed, not
 * yet acknowledged), announced here.
 *
 * Usage: node request-child.cjs VAULT_DIR request RUN_TAG COUNT
 */
import { subscribe } from 'node:diagnostics_channel';
import { RegistreCore } from '../../db/core';
import { dispatch } from '../../db/dispatch';
import { reached, STEP_CHANNEL, type StepMessage } from '../../db/steps';
import type { Input, Method } from '../../shared/api/index';
import type { CalendarDto } from '../../shared/dto/calendar';
import type { EventDto, ProjectDto } from '../../shared/dto/index';
import type { PolicyVersionDto } from '../../shared/dto/register';
import type { RequestDetailDto, RequestDto, RequestListDto } from '../../shared/dto/requests';
import { addDays } from '../../shared/rules/deadline';
import { localDay } from '../../shared/rules/dates';
import { requestChannels, requestTypes } from '../../shared/vocabulary';
import { ATTACHMENT_TEXT, CALENDAR_DAYS, LETTER_TEXT, POLICY_DAY_ZERO, PROOF_PARTNER, RECTIFIED_TITLE, REQUEST_TEXT, requesterName } from './writer-data';

function killAt(spec: string | undefined): void {
  if (!spec) return;
  const [step, nth] = spec.split(':');
  let seen = 0;
  subscribe(STEP_CHANNEL, (message) => {
    const m = message as StepMessage;
    if (m.operation === 'request' && m.step === step && ++seen === Number(nth)) process.kill(process.pid, 'SIGKILL');
  });
}

async function call<M extends Method>(core: RegistreCore, method: M, input: Input<M>): Promise<unknown> {
  const r = await dispatch(core, method, input);
  if (!r.ok) throw new Error(`${method} refused: ${r.error.message}`);
  return r.data;
}

/** One write about request `id`, acknowledged with the request's timeline length once it has returned. */
async function write<M extends Method>(core: RegistreCore, id: string, method: M, input: Input<M>, events: number): Promise<void> {
  await call(core, method, input);
  reached('request', 'returned');
  process.stdout.write(`ack ${id}:${events}\n`);
}

/** The partner tasks a request gets at most from the child's own sharing: enough to refresh, not so many that the register swells. */
const PARTNERS_PER_REQUEST = 3;

/**
 * The work on an open request that is in progress, one write at a time in this order: link
 * it (a named request that is not a test entry), share with one more partner and refresh
 * its tasks, tick each task off, send and confirm each notice owed, attach two files and
 * remove the first, save an acknowledgement letter, and carry out what its type asks.
 * False once there is nothing left but the close.
 */
async function work(core: RegistreCore, r: RequestDetailDto, day: string, contacts: readonly string[]): Promise<boolean> {
  const { id } = r;
  const after = r.events.length + 1;
  const has = (kind: string) => r.events.filter((e) => e.kind === kind).length;
  if (!r.contact) {
    if (r.isTest || contacts.length === 0) return false;
    await write(core, id, 'requests.link', { id, contactId: contacts[id.charCodeAt(0) % contacts.length]! }, after);
    return true;
  }
  if (has('tasks_added') === 0 && r.tasks.filter((t) => t.kind === 'partner').length < PARTNERS_PER_REQUEST) {
    // A partner the person's data went to after the request came in: refreshing adds its task.
    await call(core, 'sharing.record', {
      contactId: r.contact.id,
      partner: `${PROOF_PARTNER} ${id.slice(0, 8)}`,
      jointActivity: 'Proof joint activity',
      dataCategories: ['contact details'],
      sharedOn: addDays(day, -1),
    });
    await write(core, id, 'requests.refreshTasks', { id }, after);
    return true;
  }
  const open = r.tasks.find((t) => t.status === 'open');
  if (open) {
    await write(core, id, 'requests.taskDone', { id, task: open.seq, evidence: `Searched for task ${open.seq}`, nothingFound: open.seq % 2 === 0 }, after);
    return true;
  }
  const unsent = r.tasks.find((t) => t.noticeDue && t.noticeSentDate === null);
  if (unsent) {
    await write(core, id, 'requests.noticeSent', { id, task: unsent.seq, sentOn: day }, after);
    return true;
  }
  const unconfirmed = r.tasks.find((t) => t.noticeDue && t.noticeConfirmedDate === null);
  if (unconfirmed) {
    await write(core, id, 'requests.noticeConfirmed', { id, task: unconfirmed.seq, confirmedOn: day }, after);
    return true;
  }
  if (has('attached') < 2) {
    const content = Buffer.from(`${ATTACHMENT_TEXT} ${id} ${has('attached')}`, 'utf8').toString('base64');
    await write(core, id, 'requests.attach', { id, fileName: `scan-${has('attached')}.txt`, contentType: 'text/plain', contentBase64: content }, after);
    return true;
  }
  if (has('attachment_removed') === 0 && r.attachments[0]) {
    await write(core, id, 'requests.removeAttachment', { id, attachmentId: r.attachments[0].id }, after);
    return true;
  }
  if (has('letter_saved') === 0) {
    await write(core, id, 'requests.saveLetter', { id, kind: 'acknowledgement', language: 'en', subject: 'Your request', body: `${LETTER_TEXT} ${id}` }, after);
    return true;
  }
  const contactId = r.contact.id;
  const done = r.actions.filter((a) => a.action !== 'bundle');
  switch (r.type) {
    case 'rectification':
      if (done.length > 0) return false;
      await write(core, id, 'requests.rectify', { id, changes: { jobTitle: `${RECTIFIED_TITLE} ${id.slice(0, 8)}` } }, after);
      return true;
    case 'restriction':
      // Restricted, then lifted at once: a restricted person could take no new partner, and the next request on them no restriction.
      if (done.length === 0) await write(core, id, 'requests.restrict', { id }, after);
      else if (done.length === 1) await write(core, id, 'requests.liftRestriction', { id }, after);
      else return false;
      return true;
    case 'objection':
    case 'consent_withdrawal': {
      if (done.length > 0) return false;
      // Granted again first (a consent write of its own), so there is something to object to or withdraw.
      const purposeCode = r.type === 'objection' ? 'photos' : 'newsletter';
      await call(core, 'consents.record', { contactId, purposeCode, action: 'granted', channel: 'email', evidence: `Proof grant ${id.slice(0, 8)}` });
      if (r.type === 'objection') await write(core, id, 'requests.object', { id, purposeCodes: [purposeCode] }, after);
      else await write(core, id, 'requests.withdraw', { id, purposeCodes: [purposeCode] }, after);
      return true;
    }
    default:
      return false;
  }
}

/** The next step of an open request, chosen from what it is now (so a request a killed child left is taken up the same way). */
async function step(core: RegistreCore, r: RequestDetailDto, day: string, contacts: readonly string[]): Promise<void> {
  const id = r.id;
  const after = r.events.length + 1;
  if (r.state === 'received') {
    if (r.contact) await write(core, id, 'requests.awaitIdentity', { id }, after);
    else await write(core, id, 'requests.start', { id }, after);
  } else if (r.state === 'awaiting_identity') {
    if (r.isTest) await write(core, id, 'requests.close', { id, outcome: 'refused', refusalReason: 'identity_not_proven', text: 'No proof of identity came.' }, after);
    else await write(core, id, 'requests.identityReceived', { id, date: day, method: 'document_shown', seen: 'Identity card, last digits' }, after);
  } else if (r.state === 'in_progress') {
    if (!r.extension) await write(core, id, 'requests.extend', { id, months: r.contact ? 1 : 2, reason: 'Many places to search' }, after);
    else if (!r.contact && !r.events.some((e) => e.kind === 'held')) await write(core, id, 'requests.hold', { id }, after);
    else if (!(await work(core, r, day, contacts))) await write(core, id, 'requests.close', { id, outcome: 'completed', text: 'Sent the copy by e-mail.' }, after);
  } else if (r.state === 'on_hold') {
    await write(core, id, 'requests.resume', { id }, after);
  }
}

async function walk(core: RegistreCore, id: string, day: string, contacts: readonly string[]): Promise<void> {
  for (;;) {
    const r = (await call(core, 'requests.get', { id })) as RequestDetailDto;
    if (r.nextSteps.length === 0) return;
    await step(core, r, day, contacts);
  }
}

/**
 * One change of the office calendar, on a day no deadline of the proof can reach: the
 * closure day or the worked holiday is set when it is not, restored when it is. Said as
 * `ack calendar <day>:<n>`, the number of calendar audit events for the day then.
 */
async function calendarWrite(core: RegistreCore, which: number): Promise<void> {
  const { closure, holiday } = CALENDAR_DAYS;
  const year = (await call(core, 'calendar.get', { year: 2001 })) as CalendarDto;
  const day = which % 2 === 0 ? closure : holiday;
  if (day === closure) {
    if (year.closures.some((c) => c.day === day)) await call(core, 'calendar.restoreDay', { day });
    else await call(core, 'calendar.addClosure', { day, note: 'Proof closure' });
  } else if (year.holidays.find((h) => h.day === day)?.removed) await call(core, 'calendar.restoreDay', { day });
  else await call(core, 'calendar.removeHoliday', { day, note: 'Proof worked holiday' });
  reached('request', 'returned');
  const events = core.context().vault.raw.prepare("SELECT count(*) FROM audit_events WHERE entity_type = 'office_calendar' AND entity_id = ?").pluck().get(day) as number;
  process.stdout.write(`ack calendar ${day}:${events}\n`);
}

/**
 * One change of the organisation (Settings → Organisation): named after the number of its
 * audit events once written, so a restart can tell the row and its event were written
 * together. Said as `ack controller <n>`.
 */
async function controllerWrite(core: RegistreCore): Promise<void> {
  const count = () => core.context().vault.raw.prepare("SELECT count(*) FROM audit_events WHERE action = 'settings.controllerUpdated'").pluck().get() as number;
  await call(core, 'settings.setController', { name: `Proof organisation ${count() + 1}` });
  reached('request', 'returned');
  process.stdout.write(`ack controller ${count()}\n`);
}

/**
 * One correction of the French version 1's effective date, a day earlier each time (so no
 * consent it is cited by falls outside it), with a reason: named after the number of its
 * audit events once written. Said as `ack policy <n>`.
 */
async function policyDateWrite(core: RegistreCore): Promise<void> {
  const count = () => core.context().vault.raw.prepare("SELECT count(*) FROM audit_events WHERE action = 'policy.effective_date_set'").pluck().get() as number;
  const versions = (await call(core, 'policies.list', {})) as PolicyVersionDto[];
  const first = versions.find((v) => v.language === 'fr' && v.version === 1)!;
  await call(core, 'policies.setEffectiveDate', { id: first.id, effectiveDate: addDays(POLICY_DAY_ZERO, -(count() + 1)), reason: 'Proof correction' });
  reached('request', 'returned');
  process.stdout.write(`ack policy ${count()}\n`);
}

/**
 * The records screens' writes: a project added then renamed, and an event renamed (the
 * first one, added once if the vault has none), each named after the number of its audit
 * events once written. Said as `ack project <n>` and `ack event <n>`.
 */
async function recordsWrite(core: RegistreCore): Promise<void> {
  const count = (action: string) => core.context().vault.raw.prepare('SELECT count(*) FROM audit_events WHERE action = ?').pluck().get(action) as number;
  const project = (await call(core, 'projects.add', { name: `Proof project ${count('project.created') + 1}`, startDate: '2026-01-01' })) as ProjectDto;
  reached('request', 'returned');
  process.stdout.write(`ack project ${count('project.created')}\n`);
  await call(core, 'projects.update', { id: project.id, name: `${project.name} renamed`, endDate: '2026-12-31' });
  reached('request', 'returned');
  const first =
    ((await call(core, 'events.list', { limit: 1 })) as { items: EventDto[] }).items[0] ?? ((await call(core, 'events.add', { name: 'Proof event 0', startDate: '2026-01-12' })) as EventDto);
  await call(core, 'events.update', { id: first.id, name: `Proof event ${count('event.updated') + 1}` });
  reached('request', 'returned');
  process.stdout.write(`ack event ${count('event.updated')}\n`);
}

async function main(): Promise<void> {
  const [dir, operation, runTag, count] = process.argv.slice(2);
  const passphrase = process.env.REGISTRE_PASSPHRASE;
  if (!dir || operation !== 'request' || !runTag || !count || !passphrase) throw new Error('usage: request-child VAULT_DIR request RUN_TAG COUNT');
  killAt(process.env.PROOF_KILL_AT);
  const core = new RegistreCore({ vaultDir: dir, allowFolderChange: false });
  await call(core, 'vault.unlock', { passphrase });
  const day = localDay(new Date());
  const contacts = ((await call(core, 'contacts.search', { limit: 20 })) as { items: { id: string }[] }).items.map((c) => c.id);
  process.stdout.write('ready\n');
  const open = ((await call(core, 'requests.list', { includeTests: true, limit: 500 })) as RequestListDto).items.filter((r) => r.nextSteps.length > 0);
  for (const r of open) await walk(core, r.id, day, contacts);
  // Each run its own share of the types, links and test entries: trial t's n-th request is the (3t + n)-th overall.
  const first = Number(/\d+/.exec(runTag)?.[0] ?? 0) * Number(count);
  for (let n = 0; n < Number(count); n++) {
    const tag = `${runTag}-${n}`;
    const k = first + n;
    await calendarWrite(core, k);
    await controllerWrite(core);
    await policyDateWrite(core);
    await recordsWrite(core);
    // A third linked to a contact when added, the rest named only (linked later unless a test entry); every fourth a test entry; received up to 3 weeks ago.
    const linked = k % 3 === 0;
    const added = (await call(core, 'requests.add', {
      type: requestTypes[k % requestTypes.length]!,
      channel: requestChannels[k % requestChannels.length]!,
      receivedOn: addDays(day, -((k * 7) % 22)),
      ...(linked && contacts.length ? { contactId: contacts[k % contacts.length]! } : { requesterName: requesterName(tag), requesterEmail: `req-${tag}@proof.test` }),
      requestText: `${REQUEST_TEXT} ${tag}`,
      isTest: k % 4 === 3,
    })) as RequestDto;
    reached('request', 'returned');
    process.stdout.write(`ack ${added.id}:1\n`);
    await walk(core, added.id, day, contacts);
  }
  await core.lock();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
