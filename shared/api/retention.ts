/**
 * Retention's part of the API contract (issue 15, DESIGN §5 "Retention"): the rules per
 * data category, what is due under them, and the legal holds that freeze a person. Rules
 * and holds are changed by admins only, and so is a rule applied (it erases).
 */
import { z } from 'zod';
import type { LegalHoldDto, RetentionApplyResultDto, RetentionDueDto, RetentionRuleDto } from '../dto/retention';
import { MAX_PERIOD, retentionActions, retentionRuleCodes, retentionUnits } from '../rules/retention';
import { empty, id, isoDate, text } from './fields';
import { method, returns, type AnyEntry } from './method';

export const retentionContract = {
  'retention.rules': method({ access: 'read', output: returns<RetentionRuleDto[]>(), subject: null, input: empty }),
  /** Changes one rule's period and, if given, its action (one the rule allows); returns every rule. */
  'retention.setRule': method({
    access: 'admin',
    output: returns<RetentionRuleDto[]>(),
    input: z
      .object({
        code: z.enum(retentionRuleCodes),
        periodValue: z.number().int().min(0),
        periodUnit: z.enum(retentionUnits),
        action: z.enum(retentionActions).optional(),
      })
      .strict()
      .refine((i) => i.periodValue <= MAX_PERIOD[i.periodUnit], {
        message: `A period is at most ${MAX_PERIOD.years} years or ${MAX_PERIOD.days} days`,
        path: ['periodValue'],
        params: { reason: 'period_too_long' },
      }),
  }),
  /** What is due today and within `withinDays` days, per rule, with the date and reason that started each clock. */
  'retention.due': method({
    access: 'read',
    output: returns<RetentionDueDto>(),
    subject: null,
    input: z
      .object({
        withinDays: z.number().int().min(0).max(3650).default(90),
        rule: z.enum(retentionRuleCodes).optional(),
      })
      .strict(),
  }),
  /**
   * Applies a rule's action to everyone due under it today (never the soon, never the
   * frozen), each person in a transaction of their own. `confirm` is the count the admin
   * was shown: if it is not the count due now, nothing is done.
   */
  'retention.apply': method({
    access: 'admin',
    output: returns<RetentionApplyResultDto>(),
    input: z.object({ rule: z.enum(retentionRuleCodes), confirm: z.number().int().min(0) }).strict(),
  }),
  /** Freezes a person against retention until a day (inclusive), for a reason kept with the hold. */
  'legalHolds.set': method({
    access: 'admin',
    output: returns<LegalHoldDto>(),
    input: z.object({ contactId: id, reason: text().trim().min(1, 'Say why the person is held').max(500), until: isoDate }).strict(),
  }),
  'legalHolds.lift': method({ access: 'admin', output: returns<LegalHoldDto>(), input: z.object({ id }).strict() }),
  /** Holds, newest first: one person's, or every one. */
  'legalHolds.list': method({
    access: 'read',
    output: returns<LegalHoldDto[]>(),
    subject: (i) => i.contactId,
    input: z.object({ contactId: id.optional() }).strict(),
  }),
} as const satisfies Record<string, AnyEntry>;
