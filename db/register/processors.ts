/**
 * Processors and third-party accounts (issue 4): who handles personal data for the
 * secretariat, where, under which transfer safeguard and data-processing agreement.
 * Pre-filled from the policy by migration 0005.
 *
 * The policy still says US transfers rest on the EU–US Privacy Shield, which the CJEU
 * invalidated on 16 July 2020 (C-311/18, Schrems II). The register flags it wherever it is
 * cited, in the current policy text and in recorded safeguards, so the secretariat can
 * update both.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { ComplianceWarningDto, ProcessorDto, ProcessorRegisterDto } from '../../shared/dto/register';
import { RegistreError } from '../../shared/errors';
import { foldForSearch } from '../../shared/rules/names';
import { currentPolicyTexts } from './policies';
import type { Database } from '../schema';
import { today, type CallContext } from '../context';
import { processorFields } from './fields';

type Row = Database['processors'];
type Fields = Omit<ParsedInput<'processors.update'>, 'id'>;

/** Field names as the API spells them, for the audit log. */
const FIELDS = ['name', 'kind', 'role', 'country', 'transferSafeguard', 'dpaStatus', 'dpaSignedOn', 'dataCategories', 'policyUrl', 'notes'] as const;

/**
 * The Privacy Shield's names, folded (no case, no accents): English; the French of the
 * secretariat's policy; and the French of the Commission's own texts.
 */
const PRIVACY_SHIELD = ['privacy shield', 'bouclier de protection de la vie privee', 'bouclier de protection des donnees ue-etats-unis'];

export function citesPrivacyShield(text: string | null): boolean {
  if (!text) return false;
  const folded = foldForSearch(text);
  return PRIVACY_SHIELD.some((name) => folded.includes(name));
}

/** The sentences of `text` that cite the Privacy Shield, as written. */
export function privacyShieldSentences(text: string, language: string): string[] {
  const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  // Line by line: headings and list items have no full stop to end them.
  return text
    .split(/\n+/)
    .flatMap((line) => [...segmenter.segment(line)].map((s) => s.segment.trim()))
    .filter((sentence) => citesPrivacyShield(sentence));
}

const blankToNull = (v: string | null | undefined): string | null => (v === undefined || v === null || v === '' ? null : v);

async function rows(db: Kysely<Database>, onlyId?: string): Promise<ProcessorDto[]> {
  let q = db
    .selectFrom('processors as p')
    .selectAll('p')
    .select((eb) => eb.selectFrom('contact_processors as cp').whereRef('cp.processor_id', '=', 'p.id').select(eb.fn.countAll<number>().as('n')).as('contact_count'))
    .orderBy('p.name');
  if (onlyId) q = q.where('p.id', '=', onlyId);
  const found = await q.execute();
  let links = db
    .selectFrom('purpose_processors as pp')
    .innerJoin('purposes as pu', 'pu.id', 'pp.purpose_id')
    .select(['pp.processor_id', 'pu.id', 'pu.code', 'pu.name_en', 'pu.name_fr'])
    .orderBy('pu.position');
  if (onlyId) links = links.where('pp.processor_id', '=', onlyId);
  const byProcessor = new Map<string, ProcessorDto['purposes']>();
  for (const l of await links.execute()) {
    const list = byProcessor.get(l.processor_id) ?? [];
    list.push({ id: l.id, code: l.code, nameEn: l.name_en, nameFr: l.name_fr });
    byProcessor.set(l.processor_id, list);
  }
  return found.map((r) => {
    const { createdAt: _createdAt, ...processor } = processorFields(r);
    return { ...processor, purposes: byProcessor.get(r.id) ?? [], contactCount: Number(r.contact_count ?? 0), citesPrivacyShield: citesPrivacyShield(r.transfer_safeguard) };
  });
}

async function processorById(db: Kysely<Database>, id: string): Promise<ProcessorDto> {
  const [p] = await rows(db, id);
  if (!p) throw new RegistreError('not_found', 'This processor does not exist.', { reason: 'processor_absent' });
  return p;
}

/** What the secretariat should fix: the current policy texts and the safeguards that cite the Privacy Shield. */
async function complianceWarnings(db: Kysely<Database>, processors: ProcessorDto[], day: string): Promise<ComplianceWarningDto[]> {
  const warnings: ComplianceWarningDto[] = [];
  for (const policy of await currentPolicyTexts(db, day)) {
    const [excerpt] = privacyShieldSentences(policy.text, policy.language);
    if (excerpt === undefined) continue;
    warnings.push({
      code: 'privacy_shield_in_policy',
      policyVersion: { id: policy.id, version: policy.version, language: policy.language },
      excerpt,
      processors: [],
    });
  }
  const citing = processors.filter((p) => p.citesPrivacyShield).map((p) => ({ id: p.id, name: p.name }));
  if (citing.length > 0) warnings.push({ code: 'privacy_shield_safeguard', policyVersion: null, excerpt: null, processors: citing });
  return warnings;
}

export async function processorRegister(ctx: CallContext): Promise<ProcessorRegisterDto> {
  const processors = await rows(ctx.db);
  return { processors, warnings: await complianceWarnings(ctx.db, processors, today(ctx)) };
}

