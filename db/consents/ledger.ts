/**
 * The consent ledger (issue 4, DESIGN §5): consents, withdrawals, objections and
 * restrictions appended one event at a time, and the state derived from them for one
 * contact. The state is never stored: it is the latest event per purpose, ordered by the
 * day it happened, then when it was entered, then the order of entry (entry_seq), so an
 * event entered late for an earlier day does not hide a newer one.
 */
import type { ConsentAction, LawfulBasis } from '../../shared/vocabulary';
import { randomUUID } from 'node:crypto';
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { ConsentEventDto, ContactConsentsDto, NoBasisReasonDto, PurposeRefDto, PurposeStateDto } from '../../shared/dto/consents';
import { RegistreError } from '../../shared/errors';
import { parseIsoDate } from '../../shared/rules/dates';
import { versionShownOn, versionsInEffectOn } from '../../shared/rules/policy-versions';
import type { Database } from '../schema';
import { assertContact, today, type CallContext } from '../context';
import { consentEventFields } from './fields';
import { reached } from '../steps';
import { purposeFields, purposeRef } from '../register/fields';

/** The language of the policy text when the contact's own is not archived (the published policy is French). */
export const FALLBACK_POLICY_LANGUAGE = 'fr';

/**
 * Whether a purpose gives a basis, from its latest event (dto-consents.ts): consent,
 * contract and legal-obligation purposes need a grant; legitimate interest applies until
 * an objection, withdrawal or restriction.
 */
export function basisApplies(basis: LawfulBasis, latest: ConsentAction | 'none'): boolean {
  if (basis === 'legitimate_interest') return latest === 'none' || latest === 'granted';
  return latest === 'granted';
}

/** Actions that take a basis away (a restriction suspends it). */
const REMOVING: readonly ConsentAction[] = ['withdrawn', 'objected', 'restricted'];

export async function purposeRefs(db: Kysely<Database>): Promise<PurposeRefDto[]> {
  const rows = await db.selectFrom('purposes').selectAll().orderBy('position').orderBy('code').execute();
  return rows.map((r) => purposeRef(purposeFields(r)));
}

/** Every event of these contacts by contact, oldest first in ledger order, with who recorded it and the policy shown. */
export async function ledgerEvents(db: Kysely<Database>, contactIds: readonly string[]): Promise<Map<string, ConsentEventDto[]>> {
  const byContact = new Map<string, ConsentEventDto[]>(contactIds.map((id) => [id, []]));
  if (contactIds.length === 0) return byContact;
  const rows = await db
    .selectFrom('consent_events as e')
    .leftJoin('policy_versions as p', 'p.id', 'e.policy_version_id')
    .leftJoin('staff as s', 's.id', 'e.recorded_by')
    .select([
      'e.id',
      'e.contact_id',
      'e.purpose_id',
      'e.action',
      'e.lawful_basis',
      'e.channel',
      'e.evidence',
      'e.policy_version_id',
      'p.version as policy_number',
      'p.language as policy_language',
      'e.policy_earlier',
      'e.occurred_at',
      'e.recorded_by',
      's.name as staff_name',
      'e.recorded_at',
    ])
    .where('e.contact_id', 'in', contactIds)
    .orderBy('e.occurred_at')
    .orderBy('e.recorded_at')
    .orderBy('e.entry_seq')
    .execute();
  for (const r of rows) {
    const { contactId, policyVersionId, recordedById, ...event } = consentEventFields(r);
    byContact.get(contactId)!.push({
      ...event,
      policyVersion: policyVersionId && r.policy_number !== null ? { id: policyVersionId, version: r.policy_number, language: r.policy_language ?? '' } : null,
      recordedBy: recordedById ? { id: recordedById, name: r.staff_name ?? '' } : null,
    });
  }
  return byContact;
}

/** The derived state from a contact's events, given oldest first in ledger order. */
export function deriveConsents(contactId: string, purposes: readonly PurposeRefDto[], events: readonly ConsentEventDto[]): ContactConsentsDto {
  const states: PurposeStateDto[] = purposes.map((purpose) => {
    const history = events.filter((e) => e.purposeId === purpose.id);
    const latest = history.at(-1);
    const state = latest?.action ?? 'none';
    return { purpose, state, applies: basisApplies(purpose.lawfulBasis, state), since: latest?.occurredOn ?? null, history };
  });
  const latestEvents = states.flatMap((s) => (s.history.length ? [{ purpose: s.purpose, event: s.history.at(-1)! }] : []));
  const restricted = latestEvents.some((l) => l.event.action === 'restricted');
  let noRemainingBasis: NoBasisReasonDto | null = null;
  // Only a withdrawal or an objection raises the flag: someone never asked has nothing to review.
  if (!states.some((s) => s.applies) && latestEvents.some((l) => l.event.action === 'withdrawn' || l.event.action === 'objected')) {
    const order = new Map(events.map((e, i) => [e.id, i]));
    const removing = latestEvents.filter((l) => REMOVING.includes(l.event.action)).sort((a, b) => order.get(b.event.id)! - order.get(a.event.id)!);
    noRemainingBasis = {
      since: removing.reduce((max, l) => (l.event.occurredOn > max ? l.event.occurredOn : max), removing[0]!.event.occurredOn),
      events: removing.map((l) => ({ purpose: l.purpose, action: l.event.action, occurredOn: l.event.occurredOn, channel: l.event.channel })),
    };
  }
  return { contactId, purposes: states, restricted, noRemainingBasis };
}

