/**
 * The partner-sharing log (issue 4): contact details shared with partner networks (ENPE,
 * EnviCrimeNet) under their MoUs, only for joint activities or network news. Each entry
 * says what was shared, when, and for which activity, so the person's access reply and
 * any later rectification or erasure (Art. 19) reach every recipient.
 */
import { knownPartners } from '../../shared/vocabulary';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { Page } from '../../shared/dto/index';
import type { RecipientDto, SharingDto } from '../../shared/dto/register';
import { RegistreError } from '../../shared/errors';
import { parseIsoDate } from '../../shared/rules/dates';
import { foldForSearch } from '../../shared/rules/names';
import { deriveConsents, ledgerEvents, purposeRefs } from '../consents/ledger';
import type { Database } from '../schema';
import { assertContact, today, type CallContext } from '../context';
import { sharingFields } from './fields';

/** The purpose whose objection or withdrawal stops sharing with partners. */
export const PARTNER_SHARING_PURPOSE = 'partner_sharing';

export interface SharingObjection {
  /** The purpose whose state bars sharing: partner sharing itself, or the one restricted. */
  purposeCode: string;
  /** `none`: nothing recorded, and the purpose's lawful basis needs a grant (e.g. consent). */
  action: 'withdrawn' | 'objected' | 'restricted' | 'none';
}

/**
 * Why this person's data could not go to partners on `day`, or null. The consent ledger's
 * own derivation decides (db/consents/ledger.ts), from the events that occurred on or before that
 * day, so a sharing done before a later objection can still be logged (and reaches the
 * Art. 19 recipients). An event of that same day counts: an objection, withdrawal or
 * restriction that day bars the sharing — the protective reading, since the ledger keeps
 * days, not hours — unless the day's events end with a fresh grant (or lifted restriction).
 * Sharing is barred while any purpose is restricted (Art. 18), or when the partner-sharing
 * purpose gives no basis under its current lawful basis.
 */
export async function sharingObjection(db: Kysely<Database>, contactId: string, day: string): Promise<SharingObjection | null> {
  const events = (await ledgerEvents(db, [contactId])).get(contactId)!.filter((e) => e.occurredOn <= day);
  const state = deriveConsents(contactId, await purposeRefs(db), events);
  const restricted = state.purposes.find((p) => p.state === 'restricted');
  if (restricted) return { purposeCode: restricted.purpose.code, action: 'restricted' };
  const sharing = state.purposes.find((p) => p.purpose.code === PARTNER_SHARING_PURPOSE);
  // Purposes are never deleted and their codes are fixed: migration 0005 created this one.
  if (!sharing) throw new Error(`The ${PARTNER_SHARING_PURPOSE} purpose is missing from the register.`);
  if (sharing.applies) return null;
  return { purposeCode: PARTNER_SHARING_PURPOSE, action: sharing.state === 'withdrawn' || sharing.state === 'objected' ? sharing.state : 'none' };
}

const OBJECTION_MESSAGES: Record<SharingObjection['action'], (day: string) => string> = {
  withdrawn: (day) => `On ${day} this person had withdrawn their agreement to sharing with partner networks: their data could not be shared that day.`,
  objected: (day) => `On ${day} this person had objected to sharing with partner networks: their data could not be shared that day.`,
  restricted: (day) => `On ${day} the processing of this person’s data was restricted: it could not be shared with partner networks that day.`,
  none: (day) => `On ${day} this person had not agreed to sharing with partner networks, and its lawful basis needs their consent: their data could not be shared that day.`,
};

/** The policy's spelling of a partner it names ("enpe" is ENPE), so the log and its recipients list each partner once. */
export function partnerName(typed: string): string {
  return knownPartners.find((p) => foldForSearch(p) === foldForSearch(typed)) ?? typed;
}

function sharingQuery(db: Kysely<Database>) {
  return db
    .selectFrom('partner_sharing as s')
    .innerJoin('contacts as c', 'c.id', 's.contact_id')
    .leftJoin('staff as st', 'st.id', 's.recorded_by')
    .selectAll('s')
    .select(['c.full_name', 'st.name as staff_name']);
}

type SharingRow = Awaited<ReturnType<ReturnType<typeof sharingQuery>['execute']>>[number];

