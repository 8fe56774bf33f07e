/** The home dashboard (issue 16): what needs doing today, as counts and the few most urgent requests. */
import type { BackupOverdueReason } from './backup';
import type { RetentionRuleCode } from '../rules/retention';
import type { RequestType } from '../vocabulary';

/** One request as the dashboard names it: enough to recognise it, the rest is on its page. */
export interface DashboardRequestDto {
  id: string;
  type: RequestType;
  /** The contact's name, else the requester's, as the requests list shows them. */
  name: string | null;
  dueDate: string;
  daysLeft: number;
}

export interface DashboardDto {
  today: string;
  /** Running clocks only, test requests left out; `top` holds the few soonest of each. */
  requests: {
    overdue: { count: number; top: DashboardRequestDto[] };
    dueSoon: { count: number; top: DashboardRequestDto[] };
  };
  /** Rules with someone due today (frozen people are not due), in the rules' order. */
  retentionDue: { rule: RetentionRuleCode; count: number }[];
  /** Null when no backup is owed. */
  backupOverdue: BackupOverdueReason | null;
  /** Consents given before the newest material policy change; null when no version is marked material. */
  reconsent: { policyVersionId: string; version: number; language: string; effectiveDate: string; count: number } | null;
  minors: number;
  noBasis: number;
  /** Current policy texts and processors whose transfer safeguard still cites the Privacy Shield. */
  privacyShield: { policies: number; processors: number };
  /** Takedowns owed: one per opted-out person and publication of their event's photos. */
  takedownsOwed: number;
}
