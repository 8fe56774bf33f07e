/**
 * Date rules (issue 3: dates of birth for travel bookings and the under-16 flag, event
 * dates, CSV imports). Calendar validity is checked against the JavaScript Date
 * implementation as an independent reference; ages against a day-by-day count.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, daysInMonth, formatIsoDate, isLeapYear, isUnderAge, parseIsoDate, parseLooseDate, type CalendarDate } from '../../../shared/rules/dates';

/** Reference: does Date (proleptic Gregorian, UTC) keep these components unchanged? */
function dateAgrees(year: number, month: number, day: number): boolean {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const validDate: fc.Arbitrary<CalendarDate> = fc
  .record({ year: fc.integer({ min: 1000, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day }) => ({ year, month, day: Math.min(day, daysInMonth(year, month)) }));

const p2 = (n: number) => String(n).padStart(2, '0');

describe('parseIsoDate', () => {
  it.each([
    ['2024-03-05', { year: 2024, month: 3, day: 5 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2000-02-29', { year: 2000, month: 2, day: 29 }],
    ['1999-12-31', { year: 1999, month: 12, day: 31 }],
    ['0001-01-01', { year: 1, month: 1, day: 1 }],
  ])('%s is a date', (text, expected) => {
    expect(parseIsoDate(text)).toEqual(expected);
  });

  it.each([
    '2023-02-29', // not a leap year
    '1900-02-29', // century, not divisible by 400
    '2100-02-29',
    '2024-04-31',
    '2024-06-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-01-32',
    '2024-1-05',
    '2024-01-5',
    '24-01-05',
    '20240105',
    ' 2024-01-05',
    '2024-01-05 ',
    '2024-01-05T00:00:00Z',
    '2024/01/05',
    '+2024-01-05',
    '２０２４-01-05',
    '',
  ])('%j is refused', (text) => {
    expect(parseIsoDate(text)).toBeNull();
  });

  it('agrees with Date on which day numbers exist, for every month of years 1000–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const text = `${y}-${p2(m)}-${p2(d)}`;
        expect(parseIsoDate(text) !== null).toBe(dateAgrees(y, m, d));
      }),
      { numRuns: 5000 },
    );
  });

  it('isLeapYear agrees with Date for every year 1–9999', () => {
    for (let y = 1; y <= 9999; y++) expect(isLeapYear(y), String(y)).toBe(dateAgrees(y, 2, 29));
  });

  it('round-trips: format then parse gives the same date, parse then format the same text', () => {
    fc.assert(
      fc.property(validDate, (d) => {
        const text = formatIsoDate(d);
        expect(text).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(parseIsoDate(text)).toEqual(d);
        expect(formatIsoDate(parseIsoDate(text)!)).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });
});

/** Reference age: walk day by day from the birth date, counting passed birthdays. */
function referenceAge(birth: CalendarDate, on: CalendarDate): number {
  const start = Date.UTC(birth.year, birth.month - 1, birth.day);
  const end = Date.UTC(on.year, on.month - 1, on.day);
  let age = 0;
  for (let t = start + 86_400_000; t <= end; t += 86_400_000) {
    const d = new Date(t);
    const [m, day] = [d.getUTCMonth() + 1, d.getUTCDate()];
    // A 29 February birthday is celebrated on 1 March in common years.
    const isBirthday = birth.month === 2 && birth.day === 29 && !isLeapYear(d.getUTCFullYear()) ? m === 3 && day === 1 : m === birth.month && day === birth.day;
    if (isBirthday) age++;
  }
  return age;
}

describe('ageOn and isUnderAge', () => {
  it.each([
    ['2008-03-05', '2024-03-04', 15],
    ['2008-03-05', '2024-03-05', 16],
    ['2008-03-05', '2024-12-31', 16],
    ['2008-02-29', '2023-02-28', 14],
    ['2008-02-29', '2023-03-01', 15],
    ['2008-02-29', '2024-02-28', 15],
    ['2008-02-29', '2024-02-29', 16],
    ['2000-01-01', '2000-01-01', 0],
    ['2000-12-31', '2001-01-01', 0],
    ['1950-06-15', '2024-06-14', 73],
    ['2030-01-01', '2024-01-01', -6], // birth date in the future: a data error, visibly negative
  ])('born %s, on %s: %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  it('matches a day-by-day count of birthdays', () => {
    const near = fc
      .record({ year: fc.integer({ min: 1996, max: 2024 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
      .map(({ year, month, day }) => ({ year, month, day: Math.min(day, daysInMonth(year, month)) }));
    fc.assert(
      fc.property(near, near, (a, b) => {
        const [birth, on] = formatIsoDate(a) <= formatIsoDate(b) ? [a, b] : [b, a];
        expect(ageOn(birth, on)).toBe(referenceAge(birth, on));
      }),
      { numRuns: 300 },
    );
  });

  it('is 0 on the birth date, n on the n-th birthday and n−1 the day before', () => {
    fc.assert(
      fc.property(validDate, fc.integer({ min: 1, max: 120 }), (birth, n) => {
        fc.pre(birth.year + n <= 9999 && !(birth.month === 2 && birth.day === 29));
        expect(ageOn(birth, birth)).toBe(0);
        const birthday = { ...birth, year: birth.year + n };
        expect(ageOn(birth, birthday)).toBe(n);
        const dayBefore =
          birth.day > 1
            ? { ...birthday, day: birth.day - 1 }
            : birth.month > 1
              ? { year: birthday.year, month: birth.month - 1, day: daysInMonth(birthday.year, birth.month - 1) }
              : { year: birthday.year - 1, month: 12, day: 31 };
        expect(ageOn(birth, dayBefore)).toBe(n - 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('never decreases as the day moves on', () => {
    fc.assert(
      fc.property(validDate, validDate, validDate, (birth, x, y) => {
        const [a, b] = formatIsoDate(x) <= formatIsoDate(y) ? [x, y] : [y, x];
        expect(ageOn(birth, a)).toBeLessThanOrEqual(ageOn(birth, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('flags under-16s by default, with a configurable threshold', () => {
    expect(isUnderAge('2008-03-05', '2024-03-04')).toBe(true);
    expect(isUnderAge('2008-03-05', '2024-03-05')).toBe(false);
    expect(isUnderAge('2008-03-05', '2024-03-05', 18)).toBe(true);
    expect(isUnderAge('2006-03-05', '2024-03-05', 18)).toBe(false);
    expect(isUnderAge('2008-02-29', '2024-02-28')).toBe(true);
    expect(isUnderAge('2030-01-01', '2024-01-01')).toBe(true);
    expect(isUnderAge({ year: 2010, month: 1, day: 1 }, { year: 2025, month: 12, day: 31 })).toBe(true);
  });

  it('refuses malformed dates loudly instead of guessing an age', () => {
    expect(() => ageOn('2008-02-30', '2024-01-01')).toThrow(RangeError);
    expect(() => ageOn('2008-01-01', '01/01/2024')).toThrow(RangeError);
    expect(() => isUnderAge('', '2024-01-01')).toThrow(RangeError);
  });
});

describe('parseLooseDate', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['05/03/2024', '2024-03-05'],
    ['2024-03-05T10:20:00Z', '2024-03-05'],
    ['05.03.2024', '2024-03-05'],
    ['05-03-2024', '2024-03-05'],
    ['5/3/2024', '2024-03-05'],
    ['2024/03/05', '2024-03-05'],
    ['2024-3-5', '2024-03-05'],
    ['  05/03/2024  ', '2024-03-05'],
    ['2024-03-05 10:20:00', '2024-03-05'], // Mailchimp OPTIN_TIME
    ['05/03/2024 10:20:00', '2024-03-05'], // Google Forms timestamp, European locale
    ['05.03.2024 10:20', '2024-03-05'],
    ['2024-03-05T23:30:00-02:00', '2024-03-05'], // the date as written, not moved to UTC
    ['2024-03-05T10:20:00.123+01:00', '2024-03-05'],
    ['2024-03-05T10:20:00+0100', '2024-03-05'],
    ['05/03/2024 10:20:00 PM', '2024-03-05'],
    ['29/02/2024', '2024-02-29'],
    ['31/12/1999', '1999-12-31'],
  ])('%j → %s', (text, iso) => {
    expect(parseLooseDate(text)).toBe(iso);
  });

  it('reads month-first when the source says so', () => {
    expect(parseLooseDate('3/5/2024', { order: 'mdy' })).toBe('2024-03-05');
    expect(parseLooseDate('12/31/2024 10:20:00 AM', { order: 'mdy' })).toBe('2024-12-31');
    expect(parseLooseDate('12/31/2024')).toBeNull(); // day-first: no month 31
    expect(parseLooseDate('2024-03-05', { order: 'mdy' })).toBe('2024-03-05'); // year-first is never ambiguous
  });

  it.each([
    '',
    '05/03/24', // two-digit year: refused rather than guessed
    '2024-02-30',
    '29/02/2023',
    '31/04/2024',
    '00/01/2024',
    '2024-03/05', // mixed separators
    '05/03-2024',
    '2024-03-05T25:00:00Z',
    '2024-03-05T10:60',
    '2024-03-05 tomorrow',
    '2024-03-05T',
    'March 5, 2024',
    '5 mars 2024',
    '20240305',
    '123/03/2024',
    '05/03/20245',
    'null',
  ])('%j is refused', (text) => {
    expect(parseLooseDate(text)).toBeNull();
  });

  it('every export format of a valid date reads back as that date', () => {
    fc.assert(
      fc.property(validDate, fc.constantFrom('', ' 10:20', 'T10:20:00Z', ' 23:59:59', 'T00:00:00.000+02:00'), (d, time) => {
        const iso = formatIsoDate(d);
        const [y, m, day] = [String(d.year), p2(d.month), p2(d.day)];
        for (const text of [iso, `${day}/${m}/${y}`, `${day}.${m}.${y}`, `${day}-${m}-${y}`, `${d.day}/${d.month}/${y}`, `${y}/${m}/${day}`]) {
          expect(parseLooseDate(text + time), text + time).toBe(iso);
        }
        expect(parseLooseDate(`${m}/${day}/${y}${time}`, { order: 'mdy' })).toBe(iso);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a day past the end of its month in every format', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const day = daysInMonth(year, month) + 1;
        expect(parseLooseDate(`${year}-${p2(month)}-${p2(day)}`)).toBeNull();
        expect(parseLooseDate(`${p2(day)}/${p2(month)}/${year}`)).toBeNull();
        expect(parseLooseDate(`${p2(day)}.${p2(month)}.${year}`)).toBeNull();
      }),
    );
  });

  it('never throws, and anything it returns is a strict ISO date', () => {
    const dateish = fc.string({ unit: fc.constantFrom(...'0123456789-/.:TZ +'.split('')), maxLength: 25 });
    fc.assert(
      fc.property(fc.oneof(dateish, fc.string({ maxLength: 30 })), (s) => {
        const r = parseLooseDate(s);
        if (r !== null) expect(parseIsoDate(r)).not.toBeNull();
      }),
      { numRuns: 3000 },
    );
  });
});
