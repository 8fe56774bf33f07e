/**
 * Calendar dates (birth dates, event dates, document expiry) are plain year-month-day
 * values. They never go through `Date`, whose parsing depends on the time zone: a birth
 * date read as UTC midnight is the day before in the Americas.
 */

export interface CalendarDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

function calendarDate(year: number, month: number, day: number): CalendarDate | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Strict `YYYY-MM-DD` (four-digit year, two-digit month and day), real dates only. */
export function parseIsoDate(text: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function formatIsoDate(d: CalendarDate): string {
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

function toDate(value: string | CalendarDate, what: string): CalendarDate {
  if (typeof value !== 'string') return value;
  const parsed = parseIsoDate(value);
  if (!parsed) throw new RangeError(`${what} is not a YYYY-MM-DD date: ${JSON.stringify(value)}`);
  return parsed;
}

/**
 * Age in completed years on `onDate`. Someone born on 29 February becomes a year older
 * on 1 March in common years: for the under-age flag the later date is the safe side.
 * A birth date after `onDate` gives a negative age (a data error the caller can flag).
 * Strings must be valid `YYYY-MM-DD`; anything else throws, since callers are expected
 * to have validated at the boundary.
 */
export function ageOn(birthDate: string | CalendarDate, onDate: string | CalendarDate): number {
  const b = toDate(birthDate, 'birthDate');
  const d = toDate(onDate, 'onDate');
  const beforeBirthday = d.month < b.month || (d.month === b.month && d.day < b.day);
  return d.year - b.year - (beforeBirthday ? 1 : 0);
}

/** DESIGN §5 retention: contacts under the configured age (policy default 16) are flagged. */
export function isUnderAge(birthDate: string | CalendarDate, today: string | CalendarDate, threshold = 16): boolean {
  return ageOn(birthDate, today) < threshold;
}

/**
 * An optional time after the date, as spreadsheet and form exports add it: "T10:20:00Z",
 * " 10:20", " 10:20:00.123+01:00", " 10:20:00 PM". Only checked for shape and range;
 * the date is taken as written, not shifted to another zone, because it is the date
 * the source system showed its user.
 */
const TIME = /^(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?: ?(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?|[AP]M))?)?$/i;

function timeOk(rest: string): boolean {
  const t = TIME.exec(rest);
  if (!t) return false;
  if (t[1] === undefined) return true;
  return Number(t[1]) <= 23 && Number(t[2]) <= 59 && (t[3] === undefined || Number(t[3]) <= 60);
}

export interface LooseDateOptions {
  /** Order of numeric dates with the year last. European sources are day-first. */
  order?: 'dmy' | 'mdy';
}

/**
 * Dates as CSV exports write them: `2024-03-05`, `2024-03-05T10:20:00Z`, `2024/03/05`,
 * `05/03/2024`, `05.03.2024`, `05-03-2024`, `5/3/2024` (day first unless told
 * otherwise), each optionally followed by a time. Two-digit years are refused: "05/03/24"
 * cannot be told apart from 2024-05-03 by looking at it. Returns `YYYY-MM-DD` or null.
 */
export function parseLooseDate(text: string, options: LooseDateOptions = {}): string | null {
  const s = text.trim();
  let year: number, month: number, day: number, rest: string;
  const yearFirst = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(.*)$/.exec(s);
  const yearLast = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(.*)$/.exec(s);
  if (yearFirst) {
    year = Number(yearFirst[1]);
    month = Number(yearFirst[3]);
    day = Number(yearFirst[4]);
    rest = yearFirst[5] ?? '';
  } else if (yearLast) {
    const [a, b] = [Number(yearLast[1]), Number(yearLast[3])];
    [day, month] = options.order === 'mdy' ? [b, a] : [a, b];
    year = Number(yearLast[4]);
    rest = yearLast[5] ?? '';
  } else {
    return null;
  }
  if (!timeOk(rest)) return null;
  const date = calendarDate(year, month, day);
  return date ? formatIsoDate(date) : null;
}

/**
 * The calendar day of `at` on this computer's clock, as YYYY-MM-DD. The core and the
 * screens run on the same office PC, so both mean the secretariat's own "today" (not UTC's,
 * which in Brussels is still yesterday until 01:00 or 02:00).
 */
export function localDay(at: Date): string {
  return formatIsoDate({ year: at.getFullYear(), month: at.getMonth() + 1, day: at.getDate() });
}
