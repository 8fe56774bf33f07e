/**
 * Rights requests (DESIGN §5): the one mapping of a row to its fields, which the register
 * export and the person's bundle both start from.
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
    channel: r.channel,
    requesterName: r.requester_name,
    requesterEmail: r.requester_email,
    requestText: r.request_text,
    isTest: r.is_test === 1,
    receivedOn: r.received_on,
    clockStartedOn: r.clock_started_on,
    dueOn: r.due_on,
    pausedOn: r.paused_on,
    identityCheckedOn: r.identity_checked_on,
    identityMethod: r.identity_method,
    identitySeen: r.identity_seen,
    extensionMonths: r.extension_months,
    extendedDueOn: r.extended_due_on,
    extensionReason: r.extension_reason,
    closedOn: r.closed_on,
    outcome: r.outcome,
    refusalReason: r.refusal_reason,
    refusalText: r.refusal_text,
    outcomeNote: r.outcome_note,
    notes: r.notes,
    createdById: r.created_by,
    createdAt: r.created_at,
  };
}
