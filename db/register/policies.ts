/**
 * The privacy-policy archive (issue 4, DESIGN §5): every version with its language,
 * effective date and full text, so a consent can say which text the person was shown.
 * Version 1 is the French text the secretariat publishes, loaded when the vault is created
 * (db/bootstrap.ts) with that day as its date until an admin sets the real one
 * (setEffectiveDate, with a reason kept in policy_date_changes). Within a language the
 * dates keep the versions' order (shared/rules/policy-versions.ts).
 * A version marked as a material change asks for fresh consent from those who gave it
 * before (listed by consents.reconsentNeeded).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { PolicyDateChangeDto, PolicyTextDto, PolicyVersionDto } from '../../shared/dto/register';
import { RegistreError } from '../../shared/errors';
import { parseIsoDate } from '../../shared/rules/dates';
import { orderConflict, versionShownOn, versionsInEffectOn, type DatedVersion } from '../../shared/rules/policy-versions';
import { hasControlCharacters } from '../../shared/rules/text';
import type { Database } from '../schema';
import { today, type CallContext } from '../context';

type Row = Database['policy_versions'];

/** The ids of the versions in effect on `day`, one per language (shared/rules/policy-versions.ts). */
function currentIds(rows: ReadonlyArray<Pick<Row, 'id' | 'language' | 'effective_date' | 'version'>>, day: string): Set<string> {
  return new Set(versionsInEffectOn(rows.map(dated), day).map((v) => v.id));
}

const dated = (r: Pick<Row, 'id' | 'language' | 'effective_date' | 'version'>): DatedVersion => ({ id: r.id, version: r.version, language: r.language, effectiveDate: r.effective_date });

async function datedVersions(db: Kysely<Database>): Promise<DatedVersion[]> {
  return (await db.selectFrom('policy_versions').select(['id', 'version', 'language', 'effective_date']).execute()).map(dated);
}

/**
 * The version shown on `day` to someone reading `languages` (in order of preference): the
 * one in effect in the first language that has one, or null when the day comes before every
 * version of those languages (an earlier policy, whose text is not kept). The ledger and
 * the import ask this.
 */