const dto = (r: SharingRow): SharingDto => {
  const { recordedById, ...shared } = sharingFields(r);
  return { ...shared, contactName: r.full_name, recordedBy: recordedById ? { id: recordedById, name: r.staff_name ?? '' } : null };
};

export async function recordSharing(ctx: CallContext, input: ParsedInput<'sharing.record'>): Promise<SharingDto> {
  if (!parseIsoDate(input.sharedOn)) {
    throw new RegistreError('invalid_input', `${input.sharedOn} is not a real date.`, { reason: 'date_invalid', field: 'sharedOn' });
  }
  // The log records what was shared, not what is planned.
  if (input.sharedOn > today(ctx)) {
    throw new RegistreError('invalid_input', 'The sharing date is in the future: record it once the data has been shared.', { reason: 'date_future', field: 'sharedOn' });
  }
  return ctx.tx(async (trx, audit) => {
    await assertContact(trx, input.contactId);
    const objection = await sharingObjection(trx, input.contactId, input.sharedOn);
    if (objection) throw new RegistreError('conflict', OBJECTION_MESSAGES[objection.action](input.sharedOn), { reason: 'sharing_objected', action: objection.action });
    const id = randomUUID();
    const mouReference = input.mouReference ? input.mouReference : null;
    await trx
      .insertInto('partner_sharing')
      .values({
        id,
        contact_id: input.contactId,
        partner: partnerName(input.partner),
        mou_reference: mouReference,
        joint_activity: input.jointActivity,
        data_categories: JSON.stringify([...new Set(input.dataCategories)]),
        shared_on: input.sharedOn,
        recorded_by: ctx.session?.staff.id ?? null,
        recorded_at: ctx.now.toISOString(),
      })
      .execute();
    const fields = ['partner', ...(mouReference ? ['mouReference'] : []), 'jointActivity', 'dataCategories', 'sharedOn'];
    await audit({ action: 'sharing.recorded', entityType: 'partner_sharing', entityId: id, subjectId: input.contactId, fields });
    return dto(await sharingQuery(trx).where('s.id', '=', id).executeTakeFirstOrThrow());
  });
}

/** The log, newest first, for one person and/or one partner. */
export async function listSharing(db: Kysely<Database>, input: ParsedInput<'sharing.list'>): Promise<Page<SharingDto>> {
  let count = db.selectFrom('partner_sharing as s').select((eb) => eb.fn.countAll<number>().as('n'));
  let q = sharingQuery(db);
  if (input.contactId) {
    count = count.where('s.contact_id', '=', input.contactId);
    q = q.where('s.contact_id', '=', input.contactId);
  }
  if (input.partner) {
    const partner = partnerName(input.partner);
    count = count.where('s.partner', '=', partner);
    q = q.where('s.partner', '=', partner);
  }
  const total = Number((await count.executeTakeFirstOrThrow()).n);
  const rows = await q.orderBy('s.shared_on', 'desc').orderBy('s.recorded_at', 'desc').orderBy('s.id').limit(input.limit).offset(input.offset).execute();
  return { total, items: rows.map(dto) };
}

/** Everyone to tell of a rectification, erasure or restriction (Art. 19): partners shared with, then systems holding the data. */
export async function sharingRecipients(db: Kysely<Database>, contactId: string): Promise<RecipientDto[]> {
  await assertContact(db, contactId);
  const partners = await db
    .selectFrom('partner_sharing')
    .select(['partner', (eb) => eb.fn.min('shared_on').as('since')])
    .where('contact_id', '=', contactId)
    .groupBy('partner')
    .orderBy('partner')
    .execute();
  const systems = await db
    .selectFrom('contact_processors as cp')
    .innerJoin('processors as p', 'p.id', 'cp.processor_id')
    .select(['p.id', 'p.name', 'cp.since'])
    .where('cp.contact_id', '=', contactId)
    .orderBy('p.name')
    .execute();
  return [
    ...partners.map((p): RecipientDto => ({ kind: 'partner', name: p.partner, processorId: null, since: String(p.since) })),
    ...systems.map((s): RecipientDto => ({ kind: 'system', name: s.name, processorId: s.id, since: s.since })),
  ];
}
