/**
 * Purposes of processing (issue 4, DESIGN §5): what the secretariat uses personal data
 * for, on which lawful basis, for how long, and with which processors. Pre-filled from the
 * policy by migration 0005; admins add and edit them. The code is the key scripts and the
 * consent ledger use, so it never changes once created.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { PurposeDto } from '../../shared/dto/register';
import { RegistreError } from '../../shared/errors';
import { dataSubjectKinds, type DataSubjectKind } from '../../shared/vocabulary';
import type { Database } from '../schema';
import type { CallContext } from '../context';
import { purposeFields } from './fields';

type Row = Selectable<Database['purposes']>;
type Fields = Omit<ParsedInput<'purposes.update'>, 'id'>;

/** Field names as the API spells them, for the audit log. */
const FIELDS = ['nameEn', 'nameFr', 'lawfulBasis', 'retentionEn', 'retentionFr', 'descriptionEn', 'descriptionFr', 'dataSubjects', 'processorIds'] as const;

/** Optional texts: an emptied field is stored as absent. */
const blankToNull = (v: string | null | undefined): string | null | undefined => (v === undefined ? undefined : v === null || v === '' ? null : v);

/** The distinct kinds, in the vocabulary's order (so a reordered list is no change). */
const subjectsOf = (kinds: readonly DataSubjectKind[] | undefined): DataSubjectKind[] | undefined => (kinds === undefined ? undefined : dataSubjectKinds.filter((k) => kinds.includes(k)));

/** Each purpose with its processors, in the register's order. */
export async function listPurposes(db: Kysely<Database>, onlyId?: string): Promise<PurposeDto[]> {
  let q = db.selectFrom('purposes').selectAll().orderBy('position').orderBy('code');
  if (onlyId) q = q.where('id', '=', onlyId);
  const rows = await q.execute();
  let links = db.selectFrom('purpose_processors as pp').innerJoin('processors as pr', 'pr.id', 'pp.processor_id').select(['pp.purpose_id', 'pr.id', 'pr.name']).orderBy('pr.name');
  if (onlyId) links = links.where('pp.purpose_id', '=', onlyId);
  const byPurpose = new Map<string, Array<{ id: string; name: string }>>();
  for (const l of await links.execute()) {
    const list = byPurpose.get(l.purpose_id) ?? [];
    list.push({ id: l.id, name: l.name });
    byPurpose.set(l.purpose_id, list);
  }
  return rows.map((r) => dto(r, byPurpose.get(r.id) ?? []));
}

const dto = (r: Row, processors: Array<{ id: string; name: string }>): PurposeDto => {
  const { createdAt: _createdAt, ...purpose } = purposeFields(r);
  return { ...purpose, processors };
};

async function purposeById(db: Kysely<Database>, id: string): Promise<PurposeDto> {
  const [p] = await listPurposes(db, id);
  if (!p) throw new RegistreError('not_found', 'This purpose does not exist.', { reason: 'purpose_absent' });
  return p;
}

/** The distinct processor ids, each checked to exist. */
async function checkedProcessorIds(db: Kysely<Database>, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return unique;
  const found = new Set((await db.selectFrom('processors').select('id').where('id', 'in', unique).execute()).map((r) => r.id));
  if (unique.some((i) => !found.has(i))) {
    throw new RegistreError('not_found', 'One of the chosen processors does not exist.', { reason: 'processor_absent', field: 'processorIds' });
  }
  return unique;
}

async function replaceProcessors(db: Kysely<Database>, purposeId: string, ids: readonly string[]): Promise<void> {
  await db.deleteFrom('purpose_processors').where('purpose_id', '=', purposeId).execute();
  if (ids.length > 0)
    await db
      .insertInto('purpose_processors')
      .values(ids.map((processor_id) => ({ purpose_id: purposeId, processor_id })))
      .execute();
}

