/**
 * Rights requests (DESIGN §5): intake with its legal deadline, the steps of the work as
 * shared/rules/request-states.ts allows them, the one extension and the close. Each step
 * changes the row, appends one timeline event and one audit event in one transaction, or
 * changes nothing at all.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { RequestDetailDto, RequestDto, RequestEventDto, RequestListDto } from '../../shared/dto/requests';
import { RegistreError } from '../../shared/errors';
import { addDays, daysLeft, deadlineUrgency, legalDeadline, type WorkingCalendar } from '../../shared/rules/deadline';
import { clockRuns, isClosed, requestSteps, stepsFrom, type RequestStep } from '../../shared/rules/request-states';
import { validateEmail } from '../../shared/rules/email';
import { requestStatuses, type RequestEventKind, type RequestStatus } from '../../shared/vocabulary';
import { assertContact, logView, today, type AuditInput, type CallContext } from '../context';
import type { Database } from '../schema';
import { reached } from '../steps';
import { requestActions } from './action-list';
import { officeCalendar } from './calendar';
import { addPlaceTasks, openWorkRefusal, requestAttachments, requestTasks } from './work-rows';
import { savedLetters } from './letter-rows';

type RequestRow = Selectable<Database['rights_requests']>;
type Row = RequestRow & { contact_name: string | null };
type Change = Updateable<Database['rights_requests']>;
/** Ids, dates and counts only: the timeline never holds personal values. */
type Detail = Record<string, string | number>;

/** The states whose clock runs: the only ones that can be overdue or due soon. */
const running = requestStatuses.filter(clockRuns);

const currentDue = (r: RequestRow) => r.extended_due_on ?? r.due_on;

function requestsQuery(db: Kysely<Database>) {
  return db.selectFrom('rights_requests as r').leftJoin('contacts as c', 'c.id', 'r.contact_id').selectAll('r').select('c.full_name as contact_name');
}

export function requestDto(r: Row, day: string): RequestDto {
  const due = currentDue(r);
  const runs = clockRuns(r.status);
  return {
    id: r.id,
    type: r.type,
    state: r.status,
    channel: r.channel,
    contact: r.contact_id ? { id: r.contact_id, name: r.contact_name ?? '' } : null,
    requesterName: r.requester_name,
    requesterEmail: r.requester_email,
    requestText: r.request_text,
    isTest: r.is_test === 1,
    receivedDate: r.received_on,
    clockStartDate: r.clock_started_on,
    dueDate: due,
    firstDueDate: r.due_on,
    daysLeft: runs ? daysLeft(day, due) : null,
    urgency: runs ? deadlineUrgency(day, due) : null,
    pausedDate: r.paused_on,
    identity: r.identity_checked_on && r.identity_method ? { checkedDate: r.identity_checked_on, method: r.identity_method, seen: r.identity_seen } : null,
    extension: r.extension_months && r.extended_due_on && r.extension_reason ? { months: r.extension_months, reason: r.extension_reason, dueDate: r.extended_due_on } : null,
    closedDate: r.closed_on,
    outcome: r.outcome,
    refusal: r.refusal_reason ? { reason: r.refusal_reason, text: r.refusal_text } : null,
    outcomeNote: r.outcome_note,
    nextSteps: stepsFrom(r.status),
    canExtend: extensionRefusal(r, day) === null,
    createdAt: r.created_at,
  };
}

/** Why the one extension cannot be granted today, or null when it can. */
function extensionRefusal(r: RequestRow, day: string): RegistreError | null {
  if (isClosed(r.status)) return new RegistreError('conflict', `This request is already ${r.status}; it cannot be extended.`, { reason: 'request_closed', state: r.status });
  if (r.extension_months !== null)
    return new RegistreError('conflict', `The deadline was already extended once (to ${r.extended_due_on}); it cannot be extended again.`, { reason: 'already_extended' });
  // The deadline day itself is still in time: the reply, or the notice of extension, is due by then.
  if (day > r.due_on) return new RegistreError('conflict', `The deadline (${r.due_on}) has passed: an extension can only be granted before it.`, { reason: 'extension_too_late', dueDate: r.due_on });
  return null;
}

export function notAfterToday(ctx: CallContext, day: string, field: string): void {
  if (day > today(ctx)) throw new RegistreError('invalid_input', 'The date cannot be in the future.', { reason: 'date_future', field });
}

export function notBefore(day: string, earliest: string, what: string, field: string): void {
  if (day < earliest) throw new RegistreError('invalid_input', `The date cannot be before ${what} (${earliest}).`, { reason: 'dates_reversed', field });
}

