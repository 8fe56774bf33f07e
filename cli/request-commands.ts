/**
 * CLI commands for shared/api/requests.ts and its companions (request-work, request-letters,
 * request-actions; issue 13): rights requests from intake to reply, and carrying them out.
 */
import { closeSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { ATTACHMENT_MAX_BYTES } from '../shared/api/request-work';
import { identityMethods, refusalReasons, requestChannels, requestLetterKinds, requestStatuses, requestTypes, summaryLanguages, type IdentityMethod, type RequestStatus } from '../shared/vocabulary';
import type { RequestActionDto, RequestDetailDto, RequestDto, RequestTaskDto } from '../shared/dto/requests';
import { RegistreError } from '../shared/errors';
import { call, common, oneOf, pageOf, str, withVault, type Command, type Values } from './kit';

function required(v: Values, name: string): string {
  const value = str(v[name]);
  if (!value) throw new RegistreError('invalid_input', `--${name} is required.`);
  return value;
}

function requestId(id: string | undefined): string {
  if (!id) throw new RegistreError('invalid_input', 'Give the id of the request (see registre requests list).');
  return id;
}

/** TASK: the task's number within its request, as `requests show` lists them. */
function taskNumber(task: string | undefined): number {
  if (!task || !/^\d{1,6}$/.test(task) || Number(task) < 1) throw new RegistreError('invalid_input', "Give the task's number (see registre requests show ID).");
  return Number(task);
}

/** The option, if given, as one of the values the contract allows. */
function optionalOneOf<T extends string>(v: Values, name: string, allowed: readonly T[]): T | undefined {
  return v[name] === undefined ? undefined : oneOf(v, name, allowed);
}

const who = (r: RequestDto) => r.contact?.name ?? r.requesterName ?? '';

function deadline(r: RequestDto): string {
  if (r.closedDate) return `${r.state} on ${r.closedDate}`;
  if (r.daysLeft === null) return `clock stopped since ${r.pausedDate ?? '?'} (due ${r.dueDate} before the pause)`;
  return `due ${r.dueDate} (${r.daysLeft < 0 ? `${-r.daysLeft} days overdue` : `${r.daysLeft} days left`})`;
}

const line = (r: RequestDto) => `${r.id}  ${r.receivedDate}  ${r.type.padEnd(18)} ${r.state.padEnd(17)} ${deadline(r)}  ${who(r)}${r.isTest ? '  [test]' : ''}`;

function requestText(r: RequestDto | RequestDetailDto): string {
  return [
    `Request ${r.id}${r.isTest ? ' (test entry)' : ''}`,
    `  ${r.type}, received ${r.receivedDate} by ${r.channel}, from ${who(r)}${r.requesterEmail ? ` <${r.requesterEmail}>` : ''}`,
    `  State: ${r.state}; ${deadline(r)}`,
    ...(r.clockStartDate !== r.receivedDate ? [`  Clock restarted on ${r.clockStartDate}`] : []),
    ...(r.identity ? [`  Identity checked on ${r.identity.checkedDate}: ${r.identity.method}${r.identity.seen ? ` (${r.identity.seen})` : ''}`] : []),
    ...(r.extension ? [`  Extended by ${r.extension.months} month(s) to ${r.extension.dueDate}: ${r.extension.reason}`] : []),
    ...(r.refusal ? [`  Refused: ${r.refusal.reason}${r.refusal.text ? ` — ${r.refusal.text}` : ''}`] : []),
    ...(r.outcomeNote ? [`  Outcome: ${r.outcomeNote}`] : []),
    ...(r.nextSteps.length ? [`  Next: ${r.nextSteps.join(', ')}${r.canExtend ? ', extend' : ''}`] : []),
    ...('tasks' in r ? ['Tasks:', ...(r.tasks.length ? r.tasks.map(taskLine) : ['  none'])] : []),
    ...('attachments' in r
      ? ['Attachments:', ...(r.attachments.length ? r.attachments.map((a) => `  ${a.id}  ${a.fileName}  ${a.contentType}, ${a.size} bytes  sha256 ${a.sha256}`) : ['  none'])]
      : []),
    ...('actions' in r && r.actions.length ? ['Carried out:', ...r.actions.map((a) => `  ${a.doneAt.slice(0, 10)}  ${actionText(a)}${a.doneBy ? `  (${a.doneBy.name})` : ''}`)] : []),
    ...('events' in r ? ['Timeline:', ...r.events.map((e) => `  ${e.at.slice(0, 10)}  ${e.kind.padEnd(18)} ${e.fromState ?? '—'} → ${e.toState}${e.staff ? `  (${e.staff.name})` : ''}`)] : []),
  ].join('\n');
}

function notice(t: RequestTaskDto): string {
  if (!t.noticeDue) return '';
  if (t.noticeConfirmedDate) return `  notice sent ${t.noticeSentDate}, confirmed ${t.noticeConfirmedDate}`;
  if (t.noticeSentDate) return `  notice sent ${t.noticeSentDate}, not confirmed yet`;
  return '  notice owed, not sent';
}

const taskLine = (t: RequestTaskDto) =>
  `  ${String(t.seq).padStart(3)}  ${t.kind.padEnd(7)} ${t.name.padEnd(24)} ${t.status.padEnd(13)}${notice(t)}${t.evidence ? `  — ${t.evidence}` : ''}${t.doneBy ? ` (${t.doneBy.name})` : ''}`;

/** The media type of a file to attach, from its extension; anything else is plain bytes. */
const MEDIA_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.txt': 'text/plain',
  '.eml': 'message/rfc822',
  '.msg': 'application/vnd.ms-outlook',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.odt': 'application/vnd.oasis.opendocument.text',
};

