/**
 * CSV import: the part of the register a file can touch, read for its plan (plan.ts). A
 * row matches a contact by e-mail, or, without one, by its folded name; so the plan needs
 * the contacts holding the file's addresses or names, with all their addresses and
 * numbers, every organisation, and the import purpose's ledger for those contacts. Issue
 * 17: reading the whole register for every preview and commit made an import of 20,000
 * rows into a million contacts run at a thousand rows a second.
 */
import type { Kysely } from 'kysely';
import { emailKey } from '../../shared/rules/email';
import { foldForSearch, nameKey } from '../../shared/rules/names';
import type { Database } from '../schema';
import { byName, hasNonAscii } from '../vault/sqlite-sql';
import { consentKey, sourceOf, type ConsentPurpose, type ConsentState } from './consent';

export interface ExistingContact {
  id: string;
  fullName: string;
  jobTitle: string | null;
  organisationId: string | null;
  country: string | null;
  language: string | null;
  notes: string | null;
  emails: string[];
  phones: string[];
}

export interface ExistingState {
  /** The contacts the file's addresses and names match. */
  contacts: Map<string, ExistingContact>;
  /** emailKey → contact id, for the file's addresses. */
  byEmail: Map<string, string>;
  /** orgKey → organisation. */
  organisations: Map<string, { id: string; name: string }>;
  /** organisation id → name, for every organisation. */
  organisationNames: Map<string, string>;
  /** nameKey of the full name → contact ids, for the names of the file's rows without an e-mail. */
  byName: Map<string, string[]>;
  /** The import's purpose and what the ledger holds for it; null when no column carries consent. */
  consent: ConsentState | null;
}

const orgKeys = new Map<string, string>();

/** Organisation names match case-, accent- and spacing-insensitively (memoised: files repeat them). */
export function orgKey(name: string): string {
  let k = orgKeys.get(name);
  if (k === undefined) {
    k = foldForSearch(name).replace(/\s+/g, ' ').trim();
    if (orgKeys.size > 50_000) orgKeys.clear();
    orgKeys.set(name, k);
  }
  return k;
}

/** What a file asks the register about. */
export interface Wanted {
  /** The rows' addresses, in lower case (as validated). */
  emails: ReadonlySet<string>;
  /** nameKey of the name of each row without an e-mail. */
  names: ReadonlySet<string>;
}

/** How the plan reads the register: whether consent columns count, and the part of the register a file reaches. */
export interface RegisterLookup {
  consent: boolean;
  load(wanted: Wanted): Promise<ExistingState>;
}

export const registerLookup = (db: Kysely<Database>, purpose: ConsentPurpose | null): RegisterLookup => ({
  consent: purpose !== null,
  load: (wanted) => loadExisting(db, purpose, wanted),
});

/** Values per `IN (…)` list: well under SQLite's limit of bound values, and few statements. */
const IN_LIST = 5000;

function* lists<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += IN_LIST) yield items.slice(i, i + IN_LIST);
}

type EmailRow = { contact_id: string; email: string; is_primary: number; entry_seq: number };

/** By contact, its primary address first, then in order of entry: the order in which the first holder of an address is taken. */
const emailOrder = (a: EmailRow, b: EmailRow) => (a.contact_id < b.contact_id ? -1 : a.contact_id > b.contact_id ? 1 : b.is_primary - a.is_primary || a.entry_seq - b.entry_seq);

/**
 * emailKey → the contact holding it (the first by id when two do, as before). The address
 * index ignores ASCII case only; an address with other letters (an accented local part)
 * is compared as emailKey does it, in full, so "Élise@…" still matches "élise@…".
 */
async function contactsByEmail(db: Kysely<Database>, wanted: ReadonlySet<string>): Promise<Map<string, string>> {
  const keys = [...wanted];
  const select = () => db.selectFrom('contact_emails').select(['contact_id', 'email', 'is_primary', 'entry_seq']);
  let hits: EmailRow[] = [];
  for (const list of lists(keys)) hits = hits.concat(await select().where(byName('email'), 'in', list).execute());
  if (keys.some((k) => /[^\p{ASCII}]/u.test(k))) hits = hits.concat(await select().where(hasNonAscii('email')).execute());
  hits.sort(emailOrder);
  const byEmail = new Map<string, string>();
  for (const e of hits) {
    const k = emailKey(e.email);
    if (wanted.has(k) && !byEmail.has(k)) byEmail.set(k, e.contact_id);
  }
  return byEmail;
}

