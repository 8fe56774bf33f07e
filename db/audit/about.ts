/**
 * What an audit event is about, in words, looked up when the log is read: the log holds
 * ids and field names only (DESIGN §5), so a renamed contact shows its new name, and an
 * erased person is never named again. One query per kind of record per page, never one
 * per row.
 */
import type { Kysely, Selectable } from 'kysely';
import type { AuditAboutDto } from '../../shared/dto/index';
import type { Database } from '../schema';

type EventRow = Pick<Selectable<Database['audit_events']>, 'entity_type' | 'entity_id' | 'subject_id'>;
type Found = Pick<AuditAboutDto, 'name' | 'detail' | 'day'>;
type Lookup = (db: Kysely<Database>, ids: string[]) => Promise<Map<string, Found>>;

const byId = <R extends { id: string }>(rows: R[], found: (r: R) => Found) => new Map(rows.map((r) => [r.id, found(r)]));
const named = (name: string | null, detail: string | null = null, day: string | null = null): Found => ({ name, detail, day });

/** The kinds of record, other than contacts, that an event names by id, and how to find their names. */
const lookups: Record<string, Lookup> = {
  organisation: async (db, ids) => byId(await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute(), (r) => named(r.name)),
  project: async (db, ids) => byId(await db.selectFrom('projects').select(['id', 'name', 'start_date']).where('id', 'in', ids).execute(), (r) => named(r.name, null, r.start_date)),
  event: async (db, ids) => byId(await db.selectFrom('events').select(['id', 'name', 'start_date']).where('id', 'in', ids).execute(), (r) => named(r.name, null, r.start_date)),
  purpose: async (db, ids) => byId(await db.selectFrom('purposes').select(['id', 'code', 'name_en']).where('id', 'in', ids).execute(), (r) => named(r.name_en, r.code)),
  processor: async (db, ids) => byId(await db.selectFrom('processors').select(['id', 'name']).where('id', 'in', ids).execute(), (r) => named(r.name)),
  policy_version: async (db, ids) =>
    byId(await db.selectFrom('policy_versions').select(['id', 'version', 'language', 'effective_date']).where('id', 'in', ids).execute(), (r) =>
      named(String(r.version), r.language, r.effective_date),
    ),
  staff: async (db, ids) => byId(await db.selectFrom('staff').select(['id', 'name']).where('id', 'in', ids).execute(), (r) => named(r.name)),
  // A request is known by its type and day of receipt; the person's current name, when it has one.
  rights_request: async (db, ids) =>
    byId(
      await db
        .selectFrom('rights_requests as r')
        .leftJoin('contacts as c', 'c.id', 'r.contact_id')
        .select(['r.id', 'r.type', 'r.received_on', 'r.requester_name', 'c.full_name'])
        .where('r.id', 'in', ids)
        .execute(),
      (r) => named(r.full_name ?? r.requester_name, r.type, r.received_on),
    ),
  // A backup's id is its file name.
  backup: async (db, ids) => byId(await db.selectFrom('backups').select(['name as id', 'created_at']).where('name', 'in', ids).execute(), (r) => named(r.id, null, r.created_at.slice(0, 10))),
};

/** The record an event is about: the record it names when that has a name, else the person it concerns. */
function target(e: EventRow): { type: string; id: string } | null {
  if (e.entity_id && e.entity_type in lookups) return { type: e.entity_type, id: e.entity_id };
  if (e.subject_id) return { type: 'contact', id: e.subject_id };
  if (e.entity_type === 'contact' && e.entity_id) return { type: 'contact', id: e.entity_id };
  return null;
}

/** Contacts as they are today: named, anonymised (kept for statistics), merged into another, or erased. */
async function aboutContacts(db: Kysely<Database>, ids: string[]): Promise<Map<string, AuditAboutDto>> {
  const out = new Map<string, AuditAboutDto>();
  if (ids.length === 0) return out;
  const contact = (state: AuditAboutDto['state'], name: string | null, id: string | null): AuditAboutDto => ({ type: 'contact', state, name, detail: null, day: null, id });
  const rows = await db.selectFrom('contacts').select(['id', 'full_name']).where('id', 'in', ids).execute();
  const anonymised = new Set((await db.selectFrom('audit_events').select('subject_id').where('subject_id', 'in', ids).where('action', '=', 'contact.anonymised').execute()).map((r) => r.subject_id));
  for (const r of rows) out.set(r.id, anonymised.has(r.id) ? contact('anonymised', null, r.id) : contact('named', r.full_name, r.id));
  const missing = ids.filter((id) => !out.has(id));
  if (missing.length === 0) return out;
  // A duplicate merged away lives on in the contact it was merged into (possibly merged again since).
  const merges = await db.selectFrom('audit_events').select(['entity_id', 'subject_id']).where('action', '=', 'contact.merged_into').where('entity_id', 'in', missing).execute();
  const keptOf = new Map(merges.map((m) => [m.entity_id!, m.subject_id!]));
  const kept = await aboutContacts(
    db,
    [...new Set(keptOf.values())].filter((k) => !missing.includes(k)),
  );
  for (const id of missing) {
    const into = kept.get(keptOf.get(id) ?? '');
    // A contact gone for any other reason was erased: the ledger keeps pseudonyms only, and so do these words.
    out.set(id, into && into.state !== 'erased' ? { ...into, state: 'merged', name: into.state === 'named' ? into.name : null } : contact('erased', null, null));
  }
  return out;
}

/** The `about` of each row, in the rows' order. */
export async function aboutEvents(db: Kysely<Database>, rows: readonly EventRow[]): Promise<AuditAboutDto[]> {
  const targets = rows.map(target);
  const idsOf = (type: string) => [...new Set(targets.filter((t) => t?.type === type).map((t) => t!.id))];
  const contacts = await aboutContacts(db, idsOf('contact'));
  const found = new Map<string, Map<string, Found>>();
  for (const type of Object.keys(lookups)) {
    const ids = idsOf(type);
    if (ids.length > 0) found.set(type, await lookups[type]!(db, ids));
  }
  return rows.map((e, i) => {
    const t = targets[i];
    // A register export is about its register; other events without a record (settings, the vault, an import) about none.
    if (!t) return { type: e.entity_type, state: 'none', name: null, detail: null, day: null, id: null };
    if (t.type === 'contact') return contacts.get(t.id)!;
    const hit = found.get(t.type)?.get(t.id);
    return hit ? { type: t.type, state: 'named', ...hit, id: t.id } : { type: t.type, state: 'gone', name: null, detail: null, day: null, id: null };
  });
}
