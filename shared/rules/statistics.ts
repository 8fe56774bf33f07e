/**
 * The pure arithmetic of the statistics (issue 16): the months a period covers, and the
 * median and 90th percentile of days to close. Shared so the contract can refuse a bad
 * period and the screen can label months without asking the core.
 */
import { monthsAfter } from './deadline';

/** The longest period the statistics cover: ten years is 120 monthly bars already. */
export const MAX_STATS_YEARS = 10;

/** `YYYY-MM` of a `YYYY-MM-DD` day. */
export const monthOf = (day: string): string => day.slice(0, 7);

/** Every month from `from`'s to `to`'s, both included, so a chart has its empty months too. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = monthOf(from); m <= monthOf(to); m = monthOf(monthsAfter(`${m}-01`, 1))) months.push(m);
  return months;
}

/** True when `to` is more than MAX_STATS_YEARS after `from`. */
export const periodTooLong = (from: string, to: string): boolean => to > monthsAfter(from, MAX_STATS_YEARS * 12);

const sorted = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

/** The middle value; the mean of the two middle ones when the count is even; null when there is none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The 90th percentile by nearest rank: the smallest value at least 90 % of the values do
 * not exceed. Always one of the values (a number of days a request really took).
 */
export function percentile90(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = sorted(values);
  return s[Math.ceil(0.9 * s.length) - 1]!;
}

/** The period presets the Statistics screen offers, counted from the office's today. */
export const statsPresets = ['thisYear', 'last12Months', 'lastYear'] as const;
export type StatsPreset = (typeof statsPresets)[number];

export function presetPeriod(preset: StatsPreset, today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  if (preset === 'thisYear') return { from: `${year}-01-01`, to: today };
  if (preset === 'lastYear') return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  // Twelve whole bars: this month so far and the eleven before it.
  return { from: monthsAfter(`${today.slice(0, 7)}-01`, -11), to: today };
}
