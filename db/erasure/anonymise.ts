/**
 * Anonymising a person (issue 15, DESIGN §5 "Erasure"): the contact row stays for the
 * statistics (how many people of which organisation and country took part in what), with
 * its organisation, country and participations only; everything else a whole erasure
 * removes goes the same way (erase.ts), legal holds included. The name becomes
 * "Anonymised contact" and a number from a counter of the anonymisations in the ledger,
 * never drawn from the old name or id. The erasure ledger records it under its own kind
 * and pseudonym, so a restored backup can re-apply it as an anonymisation.
 */
import type { ParsedInput } from '../../shared/api/index';
import type { AnonymisationResultDto, ErasedCountsDto, ErasurePreviewDto } from '../../shared/dto/erasure';
import { RegistreError } from '../../shared/errors';
import { eraseFromIndex, indexContacts } from '../contacts/search';
import { assertContact, today, type CallContext } from '../context';
import { recordAction, requestToCarryOut } from '../requests/action-rows';
import { reached } from '../steps';
import { afterErasureCommit, assertReasonNamesNoOne, clearRequests, deleteOwnedRows, erasurePseudonym, holdUnderErasure, OWNED, plan, type Plan } from './erase';

/** What stays of the rows a whole erasure deletes: the contact row itself and its participations. */
const ANONYMISED_OWNED = Object.values(OWNED).filter((t) => t !== 'participations');

const anonymisedName = (n: number): string => `Anonymised contact ${String(n).padStart(4, '0')}`;

/** A whole erasure's plan, less what an anonymisation keeps. */
async function anonymisationPlan(...args: Parameters<typeof plan>): Promise<Plan> {
  const p = await plan(...args);
  const removes: ErasedCountsDto = { ...p.removes, contact: 0, participations: 0 };
  return { ...p, removes };
}

export async function previewAnonymisation(ctx: CallContext, contactId: string): Promise<ErasurePreviewDto> {
  await assertContact(ctx.db, contactId);
  const p = await anonymisationPlan(ctx.db, contactId, today(ctx));
  return { contactId, removes: p.removes, keeps: [...p.held, ...p.requests], exports: p.exports };
}

export async function anonymiseContact(ctx: CallContext, auditKey: Buffer, input: ParsedInput<'contacts.anonymise'>): Promise<AnonymisationResultDto> {
  const contactId = input.contactId;
  const day = today(ctx);
  const erasureId = erasurePseudonym(auditKey, contactId, 'anonymised');
  reached('erase', 'before-transaction');
  const result = await ctx.tx(async (trx, audit) => {
    await assertContact(trx, contactId);
    if (await trx.selectFrom('erasures').select('id').where('id', '=', erasureId).executeTakeFirst()) {
      throw new RegistreError('conflict', 'This contact is already anonymised.', { reason: 'already_anonymised' });
    }
    await assertReasonNamesNoOne(trx, contactId, input.reason);
    const request = input.requestId === undefined ? null : await requestToCarryOut(trx, input.requestId, ['erasure'], { contactId });
    const p = await anonymisationPlan(trx, contactId, day);
    const kept = [...p.held, ...p.requests];
    const earlier = await trx
      .selectFrom('erasures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'anonymised')
      .executeTakeFirstOrThrow();
    const fullName = anonymisedName(Number(earlier.n) + 1);
    await trx
      .insertInto('erasures')
      .values({ id: erasureId, kind: 'anonymised', erased_on: day, request_id: input.requestId ?? null, reason: input.reason, kept_count: kept.length })
      .execute();
    if (request) await recordAction(ctx, trx, audit, request, 'erasure', { erasureId, keptCount: kept.length, anonymised: true });

    await holdUnderErasure(trx, erasureId, p.held);
    await trx.deleteFrom('sensitive_extras').where('contact_id', '=', contactId).execute();
    await clearRequests(
      trx,
      p.requests.map((r) => r.id),
    );
    await deleteOwnedRows(trx, contactId, ANONYMISED_OWNED);
    // The entry and its terms go first (as in an erasure); the new one holds the numbered name and the organisation.
    await eraseFromIndex(trx, contactId);
    await trx.updateTable('contacts').set({ full_name: fullName, job_title: null, gender: null, language: null, notes: null, updated_at: ctx.now.toISOString() }).where('id', '=', contactId).execute();
    await indexContacts(trx, [contactId]);
    reached('erase', 'rows-deleted');

    await audit({
      action: 'contact.anonymised',
      entityType: 'contact',
      entityId: contactId,
      fields: (Object.keys(p.removes) as Array<keyof ErasedCountsDto>).filter((k) => p.removes[k] > 0),
    });
    reached('erase', 'audited');
    return { erasureId, erasedOn: day, requestId: input.requestId ?? null, removed: p.removes, kept, exports: p.exports, fullName };
  });
  await afterErasureCommit(ctx, true);
  return result;
}
