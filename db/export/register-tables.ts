/**
 * What each register export holds (issue 5): per table, its columns (camelCase, in a
 * fixed order, the same for CSV and JSON), the count of the rows its filters select, and a
 * page reader walking those rows by keyset (`key > last ORDER BY key LIMIT n`), so an
 * export never holds more than a page in memory.
 *
 * Order: contacts in the register's order (register-contacts.ts), the audit log in chain
 * order, every other table by its primary key. Sensitive extras are never part of a
 * register. Lists (e-mails, phones, data categories, audited field names) are arrays in
 * JSON and joined with "; " in CSV.
 */
import type { RegisterTable } from '../../shared/vocabulary';
import { requestFields } from '../requests/fields';
import type { Kysely, Selectable } from 'kysely';
import type { RegisterFilters } from '../../shared/api/exports';
import { RegistreError } from '../../shared/errors';
import { formatIsoDate, parseIsoDate, type CalendarDate } from '../../shared/rules/dates';
import { auditEventFields } from '../audit/fields';
import { filteredAuditEvents } from '../audit/list';
import { consentEventFields } from '../consents/fields';
import { eventFields, organisationFields, participationFields } from '../contacts/fields';
import { photoPreferenceFields } from '../photos/fields';
import { processorFields, sharingFields } from '../register/fields';
import { nameContains } from '../vault/sqlite-sql';
import { partnerName } from '../register/sharing';
import type { Database } from '../schema';
import { contactsRegister } from './register-contacts';
import { columnsOf, lastOf, type RegisterSpec } from './register-spec';

type Row<T extends keyof Database> = Selectable<Database[T]>;

const n = (v: unknown): number => Number(v ?? 0);
const countOf = async (q: { executeTakeFirstOrThrow(): Promise<{ n: unknown }> }): Promise<number> => n((await q.executeTakeFirstOrThrow()).n);

/** A filter's calendar days, checked: real dates only. */
function filterDays(f: { from?: string | undefined; to?: string | undefined }): { from: CalendarDate | null; to: CalendarDate | null } {
  const check = (day: string, field: string) => {
    const d = parseIsoDate(day);
    if (!d) throw new RegistreError('invalid_input', `${day} is not a real date.`, { reason: 'date_invalid', field });
    return d;
  };
  return { from: f.from ? check(f.from, 'from') : null, to: f.to ? check(f.to, 'to') : null };
}

/**
 * Bounds for a column of calendar days (YYYY-MM-DD text): from `from` itself to before the
 * day after `to`, so both ends are inclusive.
 */
function dayBounds(f: { from?: string | undefined; to?: string | undefined }): { from: string | null; before: string | null } {
  const days = filterDays(f);
  const to = days.to;
  return {
    from: days.from ? formatIsoDate(days.from) : null,
    before: to ? new Date(Date.UTC(to.year, to.month - 1, to.day + 1)).toISOString().slice(0, 10) : null,
  };
}

const organisations: RegisterSpec<'organisations'> = {
  columns: columnsOf(organisationFields, ['id', 'name', 'type', 'country', 'legalName', 'vatNumber', 'billingAddress', 'billingEmail', 'createdAt', 'updatedAt', 'archivedAt']),
  count: (db, f) => countOf(filteredOrganisations(db, f).select((eb) => eb.fn.countAll().as('n'))),
  async page(db, f, after, limit) {
    const rows = await filteredOrganisations(db, f)
      .selectAll('o')
      .$if(after !== null, (q) => q.where('o.id', '>', String(after)))
      .orderBy('o.id')
      .limit(limit)
      .execute();
    return {
      last: lastOf(rows, (r) => r.id),
      rows: rows.map(organisationFields),
    };
  },
};
const filteredOrganisations = (db: Kysely<Database>, f: RegisterFilters<'organisations'>) => {
  const typed = f.query?.trim();
  return db.selectFrom('organisations as o').$if(!!typed, (q) => q.where(nameContains('o.name', typed!)));
};

const eventRow = (r: Row<'events'> & { project_name: string | null; participants: unknown }) => ({ ...eventFields(r), projectName: r.project_name, participants: n(r.participants) });

