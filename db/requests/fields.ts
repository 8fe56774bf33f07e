/**
 * Rights requests (DESIGN §5). Their screens and deadlines come with the requests issue;
 * exports already carry the table, through this one mapping of a row to its fields.
 */
import type { Selectable } from 'kysely';
import type { Database } from '../schema';

type RequestRow = Selectable<Database['rights_requests']>;

/**
 * A request's fields, as the register export writes them; the person's bundle leaves out
 * the bookkeeping (who entered it, when, and the day the clock restarted).
 */
export function requestFields(r: RequestRow) {
  return {
    id: r.id,
    contactId: r.contact_id,
    type: r.type,
    status: r.status,
    requesterName: r.requester_name,
    receivedOn: r.received_on,
    clockStartedOn: r.clock_started_on,
    dueOn: r.due_on,
    extendedDueOn: r.extended_due_on,
    extensionReason: r.extension_reason,
    closedOn: r.closed_on,
    refusalReason: r.refusal_reason,
    notes: r.notes,
    createdById: r.created_by,
    createdAt: r.created_at,
  };
}
