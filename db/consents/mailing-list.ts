/**
 * The newsletter mailing list (issue 4, DESIGN §6): only people whose latest newsletter
 * event is a grant, leaving out anyone who restricted processing (Art. 18), objected or
 * withdrew, archived contacts and those without an e-mail address, and saying how many
 * were left out and why. The file is a Mailchimp audience import.
 */
import type { Kysely } from 'kysely';
import type { MailingListCountsDto, MailingListExportDto } from '../../shared/dto/consents';
import { withLatest, withLatestOfPurpose } from './ledger';
import type { Database } from '../schema';
import { runExportJob, type ExportJob } from '../export/job';
import { exportRows } from '../export/rows-export';
import { PAGE_ROWS, type RegisterRow } from '../export/register-spec';
import type { CallContext } from '../context';

const NEWSLETTER_CODE = 'newsletter';

/**
 * Mailchimp's own headings for the e-mail and name fields; it offers to map the other
 * columns to audience fields (merge tags) on import.
 */
const MAILING_LIST_HEADINGS = ['Email Address', 'First Name', 'Last Name', 'Language', 'Organisation'] as const;
/** The same columns as the audit log names fields (identifiers, no personal values). */
const AUDITED_COLUMNS = ['emailAddress', 'firstName', 'lastName', 'language', 'organisation'];

interface MailingRow {
  email: string;
  fullName: string;
  language: string | null;
  organisation: string | null;
}

/** Why one contact is left out on their own account (the address checks come after). */
type Reason = 'restricted' | 'objected' | 'withdrawn' | 'archived' | 'noEmail';

/**
 * Everyone with a newsletter event, in the register's order, with why they are left out
 * (the first reason that applies, in the order of MailingListCountsDto) or null when in.
 */
async function subscribers(db: Kysely<Database>): Promise<Array<MailingRow & { id: string; excludedFor: Reason | null }>> {
  const newsletter = await db.selectFrom('purposes').select('id').where('code', '=', NEWSLETTER_CODE).executeTakeFirst();
  if (!newsletter) return [];
  // Few people ever restrict processing: their whole ledger is ranked apart from the newsletter's.
  const restricted = new Set(
    (
      await withLatest(db, (eb) => eb('e.contact_id', 'in', eb.selectFrom('consent_events').select('contact_id').where('action', '=', 'restricted')))
        .selectFrom('latest')
        .select('contact_id')
        .distinct()
        .where('action', '=', 'restricted')
        .execute()
    ).map((r) => r.contact_id),
  );
  const rows = await withLatestOfPurpose(db, newsletter.id)
    .selectFrom('latest as n')
    .innerJoin('contacts as c', 'c.id', 'n.contact_id')
    .leftJoin('contact_emails as m', (join) => join.onRef('m.contact_id', '=', 'c.id').on('m.is_primary', '=', 1))
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select(['c.id', 'c.full_name', 'c.language', 'c.archived_at', 'o.name as organisation', 'm.email', 'n.action'])
    .orderBy('c.sort_rank')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => {
    let excludedFor: Reason | null = null;
    if (restricted.has(r.id)) excludedFor = 'restricted';
    else if (r.action === 'objected') excludedFor = 'objected';
    else if (r.action === 'withdrawn') excludedFor = 'withdrawn';
    else if (r.archived_at !== null) excludedFor = 'archived';
    else if (!r.email) excludedFor = 'noEmail';
    return { id: r.id, email: r.email ?? '', fullName: r.full_name, language: r.language, organisation: r.organisation, excludedFor };
  });
}

/** Reasons that are the person's own "no": their addresses must not reach Mailchimp through anyone else. */
const REFUSALS: ReadonlySet<Reason> = new Set(['restricted', 'objected', 'withdrawn']);

/**
 * Every address (primary or not) of the people who said no, lower-cased. Mailchimp keys its
 * audience on the address: if a duplicate contact still holds a grant, the unsubscribed
 * address would come back with it.
 */
async function refusedAddresses(db: Kysely<Database>, refusing: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < refusing.length; i += 500) {
    const rows = await db
      .selectFrom('contact_emails')
      .select('email')
      .where('contact_id', 'in', refusing.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.email.toLowerCase());
  }
  return found;
}

async function mailingList(db: Kysely<Database>): Promise<{ rows: MailingRow[]; counts: MailingListCountsDto }> {
  const all = await subscribers(db);
  const contacts = await db
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const excluded = { restricted: 0, objected: 0, withdrawn: 0, archived: 0, noEmail: 0, addressRefused: 0, duplicateAddress: 0 };
  const refused = await refusedAddresses(
    db,
    all.filter((s) => s.excludedFor && REFUSALS.has(s.excludedFor)).map((s) => s.id),
  );
  const listed = new Set<string>();
  const rows: MailingRow[] = [];
  for (const s of all) {
    const address = s.email.toLowerCase();
    if (s.excludedFor) excluded[s.excludedFor] += 1;
    else if (refused.has(address)) excluded.addressRefused += 1;
    else if (listed.has(address)) excluded.duplicateAddress += 1;
    else {
      listed.add(address);
      rows.push(s);
    }
  }
  return { rows, counts: { included: rows.length, excluded, neverSubscribed: Number(contacts.n) - all.length } };
}

/** Contract: mailingList.preview. */
export async function previewMailingList(db: Kysely<Database>): Promise<MailingListCountsDto> {
  return (await mailingList(db)).counts;
}

/**
 * Mailchimp wants first and last names apart; the register keeps one full name. The first
 * word goes to First Name and the rest to Last Name ("Anne-Marie van der Berg" → "Anne-Marie",
 * "van der Berg"), which is right for most European names and never loses a word.
 */
function splitName(fullName: string): [string, string] {
  const words = fullName.trim().split(/\s+/);
  return [words[0] ?? '', words.slice(1).join(' ')];
}

/** The list as rows of the Mailchimp headings, a page at a time (the export file's rows). */
async function* mailingPages(rows: readonly MailingRow[]): AsyncGenerator<RegisterRow[]> {
  for (let i = 0; i < rows.length; i += PAGE_ROWS) {
    yield rows.slice(i, i + PAGE_ROWS).map((r) => {
      const [first, last] = splitName(r.fullName);
      return { 'Email Address': r.email, 'First Name': first, 'Last Name': last, Language: r.language, Organisation: r.organisation };
    });
  }
}

/**
 * Contract: mailingList.export. Written like every export (streamed to a temporary file,
 * renamed into place, with `<file>.manifest.json`), audited with the columns, never the
 * people. Mailchimp reads comma-separated UTF-8, so there are no delimiter or BOM options.
 */
export async function exportMailingList(ctx: CallContext, job: ExportJob, out: string): Promise<MailingListExportDto> {
  // Worked out once the job has begun (as its row count), so a cancel meanwhile is honoured.
  const found: { list?: Awaited<ReturnType<typeof mailingList>> } = {};
  const rows = async () => (found.list ??= await mailingList(ctx.db)).rows;
  const result = await runExportJob(
    job,
    () =>
      exportRows(
        ctx,
        job,
        {
          out,
          format: 'csv',
          delimiter: ',',
          bom: false,
          table: 'mailingList',
          filters: {},
          columns: MAILING_LIST_HEADINGS,
          total: async () => (await rows()).length,
          audit: { action: 'mailing_list.exported', entityType: 'mailing_list', fields: AUDITED_COLUMNS },
        },
        async function* () {
          yield* mailingPages(await rows());
        },
      ),
    () => ({ outcome: 'cancelled' }) as const,
  );
  return { counts: found.list?.counts ?? null, result };
}
