/**
 * The rows a request is worked through with, read and made without touching the request
 * itself: its tasks (one per place that holds the person's data) and its attachments.
 * requests.ts (intake, the detail, the close) and the work's modules (tasks.ts, link.ts,
 * attachments.ts) both build on this one, so neither imports the other in a circle.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RequestAttachmentDto, RequestTaskDto } from '../../shared/dto/requests';
import { RegistreError } from '../../shared/errors';
import type { RequestType } from '../../shared/vocabulary';
import type { CallContext } from '../context';
import { sharingRecipients } from '../register/sharing';
import type { Database } from '../schema';

/** The requests whose changes the recipients must hear of (Art. 19). */
const NOTICE_TYPES: readonly RequestType[] = ['rectification', 'erasure', 'restriction'];

export const noticeOwed = (type: RequestType, kind: 'system' | 'partner'): boolean => kind === 'partner' && NOTICE_TYPES.includes(type);

/**
 * Adds one task per place that holds the person's data and has none on this request yet:
 * each system ticked for them in the processors register, each partner in the sharing log
 * (db/register/sharing.ts `sharingRecipients`), numbered on from the request's last task.
 * Returns the numbers given (none when every place has its task). Call inside the write's
 * transaction.
 */
export async function addPlaceTasks(ctx: CallContext, trx: Kysely<Database>, r: { id: string; type: RequestType }, contactId: string): Promise<number[]> {
  const places = await sharingRecipients(trx, contactId);
  const existing = await trx.selectFrom('request_tasks').select(['seq', 'kind', 'processor_id', 'partner']).where('request_id', '=', r.id).execute();
  const has = new Set(existing.map((t) => (t.kind === 'system' ? `system:${t.processor_id}` : `partner:${t.partner}`)));
  let seq = existing.reduce((max, t) => Math.max(max, t.seq), 0);
  const added: number[] = [];
  // Systems first, then partners: the order staff work through them.
  for (const place of [...places.filter((p) => p.kind === 'system'), ...places.filter((p) => p.kind === 'partner')]) {
    const key = place.kind === 'system' ? `system:${place.processorId}` : `partner:${place.name}`;
    if (has.has(key)) continue;
    has.add(key);
    seq += 1;
    await trx
      .insertInto('request_tasks')
      .values({
        id: randomUUID(),
        request_id: r.id,
        seq,
        kind: place.kind,
        processor_id: place.kind === 'system' ? place.processorId : null,
        partner: place.kind === 'partner' ? place.name : null,
        status: 'open',
        evidence: null,
        done_at: null,
        done_by: null,
        notice_due: noticeOwed(r.type, place.kind) ? 1 : 0,
        notice_sent_on: null,
        notice_confirmed_on: null,
        created_at: ctx.now.toISOString(),
      })
      .execute();
    added.push(seq);
  }
  return added;
}

export async function requestTasks(db: Kysely<Database>, requestId: string): Promise<RequestTaskDto[]> {
  const rows = await db
    .selectFrom('request_tasks as t')
    .leftJoin('processors as p', 'p.id', 't.processor_id')
    .leftJoin('staff as s', 's.id', 't.done_by')
    .selectAll('t')
    .select(['p.name as processor_name', 's.name as staff_name'])
    .where('t.request_id', '=', requestId)
    .orderBy('t.seq')
    .execute();
  return rows.map((t) => ({
    seq: t.seq,
    kind: t.kind,
    name: t.kind === 'system' ? (t.processor_name ?? '') : (t.partner ?? ''),
    processorId: t.processor_id,
    status: t.status,
    evidence: t.evidence,
    doneAt: t.done_at,
    doneBy: t.done_by ? { id: t.done_by, name: t.staff_name ?? '' } : null,
    noticeDue: t.notice_due === 1,
    noticeSentDate: t.notice_sent_on,
    noticeConfirmedDate: t.notice_confirmed_on,
  }));
}

export async function requestAttachments(db: Kysely<Database>, requestId: string): Promise<RequestAttachmentDto[]> {
  const rows = await db.selectFrom('request_attachments').select(['id', 'file_name', 'content_type', 'size', 'sha256', 'added_at']).where('request_id', '=', requestId).orderBy('seq').execute();
  return rows.map((a) => ({ id: a.id, fileName: a.file_name, contentType: a.content_type, size: a.size, sha256: a.sha256, addedAt: a.added_at }));
}

/**
 * Why the request cannot be completed yet, or null: a task still open, or an Art. 19
 * notice owed and not sent. The message names each by number and place.
 */
export async function openWorkRefusal(db: Kysely<Database>, requestId: string): Promise<RegistreError | null> {
  const tasks = await requestTasks(db, requestId);
  const open = tasks.filter((t) => t.status === 'open');
  const unsent = tasks.filter((t) => t.noticeDue && t.noticeSentDate === null);
  if (open.length === 0 && unsent.length === 0) return null;
  const named = (ts: RequestTaskDto[]) => ts.map((t) => `${t.seq} (${t.name})`).join(', ');
  const parts = [...(open.length ? [`task${open.length > 1 ? 's' : ''} still open: ${named(open)}`] : []), ...(unsent.length ? [`notice to the recipient not sent: ${named(unsent)}`] : [])];
  return new RegistreError('conflict', `The request cannot be completed yet — ${parts.join('; ')}.`, {
    reason: 'tasks_open',
    open: open.map((t) => t.seq),
    noticesUnsent: unsent.map((t) => t.seq),
  });
}
