/** Rights request DTOs (see shared/api/requests.ts). Dates are `YYYY-MM-DD` days. */
import type { DeadlineUrgency } from '../rules/deadline';
import type { RequestStep } from '../rules/request-states';
import type { BundleMode, ConsentAction, IdentityMethod, RefusalReason, RequestChannel, RequestEventKind, RequestLetterKind, RequestStatus, RequestType, SensitiveCategory } from '../vocabulary';

export type RequestTaskStatus = 'open' | 'done' | 'nothing_found';

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

/**
 * One task: a place that holds the person's data (a system ticked in the processors
 * register, or a partner in the sharing log), searched and ticked off with evidence.
 */
export interface RequestTaskDto {
  /** The task's number within its request (1, 2, 3…): what staff type on the command line. */
  seq: number;
  kind: 'system' | 'partner';
  /** The system's name (as the processors register calls it now) or the partner's. */
  name: string;
  processorId: string | null;
  status: RequestTaskStatus;
  /** What was done or searched; "searched, nothing found" is evidence too. */
  evidence: string | null;
  doneAt: string | null;
  doneBy: { id: string; name: string } | null;
  /** The recipient is owed an Art. 19 notice (a partner, for rectification, erasure or restriction). */
  noticeDue: boolean;
  noticeSentDate: string | null;
  noticeConfirmedDate: string | null;
}

/** What the requester sent, stored in the vault; the content is read on its own (`requests.attachment`). */
export interface RequestAttachmentDto {
  id: string;
  fileName: string;
  contentType: string;
  /** Bytes. */
  size: number;
  /** Hex SHA-256 of the content. */
  sha256: string;
  addedAt: string;
}

export interface RequestAttachmentContentDto {
  id: string;
  fileName: string;
  contentType: string;
  contentBase64: string;
}

/** A contact the request may be about: by the requester's e-mail, or by their name. */
export interface ContactSuggestionDto {
  id: string;
  fullName: string;
  primaryEmail: string | null;
  organisationName: string | null;
  archived: boolean;
  /** same_email: one of the contact's addresses; same_name: the same words in any order; similar_name: words starting the same. */
  reason: 'same_email' | 'same_name' | 'similar_name';
}

/** One request with its timeline (oldest step first), its tasks (by number), its attachments and the letters saved on it (oldest first). */
export interface RequestDetailDto extends RequestDto {
  events: RequestEventDto[];
  tasks: RequestTaskDto[];
  attachments: RequestAttachmentDto[];
  letters: RequestLetterSummaryDto[];
  actions: RequestActionDto[];
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

/** One field a rectification changed, with the person's values (the request is their file; erasure clears them). */
export interface RectificationChangeDto {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * What was done to carry a request out (shared/api/request-actions.ts), oldest first.
 * `detail` depends on `action`; an erasure of the person clears the values it held
 * (a rectification's `changes` become null, a bundle's `fileName` null).
 */
export type RequestActionDto = { id: string; doneAt: string; doneBy: { id: string; name: string } | null } & (
  | {
      action: 'bundle';
      detail: { fileName: string | null; mode: BundleMode; manifestSha256: string; chainHead: { seq: number; hash: string }; includeSensitive: boolean };
    }
  | { action: 'rectification'; detail: { fields: string[]; changes: RectificationChangeDto[] | null } }
  /** A restriction recorded on one purpose (which restricts all processing), or its lifting (`lifted`, with the action that restored the purpose). */
  | { action: 'restriction'; detail: { purposeCode: string; consentEventId: string; lifted: boolean; restored: ConsentAction | null } }
  | { action: 'objection'; detail: { purposeCodes: string[]; consentEventIds: string[] } }
  | { action: 'withdrawal'; detail: { purposeCodes: string[]; consentEventIds: string[] } }
  /** A whole erasure; an anonymisation (`anonymised`); or one sensitive category (`category`, no ledger entry: `erasureId` null). */
  | { action: 'erasure'; detail: { erasureId: string | null; keptCount: number; anonymised?: boolean; category?: SensitiveCategory } }
);

export interface RequestListDto {
  /** Requests per state (test entries only when asked for), whatever the other filters. */
  counts: Record<RequestStatus, number>;
  total: number;
  items: RequestDto[];
}
