/**
 * Retention periods on boundary dates (issue 15): dueDate and retentionState checked
 * against a simple model built on Date.UTC over many generated days, leap days included,
 * and the day before, on and after each period.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/rules/deadline';
import { dueDate, latestStartDueBy, retentionState, type RetentionPeriod } from '../../shared/rules/retention';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const parts = (day: string) => day.split('-').map(Number) as [number, number, number];

/** The model: the same day-month N years on, else (29 February) that month's last day; or N×24 h on. */
function modelDue(rule: RetentionPeriod, start: string): string {
  const [y, m, d] = parts(start);
  if (rule.periodUnit === 'days') return iso(Date.UTC(y, m - 1, d) + rule.periodValue * DAY_MS);
  const same = Date.UTC(y + rule.periodValue, m - 1, d);
  // Date.UTC rolls 29 February over to 1 March: day 0 of March is February's last day.
  return new Date(same).getUTCDate() === d ? iso(same) : iso(Date.UTC(y + rule.periodValue, m, 0));
}

const modelDaysBetween = (a: string, b: string) => {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / DAY_MS);
};

// Days from 1950 to 2150, with leap days drawn often.
const anyDay = fc.integer({ min: Date.UTC(1950, 0, 1) / DAY_MS, max: Date.UTC(2150, 11, 31) / DAY_MS }).map((n) => iso(n * DAY_MS));
const leapDay = fc
  .integer({ min: 1952, max: 2148 })
  .map((y) => Math.floor(y / 4) * 4)
  .filter((y) => y % 100 !== 0 || y % 400 === 0)
  .map((y) => `${y}-02-29`);
const day = fc.oneof(anyDay, leapDay);
const period: fc.Arbitrary<RetentionPeriod> = fc.oneof(
  fc.record({ periodValue: fc.integer({ min: 0, max: 3650 }), periodUnit: fc.constant('days' as const) }),
  fc.record({ periodValue: fc.integer({ min: 0, max: 100 }), periodUnit: fc.constant('years' as const) }),
);

describe('dueDate', () => {
  it('agrees with the model on any day and period', () => {
    fc.assert(
      fc.property(period, day, (rule, start) => {
        expect(dueDate(rule, start)).toBe(modelDue(rule, start));
      }),
      { numRuns: 5000 },
    );
  });

  it('takes 29 February to 28 February in a common year, and keeps it in a leap year', () => {
    expect(dueDate({ periodValue: 7, periodUnit: 'years' }, '2024-02-29')).toBe('2031-02-28');
    expect(dueDate({ periodValue: 4, periodUnit: 'years' }, '2024-02-29')).toBe('2028-02-29');
    expect(dueDate({ periodValue: 100, periodUnit: 'years' }, '2000-02-29')).toBe('2100-02-28');
    expect(dueDate({ periodValue: 30, periodUnit: 'days' }, '2024-02-01')).toBe('2024-03-02');
    expect(dueDate({ periodValue: 30, periodUnit: 'days' }, '2023-02-01')).toBe('2023-03-03');
    expect(dueDate({ periodValue: 0, periodUnit: 'days' }, '2024-02-29')).toBe('2024-02-29');
  });

  it('never falls before the start, and a later start is never due earlier', () => {
    fc.assert(
      fc.property(period, day, fc.integer({ min: 1, max: 800 }), (rule, start, gap) => {
        const later = addDays(start, gap);
        expect(dueDate(rule, start) >= start).toBe(true);
        expect(dueDate(rule, later) >= dueDate(rule, start)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('retentionState', () => {
  it('is due on the due day and after, soon within the window, later beyond it (the model’s day count)', () => {
    fc.assert(
      fc.property(period, day, fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 365 }), (rule, start, offset, within) => {
        const dueOn = dueDate(rule, start);
        const today = addDays(dueOn, -offset);
        const left = modelDaysBetween(today, dueOn);
        expect(left).toBe(offset);
        const expected = left <= 0 ? 'due' : left <= within ? 'soon' : 'later';
        expect(retentionState(dueOn, today, within)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('the day before, on and after each default period', () => {
    for (const rule of [
      { periodValue: 7, periodUnit: 'years' },
      { periodValue: 3, periodUnit: 'years' },
      { periodValue: 30, periodUnit: 'days' },
      { periodValue: 0, periodUnit: 'days' },
    ] as const) {
      for (const start of ['2019-03-15', '2020-02-29', '2019-12-31', '2021-01-01']) {
        const dueOn = modelDue(rule, start);
        expect(retentionState(dueOn, addDays(dueOn, -1), 0)).toBe('later');
        expect(retentionState(dueOn, addDays(dueOn, -1), 1)).toBe('soon');
        expect(retentionState(dueOn, dueOn, 0)).toBe('due');
        expect(retentionState(dueOn, addDays(dueOn, 1), 0)).toBe('due');
      }
    }
  });
});

describe('latestStartDueBy', () => {
  it('lets through every start due by the horizon', () => {
    fc.assert(
      fc.property(period, day, fc.integer({ min: -5, max: 5 }), (rule, horizonStart, nudge) => {
        const horizon = dueDate(rule, horizonStart);
        const start = addDays(horizonStart, nudge);
        if (dueDate(rule, start) <= horizon) expect(start <= latestStartDueBy(rule, horizon)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