export async function addPurpose(ctx: CallContext, input: ParsedInput<'purposes.add'>): Promise<PurposeDto> {
  return ctx.tx(async (trx, audit) => {
    const taken = await trx.selectFrom('purposes').select('id').where('code', '=', input.code).executeTakeFirst();
    if (taken) throw new RegistreError('conflict', `A purpose with the code "${input.code}" already exists.`, { reason: 'purpose_code_taken', field: 'code' });
    const processorIds = await checkedProcessorIds(trx, input.processorIds ?? []);
    const last = await trx
      .selectFrom('purposes')
      .select((eb) => eb.fn.max('position').as('p'))
      .executeTakeFirst();
    const id = randomUUID();
    const dataSubjects = subjectsOf(input.dataSubjects) ?? [];
    await trx
      .insertInto('purposes')
      .values({
        id,
        code: input.code,
        name_en: input.nameEn,
        name_fr: input.nameFr,
        lawful_basis: input.lawfulBasis,
        retention: blankToNull(input.retentionEn) ?? null,
        retention_fr: blankToNull(input.retentionFr) ?? null,
        description: blankToNull(input.descriptionEn) ?? null,
        description_fr: blankToNull(input.descriptionFr) ?? null,
        data_subjects: JSON.stringify(dataSubjects),
        // New purposes go after the policy's own.
        position: Number(last?.p ?? 0) + 10,
        created_at: ctx.now.toISOString(),
      })
      .execute();
    await replaceProcessors(trx, id, processorIds);
    const fields = ['code', ...FIELDS.filter((f) => f !== 'processorIds' && f !== 'dataSubjects' && input[f] != null && input[f] !== '')];
    if (dataSubjects.length > 0) fields.push('dataSubjects');
    if (processorIds.length > 0) fields.push('processorIds');
    await audit({ action: 'purpose.added', entityType: 'purpose', entityId: id, fields });
    return purposeById(trx, id);
  });
}

/** The fields an update really changes: a form sends them all, a no-op save writes nothing. */
function changedFields(input: Fields, current: PurposeDto, processorIds: string[] | null, dataSubjects: DataSubjectKind[] | undefined): Array<(typeof FIELDS)[number]> {
  const differs = (given: string | null | undefined, now: string | null) => given !== undefined && blankToNull(given) !== now;
  const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  const changed: Record<(typeof FIELDS)[number], boolean> = {
    nameEn: differs(input.nameEn, current.nameEn),
    nameFr: differs(input.nameFr, current.nameFr),
    lawfulBasis: differs(input.lawfulBasis, current.lawfulBasis),
    retentionEn: differs(input.retentionEn, current.retentionEn),
    retentionFr: differs(input.retentionFr, current.retentionFr),
    descriptionEn: differs(input.descriptionEn, current.descriptionEn),
    descriptionFr: differs(input.descriptionFr, current.descriptionFr),
    dataSubjects: dataSubjects !== undefined && JSON.stringify(dataSubjects) !== JSON.stringify(current.dataSubjects),
    processorIds:
      processorIds !== null &&
      !sameSet(
        processorIds,
        current.processors.map((p) => p.id),
      ),
  };
  return FIELDS.filter((f) => changed[f]);
}

export async function updatePurpose(ctx: CallContext, input: ParsedInput<'purposes.update'>): Promise<PurposeDto> {
  return ctx.tx(async (trx, audit) => {
    const current = await purposeById(trx, input.id);
    const processorIds = input.processorIds === undefined ? null : await checkedProcessorIds(trx, input.processorIds);
    const dataSubjects = subjectsOf(input.dataSubjects);
    const fields = changedFields(input, current, processorIds, dataSubjects);
    if (fields.length === 0) return current;
    const set: Updateable<Database['purposes']> = {};
    if (input.nameEn !== undefined) set.name_en = input.nameEn;
    if (input.nameFr !== undefined) set.name_fr = input.nameFr;
    if (input.lawfulBasis !== undefined) set.lawful_basis = input.lawfulBasis;
    if (input.retentionEn !== undefined) set.retention = blankToNull(input.retentionEn);
    if (input.retentionFr !== undefined) set.retention_fr = blankToNull(input.retentionFr);
    if (input.descriptionEn !== undefined) set.description = blankToNull(input.descriptionEn);
    if (input.descriptionFr !== undefined) set.description_fr = blankToNull(input.descriptionFr);
    if (dataSubjects !== undefined) set.data_subjects = JSON.stringify(dataSubjects);
    if (Object.keys(set).length > 0) await trx.updateTable('purposes').set(set).where('id', '=', input.id).execute();
    if (processorIds) await replaceProcessors(trx, input.id, processorIds);
    await audit({ action: 'purpose.updated', entityType: 'purpose', entityId: input.id, fields });
    return purposeById(trx, input.id);
  });
}
