/**
 * The legal deadline of a rights request (GDPR Art. 12(3), computed as Regulation 1182/71
 * says for periods in months): from the start date, the same day-number so many months
 * later, or that month's last day when it has no such day; a deadline that falls on a
 * Saturday, a Sunday or a public holiday moves to the next working day.
 *
 * Dates stay plain `YYYY-MM-DD` calendar days (shared/rules/dates.ts): no `Date`, whose
 * time zone would shift a day. Weekdays and day steps use the day number of the proleptic
 * Gregorian calendar (days since 1970-01-01), which is exact for every year.
 */
import { daysInMonth, formatIsoDate, parseIsoDate, type CalendarDate } from './dates';

/** Belgium's ten legal public holidays (loi du 4 janvier 1974), the default calendar. */
export const belgianHolidayNames = ['new_year', 'easter_monday', 'labour_day', 'ascension', 'whit_monday', 'national_day', 'assumption', 'all_saints', 'armistice', 'christmas'] as const;
export type BelgianHoliday = (typeof belgianHolidayNames)[number];

/**
 * The office's calendar as admins set it: the default holidays, less those the office
 * works on (`removed`), plus its own closure days (`closures`). Both hold `YYYY-MM-DD`.
 */
export interface WorkingCalendar {
  closures: readonly string[];
  removed: readonly string[];
}

export const defaultCalendar: WorkingCalendar = { closures: [], removed: [] };

function date(text: string): CalendarDate {
  const d = parseIsoDate(text);
  if (!d) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(text)}`);
  return d;
}

/** Days since 1970-01-01 (negative before), for any Gregorian date. */
export function dayNumber(d: CalendarDate): number {
  // Counting years from March puts the leap day last, so each year's shift is regular.
  const y = d.month <= 2 ? d.year - 1 : d.year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5) + d.day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The date of a day number (the inverse of dayNumber). */
export function fromDayNumber(n: number): CalendarDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function addDays(day: string, n: number): string {
  return formatIsoDate(fromDayNumber(dayNumber(date(day)) + n));
}

/** 0 Sunday … 6 Saturday. */
export function weekday(day: string): number {
  return (((dayNumber(date(day)) + 4) % 7) + 7) % 7;
}

/** Easter Sunday of a Gregorian year (the anonymous algorithm of Meeus, Jones and Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDate({ year, month, day });
}

/** Belgium's legal public holidays of `year`, in calendar order. */
export function belgianHolidays(year: number): { day: string; name: BelgianHoliday }[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number) => formatIsoDate({ year, month, day });
  return [
    { day: fixed(1, 1), name: 'new_year' as const },
    { day: addDays(easter, 1), name: 'easter_monday' as const },
    { day: fixed(5, 1), name: 'labour_day' as const },
    { day: addDays(easter, 39), name: 'ascension' as const },
    { day: addDays(easter, 50), name: 'whit_monday' as const },
    { day: fixed(7, 21), name: 'national_day' as const },
    { day: fixed(8, 15), name: 'assumption' as const },
    { day: fixed(11, 1), name: 'all_saints' as const },
    { day: fixed(11, 11), name: 'armistice' as const },
    { day: fixed(12, 25), name: 'christmas' as const },
  ].sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : 0));
}

/** Whether the office is open on `day`: not a weekend, not a holiday it keeps, not a closure. */
export function isWorkingDay(day: string, calendar: WorkingCalendar = defaultCalendar): boolean {
  const w = weekday(day);
  if (w === 0 || w === 6) return false;
  if (calendar.closures.includes(day)) return false;
  const holiday = belgianHolidays(date(day).year).some((h) => h.day === day);
  return !holiday || calendar.removed.includes(day);
}

/** `day` itself when the office is open then, else the next day it is. */
export function nextWorkingDay(day: string, calendar: WorkingCalendar = defaultCalendar): string {
  let d = day;
  // A year has at most 104 weekend days and a handful of holidays: a long run of closures
  // typed by mistake must not loop for ever.
  for (let i = 0; i < 366; i++) {
    if (isWorkingDay(d, calendar)) return d;
    d = addDays(d, 1);
  }
  throw new RangeError(`no working day in the year after ${day}: check the office closures`);
}

/** The same day-number `months` months after `start`, or that month's last day when it has none. */
export function monthsAfter(start: string, months: number): string {
  const s = date(start);
  const index = s.year * 12 + (s.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return formatIsoDate({ year, month, day: Math.min(s.day, daysInMonth(year, month)) });
}

/**
 * The reply is due by this day: `months` (1, or 3 once extended) after the start date,
 * moved to the next working day when the office is closed then.
 */
export function legalDeadline(start: string, months: number, calendar: WorkingCalendar = defaultCalendar): string {
  return nextWorkingDay(monthsAfter(start, months), calendar);
}

/** Days from `today` to `due`: 0 on the day itself, negative once it has passed. */
export function daysLeft(today: string, due: string): number {
  return dayNumber(date(due)) - dayNumber(date(today));
}

/** The colour a deadline is shown in: on time, due within 7 days, or overdue. */
export type DeadlineUrgency = 'on_time' | 'due_soon' | 'overdue';

export function deadlineUrgency(today: string, due: string): DeadlineUrgency {
  const left = daysLeft(today, due);
  if (left < 0) return 'overdue';
  return left <= 7 ? 'due_soon' : 'on_time';
}
