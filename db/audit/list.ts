/** Reading the audit log: the whole log, newest first, or the history of one contact. */
import type { Kysely } from 'kysely';
import type { AuditEventDto } from '../../shared/dto/index';
import type { Database } from '../schema';
import { auditEventFields } from './fields';

export interface AuditListInput {
  limit: number;
  beforeSeq?: number;
  subjectId?: string;
}

/**
 * A contact's ids: its own and those of contacts merged into it (each merge logs a
 * `contact.merged_into` event about the kept contact), so its history includes what was
 * recorded about the duplicate before the merge.
 */
export async function subjectAliases(db: Kysely<Database>, contactId: string): Promise<string[]> {
  const ids = [contactId];
  for (let i = 0; i < ids.length; i++) {
    const merged = await db.selectFrom('audit_events').select('entity_id').where('subject_id', '=', ids[i]!).where('action', '=', 'contact.merged_into').execute();
    for (const m of merged) if (m.entity_id && !ids.includes(m.entity_id)) ids.push(m.entity_id);
  }
  return ids;
}

export async function listAudit(db: Kysely<Database>, input: AuditListInput): Promise<AuditEventDto[]> {
  let q = db.selectFrom('audit_events as a').leftJoin('staff as s', 's.id', 'a.staff_id').selectAll('a').select('s.name').orderBy('a.seq', 'desc').limit(input.limit);
  if (input.beforeSeq !== undefined) q = q.where('a.seq', '<', input.beforeSeq);
  if (input.subjectId !== undefined) q = q.where('a.subject_id', 'in', await subjectAliases(db, input.subjectId));
  const rows = await q.execute();
  return rows.map((r) => {
    // The chain's hashes belong to the verify command and the register export, not the screens.
    const { prevHash: _prevHash, hash: _hash, ...event } = auditEventFields(r);
    return { ...event, staffName: r.name };
  });
}