/** nameKey → contact ids, for the wanted names. No index holds the folded key: the names are read once, and only when a row has no address. */
async function contactsByName(db: Kysely<Database>, wanted: ReadonlySet<string>): Promise<Map<string, string[]>> {
  const byName = new Map<string, string[]>();
  if (wanted.size === 0) return byName;
  for (const r of await db.selectFrom('contacts').select(['id', 'full_name']).execute()) {
    const nk = nameKey(r.full_name);
    if (!wanted.has(nk)) continue;
    const same = byName.get(nk);
    if (same) same.push(r.id);
    else byName.set(nk, [r.id]);
  }
  return byName;
}

async function contactsWithIds(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, ExistingContact>> {
  const contacts = new Map<string, ExistingContact>();
  for (const list of lists(ids)) {
    const rows = await db.selectFrom('contacts').select(['id', 'full_name', 'job_title', 'organisation_id', 'country', 'language', 'notes']).where('id', 'in', list).execute();
    for (const r of rows) {
      contacts.set(r.id, {
        id: r.id,
        fullName: r.full_name,
        jobTitle: r.job_title,
        organisationId: r.organisation_id,
        country: r.country,
        language: r.language,
        notes: r.notes,
        emails: [],
        phones: [],
      });
    }
    const emails = await db
      .selectFrom('contact_emails')
      .select(['contact_id', 'email'])
      .where('contact_id', 'in', list)
      .orderBy('contact_id')
      .orderBy('is_primary', 'desc')
      .orderBy('entry_seq')
      .execute();
    for (const e of emails) contacts.get(e.contact_id)?.emails.push(e.email);
    const phones = await db.selectFrom('contact_phones').select(['contact_id', 'e164']).where('contact_id', 'in', list).orderBy('contact_id').orderBy('entry_seq').execute();
    for (const p of phones) contacts.get(p.contact_id)?.phones.push(p.e164);
  }
  return contacts;
}

/** What the purpose's ledger holds for `contactIds` (a new contact has no events yet). */
async function ledgerFor(db: Kysely<Database>, purpose: ConsentPurpose, contactIds: readonly string[]): Promise<ConsentState> {
  const recorded = new Set<string>();
  const latest = new Map<string, string>();
  for (const list of lists(contactIds)) {
    const rows = await db
      .selectFrom('consent_events')
      .select(['contact_id', 'action', 'occurred_at', 'channel', 'evidence'])
      .where('contact_id', 'in', list)
      .where('purpose_id', '=', purpose.purposeId)
      .orderBy('contact_id')
      .orderBy('occurred_at')
      .orderBy('recorded_at')
      .orderBy('entry_seq')
      .execute();
    for (const r of rows) {
      latest.set(r.contact_id, r.action);
      if (r.channel === 'import' && sourceOf(r.evidence) === purpose.source) recorded.add(consentKey(r.contact_id, r.action, r.occurred_at));
    }
  }
  return { ...purpose, recorded, latest };
}

export async function loadExisting(db: Kysely<Database>, purpose: ConsentPurpose | null, wanted: Wanted): Promise<ExistingState> {
  const byEmail = await contactsByEmail(db, wanted.emails);
  const byName = await contactsByName(db, wanted.names);
  const ids = [...new Set([...byEmail.values(), ...[...byName.values()].flat()])];
  const contacts = await contactsWithIds(db, ids);
  const organisations = new Map<string, { id: string; name: string }>();
  const organisationNames = new Map<string, string>();
  for (const o of await db.selectFrom('organisations').select(['id', 'name']).orderBy('created_at').execute()) {
    organisationNames.set(o.id, o.name);
    const k = orgKey(o.name);
    if (!organisations.has(k)) organisations.set(k, o);
  }
  return { contacts, byEmail, organisations, organisationNames, byName, consent: purpose ? await ledgerFor(db, purpose, ids) : null };
}
