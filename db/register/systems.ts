/**
 * Which systems (processors, third-party accounts) hold a person's data (issue 4). A
 * rights request gets one task per system listed here, and a rectification or erasure is
 * passed on to each of them (Art. 19).
 */
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { ContactSystemDto } from '../../shared/dto/register';
import { RegistreError } from '../../shared/errors';
import { parseIsoDate } from '../../shared/rules/dates';
import type { Database } from '../schema';
import { assertContact, today, type CallContext } from '../context';

export async function listContactSystems(db: Kysely<Database>, contactId: string): Promise<ContactSystemDto[]> {
  await assertContact(db, contactId);
  const rows = await db
    .selectFrom('contact_processors as cp')
    .innerJoin('processors as p', 'p.id', 'cp.processor_id')
    .select(['p.id', 'p.name', 'p.kind', 'cp.since'])
    .where('cp.contact_id', '=', contactId)
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({ processorId: r.id, name: r.name, kind: r.kind, since: r.since }));
}

/** Marks that a system holds (or no longer holds) the person's data; setting the state it already has writes nothing. */
export async function setContactSystem(ctx: CallContext, input: ParsedInput<'contactSystems.set'>): Promise<ContactSystemDto[]> {
  if (input.since !== undefined && !parseIsoDate(input.since)) {
    throw new RegistreError('invalid_input', `${input.since} is not a real date.`, { reason: 'date_invalid', field: 'since' });
  }
  if (input.since !== undefined && input.since > today(ctx)) {
    throw new RegistreError('invalid_input', 'The date is in the future: give the day the system received the data.', { reason: 'date_future', field: 'since' });
  }
  return ctx.tx(async (trx, audit) => {
    await assertContact(trx, input.contactId);
    const processor = await trx.selectFrom('processors').select('id').where('id', '=', input.processorId).executeTakeFirst();
    if (!processor) throw new RegistreError('not_found', 'This processor does not exist.', { reason: 'processor_absent', field: 'processorId' });
    const held = await trx.selectFrom('contact_processors').select('since').where('contact_id', '=', input.contactId).where('processor_id', '=', input.processorId).executeTakeFirst();
    const link = { entityType: 'contact_processor' as const, entityId: input.processorId, subjectId: input.contactId };
    if (input.holds && !held) {
      await trx
        .insertInto('contact_processors')
        .values({ contact_id: input.contactId, processor_id: input.processorId, since: input.since ?? today(ctx) })
        .execute();
      await audit({ action: 'contact_system.added', ...link, fields: ['since'] });
    } else if (input.holds && held && input.since !== undefined && input.since !== held.since) {
      await trx.updateTable('contact_processors').set({ since: input.since }).where('contact_id', '=', input.contactId).where('processor_id', '=', input.processorId).execute();
      await audit({ action: 'contact_system.updated', ...link, fields: ['since'] });
    } else if (!input.holds && held) {
      await trx.deleteFrom('contact_processors').where('contact_id', '=', input.contactId).where('processor_id', '=', input.processorId).execute();
      await audit({ action: 'contact_system.removed', ...link });
    }
    return listContactSystems(trx, input.contactId);
  });
}
