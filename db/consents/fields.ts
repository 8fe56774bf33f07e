/**
 * The consent ledger's mapping of an event row to its fields, for the contact's page, the
 * review lists, the consents register export and the person's bundle alike (see
 * db/contacts/fields.ts for the rule). `occurredOn` is the calendar day the person
 * decided; who recorded it is a staff id, which each caller names its own way.
 */
import type { Selectable } from 'kysely';
import type { Database } from '../schema';

/** The order of entry (`entry_seq`) is the ledger's bookkeeping, not one of its fields. */
export function consentEventFields(r: Omit<Selectable<Database['consent_events']>, 'entry_seq'>) {
  return {
    id: r.id,
    contactId: r.contact_id,
    purposeId: r.purpose_id,
    action: r.action,
    lawfulBasis: r.lawful_basis,
    channel: r.channel,
    evidence: r.evidence,
    policyVersionId: r.policy_version_id,
    /** Dated before every archived version when entered: an earlier policy, whose text is not kept. */
    policyEarlier: r.policy_earlier === 1,
    occurredOn: r.occurred_at,
    recordedById: r.recorded_by,
    recordedAt: r.recorded_at,
  };
}
