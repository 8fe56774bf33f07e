/**
 * Reports' part of the API contract (issue 16): the statistics of a period, read by the
 * Statistics screen, the `registre stats` command and the compliance report.
 */
import { z } from 'zod';
import type { StatisticsDto } from '../dto/stats';
import { parseIsoDate } from '../rules/dates';
import { MAX_STATS_YEARS, periodTooLong } from '../rules/statistics';
import { isoDate } from './fields';
import { method, returns, type AnyEntry } from './method';

const realDays = (p: { from: string; to: string }): boolean => parseIsoDate(p.from) !== null && parseIsoDate(p.to) !== null;

/** A period of calendar days, both ends included: `from` not after `to`, at most ten years. */
export const statsPeriod = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  // The refinements run even when a day is not a real date (isoDate has said so already).
  .refine((p) => !realDays(p) || p.from <= p.to, { message: 'The end date is before the start date.', path: ['to'], params: { reason: 'dates_reversed' } })
  .refine((p) => !realDays(p) || p.from > p.to || !periodTooLong(p.from, p.to), {
    message: `A period is at most ${MAX_STATS_YEARS} years.`,
    path: ['to'],
    params: { reason: 'stats_period_too_long' },
  });

export const reportsContract = {
  /** Counts, medians and shares of the period [from, to]; test requests left out. About no one person. */
  'stats.get': method({ access: 'read', output: returns<StatisticsDto>(), subject: null, input: statsPeriod }),
} as const satisfies Record<string, AnyEntry>;
