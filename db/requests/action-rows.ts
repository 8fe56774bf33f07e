/**
 * The two things every action carried out under a request shares (issue 13): the check
 * that the request may be carried out so (it exists, is still open, asks for this, and is
 * about this person), and its record: one request_actions row and one `carried_out` step on
 * the timeline (ids and codes only; the audit event names fields, never values), in the
 * transaction of the action itself. The bundle (db/export/bundle.ts) and the erasure
 * (db/erasure/erase.ts) use it as the request page's own actions do (actions.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { RegistreError } from '../../shared/errors';
import { isClosed } from '../../shared/rules/request-states';
import type { RequestActionKind, RequestType } from '../../shared/vocabulary';
import type { AuditInput, CallContext } from '../context';
import type { Database } from '../schema';
import { loadRow, record } from './requests';

export type CarriedRequest = Awaited<ReturnType<typeof loadRow>> & { contact_id: string };

/**
 * The request `id`, refused unless it is open, of one of `types`, and linked to a contact
 * (to `contactId` when given). `open: false` admits a closed request (lifting a
 * restriction outlasts the reply that confirmed it).
 */
export async function requestToCarryOut(db: Kysely<Database>, id: string, types: readonly RequestType[], opts: { contactId?: string; open?: boolean } = {}): Promise<CarriedRequest> {
  const r = await loadRow(db, id);
  if (opts.open !== false && isClosed(r.status)) {
    throw new RegistreError('conflict', `This request is already ${r.status} (on ${r.closed_on}): nothing more is carried out under it.`, { reason: 'request_closed', state: r.status });
  }
  if (!types.includes(r.type)) {
    throw new RegistreError('conflict', `This is ${article(r.type)} ${words(r.type)} request; this action carries out ${types.map((t) => `${article(t)} ${words(t)} request`).join(' or ')}.`, {
      reason: 'request_type_mismatch',
      type: r.type,
      expected: [...types],
    });
  }
  if (r.contact_id === null) throw new RegistreError('conflict', 'This request is not linked to a contact yet: link it to the person first.', { reason: 'request_unlinked' });
  if (opts.contactId !== undefined && r.contact_id !== opts.contactId) {
    throw new RegistreError('conflict', 'This request is about another person than the one named.', { reason: 'request_other_contact' });
  }
  return r as CarriedRequest;
}

const words = (t: RequestType) => t.replace('_', ' ');
const article = (t: RequestType) => (/^[aeio]/.test(t) ? 'an' : 'a');

/**
 * Appends the action's row (its `detail` may hold the person's values: a rectification's
 * before and after) and its `carried_out` step, whose detail and audit fields are ids and
 * codes only. Returns the action's id.
 */
export async function recordAction(
  ctx: CallContext,
  trx: Kysely<Database>,
  audit: (e: AuditInput) => Promise<void>,
  r: { id: string; contact_id: string | null; status: Parameters<typeof record>[4]['to'] },
  action: RequestActionKind,
  detail: object,
  step: { detail?: Record<string, string | number>; fields?: string[] } = {},
): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('request_actions')
    .values({ id, request_id: r.id, action, detail: JSON.stringify(detail), done_at: ctx.now.toISOString(), done_by: ctx.session?.staff.id ?? null })
    .execute();
  await record(ctx, trx, audit, r, { kind: 'carried_out', from: r.status, to: r.status, detail: { action, actionId: id, ...step.detail }, fields: ['action', ...(step.fields ?? [])] });
  return id;
}
