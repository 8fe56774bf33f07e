/** The statistics' arithmetic (shared/rules/statistics.ts): months of a period, median, 90th percentile. */
import { describe, expect, it } from 'vitest';
import { median, monthsOf, percentile90, periodTooLong, presetPeriod } from '../../shared/rules/statistics';

describe('statistics arithmetic', () => {
  it('lists every month of a period, across a year end, both ends included', () => {
    expect(monthsOf('2025-11-30', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf('2026-01-31', '2026-01-31')).toEqual(['2026-01']);
  });
  it('takes the middle value, or the mean of the two middle ones, and the nearest-rank 90th percentile', () => {
    expect(median([])).toBeNull();
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(percentile90([])).toBeNull();
    expect(percentile90([7])).toBe(7);
    expect(percentile90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9);
    expect(percentile90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toBe(10);
  });
  it('offers this year so far, the twelve months to today (this one included) and last year', () => {
    expect(presetPeriod('thisYear', '2026-12-02')).toEqual({ from: '2026-01-01', to: '2026-12-02' });
    expect(presetPeriod('last12Months', '2026-12-02')).toEqual({ from: '2026-01-01', to: '2026-12-02' });
    expect(presetPeriod('last12Months', '2026-03-31')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(presetPeriod('lastYear', '2026-03-31')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });
  it('allows ten years to the day and not one day more', () => {
    expect(periodTooLong('2016-02-29', '2026-02-28')).toBe(false);
    expect(periodTooLong('2016-02-29', '2026-03-01')).toBe(true);
  });
});
