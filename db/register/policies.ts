/**
 * The privacy-policy archive (issue 4, DESIGN §5): every version with its language,
 * effective date and full text, so a consent can say which text the person was shown.
 * Version 1 is the French text published when the vault was created (db/bootstrap.ts).
 * A version marked as a material change asks for fresh consent from those who gave it
 * before (listed by consents.reconsentNeeded).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { PolicyTextDto, PolicyVersionDto } from '../../shared/dto/register';
import { RegistreError } from '../../shared/errors';
import { parseIsoDate } from '../../shared/rules/dates';
import { hasControlCharacters } from '../../shared/rules/text';
import type { Database } from '../schema';
import { today, type CallContext } from '../context';

type Row = Database['policy_versions'];

/**
 * The id of the version in effect on `day` for each language: the newest effective date
 * not after that day (the higher version number if two share a date).
 */
function currentIds(rows: ReadonlyArray<Pick<Row, 'id' | 'language' | 'effective_date' | 'version'>>, day: string): Set<string> {
  const best = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    if (r.effective_date > day) continue;
    const b = best.get(r.language);
    if (!b || r.effective_date > b.effective_date || (r.effective_date === b.effective_date && r.version > b.version)) best.set(r.language, r);
  }
  return new Set([...best.values()].map((r) => r.id));
}

const COLUMNS = ['id', 'version', 'language', 'effective_date', 'material_change', 'summary', 'created_at'] as const;

async function versionRows(db: Kysely<Database>) {
  return db
    .selectFrom('policy_versions')
    .select([...COLUMNS, (eb) => eb.fn<number>('length', ['text']).as('characters')])
    .orderBy('effective_date', 'desc')
    .orderBy('version', 'desc')
    .orderBy('language')
    .execute();
}

type VersionRow = Awaited<ReturnType<typeof versionRows>>[number];

const dto = (r: VersionRow, current: Set<string>): PolicyVersionDto => ({
  id: r.id,
  version: r.version,
  language: r.language,
  effectiveDate: r.effective_date,
  materialChange: r.material_change === 1,
  summary: r.summary,
  characters: Number(r.characters),
  current: current.has(r.id),
  createdAt: r.created_at,
});

/** The archive, newest first, without the texts. */
export async function listPolicies(db: Kysely<Database>, day: string): Promise<PolicyVersionDto[]> {
  const rows = await versionRows(db);
  const current = currentIds(rows, day);
  return rows.map((r) => dto(r, current));
}

async function versionDto(db: Kysely<Database>, id: string, day: string): Promise<PolicyVersionDto> {
  const found = (await listPolicies(db, day)).find((p) => p.id === id);
  if (!found) throw new RegistreError('not_found', 'This policy version does not exist.', { reason: 'policy_absent' });
  return found;
}

export async function getPolicy(ctx: CallContext, id: string): Promise<PolicyTextDto> {
  const version = await versionDto(ctx.db, id, today(ctx));
  const row = await ctx.db.selectFrom('policy_versions').select('text').where('id', '=', id).executeTakeFirstOrThrow();
  return { ...version, text: row.text };
}

/** The texts of the versions in effect on `day`, one per language (the compliance checks read them). */
export async function currentPolicyTexts(db: Kysely<Database>, day: string): Promise<Array<Pick<Row, 'id' | 'version' | 'language' | 'text'>>> {
  const rows = await db.selectFrom('policy_versions').select(['id', 'version', 'language', 'effective_date', 'text']).where('effective_date', '<=', day).execute();
  const current = currentIds(rows, day);
  return rows.filter((r) => current.has(r.id)).sort((a, b) => a.language.localeCompare(b.language));
}

export async function addPolicy(ctx: CallContext, input: ParsedInput<'policies.add'>): Promise<PolicyVersionDto> {
  if (hasControlCharacters(input.text)) {
    throw new RegistreError('invalid_input', 'The text of the policy holds control characters: paste plain text.', { reason: 'text_invalid', field: 'text' });
  }
  if (!parseIsoDate(input.effectiveDate)) {
    throw new RegistreError('invalid_input', `${input.effectiveDate} is not a real date.`, { reason: 'date_invalid', field: 'effectiveDate' });
  }
  return ctx.tx(async (trx, audit) => {
    const taken = await trx.selectFrom('policy_versions').select('id').where('version', '=', input.version).where('language', '=', input.language).executeTakeFirst();
    if (taken) {
      throw new RegistreError('conflict', `Version ${input.version} in "${input.language}" is already in the archive. Give the new text the next version number.`, {
        reason: 'policy_version_taken',
        field: 'version',
      });
    }
    const id = randomUUID();
    const summary = input.summary ? input.summary : null;
    await trx
      .insertInto('policy_versions')
      .values({
        id,
        version: input.version,
        language: input.language,
        effective_date: input.effectiveDate,
        text: input.text,
        material_change: input.materialChange ? 1 : 0,
        summary,
        created_at: ctx.now.toISOString(),
      })
      .execute();
    const fields = ['version', 'language', 'effectiveDate', 'text', 'materialChange', ...(summary ? ['summary'] : [])];
    await audit({ action: 'policy.added', entityType: 'policy_version', entityId: id, fields });
    return versionDto(trx, id, today(ctx));
  });
}

export async function setMaterialChange(ctx: CallContext, id: string, materialChange: boolean): Promise<PolicyVersionDto> {
  return ctx.tx(async (trx, audit) => {
    const current = await versionDto(trx, id, today(ctx));
    if (current.materialChange === materialChange) return current;
    await trx
      .updateTable('policy_versions')
      .set({ material_change: materialChange ? 1 : 0 })
      .where('id', '=', id)
      .execute();
    await audit({ action: 'policy.material_change_set', entityType: 'policy_version', entityId: id, fields: ['materialChange'] });
    return versionDto(trx, id, today(ctx));
  });
}
