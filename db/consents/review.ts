/**
 * The review lists the consent ledger feeds (issue 4): people whom a withdrawal or an
 * objection left with no lawful basis at all (their data should go, or a basis be found),
 * and consents given before a material change of the privacy policy (to be asked again).
 * Both are computed in SQL over the whole ledger, never from a stored state.
 */
import { expressionBuilder, type Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { NoBasisDto, ReconsentDto } from '../../shared/dto/consents';
import type { Page } from '../../shared/dto/index';
import { RegistreError } from '../../shared/errors';
import { deriveConsents, ledgerEvents, purposeRefs, withLatest } from './ledger';
import type { Database } from '../schema';

/**
 * The same rule as deriveConsents, in SQL: no latest event is a grant, every
 * legitimate-interest purpose has a latest event (so none of them still applies: without
 * an event they do), and at least one latest event is a withdrawal or an objection.
 *
 * Only candidates are ranked: people with events for every legitimate-interest purpose
 * (read from the (purpose, contact, day) index alone, without touching the events), or, in
 * a register without such purposes, people with any withdrawal or objection. Ranking the
 * whole ledger would sort a million events to find the few people who lost every basis.
 */
async function flaggedQuery(db: Kysely<Database>) {
  const li = (await db.selectFrom('purposes').select('id').where('lawful_basis', '=', 'legitimate_interest').execute()).map((p) => p.id);
  return withLatest(db, (eb) =>
    eb(
      'e.contact_id',
      'in',
      li.length > 0
        ? eb
            .selectFrom('consent_events')
            .select('contact_id')
            .where('purpose_id', 'in', li)
            .groupBy('contact_id')
            .having((h) => h.fn.count('purpose_id').distinct(), '=', li.length)
        : eb.selectFrom('consent_events').select('contact_id').where('action', 'in', ['withdrawn', 'objected']),
    ),
  ).with('flagged', (qc) =>
    qc
      .selectFrom('latest as l')
      .innerJoin('purposes as p', 'p.id', 'l.purpose_id')
      .select((eb) => ['l.contact_id', eb.fn.max('l.occurred_at').as('since')])
      .groupBy('l.contact_id')
      .having((eb) => {
        const countOf = (condition: ReturnType<typeof eb>) => eb.fn.sum<number>(eb.case().when(condition).then(1).else(0).end());
        return eb.and([
          eb(countOf(eb('l.action', '=', 'granted')), '=', 0),
          eb(countOf(eb('l.action', 'in', ['withdrawn', 'objected'])), '>', 0),
          eb(countOf(eb('p.lawful_basis', '=', 'legitimate_interest')), '=', li.length),
        ]);
      }),
  );
}

/** The number of rows of the whole result, beside each row of a page (one pass instead of a second count). */
/** Past the last page no row carries the total: then the whole result is counted. */
const wholeCount = async (count: { executeTakeFirstOrThrow(): Promise<{ n: unknown }> }): Promise<number> => Number((await count.executeTakeFirstOrThrow()).n);

const totalRows = expressionBuilder<Database, keyof Database>().fn.countAll<number>().over().as('total_rows');

/** Contract: consents.noBasis. The most recent loss first, then in the register's order. */
export async function listNoBasis(db: Kysely<Database>, input: ParsedInput<'consents.noBasis'>): Promise<Page<NoBasisDto>> {
  const query = await flaggedQuery(db);
  const rows = await query
    .selectFrom('flagged as f')
    .innerJoin('contacts as c', 'c.id', 'f.contact_id')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select(['c.id', 'c.full_name', 'o.name as organisation_name', totalRows])
    .orderBy('f.since', 'desc')
    .orderBy('c.sort_rank')
    .orderBy('c.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  const total = rows[0]?.total_rows ?? (await wholeCount(query.selectFrom('flagged').select((eb) => eb.fn.countAll<number>().as('n'))));
  const purposes = await purposeRefs(db);
  const events = await ledgerEvents(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => {
    const state = deriveConsents(r.id, purposes, events.get(r.id)!);
    // The SQL above and deriveConsents state one rule twice; a disagreement is a bug, not a user error.
    if (!state.noRemainingBasis) throw new Error(`no-basis list and derived state disagree for contact ${r.id}`);
    return { contactId: r.id, fullName: r.full_name, organisationName: r.organisation_name, reason: state.noRemainingBasis };
  });
  return { total: Number(total), items };
}

/**
 * The consents given before `effectiveDate` that are still the current state of their
 * (contact, consent purpose), as the CTE `stale`; null when the register has no consent purpose.
 */
async function staleConsents(db: Kysely<Database>, effectiveDate: string) {
  const consentPurposes = (await db.selectFrom('purposes').select('id').where('lawful_basis', '=', 'consent').execute()).map((p) => p.id);
  if (consentPurposes.length === 0) return null;
  // Only (contact, purpose) pairs with nothing on or after that day can still hold an old
  // consent: found on the (contact, purpose, day) index alone, before any event is read.
  return withLatest(db, (eb) =>
    eb(
      eb.refTuple('e.contact_id', 'e.purpose_id'),
      'in',
      eb
        .selectFrom('consent_events')
        .select(['contact_id', 'purpose_id'])
        .where('purpose_id', 'in', consentPurposes)
        .groupBy(['contact_id', 'purpose_id'])
        .having((h) => h.fn.max('occurred_at'), '<', effectiveDate)
        .$asTuple('contact_id', 'purpose_id'),
    ),
  ).with('stale', (qc) => qc.selectFrom('latest').selectAll().where('action', '=', 'granted').where('occurred_at', '<', effectiveDate));
}

/**
 * Contract: consents.reconsentNeeded. One row per contact and consent purpose whose
 * current consent was given before the version took effect, in the register's order.
 * Every language counts: a material change is made to the policy, whichever translation
 * the person read.
 */
export async function listReconsentNeeded(db: Kysely<Database>, input: ParsedInput<'consents.reconsentNeeded'>): Promise<Page<ReconsentDto>> {
  const version = await db.selectFrom('policy_versions').select(['effective_date', 'material_change']).where('id', '=', input.policyVersionId).executeTakeFirst();
  if (!version) throw new RegistreError('not_found', 'This privacy-policy version does not exist.', { reason: 'policy_absent', field: 'policyVersionId' });
  if (version.material_change !== 1) {
    throw new RegistreError('invalid_input', 'This version is not marked as a material change, so no one has to be asked for consent again.', {
      reason: 'not_material',
      field: 'policyVersionId',
    });
  }
  const query = await staleConsents(db, version.effective_date);
  if (!query) return { total: 0, items: [] };
  const rows = await query
    .selectFrom('stale as s')
    .innerJoin('contacts as c', 'c.id', 's.contact_id')
    .innerJoin('purposes as p', 'p.id', 's.purpose_id')
    .leftJoin('policy_versions as v', 'v.id', 's.policy_version_id')
    .select(['c.id', 'c.full_name', 'p.id as purpose_id', 'p.code', 'p.name_en', 'p.name_fr', 'p.lawful_basis', 's.occurred_at', 'v.version', totalRows])
    .orderBy('c.sort_rank')
    .orderBy('c.id')
    .orderBy('p.position')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  const total = rows[0]?.total_rows ?? (await wholeCount(query.selectFrom('stale').select((eb) => eb.fn.countAll<number>().as('n'))));
  return {
    total: Number(total),
    items: rows.map((r) => ({
      contactId: r.id,
      fullName: r.full_name,
      purpose: { id: r.purpose_id, code: r.code, nameEn: r.name_en, nameFr: r.name_fr, lawfulBasis: r.lawful_basis },
      grantedOn: r.occurred_at,
      policyVersionShown: r.version,
    })),
  };
}

/** How many consents predate `effectiveDate` and are still current: the re-consent list's total, counted without its rows. */
export async function countReconsentNeeded(db: Kysely<Database>, effectiveDate: string): Promise<number> {
  const query = await staleConsents(db, effectiveDate);
  return query ? wholeCount(query.selectFrom('stale').select((eb) => eb.fn.countAll<number>().as('n'))) : 0;
}

/** How many people have no lawful basis left: the no-basis list's total, counted without its rows. */
export async function countNoBasis(db: Kysely<Database>): Promise<number> {
  return wholeCount((await flaggedQuery(db)).selectFrom('flagged').select((eb) => eb.fn.countAll<number>().as('n')));
}
