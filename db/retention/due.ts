/**
 * The retention review's list (issue 15): per rule, who is due today or within the window,
 * with the day and the dated thing that started each clock. A person with an open rights
 * request (DESIGN §5) or a legal hold in force is listed as frozen and never counted as
 * due: nothing may be applied to them. Test requests freeze no one. An anonymised contact
 * is kept for the statistics on purpose, its participations with it: no rule is due for it.
 */
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { RetentionDueDto, RetentionFreeze, RetentionItemDto, RetentionRuleDueDto } from '../../shared/dto/retention';
import { addDays } from '../../shared/rules/deadline';
import { dueDate, latestStartDueBy, retentionState, type RetentionRuleCode } from '../../shared/rules/retention';
import { erasurePseudonym } from '../erasure/erase';
import type { Database } from '../schema';
import { readSettings } from '../settings/settings';
import { clocks } from './clock';
import { listRules } from './rules';

/** Who is frozen on `today`, by contact: an open request first, else the hold that lasts longest. */
async function freezes(db: Kysely<Database>, today: string): Promise<Map<string, RetentionFreeze>> {
  const out = new Map<string, RetentionFreeze>();
  const holds = await db.selectFrom('legal_holds').select(['id', 'contact_id', 'reason', 'until']).where('lifted_at', 'is', null).where('until', '>=', today).orderBy('until').execute();
  for (const h of holds) out.set(h.contact_id, { kind: 'legal_hold', holdId: h.id, reason: h.reason, until: h.until });
  const open = await db
    .selectFrom('rights_requests')
    .select(['id', 'contact_id'])
    .where('status', 'not in', ['completed', 'refused'])
    .where('is_test', '=', 0)
    .where('contact_id', 'is not', null)
    .orderBy('received_on')
    .execute();
  for (const r of open.reverse()) out.set(r.contact_id!, { kind: 'open_request', requestId: r.id });
  return out;
}

/** Whether a contact was anonymised, by its pseudonym in the erasure ledger (the ledger names no contact). */
async function anonymisedTest(db: Kysely<Database>, auditKey: Buffer): Promise<(contactId: string | null) => boolean> {
  const rows = await db.selectFrom('erasures').select('id').where('kind', '=', 'anonymised').execute();
  const ids = new Set(rows.map((r) => r.id));
  return (contactId) => ids.size > 0 && contactId !== null && ids.has(erasurePseudonym(auditKey, contactId, 'anonymised'));
}

/** Ties of the due day by name, as the screens order names (one collator: localeCompare per pair is slow). */
const byName = new Intl.Collator();

export async function dueList(db: Kysely<Database>, auditKey: Buffer, today: string, input: ParsedInput<'retention.due'>): Promise<RetentionDueDto> {
  const horizon = addDays(today, input.withinDays);
  const [rules, frozen, { minorAgeThreshold }, anonymised] = await Promise.all([listRules(db), freezes(db, today), readSettings(db), anonymisedTest(db, auditKey)]);
  const out: RetentionRuleDueDto[] = [];
  for (const rule of rules) {
    if (input.rule && rule.code !== input.rule) continue;
    const items: RetentionItemDto[] = [];
    const counts = { due: 0, soon: 0, frozen: 0 };
    for (const c of await clocks(db, rule.code, latestStartDueBy(rule, horizon), { today, threshold: minorAgeThreshold })) {
      const dueOn = dueDate(rule, c.clockStart);
      const state = retentionState(dueOn, today, input.withinDays);
      if (state === 'later' || anonymised(c.contactId)) continue;
      const freeze = (c.contactId && frozen.get(c.contactId)) || null;
      counts[freeze ? 'frozen' : state]++;
      items.push({ rule: rule.code, ...c, dueOn, state, frozen: freeze });
    }
    items.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : byName.compare(a.fullName ?? '', b.fullName ?? '')));
    out.push({ rule, items, counts });
  }
  return { today, withinDays: input.withinDays, rules: out };
}

type DueCounts = { rule: RetentionRuleCode; count: number }[];

/**
 * How many are due today under each rule, by the due list's own rule (frozen and
 * anonymised people left out), without building, naming or sorting the items: the home
 * dashboard's count. Rules with no one due are left out.
 */
export async function dueCounts(db: Kysely<Database>, auditKey: Buffer, today: string): Promise<DueCounts> {
  const [rules, frozen, { minorAgeThreshold }, anonymised] = await Promise.all([listRules(db), freezes(db, today), readSettings(db), anonymisedTest(db, auditKey)]);
  const out: DueCounts = [];
  for (const rule of rules) {
    let count = 0;
    for (const c of await clocks(db, rule.code, latestStartDueBy(rule, today), { today, threshold: minorAgeThreshold })) {
      if (retentionState(dueDate(rule, c.clockStart), today, 0) !== 'due' || anonymised(c.contactId)) continue;
      if (!(c.contactId && frozen.has(c.contactId))) count++;
    }
    if (count > 0) out.push({ rule: rule.code, count });
  }
  return out;
}
