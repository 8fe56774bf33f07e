/**
 * Likely duplicates and merging (issue 3). A contact is a likely duplicate when it shares
 * an e-mail address, or the same name (any order, accents, case, punctuation) within the
 * same organisation, or a near name in any organisation (similarPersonNames). Merging
 * keeps every related record and leaves an audit trail.
 */
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { ContactDto, DuplicateDto } from '../../shared/dto/index';
import { RegistreError } from '../../shared/errors';
import { emailKey } from '../../shared/rules/email';
import { nameKey, similarPersonNames } from '../../shared/rules/names';
import { contactDto } from './contacts';
import type { Database } from '../schema';
import { anyMatching, anyWordQuery, bestMatching, indexContacts, matchQuery, unindexContact } from './search';
import { today, type CallContext } from '../context';

/** Contacts read per name check: enough for any real register, bounded for a very common name. */
const CANDIDATES = 200;
const REASON_ORDER: Record<DuplicateDto['reason'], number> = { same_email: 0, same_name_and_organisation: 1, similar_name: 2 };

export async function findDuplicates(db: Kysely<Database>, input: ParsedInput<'contacts.duplicates'>): Promise<DuplicateDto[]> {
  const found = new Map<string, DuplicateDto['reason']>();
  const emails = [input.email, ...(input.otherEmails ?? [])].filter((e): e is string => !!e && e.trim() !== '').map(emailKey);
  if (emails.length > 0) {
    const rows = await db
      .selectFrom('contact_emails')
      .select('contact_id')
      .where((eb) => eb(eb.fn('lower', ['email']), 'in', emails))
      .execute();
    for (const r of rows) found.set(r.contact_id, 'same_email');
  }
  const match = input.fullName ? matchQuery(input.fullName) : null;
  if (input.fullName && match) {
    const key = nameKey(input.fullName);
    const candidates = await db.selectFrom('contacts').select(['id', 'full_name', 'organisation_id']).where('sort_rank', 'in', anyMatching(db, match)).limit(CANDIDATES).execute();
    for (const c of candidates) {
      if (found.has(c.id) || nameKey(c.full_name) !== key) continue;
      if ((c.organisation_id ?? null) === (input.organisationId ?? null)) found.set(c.id, 'same_name_and_organisation');
    }
  }
  const anyWord = input.fullName ? anyWordQuery(input.fullName) : null;
  if (input.fullName && anyWord) {
    // Any organisation: the panel names it, and the person at the form judges.
    const candidates = await db
      .selectFrom('contacts')
      .select(['id', 'full_name'])
      .where('sort_rank', 'in', bestMatching(db, anyWord, CANDIDATES))
      .execute();
    for (const c of candidates) if (!found.has(c.id) && similarPersonNames(c.full_name, input.fullName)) found.set(c.id, 'similar_name');
  }
  if (input.excludeId) found.delete(input.excludeId);
  if (found.size === 0) return [];
  const rows = await db
    .selectFrom('contacts as c')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('contact_emails as e', (j) => j.onRef('e.contact_id', '=', 'c.id').on('e.is_primary', '=', 1))
    .select(['c.id', 'c.full_name', 'o.name as org', 'e.email', 'c.archived_at'])
    .where('c.id', 'in', [...found.keys()])
    .orderBy('c.full_name')
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      fullName: r.full_name,
      organisationName: r.org,
      primaryEmail: r.email,
      archived: r.archived_at !== null,
      reason: found.get(r.id)!,
    }))
    .sort((a, b) => REASON_ORDER[a.reason] - REASON_ORDER[b.reason]);
}

/** Tables whose rows belong to one contact and simply move to the kept one. */
const OWNED_TABLES = ['sensitive_extras', 'participations', 'consent_events', 'photo_optouts', 'partner_sharing', 'rights_requests'] as const;

/**
 * Merges `mergeId` into `keepId`: every related row moves over, e-mails and phones are
 * combined without repeats, empty fields of the kept contact are filled from the other,
 * and the merged contact is deleted. One transaction; both ids stay in the audit log.
 */