const events: RegisterSpec<'events'> = {
  columns: columnsOf(eventRow, ['id', 'name', 'type', 'startDate', 'endDate', 'location', 'organiser', 'projectId', 'projectName', 'participants', 'createdAt']),
  count: (db, f) => countOf(filteredEvents(db, f).select((eb) => eb.fn.countAll().as('n'))),
  async page(db, f, after, limit) {
    const rows = await filteredEvents(db, f)
      .leftJoin('projects as j', 'j.id', 'e.project_id')
      .selectAll('e')
      .select('j.name as project_name')
      .select((eb) =>
        eb
          .selectFrom('participations as p')
          .select((p) => p.fn.countAll().as('n'))
          .whereRef('p.event_id', '=', 'e.id')
          .as('participants'),
      )
      .$if(after !== null, (q) => q.where('e.id', '>', String(after)))
      .orderBy('e.id')
      .limit(limit)
      .execute();
    return {
      last: lastOf(rows, (r) => r.id),
      rows: rows.map(eventRow),
    };
  },
};
const filteredEvents = (db: Kysely<Database>, f: RegisterFilters<'events'>) => {
  const typed = f.query?.trim();
  return db.selectFrom('events as e').$if(!!typed, (q) => q.where(nameContains('e.name', typed!)));
};

const participationRow = (r: Row<'participations'> & { full_name: string; event_name: string | null; project_name: string | null }) => ({
  ...participationFields(r),
  contactName: r.full_name,
  eventName: r.event_name,
  projectName: r.project_name,
});

const participations: RegisterSpec<'participations'> = {
  columns: columnsOf(participationRow, ['id', 'contactId', 'contactName', 'eventId', 'eventName', 'projectId', 'projectName', 'role', 'travelBooked', 'participatedOn', 'createdAt']),
  count: (db, f) => countOf(filteredParticipations(db, f).select((eb) => eb.fn.countAll().as('n'))),
  async page(db, f, after, limit) {
    const rows = await filteredParticipations(db, f)
      .innerJoin('contacts as c', 'c.id', 'p.contact_id')
      .leftJoin('events as e', 'e.id', 'p.event_id')
      .leftJoin('projects as j', 'j.id', 'p.project_id')
      .selectAll('p')
      .select(['c.full_name', 'e.name as event_name', 'j.name as project_name'])
      .$if(after !== null, (q) => q.where('p.id', '>', String(after)))
      .orderBy('p.id')
      .limit(limit)
      .execute();
    return {
      last: lastOf(rows, (r) => r.id),
      rows: rows.map(participationRow),
    };
  },
};
const filteredParticipations = (db: Kysely<Database>, f: RegisterFilters<'participations'>) =>
  db
    .selectFrom('participations as p')
    .$if(!!f.eventId, (q) => q.where('p.event_id', '=', f.eventId!))
    .$if(!!f.projectId, (q) => q.where('p.project_id', '=', f.projectId!))
    .$if(!!f.contactId, (q) => q.where('p.contact_id', '=', f.contactId!));

/**
 * The register's names: the day is `occurredAt`, the staff member `recordedById` and
 * `recordedBy` (their name); purposes and policies by code and number. Field by field, not
 * by rest and spread: those cost a third of a million-event export.
 */
const consentRow = (r: Row<'consent_events'> & { full_name: string; code: string; version: number | null; language: string | null; staff_name: string | null }) => {
  const e = consentEventFields(r);
  return {
    id: e.id,
    contactId: e.contactId,
    contactName: r.full_name,
    purposeCode: r.code,
    action: e.action,
    lawfulBasis: e.lawfulBasis,
    channel: e.channel,
    evidence: e.evidence,
    policyVersion: r.version,
    policyLanguage: r.language,
    policyEarlier: e.policyEarlier,
    occurredAt: e.occurredOn,
    recordedById: e.recordedById,
    recordedBy: r.staff_name,
    recordedAt: e.recordedAt,
  };
};

const consents: RegisterSpec<'consents'> = {
  columns: columnsOf(consentRow, [
    'id',
    'contactId',
    'contactName',
    'purposeCode',
    'action',
    'lawfulBasis',
    'channel',
    'evidence',
    'policyVersion',
    'policyLanguage',
    'policyEarlier',
    'occurredAt',
    'recordedById',
    'recordedBy',
    'recordedAt',
  ]),
  count: (db, f) => countOf(filteredConsents(db, f).select((eb) => eb.fn.countAll().as('n'))),
  async page(db, f, after, limit) {
    const rows = await filteredConsents(db, f)
      .innerJoin('contacts as c', 'c.id', 'k.contact_id')
      .innerJoin('purposes as u', 'u.id', 'k.purpose_id')
      .leftJoin('policy_versions as v', 'v.id', 'k.policy_version_id')
      .leftJoin('staff as s', 's.id', 'k.recorded_by')
      .selectAll('k')
      .select(['c.full_name', 'u.code', 'v.version', 'v.language', 's.name as staff_name'])
      .$if(after !== null, (q) => q.where('k.entry_seq', '>', Number(after)))
      // In the order of entry, the ledger's own: the table's rowid, read front to back (by
      // id, each event was a lookup on a random page: 4.9 s of a million-event export).
      .orderBy('k.entry_seq')
      .limit(limit)
      .execute();
    return {
      last: lastOf(rows, (r) => r.entry_seq),
      rows: rows.map(consentRow),
    };
  },
};
/** occurred_at is the calendar day the person gave or withdrew consent (consents.record's occurredOn). */
const filteredConsents = (db: Kysely<Database>, f: RegisterFilters<'consents'>) => {
  const days = dayBounds(f);
  return db
    .selectFrom('consent_events as k')
    .$if(!!f.purposeId, (q) => q.where('k.purpose_id', '=', f.purposeId!))
    .$if(!!f.contactId, (q) => q.where('k.contact_id', '=', f.contactId!))
    .$if(days.from !== null, (q) => q.where('k.occurred_at', '>=', days.from!))
    .$if(days.before !== null, (q) => q.where('k.occurred_at', '<', days.before!));
};

