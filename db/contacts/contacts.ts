/**
 * Contacts (issue 3, DESIGN §5): people the secretariat works with. E-mails are kept apart
 * (one primary), phones as E.164. Every write updates the search index and appends one
 * audit event naming the fields touched, never their values.
 */
import { randomUUID } from 'node:crypto';
import { expressionBuilder, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { ContactDto, ContactListItemDto, Page } from '../../shared/dto/index';
import { RegistreError } from '../../shared/errors';
import { validateEmail } from '../../shared/rules/email';
import { normalisePhone } from '../../shared/rules/phone';
import { participationsOf } from './events';
import { contactEmailFields, contactFields } from './fields';
import { minorFlag } from './minors';
import type { Database } from '../schema';
import { readSettings } from '../settings/settings';
import { indexContacts, matching, searchBoxQuery, type SearchFilters } from './search';
import { today, type CallContext } from '../context';

type ContactFields = Omit<ParsedInput<'contacts.update'>, 'id'>;

/** Field names as the API spells them, for the audit log. */
const AUDITED_FIELDS = ['fullName', 'email', 'otherEmails', 'phone', 'otherPhones', 'jobTitle', 'gender', 'organisationId', 'country', 'language', 'notes'] as const;

function cleanEmails(fields: ContactFields, current: string[] | null): string[] | null {
  if (fields.email === undefined && fields.otherEmails === undefined) return null;
  const primary = fields.email === undefined ? (current?.[0] ?? null) : fields.email;
  const others = fields.otherEmails ?? current?.slice(1) ?? [];
  const all = [primary, ...others].filter((e): e is string => !!e && e.trim() !== '');
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of all) {
    const checked = validateEmail(raw);
    if (!checked.ok) throw new RegistreError('invalid_input', `"${raw}" is not a valid e-mail address.`, { reason: 'email_invalid', field: 'email' });
    const key = checked.email.toLowerCase();
    if (!seen.has(key)) out.push(checked.email);
    seen.add(key);
  }
  return out;
}

function cleanPhones(fields: ContactFields, current: string[] | null, defaultCountry: string): string[] | null {
  if (fields.phone === undefined && fields.otherPhones === undefined) return null;
  const primary = fields.phone === undefined ? (current?.[0] ?? null) : fields.phone;
  const others = fields.otherPhones ?? current?.slice(1) ?? [];
  const out: string[] = [];
  for (const raw of [primary, ...others]) {
    if (!raw || raw.trim() === '') continue;
    const checked = normalisePhone(raw, defaultCountry);
    if (!checked.ok) throw new RegistreError('invalid_input', `"${raw}" is not a valid phone number.`, { reason: 'phone_invalid', field: 'phone' });
    if (!out.includes(checked.e164)) out.push(checked.e164);
  }
  return out;
}

async function assertOrganisation(db: Kysely<Database>, id: string | null | undefined): Promise<void> {
  if (!id) return;
  const org = await db.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst();
  if (!org) throw new RegistreError('not_found', 'This organisation does not exist.', { reason: 'organisation_absent', field: 'organisationId' });
}

async function replaceEmails(db: Kysely<Database>, contactId: string, emails: string[]): Promise<void> {
  await db.deleteFrom('contact_emails').where('contact_id', '=', contactId).execute();
  for (const [i, email] of emails.entries()) {
    await db
      .insertInto('contact_emails')
      .values({ id: randomUUID(), contact_id: contactId, email, is_primary: i === 0 ? 1 : 0 })
      .execute();
  }
}

async function replacePhones(db: Kysely<Database>, contactId: string, phones: string[]): Promise<void> {
  await db.deleteFrom('contact_phones').where('contact_id', '=', contactId).execute();
  for (const e164 of phones) await db.insertInto('contact_phones').values({ id: randomUUID(), contact_id: contactId, e164, label: null }).execute();
}

export async function contactDto(db: Kysely<Database>, id: string, onDay: string): Promise<ContactDto> {
  const row = await db.selectFrom('contacts as c').leftJoin('organisations as o', 'o.id', 'c.organisation_id').selectAll('c').select(['o.name as org_name']).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw new RegistreError('not_found', 'This contact does not exist.', { reason: 'contact_absent' });
  const emails = await db.selectFrom('contact_emails').select(['email', 'is_primary']).where('contact_id', '=', id).orderBy('is_primary', 'desc').orderBy('entry_seq').execute();
  const phones = await db.selectFrom('contact_phones').select('e164').where('contact_id', '=', id).orderBy('entry_seq').execute();
  const { organisationId, ...contact } = contactFields(row);
  return {
    ...contact,
    emails: emails.map(contactEmailFields),
    phones: phones.map((p) => p.e164),
    organisation: organisationId ? { id: organisationId, name: row.org_name ?? '' } : null,
    participations: await participationsOf(db, id),
    underAge: await minorFlag(db, id, onDay),
  };
}

/** The fields of `input` that hold a value, as the audit log names them. */
const given = (input: Record<string, unknown>) =>
  AUDITED_FIELDS.filter((f) => {
    const v = input[f];
    return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  });