export async function mergeContacts(ctx: CallContext, input: ParsedInput<'contacts.merge'>): Promise<ContactDto> {
  if (input.keepId === input.mergeId) throw new RegistreError('invalid_input', 'Choose two different contacts to merge.', { reason: 'merge_same' });
  return ctx.tx(async (trx, audit) => {
    const keep = await contactDto(trx, input.keepId, today(ctx));
    const merge = await contactDto(trx, input.mergeId, today(ctx));
    const filled: string[] = [];
    const set: Partial<Database['contacts']> = { updated_at: ctx.now.toISOString() };
    const fill = <K extends keyof Database['contacts']>(column: K, field: string, keepValue: unknown, mergeValue: Database['contacts'][K] | null) => {
      if ((keepValue === null || keepValue === undefined) && mergeValue !== null) {
        set[column] = mergeValue;
        filled.push(field);
      }
    };
    fill('job_title', 'jobTitle', keep.jobTitle, merge.jobTitle);
    fill('gender', 'gender', keep.gender, merge.gender);
    fill('organisation_id', 'organisationId', keep.organisation, merge.organisation?.id ?? null);
    fill('country', 'country', keep.country, merge.country);
    fill('language', 'language', keep.language, merge.language);
    if (merge.notes) {
      set.notes = keep.notes ? `${keep.notes}\n\n${merge.notes}` : merge.notes;
      filled.push('notes');
    }
    await trx.updateTable('contacts').set(set).where('id', '=', keep.id).execute();

    const knownEmails = new Set(keep.emails.map((e) => emailKey(e.address)));
    for (const e of merge.emails) {
      if (knownEmails.has(emailKey(e.address))) continue;
      knownEmails.add(emailKey(e.address));
      await trx
        .updateTable('contact_emails')
        .set({ contact_id: keep.id, is_primary: keep.emails.length === 0 && e.primary ? 1 : 0 })
        .where('contact_id', '=', merge.id)
        .where('email', '=', e.address)
        .execute();
    }
    for (const p of merge.phones) {
      if (keep.phones.includes(p)) continue;
      await trx.updateTable('contact_phones').set({ contact_id: keep.id }).where('contact_id', '=', merge.id).where('e164', '=', p).execute();
    }
    // The consent ledger is append-only; a merge is the one move it allows, for this transaction only.
    await trx.insertInto('ledger_permits').values({ contact_id: merge.id, reason: 'merge' }).execute();
    for (const table of OWNED_TABLES) {
      await trx.updateTable(table).set({ contact_id: keep.id }).where('contact_id', '=', merge.id).execute();
    }
    await trx.deleteFrom('ledger_permits').where('contact_id', '=', merge.id).execute();
    // A system that holds both people's data holds the kept one's: no duplicate rows.
    await trx
      .insertInto('contact_processors')
      .columns(['contact_id', 'processor_id', 'since'])
      .expression((eb) =>
        eb
          .selectFrom('contact_processors')
          .select([eb.val(keep.id).as('contact_id'), 'processor_id', 'since'])
          .where('contact_id', '=', merge.id),
      )
      .onConflict((oc) => oc.columns(['contact_id', 'processor_id']).doNothing())
      .execute();
    await trx
      .insertInto('photo_takedowns')
      .columns(['contact_id', 'publication_id', 'done_on', 'note', 'done_by'])
      .expression((eb) =>
        eb
          .selectFrom('photo_takedowns')
          .select([eb.val(keep.id).as('contact_id'), 'publication_id', 'done_on', 'note', 'done_by'])
          .where('contact_id', '=', merge.id),
      )
      .onConflict((oc) => oc.columns(['contact_id', 'publication_id']).doNothing())
      .execute();
    await unindexContact(trx, merge.id);
    await trx.deleteFrom('contacts').where('id', '=', merge.id).execute();
    await indexContacts(trx, [keep.id]);
    await audit({ action: 'contact.merged', entityType: 'contact', entityId: keep.id, fields: ['mergedContactId', ...filled] });
    // About the kept contact: it links the merged id's history to the person who remains.
    await audit({ action: 'contact.merged_into', entityType: 'contact', entityId: merge.id, subjectId: keep.id, fields: ['keptContactId'] });
    return contactDto(trx, keep.id, today(ctx));
  });
}
