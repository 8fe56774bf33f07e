/**
 * Applying a retention rule (issue 15, DESIGN §5 "Retention"): nothing is erased without a
 * confirmation that names the count. The due list is computed again here, so the count the
 * admin confirmed is checked against what is due now; if it differs, nothing is done. Only
 * items due today are touched: never the soon, never the frozen (an open rights request or
 * a legal hold in force).
 *
 * Each item goes through the erasure it calls for (db/erasure/*), each in a transaction of
 * its own, so a crash half-way leaves every item done before it done and the rest as they
 * were; applying the rule again picks up the rest. One failing item (a reason that happens
 * to contain the person's name, say) is reported and the others still run.
 */
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { RetentionApplyResultDto, RetentionAppliedItemDto, RetentionItemDto } from '../../shared/dto/retention';
import { RegistreError } from '../../shared/errors';
import type { RetentionAction, RetentionRuleCode } from '../../shared/rules/retention';
import type { SensitiveCategory } from '../../shared/vocabulary';
import { today, type CallContext } from '../context';
import { anonymiseContact } from '../erasure/anonymise';
import { afterErasureCommit, eraseContact } from '../erasure/erase';
import { eraseCategory } from '../erasure/erase-category';
import type { Database } from '../schema';
import { reached } from '../steps';
import { dueList } from './due';

/** The sensitive category each category rule erases. */
const RULE_CATEGORY: Partial<Record<RetentionRuleCode, SensitiveCategory>> = { identity: 'identity', bank: 'bank', signature: 'signature' };

/** Kept in the erasure ledger for good: the rule and its clock, never who (erase.ts checks it names no one). */
const reasonOf = (i: RetentionItemDto): string => `Retention rule ${i.rule}: ${i.clockReason} ${i.clockStart}`;

/**
 * Deletes a closed request and everything filed under it: its timeline, tasks, files,
 * letters and the actions carried out. The erasure ledgers keep the request's id only.
 */
export async function eraseClosedRequest(ctx: CallContext, requestId: string): Promise<void> {
  reached('erase', 'before-transaction');
  await ctx.tx(async (trx, audit) => {
    const request = await trx.selectFrom('rights_requests').select(['status', 'contact_id']).where('id', '=', requestId).executeTakeFirst();
    if (!request) throw new RegistreError('not_found', 'This rights request does not exist.', { reason: 'request_absent' });
    if (request.status !== 'completed' && request.status !== 'refused') {
      throw new RegistreError('conflict', 'Only a closed rights request can be erased.', { reason: 'request_transition' });
    }
    for (const table of ['request_events', 'request_tasks', 'request_attachments', 'request_letters', 'request_actions'] as const satisfies ReadonlyArray<keyof Database>) {
      await trx.deleteFrom(table).where('request_id', '=', requestId).execute();
    }
    await trx.deleteFrom('rights_requests').where('id', '=', requestId).execute();
    reached('erase', 'rows-deleted');
    await audit({ action: 'request.erased', entityType: 'rights_request', entityId: requestId, subjectId: request.contact_id, fields: ['requests'] });
  });
  await afterErasureCommit(ctx, false);
}

const OUTCOME: Record<RetentionAction, RetentionAppliedItemDto['outcome']> = {
  erase_contact: 'erased',
  erase_category: 'category_erased',
  anonymise: 'anonymised',
  erase_request: 'request_erased',
};

async function applyOne(ctx: CallContext, auditKey: Buffer, action: RetentionAction, item: RetentionItemDto): Promise<void> {
  const reason = reasonOf(item);
  if (action === 'erase_request') return eraseClosedRequest(ctx, item.requestId!);
  const contactId = item.contactId!;
  if (action === 'erase_contact') await eraseContact(ctx, auditKey, { contactId, reason });
  else if (action === 'anonymise') await anonymiseContact(ctx, auditKey, { contactId, reason });
  else await eraseCategory(ctx, { contactId, category: RULE_CATEGORY[item.rule]!, reason });
}

/** The count due today under `rule`, frozen people left out, as the review shows it. */
async function dueNow(db: Kysely<Database>, auditKey: Buffer, day: string, rule: RetentionRuleCode) {
  const [r] = (await dueList(db, auditKey, day, { withinDays: 0, rule })).rules;
  return { action: r!.rule.action, items: r!.items.filter((i) => i.state === 'due' && !i.frozen) };
}

export async function applyRule(ctx: CallContext, auditKey: Buffer, input: ParsedInput<'retention.apply'>): Promise<RetentionApplyResultDto> {
  const { action, items } = await dueNow(ctx.db, auditKey, today(ctx), input.rule);
  if (input.confirm !== items.length) {
    throw new RegistreError('conflict', `The list changed: ${items.length} now due under this rule, not ${input.confirm}. Nothing was erased; check the list again.`, {
      reason: 'retention_count_changed',
      count: items.length,
    });
  }
  const done: RetentionAppliedItemDto[] = [];
  for (const item of items) {
    const ids = { contactId: item.contactId, requestId: item.requestId };
    try {
      await applyOne(ctx, auditKey, action, item);
      done.push({ ...ids, outcome: OUTCOME[action] });
    } catch (e) {
      if (!(e instanceof RegistreError)) throw e;
      done.push({ ...ids, outcome: 'failed', error: e.detail?.reason ?? e.code });
    }
  }
  const applied = done.filter((d) => d.outcome !== 'failed').length;
  if (done.length > 0) {
    await ctx.tx((_trx, audit) => audit({ action: 'retention.applied', entityType: 'retention_rule', entityId: input.rule, fields: ['count'] }));
  }
  return { rule: input.rule, applied, items: done };
}
