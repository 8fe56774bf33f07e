/**
 * Retention rules (issue 15, DESIGN §5 "Retention"): each data category is kept for a
 * period after the day its clock started, then something is done to it. The clock starts
 * at the latest dated thing the person took part in (db/retention/clock.ts), never at the
 * day a record was typed in or imported: an archive imported today is judged by its own
 * dates. Pure: no database, plain `YYYY-MM-DD` days (shared/rules/dates.ts).
 */
import { addDays, daysLeft, monthsAfter } from './deadline';

export const retentionRuleCodes = ['contact_activity', 'identity', 'bank', 'newsletter_only', 'signature', 'closed_requests', 'minor'] as const;
export type RetentionRuleCode = (typeof retentionRuleCodes)[number];

export const retentionUnits = ['days', 'years'] as const;
export type RetentionUnit = (typeof retentionUnits)[number];

/**
 * What happens once a rule is due. `anonymise` keeps the contact's country, organisation
 * and participations for statistics; it removes the name, every contact detail (e-mails,
 * phones), the sensitive extras and every free text (job title, notes).
 */
export const retentionActions = ['erase_contact', 'erase_category', 'anonymise', 'erase_request'] as const;
export type RetentionAction = (typeof retentionActions)[number];

/**
 * The actions each rule may take, fixed here rather than by admins: identity, bank and
 * signature data are a category of a person who may stay; a closed request goes with its
 * letters; a whole person can only be erased or anonymised.
 */
export const allowedActions: Record<RetentionRuleCode, readonly RetentionAction[]> = {
  contact_activity: ['erase_contact', 'anonymise'],
  identity: ['erase_category'],
  bank: ['erase_category'],
  newsletter_only: ['erase_contact'],
  signature: ['erase_category'],
  closed_requests: ['erase_request'],
  minor: ['erase_contact', 'anonymise'],
};

/** Which dated thing started a person's clock. */
export const clockReasons = ['last_participation', 'consent_given', 'request_closed', 'withdrawal', 'trip_event', 'payment', 'detail_recorded', 'signed_event', 'under_age'] as const;
export type ClockReason = (typeof clockReasons)[number];

export interface RetentionPeriod {
  periodValue: number;
  periodUnit: RetentionUnit;
}

/** The longest period an admin may set, in each unit (a century either way). */
export const MAX_PERIOD: Record<RetentionUnit, number> = { days: 36_500, years: 100 };

/**
 * The day a rule is due for a clock that started on `clockStart`. Days: that many days
 * later. Years: the same day and month so many years later; from 29 February in a year
 * with no such day, 28 February (the month's last day, as monthsAfter does): the period
 * is over once February is, and keeping personal data a day longer is no safer side.
 */
export function dueDate(rule: RetentionPeriod, clockStart: string): string {
  return rule.periodUnit === 'days' ? addDays(clockStart, rule.periodValue) : monthsAfter(clockStart, 12 * rule.periodValue);
}

export type RetentionState = 'due' | 'soon' | 'later';

/** Due once `dueOn` is today or past; soon when it comes within `withinDays` days from today. */
export function retentionState(dueOn: string, today: string, withinDays: number): RetentionState {
  const left = daysLeft(today, dueOn);
  if (left <= 0) return 'due';
  return left <= withinDays ? 'soon' : 'later';
}

/**
 * The latest clock start that is due by `horizon` or before, widened by a few days: a
 * cheap filter the SQL can apply before each row's exact due date is computed (a start
 * after it cannot be due by then, whatever February does).
 */
export function latestStartDueBy(rule: RetentionPeriod, horizon: string): string {
  return rule.periodUnit === 'days' ? addDays(horizon, -rule.periodValue) : addDays(monthsAfter(horizon, -12 * rule.periodValue), 3);
}
