/**
 * The partner-sharing log (issue 4): contact details shared with partner networks (ENPE,
 * EnviCrimeNet) under their MoUs, only for joint activities or network news. Each entry
 * says what was shared, when, and for which activity, so the person's access reply and
 * any later rectification or erasure (Art. 19) reach every recipient.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ParsedInput } from '../shared/api';
import type { Page } from '../shared/dto';
import type { RecipientDto, SharingDto } from '../shared/dto-register';
import { RegistreError } from '../shared/errors';
import { parseIsoDate } from '../shared/rules/dates';
import { assertContact } from './contact-systems';
import type { CallContext } from './core';
import type { Database } from './schema';

/** The purpose whose objection or withdrawal stops sharing with partners. */
export const PARTNER_SHARING_PURPOSE = 'partner_sharing';

export interface SharingObjection {
  purposeCode: string;
  action: 'withdrawn' | 'objected' | 'restricted';
}

/**
 * Why this person's data must not go to partners, or null: their latest consent event for
 * partner sharing is a withdrawal, an objection or a restriction, or their latest event
 * for any purpose restricts processing (Art. 18). "Latest" is by occurrence, then by
 * recording, then by insertion order (events entered the same second for the same day).
 */
export async function sharingObjection(db: Kysely<Database>, contactId: string): Promise<SharingObjection | null> {
  const events = await db
    .selectFrom('consent_events as e')
    .innerJoin('purposes as p', 'p.id', 'e.purpose_id')
    .select(['p.code', 'e.action'])
    .where('e.contact_id', '=', contactId)
    .orderBy('e.occurred_at')
    .orderBy('e.recorded_at')
    // SQLite's insertion order breaks the last ties (the ledger's ids are random).
    .orderBy(sql`e.rowid`)
    .execute();
  const latest = new Map<string, (typeof events)[number]['action']>();
  for (const e of events) latest.set(e.code, e.action);
  const own = latest.get(PARTNER_SHARING_PURPOSE);
  if (own && own !== 'granted') return { purposeCode: PARTNER_SHARING_PURPOSE, action: own };
  for (const [purposeCode, action] of latest) if (action === 'restricted') return { purposeCode, action };
  return null;
}

const OBJECTION_MESSAGES: Record<SharingObjection['action'], string> = {
  withdrawn: 'This person withdrew their agreement to sharing with partner networks: their data cannot be shared.',
  objected: 'This person objected to sharing with partner networks: their data cannot be shared.',
  restricted: 'Processing of this person’s data is restricted: it cannot be shared with partner networks.',
};

const stringList = (json: string): string[] => JSON.parse(json) as string[];

function sharingQuery(db: Kysely<Database>) {
  return db
    .selectFrom('partner_sharing as s')
    .innerJoin('contacts as c', 'c.id', 's.contact_id')
    .leftJoin('staff as st', 'st.id', 's.recorded_by')
    .selectAll('s')
    .select(['c.full_name', 'st.name as staff_name']);
}

type SharingRow = Awaited<ReturnType<ReturnType<typeof sharingQuery>['execute']>>[number];

const dto = (r: SharingRow): SharingDto => ({
  id: r.id,
  contactId: r.contact_id,
  contactName: r.full_name,
  partner: r.partner,
  mouReference: r.mou_reference,
  jointActivity: r.joint_activity,
  dataCategories: stringList(r.data_categories),
  sharedOn: r.shared_on,
  recordedBy: r.recorded_by ? { id: r.recorded_by, name: r.staff_name ?? '' } : null,
  recordedAt: r.recorded_at,
});

export async function recordSharing(ctx: CallContext, input: ParsedInput<'sharing.record'>): Promise<SharingDto> {
  if (!parseIsoDate(input.sharedOn)) {
    throw new RegistreError('invalid_input', `${input.sharedOn} is not a real date.`, { reason: 'date_invalid', field: 'sharedOn' });
  }
  return ctx.tx(async (trx, audit) => {
    await assertContact(trx, input.contactId);
    const objection = await sharingObjection(trx, input.contactId);
    if (objection) throw new RegistreError('conflict', OBJECTION_MESSAGES[objection.action], { reason: 'sharing_objected', action: objection.action });
    const id = randomUUID();
    const mouReference = input.mouReference ? input.mouReference : null;
    await trx
      .insertInto('partner_sharing')
      .values({
        id,
        contact_id: input.contactId,
        partner: input.partner,
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
    count = count.where('s.partner', '=', input.partner);
    q = q.where('s.partner', '=', input.partner);
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