/** Names are unique whatever their case or accents ("Mailchimp" and "MailChimp" are one). */
async function assertNameFree(db: Kysely<Database>, name: string, exceptId?: string): Promise<void> {
  const key = foldForSearch(name);
  const all = await db.selectFrom('processors').select(['id', 'name']).execute();
  const other = all.find((p) => p.id !== exceptId && foldForSearch(p.name) === key);
  if (other) throw new RegistreError('conflict', `"${other.name}" is already in the register.`, { reason: 'processor_name_taken', field: 'name' });
}

/**
 * The DPA's signing day once `input` is applied to `current` (null for a new processor): a
 * status other than signed has no day (a day given with it is refused, a day kept from
 * before is cleared), and a day is never in the future.
 */
function dpaDayOf(ctx: CallContext, input: Pick<Fields, 'dpaStatus' | 'dpaSignedOn'>, current: ProcessorDto | null): string | null {
  const status = input.dpaStatus ?? current?.dpaStatus ?? 'unknown';
  if (status !== 'signed') {
    if (input.dpaSignedOn) {
      throw new RegistreError('invalid_input', 'Only a signed agreement has a signing day: set the status to "signed", or leave the day empty.', {
        reason: 'dpa_date_unsigned',
        field: 'dpaSignedOn',
      });
    }
    return null;
  }
  const day = input.dpaSignedOn !== undefined ? input.dpaSignedOn : (current?.dpaSignedOn ?? null);
  if (day !== null && day > today(ctx)) {
    throw new RegistreError('invalid_input', 'The signing day is in the future: record it once the agreement is signed.', { reason: 'date_future', field: 'dpaSignedOn' });
  }
  return day;
}

const categoriesOf = (xs: readonly string[] | undefined): string[] | undefined => (xs === undefined ? undefined : [...new Set(xs)]);

export async function addProcessor(ctx: CallContext, input: ParsedInput<'processors.add'>): Promise<ProcessorDto> {
  return ctx.tx(async (trx, audit) => {
    await assertNameFree(trx, input.name);
    const id = randomUUID();
    const categories = categoriesOf(input.dataCategories) ?? [];
    const dpaSignedOn = dpaDayOf(ctx, input, null);
    await trx
      .insertInto('processors')
      .values({
        id,
        name: input.name,
        kind: input.kind,
        role: input.role,
        country: input.country ?? null,
        transfer_safeguard: blankToNull(input.transferSafeguard),
        dpa_status: input.dpaStatus,
        dpa_signed_on: dpaSignedOn,
        data_categories: JSON.stringify(categories),
        policy_url: blankToNull(input.policyUrl),
        notes: blankToNull(input.notes),
        created_at: ctx.now.toISOString(),
      })
      .execute();
    const fields = FIELDS.filter((f) => (f === 'dataCategories' ? categories.length > 0 : input[f] != null && input[f] !== ''));
    await audit({ action: 'processor.added', entityType: 'processor', entityId: id, fields });
    return processorById(trx, id);
  });
}

/** The fields an update really changes: a form sends them all, a no-op save writes nothing. */
function changedFields(input: Fields, current: ProcessorDto, categories: string[] | undefined, dpaSignedOn: string | null): Array<(typeof FIELDS)[number]> {
  const differs = (given: string | null | undefined, now: string | null) => given !== undefined && blankToNull(given) !== now;
  const changed: Record<(typeof FIELDS)[number], boolean> = {
    name: differs(input.name, current.name),
    kind: differs(input.kind, current.kind),
    role: differs(input.role, current.role),
    country: differs(input.country, current.country),
    transferSafeguard: differs(input.transferSafeguard, current.transferSafeguard),
    dpaStatus: differs(input.dpaStatus, current.dpaStatus),
    dpaSignedOn: dpaSignedOn !== current.dpaSignedOn,
    dataCategories: categories !== undefined && JSON.stringify(categories) !== JSON.stringify(current.dataCategories),
    policyUrl: differs(input.policyUrl, current.policyUrl),
    notes: differs(input.notes, current.notes),
  };
  return FIELDS.filter((f) => changed[f]);
}

export async function updateProcessor(ctx: CallContext, input: ParsedInput<'processors.update'>): Promise<ProcessorDto> {
  return ctx.tx(async (trx, audit) => {
    const current = await processorById(trx, input.id);
    if (input.name !== undefined) await assertNameFree(trx, input.name, input.id);
    const categories = categoriesOf(input.dataCategories);
    const dpaSignedOn = dpaDayOf(ctx, input, current);
    const fields = changedFields(input, current, categories, dpaSignedOn);
    if (fields.length === 0) return current;
    const set: Partial<Row> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.kind !== undefined) set.kind = input.kind;
    if (input.role !== undefined) set.role = input.role;
    if (input.country !== undefined) set.country = input.country;
    if (input.transferSafeguard !== undefined) set.transfer_safeguard = blankToNull(input.transferSafeguard);
    if (input.dpaStatus !== undefined) set.dpa_status = input.dpaStatus;
    if (dpaSignedOn !== current.dpaSignedOn) set.dpa_signed_on = dpaSignedOn;
    if (categories !== undefined) set.data_categories = JSON.stringify(categories);
    if (input.policyUrl !== undefined) set.policy_url = blankToNull(input.policyUrl);
    if (input.notes !== undefined) set.notes = blankToNull(input.notes);
    await trx.updateTable('processors').set(set).where('id', '=', input.id).execute();
    await audit({ action: 'processor.updated', entityType: 'processor', entityId: input.id, fields });
    return processorById(trx, input.id);
  });
}