/**
 * A query creator with a `latest` table: one row per (contact, purpose) that has events,
 * holding its newest event in the order above, for the lists that read the whole register
 * (review lists, mailing list). A window function (row_number over each pair's events).
 * `where` narrows the events ranked (one purpose, or the contacts worth looking at): that
 * is what keeps it fast on a million events.
 */
export function withLatest(db: Kysely<Database>, where?: (eb: ExpressionBuilder<Database & { e: Database['consent_events'] }, 'e'>) => Expression<SqlBool>) {
  return db
    .with('ranked', (qc) => {
      const q = qc.selectFrom('consent_events as e').select((eb) => [
        'e.contact_id',
        'e.purpose_id',
        'e.action',
        'e.occurred_at',
        'e.channel',
        'e.policy_version_id',
        eb.fn
          .agg<number>('row_number')
          .over((ob) => ob.partitionBy(['e.contact_id', 'e.purpose_id']).orderBy('e.occurred_at', 'desc').orderBy('e.recorded_at', 'desc').orderBy('e.entry_seq', 'desc'))
          .as('rn'),
      ]);
      return where ? q.where((eb) => where(eb as never)) : q;
    })
    .with('latest', (qc) => qc.selectFrom('ranked').select(['contact_id', 'purpose_id', 'action', 'occurred_at', 'channel', 'policy_version_id']).where('rn', '=', 1));
}

/**
 * Like withLatest, for one purpose across the whole register (the mailing list reads the
 * newsletter's): each person's last day comes from the (purpose, contact, day) index
 * alone, and only the events of that day are read, by entry_seq (the table's key), so the
 * table is read front to back rather than at a random page per person.
 */
export function withLatestOfPurpose(db: Kysely<Database>, purposeId: string) {
  return db
    .with('last_day', (qc) =>
      qc
        .selectFrom('consent_events')
        .select((eb) => ['contact_id', eb.fn.max('occurred_at').as('day')])
        .where('purpose_id', '=', purposeId)
        .groupBy('contact_id'),
    )
    .with('on_last_day', (qc) =>
      qc
        .selectFrom('last_day as l')
        .innerJoin('consent_events as x', (join) => join.on('x.purpose_id', '=', purposeId).onRef('x.contact_id', '=', 'l.contact_id').onRef('x.occurred_at', '=', 'l.day'))
        .select('x.entry_seq'),
    )
    .with('ranked', (qc) =>
      qc
        .selectFrom('consent_events as e')
        .select((eb) => [
          'e.contact_id',
          'e.action',
          eb.fn
            .agg<number>('row_number')
            .over((ob) => ob.partitionBy('e.contact_id').orderBy('e.recorded_at', 'desc').orderBy('e.entry_seq', 'desc'))
            .as('rn'),
        ])
        .where('e.entry_seq', 'in', qc.selectFrom('on_last_day').select('entry_seq')),
    )
    .with('latest', (qc) => qc.selectFrom('ranked').select(['contact_id', 'action']).where('rn', '=', 1));
}

export async function consentsForContact(db: Kysely<Database>, contactId: string): Promise<ContactConsentsDto> {
  await assertContact(db, contactId);
  return deriveConsents(contactId, await purposeRefs(db), (await ledgerEvents(db, [contactId])).get(contactId)!);
}

/**
 * The policy the person was shown: the version cited (by id or number), which must be the
 * one in effect on `day` for its language; else the one in effect in the contact's language
 * or French. `earlier` when the day comes before every version of those languages: an
 * earlier policy, whose text is not kept.
 */