const preferenceRow = (r: Row<'photo_optouts'> & { full_name: string; event_name: string | null; staff_name: string | null }) => ({
  ...photoPreferenceFields(r),
  contactName: r.full_name,
  eventName: r.event_name,
  recordedBy: r.staff_name,
});

const photoPreferences: RegisterSpec<'photoPreferences'> = {
  columns: columnsOf(preferenceRow, ['id', 'contactId', 'contactName', 'eventId', 'eventName', 'state', 'channel', 'decidedOn', 'recordedById', 'recordedBy', 'recordedAt', 'withdrawnAt']),
  count: (db, f) => countOf(filteredPreferences(db, f).select((eb) => eb.fn.countAll().as('n'))),
  async page(db, f, after, limit) {
    const rows = await filteredPreferences(db, f)
      .innerJoin('contacts as c', 'c.id', 'o.contact_id')
      .leftJoin('events as e', 'e.id', 'o.event_id')
      .leftJoin('staff as s', 's.id', 'o.recorded_by')
      .selectAll('o')
      .select(['c.full_name', 'e.name as event_name', 's.name as staff_name'])
      .$if(after !== null, (q) => q.where('o.id', '>', String(after)))
      .orderBy('o.id')
      .limit(limit)
      .execute();
    return {
      last: lastOf(rows, (r) => r.id),
      rows: rows.map(preferenceRow),
    };
  },
};
const filteredPreferences = (db: Kysely<Database>, f: RegisterFilters<'photoPreferences'>) =>
  db
    .selectFrom('photo_optouts as o')
    .$if(!!f.eventId, (q) => q.where('o.event_id', '=', f.eventId!))
    .$if(!!f.contactId, (q) => q.where('o.contact_id', '=', f.contactId!));

/** `purposes`: the codes of the purposes that use it; `contacts`: how many people it holds data of. */
const processorRow = (r: Row<'processors'> & { contact_count: unknown }, purposes: string[]) => ({ ...processorFields(r), purposes, contacts: n(r.contact_count) });