export async function policyInEffectOn(db: Kysely<Database>, day: string, languages: readonly string[]): Promise<DatedVersion | null> {
  return versionShownOn(await datedVersions(db), day, languages);
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
  return { ...version, text: row.text, dateChanges: await dateChanges(ctx.db, id) };
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
    assertInOrder(await datedVersions(trx), { version: input.version, language: input.language, effectiveDate: input.effectiveDate });
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

/** Refuses an effective date that would put two versions of a language out of order. */
function assertInOrder(versions: readonly DatedVersion[], candidate: Omit<DatedVersion, 'id'> & { id?: string }): void {
  const conflict = orderConflict(versions, candidate);
  if (!conflict) return;
  const { other } = conflict;
  const message =
    conflict.side === 'before'
      ? `Version ${candidate.version} cannot take effect on ${candidate.effectiveDate}: version ${other.version} (${other.language}), which came before it, took effect on ${other.effectiveDate}. Give a day on or after ${other.effectiveDate}, or correct version ${other.version} first.`
      : `Version ${candidate.version} cannot take effect on ${candidate.effectiveDate}: version ${other.version} (${other.language}), which replaced it, took effect on ${other.effectiveDate}. Give a day on or before ${other.effectiveDate}, or correct version ${other.version} first.`;
  throw new RegistreError('conflict', message, { reason: 'policy_dates_out_of_order', field: 'effectiveDate' });
}

/**
 * The versions of `language` whose citing consents fall outside the days the version was
 * in effect (from its date to the next version's), under the given dates.
 */
async function misCitedVersions(db: Kysely<Database>, versions: readonly DatedVersion[], language: string): Promise<Map<string, { from: string; to: string; count: number }>> {
  const ids = versions.filter((v) => v.language === language).map((v) => v.id);
  const out = new Map<string, { from: string; to: string; count: number }>();
  if (ids.length === 0) return out;
  const events = await db.selectFrom('consent_events').select(['policy_version_id', 'occurred_at']).where('policy_version_id', 'in', ids).execute();
  for (const e of events) {
    const shown = versionsInEffectOn(versions, e.occurred_at).find((v) => v.language === language);
    if (shown?.id === e.policy_version_id) continue;
    const o = out.get(e.policy_version_id!) ?? { from: e.occurred_at, to: e.occurred_at, count: 0 };
    out.set(e.policy_version_id!, { from: e.occurred_at < o.from ? e.occurred_at : o.from, to: e.occurred_at > o.to ? e.occurred_at : o.to, count: o.count + 1 });
  }
  return out;
}

async function dateChanges(db: Kysely<Database>, id: string): Promise<PolicyDateChangeDto[]> {
  const rows = await db
    .selectFrom('policy_date_changes as d')
    .leftJoin('staff as s', 's.id', 'd.changed_by')
    .select(['d.from_date', 'd.to_date', 'd.reason', 'd.changed_by', 's.name as staff_name', 'd.changed_at'])
    .where('d.policy_version_id', '=', id)
    .orderBy('d.seq')
    .execute();
  return rows.map((r) => ({
    fromDate: r.from_date,
    toDate: r.to_date,
    reason: r.reason,
    changedBy: r.changed_by ? { id: r.changed_by, name: r.staff_name ?? '' } : null,
    changedAt: r.changed_at,
  }));
}

/**
 * Sets or corrects a version's effective date (contract: policies.setEffectiveDate). The
 * reason is kept with the old and new days in policy_date_changes (the audit event holds
 * field names only). Refused when the dates of a language would go out of order, or when a
 * consent citing a version would then be dated outside the days that version was in
 * effect. The same day again changes nothing.
 */
export async function setEffectiveDate(ctx: CallContext, input: ParsedInput<'policies.setEffectiveDate'>): Promise<PolicyVersionDto> {
  if (!parseIsoDate(input.effectiveDate)) {
    throw new RegistreError('invalid_input', `${input.effectiveDate} is not a real date.`, { reason: 'date_invalid', field: 'effectiveDate' });
  }
  if (hasControlCharacters(input.reason)) {
    throw new RegistreError('invalid_input', 'The reason holds control characters: type plain text.', { reason: 'text_invalid', field: 'reason' });
  }
  await ctx.tx(async (trx, audit) => {
    const current = await versionDto(trx, input.id, today(ctx));
    if (current.effectiveDate === input.effectiveDate) return;
    const versions = await datedVersions(trx);
    assertInOrder(versions, { id: input.id, version: current.version, language: current.language, effectiveDate: input.effectiveDate });
    const moved = versions.map((v) => (v.id === input.id ? { ...v, effectiveDate: input.effectiveDate } : v));
    const before = await misCitedVersions(trx, versions, current.language);
    const after = await misCitedVersions(trx, moved, current.language);
    for (const [id, bad] of after) {
      if (before.has(id)) continue;
      const cited = versions.find((v) => v.id === id)!;
      const days = bad.from === bad.to ? `dated ${bad.from}` : `dated from ${bad.from} to ${bad.to}`;
      throw new RegistreError(
        'conflict',
        `${bad.count === 1 ? 'A consent' : `${bad.count} consents`} ${days} ${bad.count === 1 ? 'cites' : 'cite'} version ${cited.version} (${cited.language}), which would no longer be the version in effect on ${bad.count === 1 ? 'its day' : 'their days'}. The ledger cannot be rewritten: choose a date that keeps them in effect.`,
        { reason: 'policy_dates_out_of_order', field: 'effectiveDate' },
      );
    }
    await trx.updateTable('policy_versions').set({ effective_date: input.effectiveDate }).where('id', '=', input.id).execute();
    await trx
      .insertInto('policy_date_changes')
      .values({
        policy_version_id: input.id,
        from_date: current.effectiveDate,
        to_date: input.effectiveDate,
        reason: input.reason,
        changed_by: ctx.session?.staff.id ?? null,
        changed_at: ctx.now.toISOString(),
      })
      .execute();
    await audit({ action: 'policy.effective_date_set', entityType: 'policy_version', entityId: input.id, fields: ['effectiveDate', 'reason'] });
  });
  return versionDto(ctx.db, input.id, today(ctx));
}