async function policyShown(db: Kysely<Database>, input: ParsedInput<'consents.record'>, contactLanguage: string | null, day: string): Promise<{ id: string | null; earlier: boolean }> {
  const languages = [...new Set([contactLanguage, FALLBACK_POLICY_LANGUAGE].filter((l): l is string => !!l))];
  const versions = (await db.selectFrom('policy_versions').select(['id', 'version', 'language', 'effective_date']).execute()).map((r) => ({
    id: r.id,
    version: r.version,
    language: r.language,
    effectiveDate: r.effective_date,
  }));
  let cited: (typeof versions)[number] | undefined;
  if (input.policyVersionId !== undefined) {
    cited = versions.find((v) => v.id === input.policyVersionId);
    if (!cited) throw new RegistreError('not_found', 'This privacy-policy version does not exist.', { reason: 'policy_absent', field: 'policyVersionId' });
  } else if (input.policyVersion !== undefined) {
    for (const language of input.policyLanguage ? [input.policyLanguage] : languages) {
      cited = versions.find((v) => v.version === input.policyVersion && v.language === language);
      if (cited) break;
    }
    if (!cited) {
      throw new RegistreError('not_found', `There is no version ${input.policyVersion} of the privacy policy in ${input.policyLanguage ?? languages.join(' or ')}.`, {
        reason: 'policy_absent',
        field: 'policyVersion',
      });
    }
  }
  if (!cited) {
    const shown = versionShownOn(versions, day, languages);
    return { id: shown?.id ?? null, earlier: shown === null };
  }
  const inEffect = versionsInEffectOn(versions, day).find((v) => v.language === cited.language);
  if (inEffect?.id !== cited.id) {
    const field = input.policyVersionId !== undefined ? 'policyVersionId' : 'policyVersion';
    const name = `Version ${cited.version} (${cited.language}) of the privacy policy`;
    const why =
      cited.effectiveDate > day
        ? `${name} takes effect on ${cited.effectiveDate}: a consent dated ${day} cannot cite it.`
        : `${name} was replaced by version ${inEffect!.version} on ${inEffect!.effectiveDate}: a consent dated ${day} cannot cite it.`;
    const then = inEffect
      ? ` The version in effect on ${day} was version ${inEffect.version}.`
      : ` No archived version in ${cited.language} was in effect on ${day}: leave the version out and the consent records an earlier policy, whose text is not kept (or correct the version's date if it was published earlier).`;
    throw new RegistreError('invalid_input', why + then, { reason: 'policy_not_in_effect', field });
  }
  return { id: cited.id, earlier: false };
}

/**
 * Appends one event (contract: consents.record). The lawful basis is the purpose's at the
 * time of recording, kept on the event so a later change of the register does not rewrite
 * what was relied on then.
 */
export async function recordConsent(ctx: CallContext, input: ParsedInput<'consents.record'>): Promise<ContactConsentsDto> {
  const day = input.occurredOn ?? today(ctx);
  if (!parseIsoDate(day)) throw new RegistreError('invalid_input', `${day} is not a real date.`, { reason: 'date_invalid', field: 'occurredOn' });
  if (day > today(ctx)) {
    throw new RegistreError('invalid_input', 'An event cannot be recorded for a day that has not come yet.', { reason: 'date_in_future', field: 'occurredOn' });
  }
  reached('consents', 'before-transaction');
  const state = await ctx.tx(async (trx, audit) => {
    const contact = await assertContact(trx, input.contactId);
    const purposeQuery = trx.selectFrom('purposes').select(['id', 'lawful_basis']);
    const purpose = await (input.purposeId !== undefined ? purposeQuery.where('id', '=', input.purposeId) : purposeQuery.where('code', '=', input.purposeCode!)).executeTakeFirst();
    if (!purpose) {
      throw new RegistreError('not_found', input.purposeCode !== undefined ? `There is no purpose with the code "${input.purposeCode}".` : 'This purpose does not exist.', {
        reason: 'purpose_absent',
        field: input.purposeId !== undefined ? 'purposeId' : 'purposeCode',
      });
    }
    if (input.action === 'objected' && purpose.lawful_basis === 'consent') {
      throw new RegistreError('invalid_input', 'This purpose rests on consent: record a withdrawal of consent, not an objection (the right to object, Art. 21, is for legitimate interests).', {
        reason: 'objection_on_consent',
        field: 'action',
      });
    }
    // Art. 21 gives no right to object to what a contract or the law requires; a restriction (Art. 18) remains possible.
    if (input.action === 'objected' && purpose.lawful_basis !== 'legitimate_interest') {
      throw new RegistreError('invalid_input', 'This purpose rests on a contract or a legal obligation: there is no right to object to it. Record a restriction if processing must stop for now.', {
        reason: 'objection_without_legitimate_interest',
        field: 'action',
      });
    }
    if (input.action === 'withdrawn' && purpose.lawful_basis !== 'consent') {
      throw new RegistreError('invalid_input', 'Only a consent can be withdrawn. This purpose rests on another basis: record an objection or a restriction instead.', {
        reason: 'withdrawal_without_consent',
        field: 'action',
      });
    }
    const policy = await policyShown(trx, input, contact.language, day);
    const policyVersionId = policy.id;
    const id = randomUUID();
    await trx
      .insertInto('consent_events')
      .values({
        id,
        contact_id: input.contactId,
        purpose_id: purpose.id,
        action: input.action,
        lawful_basis: purpose.lawful_basis,
        channel: input.channel,
        evidence: input.evidence || null,
        policy_version_id: policyVersionId,
        policy_earlier: policy.earlier ? 1 : 0,
        occurred_at: day,
        recorded_by: ctx.session?.staff.id ?? null,
        recorded_at: ctx.now.toISOString(),
      })
      .execute();
    const fields = [
      'purposeId',
      'action',
      'channel',
      'occurredOn',
      ...(input.evidence ? ['evidence'] : []),
      ...(policyVersionId ? ['policyVersionId'] : []),
      ...(policy.earlier ? ['policyEarlier'] : []),
    ];
    await audit({ action: 'consent.recorded', entityType: 'consent_event', entityId: id, subjectId: input.contactId, fields });
    reached('consents', 'audited');
    return consentsForContact(trx, input.contactId);
  });
  reached('consents', 'committed');
  return state;
}
