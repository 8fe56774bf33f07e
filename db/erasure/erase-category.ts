/**
 * Erasing one sensitive category of a person (issue 15, DESIGN §5 "Erasure"): their bank
 * details, identity documents, profile photos or signed sheets go, values and files, while
 * the contact and everything else stays. The legal holds are those of a whole erasure
 * (shared/rules/legal-holds.ts): bank details used for a payment in the last 7 years and
 * signed sheets of an event less than 7 years old stay, on the contact, with only what the
 * hold keeps (IBAN, BIC and the payment day; the file and the event). The search index
 * holds no sensitive value, so it has nothing to forget. Freed pages are zeroed
 * (`secure_delete`) and the WAL's old frames emptied after the commit, as in erase.ts.
 *
 * An open rights request does not stop it: only retention is frozen by one, and this may
 * be what the request asked for.
 */
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { CategoryErasurePreviewDto, CategoryErasureResultDto } from '../../shared/dto/erasure';
import { RegistreError } from '../../shared/errors';
import type { SensitiveCategory } from '../../shared/vocabulary';
import { assertContact, today, type CallContext } from '../context';
import { requestToCarryOut, recordAction } from '../requests/action-rows';
import type { Database } from '../schema';
import { reached } from '../steps';
import { afterErasureCommit, assertReasonNamesNoOne, heldExtras, keptValues } from './erase';

const CATEGORY_WORDS: Record<SensitiveCategory, string> = { bank: 'bank details', identity: 'identity documents', photo: 'profile photos', signature: 'signed attendance sheets' };

async function categoryPlan(db: Kysely<Database>, contactId: string, category: SensitiveCategory, day: string): Promise<CategoryErasurePreviewDto> {
  const items = await db.selectFrom('sensitive_extras').select('id').where('contact_id', '=', contactId).where('category', '=', category).execute();
  const keeps = await heldExtras(db, contactId, day, category);
  return { contactId, category, removes: items.length - keeps.length, keeps };
}

export async function previewCategoryErasure(ctx: CallContext, input: ParsedInput<'contacts.eraseCategoryPreview'>): Promise<CategoryErasurePreviewDto> {
  await assertContact(ctx.db, input.contactId);
  return categoryPlan(ctx.db, input.contactId, input.category, today(ctx));
}

export async function eraseCategory(ctx: CallContext, input: ParsedInput<'contacts.eraseCategory'>): Promise<CategoryErasureResultDto> {
  const { contactId, category } = input;
  const day = today(ctx);
  reached('erase', 'before-transaction');
  const result = await ctx.tx(async (trx, audit) => {
    await assertContact(trx, contactId);
    await assertReasonNamesNoOne(trx, contactId, input.reason);
    const request = input.requestId === undefined ? null : await requestToCarryOut(trx, input.requestId, ['erasure'], { contactId });
    const p = await categoryPlan(trx, contactId, category, day);
    if (p.removes + p.keeps.length === 0) {
      throw new RegistreError('conflict', `This contact has no ${CATEGORY_WORDS[category]} to erase.`, { reason: 'category_empty', category });
    }
    const heldIds = p.keeps.map((k) => k.id);
    for (const id of heldIds) {
      const x = await trx.selectFrom('sensitive_extras').select(['category', 'data']).where('id', '=', id).executeTakeFirstOrThrow();
      await trx
        .updateTable('sensitive_extras')
        .set({ data: JSON.stringify(keptValues(x)) })
        .where('id', '=', id)
        .execute();
    }
    let gone = trx.deleteFrom('sensitive_extras').where('contact_id', '=', contactId).where('category', '=', category);
    if (heldIds.length > 0) gone = gone.where('id', 'not in', heldIds);
    await gone.execute();
    await trx
      .insertInto('category_erasures')
      .values({ contact_id: contactId, category, erased_on: day, request_id: input.requestId ?? null, reason: input.reason, removed_count: p.removes, kept_count: p.keeps.length })
      .execute();
    if (request) await recordAction(ctx, trx, audit, request, 'erasure', { erasureId: null, keptCount: p.keeps.length, category });
    reached('erase', 'rows-deleted');
    await audit({ action: 'contact.category_erased', entityType: 'contact', entityId: contactId, fields: [category] });
    reached('erase', 'audited');
    return { contactId, category, erasedOn: day, requestId: input.requestId ?? null, removed: p.removes, kept: p.keeps };
  });
  await afterErasureCommit(ctx, false);
  return result;
}
