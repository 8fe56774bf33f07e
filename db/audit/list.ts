/** Reading the audit log, newest first, by pages of seq: the whole log or what the filters keep. */
import type { ExpressionBuilder, Kysely } from 'kysely';
import { methods } from '../../shared/api/index';
import { auditActions, auditRecordTypes } from '../../shared/audit-vocabulary';
import type { AuditEventDto, AuditFilterOptionsDto } from '../../shared/dto/index';
import { registerTables } from '../../shared/vocabulary';
import type { Database } from '../schema';
import { aboutEvents } from './about';
import { auditEventFields } from './fields';
import { officeDayBounds } from './office-days';

/** The log's filters (shared/api/audit.ts auditFilters); an absent one keeps every event. */
export interface AuditFilters {
  subjectId?: string | undefined;
  staffId?: string | undefined;
  action?: readonly string[] | undefined;
  entityType?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface AuditListInput extends AuditFilters {
  limit: number;
  beforeSeq?: number | undefined;
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

/**
 * The seqs a day range spans: the first and last of its events, read from the `at` index
 * alone (no event is read). Events are numbered as they are written, so this narrows any
 * walk to the range; the times are still compared, since a clock set back can write an
 * earlier time after a later one.
 */
async function seqSpan(db: Kysely<Database>, days: { from: string | null; before: string | null }): Promise<{ lo: number; hi: number } | null> {
  const span = await db
    .selectFrom('audit_events')
    .select((eb) => [eb.fn.min('seq').as('lo'), eb.fn.max('seq').as('hi')])
    .$if(days.from !== null, (q) => q.where('at', '>=', days.from!))
    .$if(days.before !== null, (q) => q.where('at', '<', days.before!))
    .executeTakeFirstOrThrow();
  return span.lo === null || span.hi === null ? null : { lo: Number(span.lo), hi: Number(span.hi) };
}

/**
 * The events the filters keep, as `audit_events as a`: the screen, the CLI and the register
 * export read the same set. The planner has no statistics, so the query says which index
 * leads. A person's ids, the most selective filter there is, lead when given; the other
 * columns are then compared as expressions (`col || ''`), which no index serves, or the
 * planner may walk the action index through a third of the log to find a person's few
 * events (measured over 1M events: 5 s, 8 ms this way). Days become a seq range
 * (seqSpan), which every other index walks within; their times are compared the same way
 * (measured: a staff member's month took 0.8–3 s).
 */
export async function filteredAuditEvents(db: Kysely<Database>, f: AuditFilters) {
  const subjects = f.subjectId !== undefined ? await subjectAliases(db, f.subjectId) : null;
  const days = officeDayBounds(f);
  const dated = days.from !== null || days.before !== null;
  const span = dated ? await seqSpan(db, days) : null;
  type Eb = ExpressionBuilder<Database & { a: Database['audit_events'] }, 'a'>;
  const col = (eb: Eb, c: 'a.staff_id' | 'a.action' | 'a.entity_type') => (subjects ? eb(c, '||', '') : eb.ref(c));
  return (
    db
      .selectFrom('audit_events as a')
      .$if(subjects !== null, (q) => q.where('a.subject_id', 'in', subjects!))
      .$if(f.staffId !== undefined, (q) => q.where((eb) => eb(col(eb, 'a.staff_id'), '=', f.staffId!)))
      .$if(f.action !== undefined, (q) => q.where((eb) => eb(col(eb, 'a.action'), 'in', [...f.action!])))
      .$if(f.entityType !== undefined, (q) => q.where((eb) => eb(col(eb, 'a.entity_type'), '=', f.entityType!)))
      // No event in the days: a range that holds none.
      .$if(dated, (q) => q.where('a.seq', '>=', span?.lo ?? 1).where('a.seq', '<=', span?.hi ?? 0))
      .$if(days.from !== null, (q) => q.where((eb) => eb(eb('a.at', '||', ''), '>=', days.from!)))
      .$if(days.before !== null, (q) => q.where((eb) => eb(eb('a.at', '||', ''), '<', days.before!)))
  );
}

/** One page of events, newest first, with the staff member's name. */
async function pageOf(db: Kysely<Database>, input: AuditListInput) {
  return (await filteredAuditEvents(db, input))
    .leftJoin('staff as s', 's.id', 'a.staff_id')
    .selectAll('a')
    .select('s.name')
    .$if(input.beforeSeq !== undefined, (q) => q.where('a.seq', '<', input.beforeSeq!))
    .orderBy('a.seq', 'desc')
    .limit(input.limit)
    .execute();
}

/**
 * Several actions: one page per action, each a walk down its own index, merged newest
 * first. A single `action IN (…)` makes the planner gather and sort every event of those
 * actions (measured: 5 s for two common actions over 1M events).
 */
async function rowsOf(db: Kysely<Database>, input: AuditListInput) {
  if (!input.action || input.action.length < 2 || input.subjectId !== undefined) return pageOf(db, input);
  const pages = await Promise.all(input.action.map((a) => pageOf(db, { ...input, action: [a] })));
  return pages
    .flat()
    .sort((x, y) => y.seq - x.seq)
    .slice(0, input.limit);
}

export async function listAudit(db: Kysely<Database>, input: AuditListInput): Promise<AuditEventDto[]> {
  const rows = await rowsOf(db, input);
  const about = await aboutEvents(db, rows);
  return rows.map((r, i) => {
    // The chain's hashes belong to the verify command and the register export, not the screens.
    const { prevHash: _prevHash, hash: _hash, ...event } = auditEventFields(r);
    return { ...event, staffName: r.name, about: about[i]! };
  });
}

/**
 * Which of these codes the log holds, one index probe each: a DISTINCT over the column
 * reads every event of the log (measured: 250 ms p50 over 1M events). Codes a newer
 * Registre wrote are left out; this version has no words for them anyway.
 */
async function presentCodes(db: Kysely<Database>, column: 'action' | 'entity_type', codes: readonly string[]): Promise<string[]> {
  const found = await Promise.all(codes.map((c) => db.selectFrom('audit_events').select(column).where(column, '=', c).limit(1).executeTakeFirst()));
  return codes.filter((_, i) => found[i] !== undefined).sort();
}

/** The filter selects' choices: every staff member who ever was, and the codes the log holds. */
export async function auditFilterOptions(db: Kysely<Database>): Promise<AuditFilterOptionsDto> {
  const staff = await db.selectFrom('staff').select(['id', 'name', 'removed_at']).orderBy('name').execute();
  return {
    staff: staff.map((s) => ({ id: s.id, name: s.name, removed: s.removed_at !== null })),
    actions: await presentCodes(db, 'action', auditActions),
    entityTypes: await presentCodes(db, 'entity_type', [...new Set<string>([...auditRecordTypes, ...methods, ...registerTables])]),
  };
}