const processors: RegisterSpec<'processors'> = {
  columns: columnsOf(processorRow, [
    'id',
    'name',
    'kind',
    'role',
    'country',
    'transferSafeguard',
    'dpaStatus',
    'dpaSignedOn',
    'dataCategories',
    'policyUrl',
    'notes',
    'purposes',
    'contacts',
    'createdAt',
  ]),
  count: (db) => countOf(db.selectFrom('processors').select((eb) => eb.fn.countAll().as('n'))),
  async page(db, _f, after, limit) {
    const rows = await db
      .selectFrom('processors as p')
      .selectAll('p')
      .select((eb) => eb.selectFrom('contact_processors as cp').whereRef('cp.processor_id', '=', 'p.id').select(eb.fn.countAll().as('n')).as('contact_count'))
      .$if(after !== null, (q) => q.where('p.id', '>', String(after)))
      .orderBy('p.id')
      .limit(limit)
      .execute();
    const links = rows.length
      ? await db
          .selectFrom('purpose_processors as pp')
          .innerJoin('purposes as u', 'u.id', 'pp.purpose_id')
          .select(['pp.processor_id', 'u.code'])
          .where(
            'pp.processor_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('u.position')
          .orderBy('u.code')
          .execute()
      : [];
    const purposesOf = new Map<string, string[]>();
    for (const l of links) purposesOf.set(l.processor_id, [...(purposesOf.get(l.processor_id) ?? []), l.code]);
    return {
      last: lastOf(rows, (r) => r.id),
      rows: rows.map((r) => processorRow(r, purposesOf.get(r.id) ?? [])),
    };
  },
};

const sharingRow = (r: Row<'partner_sharing'> & { full_name: string; staff_name: string | null }) => ({ ...sharingFields(r), contactName: r.full_name, recordedBy: r.staff_name });

const sharing: RegisterSpec<'sharing'> = {
  columns: columnsOf(sharingRow, ['id', 'contactId', 'contactName', 'partner', 'mouReference', 'jointActivity', 'dataCategories', 'sharedOn', 'recordedById', 'recordedBy', 'recordedAt']),
  count: (db, f) => countOf(filteredSharing(db, f).select((eb) => eb.fn.countAll().as('n'))),
  async page(db, f, after, limit) {
    const rows = await filteredSharing(db, f)
      .innerJoin('contacts as c', 'c.id', 's.contact_id')
      .leftJoin('staff as st', 'st.id', 's.recorded_by')
      .selectAll('s')
      .select(['c.full_name', 'st.name as staff_name'])
      .$if(after !== null, (q) => q.where('s.id', '>', String(after)))
      .orderBy('s.id')
      .limit(limit)
      .execute();
    return {
      last: lastOf(rows, (r) => r.id),
      rows: rows.map(sharingRow),
    };
  },
};
/** The partner filter as sharing.list reads it: the policy's spelling of a partner it names. */
const filteredSharing = (db: Kysely<Database>, f: RegisterFilters<'sharing'>) =>
  db
    .selectFrom('partner_sharing as s')
    .$if(!!f.contactId, (q) => q.where('s.contact_id', '=', f.contactId!))
    .$if(!!f.partner, (q) => q.where('s.partner', '=', partnerName(f.partner!)));

const requestRow = (r: Row<'rights_requests'> & { staff_name: string | null }) => ({ ...requestFields(r), createdBy: r.staff_name });

const requests: RegisterSpec<'requests'> = {
  columns: columnsOf(requestRow, [
    'id',
    'contactId',
    'requesterName',
    'requesterEmail',
    'type',
    'status',
    'channel',
    'requestText',
    'isTest',
    'receivedOn',
    'clockStartedOn',
    'dueOn',
    'pausedOn',
    'identityCheckedOn',
    'identityMethod',
    'identitySeen',
    'extensionMonths',
    'extendedDueOn',
    'extensionReason',
    'closedOn',
    'outcome',
    'refusalReason',
    'refusalText',
    'outcomeNote',
    'notes',
    'createdById',
    'createdBy',
    'createdAt',
  ]),
  count: (db, f) => countOf(filteredRequests(db, f).select((eb) => eb.fn.countAll().as('n'))),
  async page(db, f, after, limit) {
    const rows = await filteredRequests(db, f)
      .leftJoin('staff as s', 's.id', 'r.created_by')
      .selectAll('r')
      .select('s.name as staff_name')
      .$if(after !== null, (q) => q.where('r.id', '>', String(after)))
      .orderBy('r.id')
      .limit(limit)
      .execute();
    return {
      last: lastOf(rows, (r) => r.id),
      rows: rows.map(requestRow),
    };
  },
};
const filteredRequests = (db: Kysely<Database>, f: RegisterFilters<'requests'>) =>
  db
    .selectFrom('rights_requests as r')
    .$if(!!f.status, (q) => q.where('r.status', '=', f.status!))
    .$if(!!f.contactId, (q) => q.where('r.contact_id', '=', f.contactId!));

const auditRow = (r: Row<'audit_events'> & { staff_name: string | null }) => ({ ...auditEventFields(r), staffName: r.staff_name });

const audit: RegisterSpec<'audit'> = {
  columns: columnsOf(auditRow, ['seq', 'at', 'staffId', 'staffName', 'action', 'entityType', 'entityId', 'subjectId', 'fields', 'prevHash', 'hash']),
  count: async (db, f) => countOf((await filteredAuditEvents(db, f)).select((eb) => eb.fn.countAll().as('n'))),
  async page(db, f, after, limit) {
    const rows = await (
      await filteredAuditEvents(db, f)
    )
      .leftJoin('staff as s', 's.id', 'a.staff_id')
      .selectAll('a')
      .select('s.name as staff_name')
      .$if(after !== null, (q) => q.where('a.seq', '>', Number(after)))
      .orderBy('a.seq')
      .limit(limit)
      .execute();
    return {
      last: lastOf(rows, (r) => r.seq),
      rows: rows.map(auditRow),
    };
  },
};
export const registerSpecs: { [T in RegisterTable]: RegisterSpec<T> } = {
  contacts: contactsRegister,
  organisations,
  events,
  participations,
  consents,
  photoPreferences,
  processors,
  sharing,
  requests,
  audit,
};