export async function loadRow(db: Kysely<Database>, id: string): Promise<Row> {
  const row = await requestsQuery(db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new RegistreError('not_found', 'This rights request does not exist.', { reason: 'request_absent' });
  return row;
}

/** The request, refused once closed: the work on it is over. */
export async function loadOpenRow(db: Kysely<Database>, id: string): Promise<Row> {
  const r = await loadRow(db, id);
  if (isClosed(r.status)) throw new RegistreError('conflict', `This request is already ${r.status} (on ${r.closed_on}).`, { reason: 'request_closed', state: r.status });
  return r;
}

async function timeline(db: Kysely<Database>, id: string): Promise<RequestEventDto[]> {
  const rows = await db
    .selectFrom('request_events as e')
    .leftJoin('staff as s', 's.id', 'e.staff_id')
    .select(['e.seq', 'e.at', 'e.staff_id', 's.name as staff_name', 'e.kind', 'e.from_state', 'e.to_state', 'e.detail'])
    .where('e.request_id', '=', id)
    .orderBy('e.seq')
    .execute();
  return rows.map((e) => ({
    seq: e.seq,
    at: e.at,
    staff: e.staff_id ? { id: e.staff_id, name: e.staff_name ?? '' } : null,
    kind: e.kind,
    fromState: e.from_state,
    toState: e.to_state,
    detail: JSON.parse(e.detail) as Detail,
  }));
}

/**
 * Appends the step to the request's timeline and to the audit chain (ids and field names
 * only). Every write about a request goes through here, inside its transaction.
 */
export async function record(
  ctx: CallContext,
  trx: Kysely<Database>,
  audit: (e: AuditInput) => Promise<void>,
  r: { id: string; contact_id: string | null },
  step: { kind: RequestEventKind; from: RequestStatus | null; to: RequestStatus; detail: Detail; fields: string[] },
): Promise<void> {
  await trx
    .insertInto('request_events')
    .values({ request_id: r.id, at: ctx.now.toISOString(), staff_id: ctx.session?.staff.id ?? null, kind: step.kind, from_state: step.from, to_state: step.to, detail: JSON.stringify(step.detail) })
    .execute();
  reached('request', 'event-written');
  await audit({ action: `request.${step.kind}`, entityType: 'rights_request', entityId: r.id, subjectId: r.contact_id, fields: step.fields });
  reached('request', 'audited');
}

export async function addRequest(ctx: CallContext, input: ParsedInput<'requests.add'>): Promise<RequestDto> {
  notAfterToday(ctx, input.receivedOn, 'receivedOn');
  let email: string | null = null;
  if (input.requesterEmail) {
    const checked = validateEmail(input.requesterEmail);
    if (!checked.ok) throw new RegistreError('invalid_input', `"${input.requesterEmail}" is not a valid e-mail address.`, { reason: 'email_invalid', field: 'requesterEmail' });
    email = checked.email;
  }
  if (!input.contactId && !input.requesterName) {
    throw new RegistreError('invalid_input', 'Link the request to a contact or give the requester’s name.', { reason: 'requester_missing', field: 'requesterName' });
  }
  const calendar = await officeCalendar(ctx.db);
  return ctx.tx(async (trx, audit) => {
    if (input.contactId) await assertContact(trx, input.contactId);
    const row = {
      id: randomUUID(),
      contact_id: input.contactId ?? null,
      requester_name: input.requesterName ?? null,
      requester_email: email,
      type: input.type,
      status: 'received' as const,
      channel: input.channel,
      request_text: input.requestText ?? null,
      is_test: input.isTest ? 1 : 0,
      received_on: input.receivedOn,
      clock_started_on: input.receivedOn,
      due_on: legalDeadline(input.receivedOn, 1, calendar),
      created_by: ctx.session?.staff.id ?? null,
      created_at: ctx.now.toISOString(),
    };
    await trx.insertInto('rights_requests').values(row).execute();
    // One task per place that holds the person's data, made with the request.
    const tasks = row.contact_id ? await addPlaceTasks(ctx, trx, row, row.contact_id) : [];
    const given = { contactId: row.contact_id, requesterName: row.requester_name, requesterEmail: row.requester_email, requestText: row.request_text };
    await record(ctx, trx, audit, row, {
      kind: 'received',
      from: null,
      to: 'received',
      detail: { receivedOn: row.received_on, dueDate: row.due_on, ...(tasks.length ? { tasks: tasks.length } : {}) },
      fields: ['type', 'channel', 'receivedOn', 'isTest', ...Object.keys(given).filter((k) => given[k as keyof typeof given] !== null), ...(tasks.length ? ['tasks'] : [])],
    });
    return requestDto(await loadRow(trx, row.id), today(ctx));
  });
}

export async function getRequest(ctx: CallContext, id: string): Promise<RequestDetailDto> {
  const row = await loadRow(ctx.db, id);
  // An auditor's (or read-only) look is logged in the person's history, which the contract cannot name from a request id.
  await logView(ctx, { entityType: 'requests.get', entityId: id, subjectId: row.contact_id });
  return requestDetail(ctx.db, id, today(ctx), row);
}

/** The request with its timeline, tasks, attachments (no attachment's content) and saved letters. */
export async function requestDetail(db: Kysely<Database>, id: string, day: string, row?: Row): Promise<RequestDetailDto> {
  const r = row ?? (await loadRow(db, id));
  return {
    ...requestDto(r, day),
    events: await timeline(db, id),
    tasks: await requestTasks(db, id),
    attachments: await requestAttachments(db, id),
    letters: await savedLetters(db, id),
    actions: await requestActions(db, id),
  };
}

export async function listRequests(ctx: CallContext, input: ParsedInput<'requests.list'>): Promise<RequestListDto> {
  const day = today(ctx);
  const base = ctx.db
    .selectFrom('rights_requests as r')
    .$if(!input.includeTests, (q) => q.where('r.is_test', '=', 0))
    .$if(!!input.contactId, (q) => q.where('r.contact_id', '=', input.contactId!));
  const perState = await base
    .select(['r.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('r.status')
    .execute();
  const counts = Object.fromEntries(requestStatuses.map((s) => [s, 0])) as Record<RequestStatus, number>;
  for (const c of perState) counts[c.status] = Number(c.n);

  const filtered = base
    .$if(!!input.state, (q) => q.where('r.status', '=', input.state!))
    .$if(input.overdue === true, (q) => q.where('r.status', 'in', running).where((eb) => eb(eb.fn.coalesce('r.extended_due_on', 'r.due_on'), '<', day)))
    .$if(input.dueWithinDays !== undefined, (q) =>
      q.where('r.status', 'in', running).where((eb) => eb.between(eb.fn.coalesce('r.extended_due_on', 'r.due_on'), day, addDays(day, input.dueWithinDays!))),
    );
  const total = await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // The page's ids first, in the deadline index's order (0011), which holds every column
  // the filters read, so the walk stops after the page; then the page's rows alone, with
  // their contact's name.
  const page = await filtered
    .select('r.id')
    .orderBy((eb) => eb.fn.coalesce('r.extended_due_on', 'r.due_on'))
    .orderBy('r.received_on')
    .orderBy('r.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  const ids = page.map((p) => p.id);
  const rows = ids.length ? await requestsQuery(ctx.db).where('r.id', 'in', ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { counts, total: Number(total.n), items: ids.map((id) => requestDto(byId.get(id)!, day)) };
}

/** What each step does, for the one line that refuses it. */
const stepWords: Record<RequestStep, string> = {
  identity_requested: 'wait for identity proof',
  identity_received: 'receive identity proof',
  started: 'be started',
  held: 'be put on hold',
  resumed: 'be resumed',
  completed: 'be completed',
  refused: 'be refused',
};

/**
 * Takes one step of the table (shared/rules/request-states.ts) or refuses it, saying
 * which steps the request's state allows. `change` gives the columns the step sets.
 */
async function takeStep(
  ctx: CallContext,
  id: string,
  step: RequestStep,
  change: (r: Row, calendar: WorkingCalendar) => { set: Change; detail: Detail; fields: string[] },
  guard?: (trx: Kysely<Database>, r: Row) => Promise<void>,
): Promise<RequestDto> {
  const calendar = await officeCalendar(ctx.db);
  return ctx.tx(async (trx, audit) => {
    const r = await loadRow(trx, id);
    if (isClosed(r.status)) throw new RegistreError('conflict', `This request is already ${r.status} (on ${r.closed_on}).`, { reason: 'request_closed', state: r.status });
    const { from, to } = requestSteps[step];
    if (!from.includes(r.status)) {
      const allowed = stepsFrom(r.status);
      throw new RegistreError('conflict', `A request that is ${r.status} cannot ${stepWords[step]}; the steps it allows now: ${allowed.join(', ')}.`, {
        reason: 'request_transition',
        state: r.status,
        allowed,
      });
    }
    if (guard) await guard(trx, r);
    const { set, detail, fields } = change(r, calendar);
    await trx
      .updateTable('rights_requests')
      .set({ ...set, status: to })
      .where('id', '=', id)
      .execute();
    await record(ctx, trx, audit, r, { kind: step, from: r.status, to, detail, fields: ['status', ...fields] });
    return requestDto(await loadRow(trx, id), today(ctx));
  });
}

export function awaitIdentity(ctx: CallContext, input: ParsedInput<'requests.awaitIdentity'>): Promise<RequestDto> {
  const askedOn = input.askedOn ?? today(ctx);
  notAfterToday(ctx, askedOn, 'askedOn');
  return takeStep(ctx, input.id, 'identity_requested', (r) => {
    notBefore(askedOn, r.clock_started_on, 'the day the clock started', 'askedOn');
    return { set: { paused_on: askedOn }, detail: { askedOn }, fields: ['pausedOn'] };
  });
}

export function identityReceived(ctx: CallContext, input: ParsedInput<'requests.identityReceived'>): Promise<RequestDto> {
  notAfterToday(ctx, input.date, 'date');
  return takeStep(ctx, input.id, 'identity_received', (r, calendar) => {
    notBefore(input.date, r.paused_on ?? r.clock_started_on, 'the day it was asked for', 'date');
    // The month starts again from the day the proof arrived (Art. 12(6)); an extension already granted runs from there too.
    const due = legalDeadline(input.date, 1, calendar);
    const extended = r.extension_months === null ? null : legalDeadline(input.date, 1 + r.extension_months, calendar);
    return {
      set: { clock_started_on: input.date, due_on: due, extended_due_on: extended, identity_checked_on: input.date, identity_method: input.method, identity_seen: input.seen ?? null },
      detail: { date: input.date, dueDate: extended ?? due },
      fields: ['clockStartedOn', 'dueOn', 'identityCheckedOn', 'identityMethod', ...(input.seen ? ['identitySeen'] : []), ...(extended ? ['extendedDueOn'] : [])],
    };
  });
}

export const startRequest = (ctx: CallContext, id: string) => takeStep(ctx, id, 'started', () => ({ set: {}, detail: {}, fields: [] }));
export const holdRequest = (ctx: CallContext, id: string) => takeStep(ctx, id, 'held', () => ({ set: {}, detail: {}, fields: [] }));
export const resumeRequest = (ctx: CallContext, id: string) => takeStep(ctx, id, 'resumed', () => ({ set: {}, detail: {}, fields: [] }));

export async function extendRequest(ctx: CallContext, input: ParsedInput<'requests.extend'>): Promise<RequestDto> {
  const calendar = await officeCalendar(ctx.db);
  const day = today(ctx);
  return ctx.tx(async (trx, audit) => {
    const r = await loadRow(trx, input.id);
    const refusal = extensionRefusal(r, day);
    if (refusal) throw refusal;
    const extended = legalDeadline(r.clock_started_on, 1 + input.months, calendar);
    await trx.updateTable('rights_requests').set({ extension_months: input.months, extended_due_on: extended, extension_reason: input.reason }).where('id', '=', r.id).execute();
    await record(ctx, trx, audit, r, {
      kind: 'extended',
      from: r.status,
      to: r.status,
      detail: { months: input.months, dueDate: extended },
      fields: ['extensionMonths', 'extendedDueOn', 'extensionReason'],
    });
    return requestDto(await loadRow(trx, r.id), day);
  });
}

export function closeRequest(ctx: CallContext, input: ParsedInput<'requests.close'>): Promise<RequestDto> {
  const refused = input.outcome === 'refused';
  if (refused && !input.refusalReason) {
    throw new RegistreError('invalid_input', 'A refusal needs its ground: manifestly_unfounded, excessive, identity_not_proven or legal_obligation.', {
      reason: 'refusal_reason_missing',
      field: 'refusalReason',
    });
  }
  if (!refused && input.refusalReason) throw new RegistreError('invalid_input', 'A completed request has no refusal ground.', { reason: 'input_invalid', field: 'refusalReason' });
  const closedOn = today(ctx);
  const text = input.text ?? null;
  return takeStep(
    ctx,
    input.id,
    refused ? 'refused' : 'completed',
    () => ({
      set: {
        closed_on: closedOn,
        outcome: input.outcome,
        refusal_reason: input.refusalReason ?? null,
        refusal_text: refused ? text : null,
        outcome_note: refused ? null : text,
      },
      detail: { closedOn },
      fields: ['closedOn', 'outcome', ...(refused ? ['refusalReason'] : []), ...(text ? [refused ? 'refusalText' : 'outcomeNote'] : [])],
    }),
    // Completed means every place was searched and every recipient owed a notice was told; a refusal needs neither.
    async (trx) => {
      if (refused) return;
      const open = await openWorkRefusal(trx, input.id);
      if (open) throw open;
    },
  );
}
