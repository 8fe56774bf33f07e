/**
 * The legal deadline (shared/rules/deadline.ts) against an independent, simple reference
 * written here with `Date.UTC` and a table of Easter dates, over every start day of ten
 * years; then hand cases for month ends, leap years, weekends, each Belgian holiday and
 * the office's own calendar.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  belgianHolidays,
  daysLeft,
  deadlineUrgency,
  dayNumber,
  easterSunday,
  fromDayNumber,
  isWorkingDay,
  legalDeadline,
  monthsAfter,
  weekday,
  type WorkingCalendar,
} from '../../../shared/rules/deadline';

/** Easter Sunday, as the calendars print it. */
const EASTER: Record<number, string> = {
  2020: '2020-04-12',
  2021: '2021-04-04',
  2022: '2022-04-17',
  2023: '2023-04-09',
  2024: '2024-03-31',
  2025: '2025-04-20',
  2026: '2026-04-05',
  2027: '2027-03-28',
  2028: '2028-04-16',
  2029: '2029-04-01',
  2030: '2030-04-21',
  2031: '2031-04-13',
  2032: '2032-03-28',
  2033: '2033-04-17',
  2034: '2034-04-09',
  2035: '2035-03-25',
};

// The reference: JavaScript's own UTC calendar, nothing shared with the module under test.
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const utc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const plusDays = (day: string, n: number) => iso(utc(day) + n * 86_400_000);

function refMonthsAfter(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return iso(Date.UTC(y, m - 1 + months, Math.min(d, lastDay)));
}

function refHolidays(year: number): string[] {
  const easter = EASTER[year]!;
  return [`${year}-01-01`, plusDays(easter, 1), `${year}-05-01`, plusDays(easter, 39), plusDays(easter, 50), `${year}-07-21`, `${year}-08-15`, `${year}-11-01`, `${year}-11-11`, `${year}-12-25`];
}

function refDeadline(start: string, months: number): string {
  let due = refMonthsAfter(start, months);
  for (;;) {
    const weekendDay = [0, 6].includes(new Date(utc(due)).getUTCDay());
    if (!weekendDay && !refHolidays(Number(due.slice(0, 4))).includes(due)) return due;
    due = plusDays(due, 1);
  }
}