/** A date step of a task's Art. 19 notice. */
const noticeCommand = (method: 'requests.noticeSent' | 'requests.noticeConfirmed'): Command => ({
  options: { ...common, date: { type: 'string' } },
  run: (v, [id, task]) =>
    withVault(v, async (core, out) => {
      const seq = taskNumber(task);
      const date = required(v, 'date');
      const r =
        method === 'requests.noticeSent' ? await call(core, method, { id: requestId(id), task: seq, sentOn: date }) : await call(core, method, { id: requestId(id), task: seq, confirmedOn: date });
      out.result(r, () => `${method === 'requests.noticeSent' ? 'Notice sent' : 'Notice confirmed'}: task ${seq}.\n${requestText(r)}`);
      return 0;
    }),
});

/** One line per action carried out (the rectification's values are for `--json` and the screen). */
function actionText(a: RequestActionDto): string {
  switch (a.action) {
    case 'bundle':
      return `${a.detail.mode} bundle ${a.detail.fileName ?? '(name erased)'}, manifest SHA-256 ${a.detail.manifestSha256}${a.detail.includeSensitive ? ', sensitive details included' : ''}`;
    case 'rectification':
      return `rectified: ${a.detail.fields.join(', ')}`;
    case 'restriction':
      return a.detail.lifted ? `restriction lifted (${a.detail.purposeCode} ${a.detail.restored ?? 'granted'} again)` : `processing restricted (recorded on ${a.detail.purposeCode})`;
    case 'objection':
      return `objection recorded: ${a.detail.purposeCodes.join(', ')}`;
    case 'withdrawal':
      return `consent withdrawn: ${a.detail.purposeCodes.join(', ')}`;
    case 'erasure':
      if (a.detail.erasureId === null) return `${a.detail.category ?? 'category'} details erased (${a.detail.keptCount} kept under legal holds)`;
      return `${a.detail.anonymised ? 'anonymised' : 'erased'} (erasure ${a.detail.erasureId.slice(0, 12)}…, ${a.detail.keptCount} kept under legal holds)`;
  }
}

/** `--purpose CODE`, given once or more (parseArgs' `multiple`), or undefined when absent. */
function purposes(v: Values): string[] | undefined {
  const given = v.purpose as unknown;
  if (given === undefined) return undefined;
  return (Array.isArray(given) ? given : [given]).filter((p): p is string => typeof p === 'string');
}

/** One command per action that needs the request's id and, for some, the purposes. */
const actionCommand = (
  run: (core: Parameters<Parameters<typeof withVault>[1]>[0], id: string, codes: string[] | undefined) => Promise<RequestDetailDto>,
  done: string,
  purposeOption = false,
): Command => ({
  options: purposeOption ? { ...common, purpose: { type: 'string', multiple: true } } : common,
  run: (v, [id]) =>
    withVault(v, async (core, out) => {
      const r = await run(core, requestId(id), purposes(v));
      out.result(r, () => `${done}\n${requestText(r)}`);
      return 0;
    }),
});

