/** Retention rules, the due list and legal holds as they cross the API (issue 15). */
import type { ClockReason, RetentionAction, RetentionRuleCode, RetentionUnit } from '../rules/retention';

export interface RetentionRuleDto {
  code: RetentionRuleCode;
  periodValue: number;
  periodUnit: RetentionUnit;
  action: RetentionAction;
  /** The actions this rule may take (fixed in shared/rules/retention.ts). */
  allowedActions: RetentionAction[];
  updatedAt: string;
  /** Null while the rule is the policy's default, as seeded. */
  updatedBy: { id: string; name: string } | null;
}

/** Why a person is not to be touched yet, whatever their due date. */
export type RetentionFreeze = { kind: 'open_request'; requestId: string } | { kind: 'legal_hold'; holdId: string; reason: string; until: string };

export interface RetentionItemDto {
  rule: RetentionRuleCode;
  /** Null only for a closed request that names no contact. */
  contactId: string | null;
  /** The closed request the item is about (rule closed_requests), else null. */
  requestId: string | null;
  fullName: string | null;
  organisationName: string | null;
  /** The day the clock started, and which dated thing it was. */
  clockStart: string;
  clockReason: ClockReason;
  dueOn: string;
  state: 'due' | 'soon';
  frozen: RetentionFreeze | null;
}

export interface RetentionRuleDueDto {
  rule: RetentionRuleDto;
  /** Due now or within the window, soonest first; frozen people are listed, and counted apart. */
  items: RetentionItemDto[];
  /** due and soon count only what may be applied: a frozen item is counted under frozen alone. */
  counts: { due: number; soon: number; frozen: number };
}

export interface RetentionDueDto {
  today: string;
  withinDays: number;
  rules: RetentionRuleDueDto[];
}

export interface LegalHoldDto {
  id: string;
  contactId: string;
  reason: string;
  until: string;
  setAt: string;
  setBy: { id: string; name: string } | null;
  liftedAt: string | null;
  liftedBy: { id: string; name: string } | null;
  /** Not lifted and `until` is today or later: the person is frozen. */
  inForce: boolean;
}

/** What applying a rule did to one item: the rule's action, or why that one failed (the others still ran). */
export interface RetentionAppliedItemDto {
  contactId: string | null;
  requestId: string | null;
  outcome: 'erased' | 'category_erased' | 'anonymised' | 'request_erased' | 'failed';
  /** Only when failed: the error's reason (shared/vocabulary.ts errorReasons), or its code. */
  error?: string;
}

export interface RetentionApplyResultDto {
  rule: RetentionRuleCode;
  /** How many items were done (the failed ones not counted). */
  applied: number;
  items: RetentionAppliedItemDto[];
}
