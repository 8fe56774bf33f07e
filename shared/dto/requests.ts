/** Rights request DTOs (see shared/api/requests.ts). Dates are `YYYY-MM-DD` days. */
import type { DeadlineUrgency } from '../rules/deadline';
import type { RequestStep } from '../rules/request-states';
import type { IdentityMethod, RefusalReason, RequestChannel, RequestEventKind, RequestLetterKind, RequestStatus, RequestType } from '../vocabulary';

export interface RequestEventDto {
  seq: number;
  at: string;
  staff: { id: string; name: string } | null;
  kind: RequestEventKind;
  fromState: RequestStatus | null;
  toState: RequestStatus;
  /** Ids and dates only (the new deadline, the day identity arrived…). */
  detail: Record<string, string | number>;
}

export interface RequestDto {
  id: string;
  type: RequestType;
  state: RequestStatus;
  channel: RequestChannel;
  contact: { id: string; name: string } | null;
  requesterName: string | null;
  requesterEmail: string | null;
  requestText: string | null;
  isTest: boolean;
  receivedDate: string;
  /** The day the clock last (re)started: receipt, or the arrival of the identity proof asked for. */
  clockStartDate: string;
  /** The reply is due by this day: the extended deadline once extended. */
  dueDate: string;
  /** One month from the clock's start, before any extension. */
  firstDueDate: string;
  /** Days left until dueDate (negative once passed); null while the clock is stopped. */
  daysLeft: number | null;
  urgency: DeadlineUrgency | null;
  /** The day identity or clarification was last asked for. */
  pausedDate: string | null;
  identity: { checkedDate: string; method: IdentityMethod; seen: string | null } | null;
  extension: { months: number; reason: string; dueDate: string } | null;
  closedDate: string | null;
  outcome: 'completed' | 'refused' | null;
  refusal: { reason: RefusalReason; text: string | null } | null;
  outcomeNote: string | null;
  /** What the state allows next (the extension aside). */
  nextSteps: RequestStep[];
  /** Whether the one extension may still be granted today. */
  canExtend: boolean;
  createdAt: string;
}

/** One request with its timeline, oldest step first, and the letters saved on it, oldest first. */
export interface RequestDetailDto extends RequestDto {
  events: RequestEventDto[];
  letters: RequestLetterSummaryDto[];
}

/** A reply as drafted from the request's facts and the controller's details, for staff to edit. */
export interface LetterDraftDto {
  kind: RequestLetterKind;
  language: 'en' | 'fr';
  subject: string;
  /** Plain text; paragraphs separated by one blank line. */
  body: string;
}

/** A saved letter in the request's list. Subject and body are blank once the person was erased. */
export interface RequestLetterSummaryDto {
  id: string;
  kind: RequestLetterKind;
  language: 'en' | 'fr';
  subject: string;
  savedAt: string;
  savedBy: { id: string; name: string } | null;
}

export interface RequestLetterDto extends RequestLetterSummaryDto {
  body: string;
  /** The letter as one standalone printable HTML document (no script, nothing loaded). */
  html: string;
}

export interface RequestListDto {
  /** Requests per state (test entries only when asked for), whatever the other filters. */
  counts: Record<RequestStatus, number>;
  total: number;
  items: RequestDto[];
}
