/**
 * Legal holds (issue 15): an admin freezes a person against retention, for a reason and
 * until a day (inclusive). Lifting keeps the row with who lifted it and when, so the
 * person's history still shows why they were kept. The audit events name the fields only;
 * the reason stays in the hold's row.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { LegalHoldDto } from '../../shared/dto/retention';
import { RegistreError } from '../../shared/errors';
import { assertContact, today, type CallContext } from '../context';
import type { Database } from '../schema';

function holdsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('legal_holds as h')
    .leftJoin('staff as s', 's.id', 'h.set_by')
    .leftJoin('staff as l', 'l.id', 'h.lifted_by')
    .select(['h.id', 'h.contact_id', 'h.reason', 'h.until', 'h.set_at', 'h.set_by', 's.name as set_by_name', 'h.lifted_at', 'h.lifted_by', 'l.name as lifted_by_name']);
}

type HoldRow = Awaited<ReturnType<ReturnType<typeof holdsQuery>['executeTakeFirstOrThrow']>>;

const staffRef = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

const holdDto = (r: HoldRow, day: string): LegalHoldDto => ({
  id: r.id,
  contactId: r.contact_id,
  reason: r.reason,
  until: r.until,
  setAt: r.set_at,
  setBy: staffRef(r.set_by, r.set_by_name),
  liftedAt: r.lifted_at,
  liftedBy: staffRef(r.lifted_by, r.lifted_by_name),
  inForce: r.lifted_at === null && r.until >= day,
});

async function holdOf(db: Kysely<Database>, id: string): Promise<HoldRow> {
  const row = await holdsQuery(db).where('h.id', '=', id).executeTakeFirst();
  if (!row) throw new RegistreError('not_found', 'This legal hold does not exist.', { reason: 'hold_absent' });
  return row;
}

export async function listHolds(ctx: CallContext, input: ParsedInput<'legalHolds.list'>): Promise<LegalHoldDto[]> {
  let q = holdsQuery(ctx.db).orderBy('h.set_at', 'desc').orderBy('h.id');
  if (input.contactId) q = q.where('h.contact_id', '=', input.contactId);
  return (await q.execute()).map((r) => holdDto(r, today(ctx)));
}

export async function setHold(ctx: CallContext, input: ParsedInput<'legalHolds.set'>): Promise<LegalHoldDto> {
  if (input.until < today(ctx)) throw new RegistreError('invalid_input', 'A legal hold ends today or later.', { reason: 'date_past', field: 'until' });
  const id = randomUUID();
  await ctx.tx(async (trx, audit) => {
    await assertContact(trx, input.contactId);
    await trx
      .insertInto('legal_holds')
      .values({ id, contact_id: input.contactId, reason: input.reason, until: input.until, set_at: ctx.now.toISOString(), set_by: ctx.session?.staff.id ?? null, lifted_at: null, lifted_by: null })
      .execute();
    await audit({ action: 'legal_hold.set', entityType: 'legal_hold', entityId: id, subjectId: input.contactId, fields: ['reason', 'until'] });
  });
  return holdDto(await holdOf(ctx.db, id), today(ctx));
}

export async function liftHold(ctx: CallContext, id: string): Promise<LegalHoldDto> {
  await ctx.tx(async (trx, audit) => {
    const hold = await holdOf(trx, id);
    if (hold.lifted_at) throw new RegistreError('conflict', 'This legal hold was already lifted.', { reason: 'hold_lifted' });
    await trx
      .updateTable('legal_holds')
      .set({ lifted_at: ctx.now.toISOString(), lifted_by: ctx.session?.staff.id ?? null })
      .where('id', '=', id)
      .execute();
    await audit({ action: 'legal_hold.lifted', entityType: 'legal_hold', entityId: id, subjectId: hold.contact_id, fields: ['liftedAt'] });
  });
  return holdDto(await holdOf(ctx.db, id), today(ctx));
}
