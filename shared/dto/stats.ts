/**
 * The statistics of one period (issue 16): what `stats.get` returns, what the Statistics
 * screen charts and the compliance report quotes. Months are `YYYY-MM`, every month of
 * the period present (zeros included) and in order. Test requests are never counted.
 */
import type { RequestType } from '../vocabulary';

/** Days from receipt to reply of the requests closed in the period. */
export interface DaysToCloseDto {
  closed: number;
  /** Null when none closed. */
  median: number | null;
  /** Nearest-rank 90th percentile (shared/rules/statistics.ts); null when none closed. */
  p90: number | null;
}

export interface RequestMonthDto {
  month: string;
  /** Requests received in the month, per type (every type present). */
  byType: Record<RequestType, number>;
  total: number;
}

export interface RequestStatsDto {
  received: number;
  perMonth: RequestMonthDto[];
  daysToClose: DaysToCloseDto & { byType: Record<RequestType, DaysToCloseDto> };
  /** Of the requests closed in the period, those closed on or before the deadline in force (the extended one once extended). */
  onTime: { closed: number; onTime: number; share: number | null };
  /** Requests received in the period whose deadline was extended. */
  extensions: number;
  /** Open requests whose deadline in force is before today (today, not the period's end). */
  overdueNow: number;
}

export interface ConsentPurposeStatsDto {
  purposeId: string;
  code: string;
  nameEn: string;
  nameFr: string;
  perMonth: { month: string; granted: number; withdrawn: number; objected: number; restricted: number }[];
  totals: { granted: number; withdrawn: number; objected: number; restricted: number };
}

export interface PhotoOptOutStatsDto {
  /** People opted out of every event, by a decision dated in the period and not withdrawn. */
  global: number;
  /** The same, per event (only events with at least one). */
  perEvent: { eventId: string; name: string; startDate: string; optedOut: number }[];
}

export interface ErasureMonthDto {
  month: string;
  /** Whole erasures (the ledger's `erased`). */
  erased: number;
  /** One sensitive category of a person erased. */
  category: number;
  anonymised: number;
  /** Retention rules applied (one run each, whatever the count it erased). */
  retentionRuns: number;
  /** Closed requests deleted by the closed-requests rule. */
  requestsErased: number;
}

export const statsExportKinds = ['subject', 'register', 'mailing_list', 'photo_list'] as const;
export type StatsExportKind = (typeof statsExportKinds)[number];

export interface StatisticsDto {
  from: string;
  to: string;
  /** The day "overdue now" was judged on. */
  today: string;
  months: string[];
  requests: RequestStatsDto;
  consents: ConsentPurposeStatsDto[];
  photos: PhotoOptOutStatsDto;
  erasures: { perMonth: ErasureMonthDto[]; totals: Omit<ErasureMonthDto, 'month'> };
  exports: { byKind: Record<StatsExportKind, number>; total: number };
}
