/**
 * The contacts register as an export: the rows `contacts.search` shows for the same
 * filters, in the same order. Without a typed query it selects with the list's own
 * filters (db/contacts/contacts.ts contactFilters); with one it walks the search index
 * (db/contacts/search.ts matching), which gives each match's place in the register's order,
 * so both cases page by that place. Unlike the screen, the export counts every match
 * (the screen stops counting at 1,000).
 */
import type { Kysely } from 'kysely';
import type { RegisterFilters } from '../../shared/api/exports';
import { contactFilters } from '../contacts/contacts';
import type { Database } from '../schema';
import { matchQuery, matching } from '../contacts/search';
import { contactEmailFields, contactFields } from '../contacts/fields';
import { columnsOf, lastOf, type RegisterSpec } from './register-spec';

/** The index query for what was typed; null when nothing was typed, false when only punctuation was (nothing matches). */
function typedMatch(f: RegisterFilters<'contacts'>): string | null | false {
  if (!f.query) return null;
  return matchQuery(f.query) ?? false;
}

/** The columns the export writes (not the search's sort name), with the organisation's name. */
const withOrganisation = (db: Kysely<Database>) =>
  db
    .selectFrom('contacts as c')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select([
      'c.id',
      'c.full_name',
      'c.job_title',
      'c.gender',
      'c.organisation_id',
      'c.country',
      'c.language',
      'c.notes',
      'c.created_at',
      'c.updated_at',
      'c.archived_at',
      'c.sort_rank',
      'o.name as org_name',
    ]);

/**
 * The selected contacts after the register place `after`, in order. Without a query one
 * walk of the place index reads them; with one, the index search gives the places first.
 */
async function contactsAfter(db: Kysely<Database>, f: RegisterFilters<'contacts'>, match: string | null, after: number | null, limit: number) {
  if (!match) {
    return withOrganisation(db)
      .where(contactFilters(f))
      .where('c.sort_rank', 'is not', null)
      .$if(after !== null, (q) => q.where('c.sort_rank', '>', after!))
      .orderBy('c.sort_rank')
      .limit(limit)
      .execute();
  }
  const places = (await matching(db, match, f, after).limit(limit).execute()).map((r) => r.rank);
  if (places.length === 0) return [];
  const found = new Map((await withOrganisation(db).where('c.sort_rank', 'in', places).execute()).map((c) => [c.sort_rank, c]));
  return places.map((place) => found.get(place)!);
}

type ContactPageRow = Awaited<ReturnType<typeof contactsAfter>>[number];

/** The contact's fields with its addresses and phones (the primary e-mail apart) and its organisation's name; field by field, in the file's order (spreading cost a tenth of the export). */
const contactRow = (c: ContactPageRow, lists: { primaryEmail: string | null; otherEmails: string[]; phones: string[] }) => {
  const f = contactFields(c);
  return {
    id: f.id,
    fullName: f.fullName,
    primaryEmail: lists.primaryEmail,
    otherEmails: lists.otherEmails,
    phones: lists.phones,
    jobTitle: f.jobTitle,
    gender: f.gender,
    organisationId: f.organisationId,
    organisationName: c.org_name,
    country: f.country,
    language: f.language,
    notes: f.notes,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    archivedAt: f.archivedAt,
  };
};

export const contactsRegister: RegisterSpec<'contacts'> = {
  columns: columnsOf(contactRow, [
    'id',
    'fullName',
    'primaryEmail',
    'otherEmails',
    'phones',
    'jobTitle',
    'gender',
    'organisationId',
    'organisationName',
    'country',
    'language',
    'notes',
    'createdAt',
    'updatedAt',
    'archivedAt',
  ]),

  async count(db, f) {
    const match = typedMatch(f);
    if (match === false) return 0;
    const counted = match
      ? db.selectFrom(matching(db, match, f).as('m')).select((eb) => eb.fn.countAll().as('n'))
      : db
          .selectFrom('contacts as c')
          .where(contactFilters(f))
          .select((eb) => eb.fn.countAll().as('n'));
    return Number((await counted.executeTakeFirstOrThrow()).n);
  },

  async page(db, f, after, limit) {
    const match = typedMatch(f);
    if (match === false) return { rows: [], last: null };
    const rows = await contactsAfter(db, f, match, after === null ? null : Number(after), limit);
    if (rows.length === 0) return { rows: [], last: null };
    const ids = rows.map((c) => c.id);
    // E-mails and phones in the order the contact's page lists them (the primary e-mail first).
    const emails = await db.selectFrom('contact_emails').select(['contact_id', 'email', 'is_primary']).where('contact_id', 'in', ids).orderBy('contact_id').orderBy('entry_seq').execute();
    const phones = await db.selectFrom('contact_phones').select(['contact_id', 'e164']).where('contact_id', 'in', ids).orderBy('contact_id').orderBy('entry_seq').execute();
    const primary = new Map<string, string>();
    const others = new Map<string, string[]>();
    for (const e of emails) {
      const { address, primary: isPrimary } = contactEmailFields(e);
      if (isPrimary) primary.set(e.contact_id, address);
      else others.set(e.contact_id, [...(others.get(e.contact_id) ?? []), address]);
    }
    const phonesOf = new Map<string, string[]>();
    for (const p of phones) phonesOf.set(p.contact_id, [...(phonesOf.get(p.contact_id) ?? []), p.e164]);
    return {
      last: lastOf(rows, (c) => c.sort_rank!),
      rows: rows.map((c) => contactRow(c, { primaryEmail: primary.get(c.id) ?? null, otherEmails: others.get(c.id) ?? [], phones: phonesOf.get(c.id) ?? [] })),
    };
  },
};
