/** The office's working calendar (see shared/api/calendar.ts). Days are `YYYY-MM-DD`. */
import type { BelgianHoliday } from '../rules/deadline';
import type { RequestType } from '../vocabulary';

/** Who changed a day of the calendar, when, and the note they left. */
export interface CalendarChangeDto {
  note: string | null;
  setBy: { id: string; name: string } | null;
  setAt: string;
}

/** One of Belgium's legal public holidays of the year; `removed` when the office works that day. */
export interface HolidayDto {
  day: string;
  name: BelgianHoliday;
  /** It falls on a Saturday or a Sunday: closed anyway, so there is nothing to change. */
  weekend: boolean;
  removed: CalendarChangeDto | null;
}

/** A day the office is closed besides the weekends and the public holidays. */
export interface ClosureDto extends CalendarChangeDto {
  day: string;
}

/**
 * An open request whose deadline was computed before the calendar changed: it keeps the
 * day it was given (the requester may have been told it); `wouldBe` is what the calendar
 * gives now.
 */
export interface KeptDeadlineDto {
  requestId: string;
  /** What tells the request apart in a list without naming the person. */
  type: RequestType;
  receivedDate: string;
  dueDate: string;
  wouldBe: string;
}

export interface CalendarDto {
  year: number;
  holidays: HolidayDto[];
  closures: ClosureDto[];
  /** Every open request (test entries aside) whose kept deadline differs from today's calendar, whatever the year. */
  keptDeadlines: KeptDeadlineDto[];
}