/** The draft as a text file, created new (never over another file). */
function writeLetterFile(path: string, content: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch {
    throw new RegistreError('invalid_input', `Cannot create ${path} (it exists, or the folder cannot be written); the letter goes into a new file only.`);
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** One command per step that needs nothing but the request's id. */
const stepCommand = (method: 'requests.start' | 'requests.hold' | 'requests.resume', done: string): Command => ({
  options: common,
  run: (v, [id]) =>
    withVault(v, async (core, out) => {
      const r = await call(core, method, { id: requestId(id) });
      out.result(r, () => `${done}\n${requestText(r)}`);
      return 0;
    }),
});

export const requestCommands: Record<string, Command> = {
  'requests add': {
    options: {
      ...common,
      type: { type: 'string' },
      received: { type: 'string' },
      channel: { type: 'string' },
      contact: { type: 'string' },
      'requester-name': { type: 'string' },
      'requester-email': { type: 'string' },
      text: { type: 'string' },
      test: { type: 'boolean' },
    },
    run: (v) =>
      withVault(v, async (core, out) => {
        const r = await call(core, 'requests.add', {
          type: oneOf(v, 'type', requestTypes),
          receivedOn: required(v, 'received'),
          channel: oneOf(v, 'channel', requestChannels),
          contactId: str(v.contact),
          requesterName: str(v['requester-name']),
          requesterEmail: str(v['requester-email']),
          requestText: str(v.text),
          isTest: v.test === true,
        });
        out.result(r, () => `Recorded.\n${requestText(r)}`);
        return 0;
      }),
  },
  'requests show': {
    options: common,
    run: (v, [id]) =>
      withVault(v, async (core, out) => {
        const r = await call(core, 'requests.get', { id: requestId(id) });
        out.result(r, () => requestText(r));
        return 0;
      }),
  },
  'requests list': {
    options: {
      ...common,
      state: { type: 'string' },
      overdue: { type: 'boolean' },
      'due-within': { type: 'string' },
      tests: { type: 'boolean' },
      limit: { type: 'string' },
      offset: { type: 'string' },
    },
    run: (v) =>
      withVault(v, async (core, out) => {
        const dueWithin = str(v['due-within']);
        if (dueWithin !== undefined && !/^\d{1,3}$/.test(dueWithin)) throw new RegistreError('invalid_input', '--due-within takes a number of days from 0 to 366.');
        const list = await call(core, 'requests.list', {
          state: optionalOneOf<RequestStatus>(v, 'state', requestStatuses),
          overdue: v.overdue === true ? true : undefined,
          dueWithinDays: dueWithin === undefined ? undefined : Number(dueWithin),
          includeTests: v.tests === true,
          ...pageOf(v),
        });
        out.result(list, () =>
          [requestStatuses.map((s) => `${s}: ${list.counts[s]}`).join(' · '), ...(list.items.length ? list.items.map(line) : ['No request.']), `(${list.items.length} of ${list.total})`].join('\n'),
        );
        return 0;
      }),
  },
  'requests await-identity': {
    options: { ...common, date: { type: 'string' } },
    run: (v, [id]) =>
      withVault(v, async (core, out) => {
        const r = await call(core, 'requests.awaitIdentity', { id: requestId(id), askedOn: str(v.date) });
        out.result(r, () => `Identity asked for on ${r.pausedDate}: the clock is stopped until it arrives.\n${requestText(r)}`);
        return 0;
      }),
  },
  'requests identity-received': {
    options: { ...common, date: { type: 'string' }, method: { type: 'string' }, seen: { type: 'string' } },
    run: (v, [id]) =>
      withVault(v, async (core, out) => {
        const r = await call(core, 'requests.identityReceived', {
          id: requestId(id),
          date: required(v, 'date'),
          // Scripts written before the method was recorded give only the date: "other" says no more than they did.
          method: optionalOneOf<IdentityMethod>(v, 'method', identityMethods) ?? 'other',
          seen: str(v.seen),
        });
        out.result(r, () => `Identity received on ${r.clockStartDate}: the clock restarted, the reply is due ${r.dueDate}.\n${requestText(r)}`);
        return 0;
      }),
  },
  'requests link': {
    options: { ...common, contact: { type: 'string' } },
    run: (v, [id]) =>
      withVault(v, async (core, out) => {
        const r = await call(core, 'requests.link', { id: requestId(id), contactId: required(v, 'contact') });
        out.result(r, () => `Linked to ${r.contact?.name ?? ''}; ${r.tasks.length} task(s).\n${requestText(r)}`);
        return 0;
      }),
  },
  'requests task done': {
    options: { ...common, evidence: { type: 'string' }, 'nothing-found': { type: 'boolean' } },
    run: (v, [id, task]) =>
      withVault(v, async (core, out) => {
        const seq = taskNumber(task);
        const r = await call(core, 'requests.taskDone', { id: requestId(id), task: seq, evidence: required(v, 'evidence'), nothingFound: v['nothing-found'] === true });
        out.result(r, () => `Task ${seq} ticked off${v['nothing-found'] === true ? ' (searched, nothing found)' : ''}.\n${requestText(r)}`);
        return 0;
      }),
  },
  'requests task notice-sent': noticeCommand('requests.noticeSent'),
  'requests task confirmed': noticeCommand('requests.noticeConfirmed'),
  'requests attach': {
    options: { ...common, 'content-type': { type: 'string' } },
    run: (v, [id, file]) =>
      withVault(v, async (core, out) => {
        const requestIdGiven = requestId(id);
        if (!file) throw new RegistreError('invalid_input', 'Give the file to attach.');
        let content: Buffer;
        try {
          // Refused before it is read whole: the vault takes at most 10 MiB.
          if (statSync(file).size > ATTACHMENT_MAX_BYTES) throw new RegistreError('invalid_input', `The file is too large (at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB).`);
          content = readFileSync(file);
        } catch (e) {
          if (e instanceof RegistreError) throw e;
          throw new RegistreError('invalid_input', `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
        }
        const a = await call(core, 'requests.attach', {
          id: requestIdGiven,
          fileName: basename(file),
          contentType: str(v['content-type']) ?? MEDIA_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          contentBase64: content.toString('base64'),
        });
        out.result(a, () => `Attached ${a.fileName} (${a.contentType}, ${a.size} bytes, sha256 ${a.sha256}) as ${a.id}.`);
        return 0;
      }),
  },
  'requests start': stepCommand('requests.start', 'Started.'),
  'requests hold': stepCommand('requests.hold', 'On hold (the clock keeps running).'),
  'requests resume': stepCommand('requests.resume', 'Resumed.'),
  'requests extend': {
    options: { ...common, months: { type: 'string' }, reason: { type: 'string' } },
    run: (v, [id]) =>
      withVault(v, async (core, out) => {
        const months = required(v, 'months');
        if (months !== '1' && months !== '2') throw new RegistreError('invalid_input', '--months must be 1 or 2.');
        const r = await call(core, 'requests.extend', { id: requestId(id), months: months === '1' ? 1 : 2, reason: required(v, 'reason') });
        out.result(r, () => `Extended: the reply is now due ${r.dueDate}. Tell the requester why.\n${requestText(r)}`);
        return 0;
      }),
  },
  'requests close': {
    options: { ...common, outcome: { type: 'string' }, reason: { type: 'string' }, text: { type: 'string' } },
    run: (v, [id]) =>
      withVault(v, async (core, out) => {
        const r = await call(core, 'requests.close', {
          id: requestId(id),
          outcome: oneOf(v, 'outcome', ['completed', 'refused'] as const),
          refusalReason: optionalOneOf(v, 'reason', refusalReasons),
          text: str(v.text),
        });
        out.result(r, () => `Closed: ${r.state}.${r.refusal ? ' The reply must mention the right to complain to the supervisory authority.' : ''}\n${requestText(r)}`);
        return 0;
      }),
  },
  'requests letter': {
    options: { ...common, kind: { type: 'string' }, language: { type: 'string' }, reason: { type: 'string' }, text: { type: 'string' }, out: { type: 'string' } },
    run: (v, [id]) =>
      withVault(v, async (core, out) => {
        const d = await call(core, 'requests.draftLetter', {
          id: requestId(id),
          kind: oneOf(v, 'kind', requestLetterKinds),
          language: optionalOneOf(v, 'language', summaryLanguages),
          refusalReason: optionalOneOf(v, 'reason', refusalReasons),
          refusalText: str(v.text),
        });
        const file = str(v.out);
        const letter = `${d.subject}\n\n${d.body}\n`;
        if (file !== undefined) writeLetterFile(file, letter);
        out.result(d, () => (file === undefined ? letter.trimEnd() : `Draft written to ${file} (${d.language}). Edit it, send it, then save what was sent on the request.`));
        return 0;
      }),
  },
  'requests letters': {
    options: common,
    run: (v, [id]) =>
      withVault(v, async (core, out) => {
        const { letters } = await call(core, 'requests.get', { id: requestId(id) });
        out.result(letters, () =>
          letters.length
            ? letters.map((l) => `${l.id}  ${l.savedAt.slice(0, 10)}  ${l.kind.padEnd(21)} ${l.language}  ${l.subject}${l.savedBy ? `  (${l.savedBy.name})` : ''}`).join('\n')
            : 'No letter saved.',
        );
        return 0;
      }),
  },
  'requests restrict': actionCommand((core, id) => call(core, 'requests.restrict', { id }), 'Restricted: left out of the mailing list and of partner sharing until lifted.'),
  'requests lift-restriction': actionCommand((core, id) => call(core, 'requests.liftRestriction', { id }), 'Restriction lifted (the person must have been told first).'),
  'requests object': actionCommand((core, id, codes) => call(core, 'requests.object', { id, purposeCodes: codes }), 'Objection recorded.', true),
  'requests withdraw': actionCommand(
    (core, id, codes) => {
      if (!codes?.length) throw new RegistreError('invalid_input', '--purpose is required (once per consent purpose to withdraw).');
      return call(core, 'requests.withdraw', { id, purposeCodes: codes });
    },
    'Consent withdrawn.',
    true,
  ),
};

/** This module's lines of `registre --help`. */
export const requestUsage = `
Rights requests
  requests add --type T --received YYYY-MM-DD --channel C [--contact ID] [--requester-name N]
               [--requester-email E] [--text TEXT] [--test]
                                      Record a request; the reply is due one month later
                                      (type: ${requestTypes.join(', ')}; channel: ${requestChannels.join(', ')})
  requests show ID                    A request, its deadline, its tasks (number, place, status, notice),
                                      its attachments and its timeline
  requests link ID --contact CID      Link a request logged under the requester's name to their contact;
                                      adds a task per system and partner holding their data
  requests list [--state S] [--overdue] [--due-within DAYS] [--tests] [--limit N] [--offset N]
                                      Requests by deadline, with counts per state (test entries with --tests)
  requests await-identity ID [--date D]
                                      Identity or clarification asked for: the clock stops
  requests identity-received ID --date YYYY-MM-DD [--method M] [--seen TEXT]
                                      The proof arrived: the clock restarts from that day
                                      (method: ${identityMethods.join(', ')}; default other)
  requests start ID | hold ID | resume ID
                                      Start the work; wait on something (the clock keeps running); go on
  requests extend ID --months 1|2 --reason TEXT
                                      The one extension, before the deadline, with the reason the requester is told
  requests task done ID TASK --evidence TEXT [--nothing-found]
                                      Tick task number TASK off with what was done or searched
                                      (--nothing-found: searched, nothing found)
  requests task notice-sent ID TASK --date YYYY-MM-DD
                                      The Art. 19 notice to the task's partner went out that day
  requests task confirmed ID TASK --date YYYY-MM-DD
                                      The partner confirmed the notice that day
  requests attach ID FILE [--content-type TYPE]
                                      Keep a file the requester sent (at most 10 MB), in the vault
  requests close ID --outcome completed|refused [--reason R] [--text TEXT]
                                      Close it; a refusal needs its ground (${refusalReasons.join(', ')});
                                      completed needs every task ticked off and every notice owed sent
  requests letter ID --kind K [--language en|fr] [--reason R] [--text TEXT] [--out FILE]
                                      Draft a reply letter (kind: ${requestLetterKinds.join(', ')}); printed, or
                                      written to a new text file; a refusal of an open request needs --reason
  requests letters ID                 The letters saved on a request
  requests restrict ID                Carry out a restriction request: the person leaves the mailing
                                      list and partner sharing (a 'restricted' event in the ledger)
  requests lift-restriction ID        Lift the restriction that request recorded
  requests object ID [--purpose CODE ...]
                                      Carry out an objection: every legitimate-interest purpose, or
                                      the ones named, is objected to
  requests withdraw ID --purpose CODE [--purpose CODE ...]
                                      Carry out a consent withdrawal for the consent purposes named
                                      (the bundle: export subject --request ID; the erasure: erase
                                      --request ID; rectification: from the request's page)
`;
