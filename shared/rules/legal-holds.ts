/**
 * Legal holds on an erasure (DESIGN §5): what the law makes the secretariat keep of a
 * person who asked to be erased, and until when. Art. 17(3)(b) and (e) GDPR let a
 * controller keep data a legal obligation requires, or that is needed to defend claims.
 *
 * - A signed attendance sheet proves to the accountant and to grant auditors (EU grant
 *   rules, accounting law) that the event took place with these people: kept 7 years after
 *   the event.
 * - Bank details used for a reimbursement back the accounting entry of that payment: kept
 *   7 years after the last payment made with them. Details never used for a payment are
 *   no accounting record and go.
 */
import { formatIsoDate, isLeapYear, parseIsoDate } from './dates';

export const HOLD_YEARS = 7;

export const holdKinds = ['signed_attendance_sheet', 'bank_details'] as const;
export type HoldKind = (typeof holdKinds)[number];

/**
 * The day `years` after `day`. From 29 February the hold ends on 1 March: an obligation
 * to keep "for 7 years" is met on the later day, never cut short.
 */
export function yearsAfter(day: string, years: number): string {
  const d = parseIsoDate(day);
  if (!d) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(day)}`);
  const year = d.year + years;
  if (d.month === 2 && d.day === 29 && !isLeapYear(year)) return formatIsoDate({ year, month: 3, day: 1 });
  return formatIsoDate({ year, month: d.month, day: d.day });
}

/** Until when a hold that started on `from` keeps its item, or null when it has already ended on `today`. */
export function heldUntil(from: string | null, today: string): string | null {
  if (from === null) return null;
  const until = yearsAfter(from, HOLD_YEARS);
  return until >= today ? until : null;
}
