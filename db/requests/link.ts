/**
 * A request logged under the requester's name, linked later to the contact it is about
 * (DESIGN §5): the link makes its tasks from what the register holds about them. The
 * suggestions come from the requester's e-mail (an exact address of the contact) and
 * their name, folded the way the search folds it (shared/rules/names.ts).
 */
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { ContactSuggestionDto, RequestDetailDto } from '../../shared/dto/requests';
import { RegistreError } from '../../shared/errors';
import { emailKey } from '../../shared/rules/email';
import { foldForSearch, nameKey } from '../../shared/rules/names';
import { anyMatching, matchQuery } from '../contacts/search';
import { assertContact, today, type CallContext } from '../context';
import type { Database } from '../schema';
import { loadOpenRow, loadRow, record, requestDetail } from './requests';
import { addPlaceTasks } from './work-rows';

const SUGGESTIONS = 10;

export async function linkRequest(ctx: CallContext, input: ParsedInput<'requests.link'>): Promise<RequestDetailDto> {
  return ctx.tx(async (trx, audit) => {
    const r = await loadOpenRow(trx, input.id);
    if (r.contact_id !== null) {
      const message = r.contact_id === input.contactId ? 'This request is already linked to this contact.' : 'This request is already linked to another contact.';
      throw new RegistreError('conflict', message, { reason: 'request_linked', contactId: r.contact_id });
    }
    await assertContact(trx, input.contactId);
    await trx.updateTable('rights_requests').set({ contact_id: input.contactId }).where('id', '=', r.id).execute();
    const tasks = await addPlaceTasks(ctx, trx, r, input.contactId);
    await record(
      ctx,
      trx,
      audit,
      { id: r.id, contact_id: input.contactId },
      { kind: 'linked', from: r.status, to: r.status, detail: { contactId: input.contactId, tasks: tasks.length }, fields: ['contactId', ...(tasks.length ? ['tasks'] : [])] },
    );
    return requestDetail(trx, r.id, today(ctx));
  });
}

/** Every word typed starts a word of the name ("ana ru" finds "Ana Ruiz"), in the search's folding. */
function nameStartsWith(fullName: string, typed: string): boolean {
  const words = (s: string) =>
    foldForSearch(s)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 0);
  const name = words(fullName);
  const asked = words(typed);
  return asked.length > 0 && asked.every((w) => name.some((n) => n.startsWith(w)));
}

export async function suggestContacts(db: Kysely<Database>, id: string): Promise<ContactSuggestionDto[]> {
  const r = await loadRow(db, id);
  const found = new Map<string, ContactSuggestionDto['reason']>();
  if (r.requester_email) {
    const rows = await db
      .selectFrom('contact_emails')
      .select('contact_id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', emailKey(r.requester_email!)))
      .limit(SUGGESTIONS)
      .execute();
    for (const row of rows) found.set(row.contact_id, 'same_email');
  }
  const match = r.requester_name ? matchQuery(r.requester_name) : null;
  if (r.requester_name && match) {
    const key = nameKey(r.requester_name);
    // The index also holds e-mails, organisations and job titles: only the name counts here.
    const candidates = await db.selectFrom('contacts').select(['id', 'full_name']).where('sort_rank', 'in', anyMatching(db, match)).orderBy('sort_rank').limit(200).execute();
    for (const c of candidates) {
      if (found.has(c.id)) continue;
      if (nameKey(c.full_name) === key) found.set(c.id, 'same_name');
      else if (nameStartsWith(c.full_name, r.requester_name)) found.set(c.id, 'similar_name');
    }
  }
  if (found.size === 0) return [];
  const rows = await db
    .selectFrom('contacts as c')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('contact_emails as e', (j) => j.onRef('e.contact_id', '=', 'c.id').on('e.is_primary', '=', 1))
    .select(['c.id', 'c.full_name', 'c.sort_name', 'o.name as org', 'e.email', 'c.archived_at'])
    .where('c.id', 'in', [...found.keys()])
    .execute();
  const order: Record<ContactSuggestionDto['reason'], number> = { same_email: 0, same_name: 1, similar_name: 2 };
  return rows
    .map((c) => ({ id: c.id, fullName: c.full_name, primaryEmail: c.email, organisationName: c.org, archived: c.archived_at !== null, reason: found.get(c.id)!, key: c.sort_name ?? '' }))
    .sort((a, b) => order[a.reason] - order[b.reason] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || (a.id < b.id ? -1 : 1))
    .slice(0, SUGGESTIONS)
    .map(({ key: _key, ...s }) => s);
}
