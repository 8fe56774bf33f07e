/**
 * The retention rules as admins see and change them (issue 15): one row per rule code,
 * seeded with the policy's defaults (0016). A change is audited with the names of the
 * fields it changed, never their values; the actions a rule may take are fixed in code.
 */
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { RetentionRuleDto } from '../../shared/dto/retention';
import { RegistreError } from '../../shared/errors';
import { allowedActions, retentionRuleCodes, type RetentionRuleCode } from '../../shared/rules/retention';
import type { CallContext } from '../context';
import type { Database } from '../schema';

/** Every rule, in the order of shared/rules/retention.ts. */
export async function listRules(db: Kysely<Database>): Promise<RetentionRuleDto[]> {
  const rows = await db
    .selectFrom('retention_rules as r')
    .leftJoin('staff as s', 's.id', 'r.updated_by')
    .select(['r.code', 'r.period_value', 'r.period_unit', 'r.action', 'r.updated_at', 'r.updated_by', 's.name as updated_by_name'])
    .execute();
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return retentionRuleCodes.flatMap((code) => {
    const r = byCode.get(code);
    if (!r) return [];
    return [
      {
        code,
        periodValue: r.period_value,
        periodUnit: r.period_unit,
        action: r.action,
        allowedActions: [...allowedActions[code]],
        updatedAt: r.updated_at,
        updatedBy: r.updated_by ? { id: r.updated_by, name: r.updated_by_name ?? '' } : null,
      },
    ];
  });
}

/** One rule, or not_found. */
export async function ruleOf(db: Kysely<Database>, code: RetentionRuleCode): Promise<RetentionRuleDto> {
  const rule = (await listRules(db)).find((r) => r.code === code);
  if (!rule) throw new RegistreError('not_found', 'This retention rule does not exist.', { reason: 'retention_rule_absent' });
  return rule;
}

/** Checks the action against the rule before anything is written; a change of nothing is neither written nor logged. */
export async function setRule(ctx: CallContext, input: ParsedInput<'retention.setRule'>): Promise<RetentionRuleDto[]> {
  if (input.action !== undefined && !allowedActions[input.code].includes(input.action)) {
    throw new RegistreError('invalid_input', `The rule ${input.code} can only ${allowedActions[input.code].join(' or ')}.`, { reason: 'retention_action_not_allowed', field: 'action' });
  }
  await ctx.tx(async (trx, audit) => {
    const now = await ruleOf(trx, input.code);
    const fields = (['periodValue', 'periodUnit', 'action'] as const).filter((f) => input[f] !== undefined && input[f] !== now[f]);
    if (!fields.length) return;
    await trx
      .updateTable('retention_rules')
      .set({
        period_value: input.periodValue,
        period_unit: input.periodUnit,
        action: input.action ?? now.action,
        updated_at: ctx.now.toISOString(),
        updated_by: ctx.session?.staff.id ?? null,
      })
      .where('code', '=', input.code)
      .execute();
    await audit({ action: 'retention.rule_updated', entityType: 'retention_rule', entityId: input.code, fields: [...fields] });
  });
  return listRules(ctx.db);
}
