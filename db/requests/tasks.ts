/**
 * A request's tasks (DESIGN §5): one per place that holds the person's data, each ticked
 * off with its evidence ("searched, nothing found" is evidence too), and for a
 * rectification, erasure or restriction the Art. 19 notice to each partner the data was
 * shared with, sent and then confirmed. Each write is one transaction with one timeline
 * event and its audit event (task numbers and dates only), or changes nothing.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { RequestDetailDto } from '../../shared/dto/requests';
import { RegistreError } from '../../shared/errors';
import { today, type CallContext } from '../context';
import type { Database } from '../schema';
import { loadOpenRow, loadRow, notAfterToday, notBefore, record, requestDetail } from './requests';
import { addPlaceTasks } from './work-rows';

type TaskRow = Selectable<Database['request_tasks']>;

async function loadTask(db: Kysely<Database>, requestId: string, seq: number): Promise<TaskRow> {
  const t = await db.selectFrom('request_tasks').selectAll().where('request_id', '=', requestId).where('seq', '=', seq).executeTakeFirst();
  if (!t) throw new RegistreError('not_found', `This request has no task ${seq} (see its tasks with registre requests show).`, { reason: 'task_absent', task: seq });
  return t;
}

function noticeDue(t: TaskRow): void {
  if (t.notice_due !== 1) {
    throw new RegistreError('invalid_input', `No notice is owed for task ${t.seq}: only the partners the data was shared with hear of a rectification, erasure or restriction.`, {
      reason: 'notice_not_due',
      task: t.seq,
    });
  }
}

/** Adds the tasks of the places ticked for the person since; changes nothing when every place has its task. */
export async function refreshTasks(ctx: CallContext, id: string): Promise<RequestDetailDto> {
  return ctx.tx(async (trx, audit) => {
    const r = await loadOpenRow(trx, id);
    if (!r.contact_id) throw new RegistreError('conflict', 'Link the request to a contact first: its tasks come from what the register holds about them.', { reason: 'request_unlinked' });
    const added = await addPlaceTasks(ctx, trx, r, r.contact_id);
    if (added.length > 0) {
      await record(ctx, trx, audit, r, { kind: 'tasks_added', from: r.status, to: r.status, detail: { tasks: added.length, first: added[0]!, last: added.at(-1)! }, fields: ['tasks'] });
    }
    return requestDetail(trx, id, today(ctx));
  });
}

export async function taskDone(ctx: CallContext, input: ParsedInput<'requests.taskDone'>): Promise<RequestDetailDto> {
  return ctx.tx(async (trx, audit) => {
    const r = await loadOpenRow(trx, input.id);
    const t = await loadTask(trx, r.id, input.task);
    if (t.status !== 'open') {
      throw new RegistreError('conflict', `Task ${t.seq} was already ticked off on ${t.done_at?.slice(0, 10)}.`, { reason: 'task_done_already', task: t.seq });
    }
    const status = input.nothingFound ? 'nothing_found' : 'done';
    await trx
      .updateTable('request_tasks')
      .set({ status, evidence: input.evidence, done_at: ctx.now.toISOString(), done_by: ctx.session?.staff.id ?? null })
      .where('id', '=', t.id)
      .execute();
    await record(ctx, trx, audit, r, { kind: 'task_done', from: r.status, to: r.status, detail: { task: t.seq, status }, fields: ['task.status', 'task.evidence'] });
    return requestDetail(trx, r.id, today(ctx));
  });
}

export async function noticeSent(ctx: CallContext, input: ParsedInput<'requests.noticeSent'>): Promise<RequestDetailDto> {
  notAfterToday(ctx, input.sentOn, 'sentOn');
  return ctx.tx(async (trx, audit) => {
    const r = await loadOpenRow(trx, input.id);
    const t = await loadTask(trx, r.id, input.task);
    noticeDue(t);
    if (t.notice_sent_on !== null) {
      throw new RegistreError('conflict', `The notice of task ${t.seq} was already recorded as sent on ${t.notice_sent_on}.`, { reason: 'notice_already_recorded', task: t.seq });
    }
    notBefore(input.sentOn, r.received_on, 'the day the request was received', 'sentOn');
    await trx.updateTable('request_tasks').set({ notice_sent_on: input.sentOn }).where('id', '=', t.id).execute();
    await record(ctx, trx, audit, r, { kind: 'notice_sent', from: r.status, to: r.status, detail: { task: t.seq, sentOn: input.sentOn }, fields: ['task.noticeSentOn'] });
    return requestDetail(trx, r.id, today(ctx));
  });
}

/** The recipient's confirmation may come back after the request is closed: it is recorded then too. */
export async function noticeConfirmed(ctx: CallContext, input: ParsedInput<'requests.noticeConfirmed'>): Promise<RequestDetailDto> {
  notAfterToday(ctx, input.confirmedOn, 'confirmedOn');
  return ctx.tx(async (trx, audit) => {
    const r = await loadRow(trx, input.id);
    const t = await loadTask(trx, r.id, input.task);
    noticeDue(t);
    if (t.notice_sent_on === null) {
      throw new RegistreError('conflict', `Record the day the notice of task ${t.seq} was sent first.`, { reason: 'notice_not_sent', task: t.seq });
    }
    if (t.notice_confirmed_on !== null) {
      throw new RegistreError('conflict', `The notice of task ${t.seq} was already recorded as confirmed on ${t.notice_confirmed_on}.`, { reason: 'notice_already_recorded', task: t.seq });
    }
    notBefore(input.confirmedOn, t.notice_sent_on, 'the day the notice was sent', 'confirmedOn');
    await trx.updateTable('request_tasks').set({ notice_confirmed_on: input.confirmedOn }).where('id', '=', t.id).execute();
    await record(ctx, trx, audit, r, {
      kind: 'notice_confirmed',
      from: r.status,
      to: r.status,
      detail: { task: t.seq, confirmedOn: input.confirmedOn },
      fields: ['task.noticeConfirmedOn'],
    });
    return requestDetail(trx, r.id, today(ctx));
  });
}
