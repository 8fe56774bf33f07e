/**
 * An audit event row's fields, for the audit screen, the person's history, the audit
 * register export and the bundle alike (see db/contacts/fields.ts for the rule). The
 * audited field names are stored as JSON text; the chain check (chain.ts) hashes that
 * text as stored and so reads rows, not these fields.
 */
import type { Selectable } from 'kysely';
import type { Database } from '../schema';

export function auditEventFields(r: Selectable<Database['audit_events']>) {
  return {
    seq: r.seq,
    at: r.at,
    staffId: r.staff_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    subjectId: r.subject_id,
    fields: JSON.parse(r.fields) as string[],
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