export async function addContact(ctx: CallContext, input: ParsedInput<'contacts.add'>): Promise<ContactDto> {
  const emails = cleanEmails(input, null) ?? [];
  const phones = cleanPhones(input, null, input.country ?? (await readSettings(ctx.db)).homeCountry) ?? [];
  return ctx.tx(async (trx, audit) => {
    await assertOrganisation(trx, input.organisationId);
    const id = randomUUID();
    const stamp = ctx.now.toISOString();
    await trx
      .insertInto('contacts')
      .values({
        id,
        full_name: input.fullName,
        job_title: input.jobTitle ?? null,
        gender: input.gender ?? null,
        organisation_id: input.organisationId ?? null,
        country: input.country ?? null,
        language: input.language ?? null,
        notes: input.notes ?? null,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    await replaceEmails(trx, id, emails);
    await replacePhones(trx, id, phones);
    await indexContacts(trx, [id]);
    await audit({ action: 'contact.created', entityType: 'contact', entityId: id, fields: given(input) });
    return contactDto(trx, id, today(ctx));
  });
}

/**
 * The fields an update really changes. A form sends every field; the audit log (and the
 * person's history) should name the one that changed, and a save that changes nothing
 * writes nothing.
 */
function changedFields(input: ParsedInput<'contacts.update'>, current: ContactDto, emails: string[] | null, phones: string[] | null): string[] {
  const differs = (given: unknown, now: unknown) => given !== undefined && (given ?? null) !== (now ?? null);
  const list = (xs: readonly string[]) => xs.join('\n');
  const currentEmails = current.emails.map((e) => e.address);
  const changed: Record<(typeof AUDITED_FIELDS)[number], boolean> = {
    fullName: differs(input.fullName, current.fullName),
    email: emails !== null && (emails[0] ?? null) !== (currentEmails[0] ?? null),
    otherEmails: emails !== null && list(emails.slice(1)) !== list(currentEmails.slice(1)),
    phone: phones !== null && (phones[0] ?? null) !== (current.phones[0] ?? null),
    otherPhones: phones !== null && list(phones.slice(1)) !== list(current.phones.slice(1)),
    jobTitle: differs(input.jobTitle, current.jobTitle),
    gender: differs(input.gender, current.gender),
    organisationId: differs(input.organisationId, current.organisation?.id),
    country: differs(input.country, current.country),
    language: differs(input.language, current.language),
    notes: differs(input.notes, current.notes),
  };
  return AUDITED_FIELDS.filter((f) => changed[f]);
}

export async function updateContact(ctx: CallContext, input: ParsedInput<'contacts.update'>): Promise<ContactDto> {
  return ctx.tx(async (trx, audit) => {
    const current = await contactDto(trx, input.id, today(ctx));
    const emails = cleanEmails(
      input,
      current.emails.map((e) => e.address),
    );
    const phones = cleanPhones(input, current.phones, input.country ?? current.country ?? (await readSettings(trx)).homeCountry);
    await assertOrganisation(trx, input.organisationId);
    const fields = changedFields(input, current, emails, phones);
    if (fields.length === 0) return current;
    const set: Partial<Database['contacts']> = { updated_at: ctx.now.toISOString() };
    if (input.fullName !== undefined) set.full_name = input.fullName;
    if (input.jobTitle !== undefined) set.job_title = input.jobTitle;
    if (input.gender !== undefined) set.gender = input.gender;
    if (input.organisationId !== undefined) set.organisation_id = input.organisationId;
    if (input.country !== undefined) set.country = input.country;
    if (input.language !== undefined) set.language = input.language;
    if (input.notes !== undefined) set.notes = input.notes;
    await trx.updateTable('contacts').set(set).where('id', '=', input.id).execute();
    if (emails) await replaceEmails(trx, input.id, emails);
    if (phones) await replacePhones(trx, input.id, phones);
    await indexContacts(trx, [input.id]);
    await audit({ action: 'contact.updated', entityType: 'contact', entityId: input.id, fields });
    return contactDto(trx, input.id, today(ctx));
  });
}

export async function archiveContact(ctx: CallContext, id: string, archived: boolean): Promise<ContactDto> {
  return ctx.tx(async (trx, audit) => {
    await contactDto(trx, id, today(ctx));
    await trx
      .updateTable('contacts')
      .set({ archived_at: archived ? ctx.now.toISOString() : null, updated_at: ctx.now.toISOString() })
      .where('id', '=', id)
      .execute();
    // The archive state is a filter token in the search index.
    await indexContacts(trx, [id]);
    await audit({ action: archived ? 'contact.archived' : 'contact.restored', entityType: 'contact', entityId: id, fields: ['archived'] });
    return contactDto(trx, id, today(ctx));
  });
}

export const SEARCH_COUNT_CAP = 1000;

/**
 * The filters of a list without a query, on contacts as `c` (a search filters in its
 * index). Register exports (db/export/register-contacts.ts) select with it too.
 */
export function contactFilters(input: SearchFilters): Expression<SqlBool> {
  const eb = expressionBuilder<Database & { c: Database['contacts'] }, 'c'>();
  const terms: Expression<SqlBool>[] = [];
  if (input.organisationId) terms.push(eb('c.organisation_id', '=', input.organisationId));
  if (input.country) terms.push(eb('c.country', '=', input.country));
  if (input.eventId) {
    const eventId = input.eventId;
    terms.push(eb.exists(eb.selectFrom('participations as p').select('p.id').whereRef('p.contact_id', '=', 'c.id').where('p.event_id', '=', eventId)));
  }
  if (input.archived === 'exclude') terms.push(eb('c.archived_at', 'is', null));
  if (input.archived === 'only') terms.push(eb('c.archived_at', 'is not', null));
  return eb.and(terms);
}

/**
 * How many contacts the whole register shows with only an archive filter. Counting a
 * table with no condition reads its smallest index page by page, not row by row; the
 * archived contacts have an index of their own. Exact, and never stored.
 */
async function registerTotal(db: Kysely<Database>, archived: 'exclude' | 'include' | 'only'): Promise<number> {
  const all = async () =>
    Number(
      (
        await db
          .selectFrom('contacts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const archivedCount = async () =>
    Number(
      (
        await db
          .selectFrom('contacts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('archived_at', 'is not', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
  if (archived === 'include') return all();
  if (archived === 'only') return archivedCount();
  return (await all()) - (await archivedCount());
}

/** What a row of the list shows, selected from `contacts as c`. */
const listRows = (from: SelectQueryBuilder<Database & { c: Database['contacts'] }, 'c', object>) =>
  from
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('contact_emails as e', (j) => j.onRef('e.contact_id', '=', 'c.id').on('e.is_primary', '=', 1))
    .select(['c.id', 'c.full_name', 'c.job_title', 'c.country', 'c.archived_at', 'o.name as org', 'e.email']);

type ListRow = Awaited<ReturnType<ReturnType<typeof listRows>['execute']>>[number];

/** The list's rows of the contacts at these places in the order, in that order. */
async function rowsAt(db: Kysely<Database>, ranks: ReadonlyArray<number | null>): Promise<ListRow[]> {
  if (ranks.length === 0) return [];
  const found = await listRows(db.selectFrom('contacts as c').where('c.sort_rank', 'in', ranks))
    .select('c.sort_rank')
    .execute();
  const byRank = new Map(found.map((f) => [f.sort_rank, f]));
  return ranks.map((r) => byRank.get(r)!);
}

/** One page of the register in its order (folded name, then id); `query` matches word starts, accent- and case-free. */
export async function searchContacts(db: Kysely<Database>, input: ParsedInput<'contacts.search'>): Promise<Page<ContactListItemDto>> {
  const match = input.query ? await searchBoxQuery(db, input.query) : null;
  // Typed only punctuation: nothing can match.
  if (input.query && !match) return { total: 0, items: [] };
  let total: number;
  let floor = false;
  let rows: ListRow[];
  // A page after a known row starts from its label (an index seek); OFFSET steps through
  // every row before the page, 2 ms at 100k deep in the list and growing with it.
  const after = input.after === undefined ? null : ((await db.selectFrom('contacts').select('sort_rank').where('id', '=', input.after).executeTakeFirst())?.sort_rank ?? null);
  const skip = after === null ? input.offset : 0;
  if (match) {
    // A typed search can match tens of thousands: count up to a cap ("1,000+" on screen).
    // The same read gives the page when it lies within the cap: the index is walked once.
    const head = await matching(db, match, input)
      .limit(SEARCH_COUNT_CAP + 1)
      .execute();
    floor = head.length > SEARCH_COUNT_CAP;
    total = floor ? SEARCH_COUNT_CAP : head.length;
    const end = skip + input.limit;
    const page =
      after !== null
        ? await matching(db, match, input, after).limit(input.limit).execute()
        : end <= head.length || !floor
          ? head.slice(skip, end)
          : await matching(db, match, input).limit(input.limit).offset(skip).execute();
    rows = await rowsAt(
      db,
      page.map((p) => p.rank),
    );
  } else {
    const q = db.selectFrom('contacts as c').where(contactFilters(input));
    total =
      input.organisationId || input.country || input.eventId ? Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) : await registerTotal(db, input.archived);
    const page = q
      .$if(after !== null, (p) => p.where('c.sort_rank', '>', after!))
      .orderBy('c.sort_rank')
      .limit(input.limit);
    // From the start or after a row: one walk of the rank index, each row read once with
    // its organisation and primary address (from the e-mails' covering index, 0021); at a
    // million contacts each row is a page read of its own. Past an offset, SQLite would
    // join every skipped row too: the offset is stepped in the index alone, then the
    // page's rows are read.
    if (skip === 0) rows = await listRows(page).execute();
    else
      rows = await rowsAt(
        db,
        (await page.select('c.sort_rank').offset(skip).execute()).map((r) => r.sort_rank),
      );
  }
  return {
    total,
    ...(floor ? { totalIsFloor: true } : {}),
    items: rows.map((r) => ({
      id: r.id,
      fullName: r.full_name,
      primaryEmail: r.email,
      organisationName: r.org,
      jobTitle: r.job_title,
      country: r.country,
      archived: r.archived_at !== null,
    })),
  };
}
