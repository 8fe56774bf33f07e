/**
 * Merging two records of one person (issue 3): every related record moves to the kept
 * contact, which keeps its values and fills its empty fields from the other; both ids stay
 * in the audit log.
 */
import type { ParsedInput } from '../../shared/api/index';
import type { ContactDto } from '../../shared/dto/index';
import { RegistreError } from '../../shared/errors';
import { emailKey } from '../../shared/rules/email';
import { contactDto } from './contacts';
import type { Database } from '../schema';
import { indexContacts, unindexContact } from './search';
import { today, type CallContext } from '../context';

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
