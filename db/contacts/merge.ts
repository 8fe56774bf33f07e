/**
 * Merging two records of one person (issue 3): every related record moves to the kept
 * contact. Field by field the user may take the other record's value (`take`); any other
 * field keeps the kept contact's value, or the other's when the kept one is empty. Both
 * ids stay in the audit log.
 */
import type { MergeTakeField } from '../../shared/api/contacts';
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
 * combined without repeats, each field takes the other's value when `take` says so or the
 * kept one is empty, and the merged contact is deleted. One transaction; both ids stay in
 * the audit log. A taken name is relabelled in the register's order by `indexContacts`,
 * as a renaming is.
 */
export async function mergeContacts(ctx: CallContext, input: ParsedInput<'contacts.merge'>): Promise<ContactDto> {
  if (input.keepId === input.mergeId) throw new RegistreError('invalid_input', 'Choose two different contacts to merge.', { reason: 'merge_same' });
  return ctx.tx(async (trx, audit) => {
    const keep = await contactDto(trx, input.keepId, today(ctx));
    const merge = await contactDto(trx, input.mergeId, today(ctx));
    const fromOther: string[] = [];
    const set: Partial<Database['contacts']> = { updated_at: ctx.now.toISOString() };
    const choose = <K extends keyof Database['contacts']>(column: K, field: MergeTakeField, keepValue: Database['contacts'][K] | null, mergeValue: Database['contacts'][K] | null) => {
      if (input.take?.[field] === 'other') {
        // Taking an empty value would silently clear the kept one; the form never offers it.
        if (mergeValue === null) throw new RegistreError('invalid_input', `The other contact has no ${field} to take.`, { reason: 'merge_take_empty', field: `take.${field}` });
        if (mergeValue === keepValue) return;
      } else if (keepValue !== null || mergeValue === null) return;
      set[column] = mergeValue;
      fromOther.push(field);
    };
    choose('full_name', 'fullName', keep.fullName, merge.fullName);
    choose('job_title', 'jobTitle', keep.jobTitle, merge.jobTitle);
    choose('gender', 'gender', keep.gender, merge.gender);
    choose('organisation_id', 'organisationId', keep.organisation?.id ?? null, merge.organisation?.id ?? null);
    choose('country', 'country', keep.country, merge.country);
    choose('language', 'language', keep.language, merge.language);
    if (merge.notes) {
      set.notes = keep.notes ? `${keep.notes}\n\n${merge.notes}` : merge.notes;
      fromOther.push('notes');
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
    await audit({ action: 'contact.merged', entityType: 'contact', entityId: keep.id, fields: ['mergedContactId', ...fromOther] });
    // About the kept contact: it links the merged id's history to the person who remains.
    await audit({ action: 'contact.merged_into', entityType: 'contact', entityId: merge.id, subjectId: keep.id, fields: ['keptContactId'] });
    return contactDto(trx, keep.id, today(ctx));
  });
}
