/** Member organisations and partner networks (issue 3), with their billing details. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { OrganisationDto, Page } from '../../shared/dto/index';
import { RegistreError } from '../../shared/errors';
import { validateEmail } from '../../shared/rules/email';
import { organisationKey, similarNames } from '../../shared/rules/names';
import type { Database } from '../schema';
import { indexOrganisationMembers } from './search';
import type { CallContext } from '../context';
import { byName, nameContains } from '../vault/sqlite-sql';
import { organisationFields } from './fields';

type Row = Database['organisations'];

const dto = (r: Row): OrganisationDto => {
  const { createdAt: _createdAt, updatedAt: _updatedAt, ...organisation } = organisationFields(r);
  return organisation;
};

const FIELDS = ['name', 'country', 'type', 'legalName', 'vatNumber', 'billingAddress', 'billingEmail'] as const;

function billingEmail(value: string | null | undefined): string | null | undefined {
  if (!value) return value === undefined ? undefined : null;
  const checked = validateEmail(value);
  if (!checked.ok) throw new RegistreError('invalid_input', `"${value}" is not a valid e-mail address.`, { reason: 'email_invalid', field: 'billingEmail' });
  return checked.email;
}

async function get(db: Kysely<Database>, id: string): Promise<Row> {
  const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new RegistreError('not_found', 'This organisation does not exist.', { reason: 'organisation_absent' });
  return row;
}

export async function addOrganisation(ctx: CallContext, input: ParsedInput<'organisations.add'>): Promise<OrganisationDto> {
  const email = billingEmail(input.billingEmail);
  return ctx.tx(async (trx, audit) => {
    const stamp = ctx.now.toISOString();
    const row: Row = {
      id: randomUUID(),
      name: input.name,
      country: input.country ?? null,
      type: input.type,
      legal_name: input.legalName ?? null,
      vat_number: input.vatNumber ?? null,
      billing_address: input.billingAddress ?? null,
      billing_email: email ?? null,
      created_at: stamp,
      updated_at: stamp,
      archived_at: null,
    };
    await trx.insertInto('organisations').values(row).execute();
    await audit({ action: 'organisation.created', entityType: 'organisation', entityId: row.id, fields: FIELDS.filter((f) => input[f] != null) });
    return dto(row);
  });
}

export async function updateOrganisation(ctx: CallContext, input: ParsedInput<'organisations.update'>): Promise<OrganisationDto> {
  const email = billingEmail(input.billingEmail);
  return ctx.tx(async (trx, audit) => {
    await get(trx, input.id);
    const set: Partial<Row> = { updated_at: ctx.now.toISOString() };
    if (input.name !== undefined) set.name = input.name;
    if (input.country !== undefined) set.country = input.country;
    if (input.type !== undefined) set.type = input.type;
    if (input.legalName !== undefined) set.legal_name = input.legalName;
    if (input.vatNumber !== undefined) set.vat_number = input.vatNumber;
    if (input.billingAddress !== undefined) set.billing_address = input.billingAddress;
    if (email !== undefined) set.billing_email = email;
    await trx.updateTable('organisations').set(set).where('id', '=', input.id).execute();
    // Members are found by their organisation's name: follow a rename.
    if (input.name !== undefined) await indexOrganisationMembers(trx, input.id);
    await audit({ action: 'organisation.updated', entityType: 'organisation', entityId: input.id, fields: FIELDS.filter((f) => input[f] !== undefined) });
    return dto(await get(trx, input.id));
  });
}

export async function listOrganisations(db: Kysely<Database>, input: ParsedInput<'organisations.list'>): Promise<Page<OrganisationDto>> {
  let q = db.selectFrom('organisations');
  const typed = input.query?.trim();
  if (typed) q = q.where(nameContains('name', typed));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy(byName('name')).limit(input.limit).offset(input.offset).execute();
  return { total: Number(total.n), items: rows.map(dto) };
}

/** How many near names a check lists: enough to recognise the one meant. */
const SIMILAR = 5;

/**
 * Organisations whose name is close to `name` (similarNames), in name order, the same
 * key first. There are hundreds at most, so every name is compared here rather than in SQL.
 */
export async function similarOrganisations(db: Kysely<Database>, input: ParsedInput<'organisations.similar'>): Promise<OrganisationDto[]> {
  const rows = await db
    .selectFrom('organisations')
    .selectAll()
    .$if(input.excludeId !== undefined, (q) => q.where('id', '!=', input.excludeId!))
    .orderBy(byName('name'))
    .execute();
  const key = organisationKey(input.name);
  return rows
    .filter((r) => similarNames(r.name, input.name))
    .sort((a, b) => Number(organisationKey(b.name) === key) - Number(organisationKey(a.name) === key))
    .slice(0, SIMILAR)
    .map(dto);
}