describe('the legal deadline', () => {
  it('agrees with the reference for every start day of ten years, one month and three', () => {
    let checked = 0;
    for (let day = '2024-01-01'; day <= '2033-12-31'; day = plusDays(day, 1)) {
      expect(legalDeadline(day, 1), day).toBe(refDeadline(day, 1));
      expect(legalDeadline(day, 3), day).toBe(refDeadline(day, 3));
      checked += 1;
    }
    expect(checked).toBe(3653);
  });

  it('computes Easter, and the holidays that follow it, for every year of the table', () => {
    for (const [year, easter] of Object.entries(EASTER)) {
      expect(easterSunday(Number(year))).toBe(easter);
      expect(belgianHolidays(Number(year)).map((h) => h.day)).toEqual([...refHolidays(Number(year))].sort());
    }
  });

  it('counts days and weekdays exactly, far from 1970 too', () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 700_000 }), (n) => {
        const d = fromDayNumber(n);
        expect(dayNumber(d)).toBe(n);
        const day = `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
        if (d.year >= 1000 && d.year <= 9999) {
          expect(weekday(day)).toBe(new Date(utc(day)).getUTCDay());
          expect(addDays(day, 45)).toBe(plusDays(day, 45));
        }
      }),
    );
  });

  it('takes the month’s last day when it has no such day number, leap years included', () => {
    expect(monthsAfter('2025-01-31', 1)).toBe('2025-02-28');
    expect(monthsAfter('2024-01-31', 1)).toBe('2024-02-29');
    expect(monthsAfter('2024-01-29', 1)).toBe('2024-02-29');
    expect(monthsAfter('2026-03-31', 1)).toBe('2026-04-30');
    expect(monthsAfter('2026-12-15', 1)).toBe('2027-01-15');
    expect(monthsAfter('2026-11-30', 3)).toBe('2027-02-28');
    expect(legalDeadline('2024-01-31', 1)).toBe('2024-02-29'); // a Thursday
  });

  it('moves a deadline on a weekend to the Monday', () => {
    expect(weekday('2026-02-14')).toBe(6);
    expect(legalDeadline('2026-01-14', 1)).toBe('2026-02-16');
    expect(legalDeadline('2026-01-15', 1)).toBe('2026-02-16'); // Sunday 15 February
  });

  it('moves a deadline on each Belgian holiday to the next working day', () => {
    expect(legalDeadline('2025-12-01', 1)).toBe('2026-01-02'); // New Year, Thursday
    expect(legalDeadline('2026-03-06', 1)).toBe('2026-04-07'); // Easter Monday 6 April
    expect(legalDeadline('2026-04-01', 1)).toBe('2026-05-04'); // Labour Day on a Friday, then the weekend
    expect(legalDeadline('2026-04-14', 1)).toBe('2026-05-15'); // Ascension, Thursday 14 May
    expect(legalDeadline('2026-04-25', 1)).toBe('2026-05-26'); // Whit Monday 25 May
    expect(legalDeadline('2026-06-21', 1)).toBe('2026-07-22'); // National Day, Tuesday
    expect(legalDeadline('2025-07-15', 1)).toBe('2025-08-18'); // Assumption on a Friday, then the weekend
    expect(legalDeadline('2027-10-01', 1)).toBe('2027-11-02'); // All Saints, Monday
    expect(legalDeadline('2026-10-11', 1)).toBe('2026-11-12'); // Armistice, Wednesday
    expect(legalDeadline('2026-11-25', 1)).toBe('2026-12-28'); // Christmas on a Friday, then the weekend
    // Easter-based holidays move with Easter: Ascension is 29 May in 2025, 6 May in 2027.
    expect(legalDeadline('2025-04-29', 1)).toBe('2025-05-30');
    expect(legalDeadline('2027-04-06', 1)).toBe('2027-05-07');
  });

  it('follows the office’s calendar: a holiday it works on, and its own closure days', () => {
    const worksOnNationalDay: WorkingCalendar = { closures: [], removed: ['2026-07-21'] };
    expect(legalDeadline('2026-06-21', 1, worksOnNationalDay)).toBe('2026-07-21');
    const closedAfter: WorkingCalendar = { closures: ['2026-07-22', '2026-07-23'], removed: [] };
    expect(legalDeadline('2026-06-21', 1, closedAfter)).toBe('2026-07-24');
    expect(isWorkingDay('2026-07-21')).toBe(false);
    expect(isWorkingDay('2026-07-21', worksOnNationalDay)).toBe(true);
    // Removing a day that is not a holiday does not open a weekend.
    expect(isWorkingDay('2026-07-25', { closures: [], removed: ['2026-07-25'] })).toBe(false);
  });

  it('an extension counts three months from the same start date, by the same rule', () => {
    expect(legalDeadline('2026-01-31', 3)).toBe('2026-04-30');
    expect(legalDeadline('2025-11-30', 3)).toBe('2026-03-02'); // 28 February 2026 is a Saturday
  });

  it('says how many days are left and in which colour', () => {
    expect(daysLeft('2026-12-01', '2026-12-01')).toBe(0);
    expect(daysLeft('2026-12-01', '2027-01-01')).toBe(31);
    expect(daysLeft('2026-12-03', '2026-12-01')).toBe(-2);
    expect(deadlineUrgency('2026-12-01', '2026-12-20')).toBe('on_time');
    expect(deadlineUrgency('2026-12-01', '2026-12-08')).toBe('due_soon');
    expect(deadlineUrgency('2026-12-01', '2026-12-01')).toBe('due_soon');
    expect(deadlineUrgency('2026-12-02', '2026-12-01')).toBe('overdue');
  });

  it('refuses a day that is not one', () => {
    expect(() => legalDeadline('2026-02-30', 1)).toThrow(RangeError);
    expect(() => daysLeft('2026-13-01', '2026-01-01')).toThrow(RangeError);
  });
});
