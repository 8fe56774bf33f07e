/** Consent ledger DTOs (see shared/api/consents.ts). */
import type { ConsentAction, LawfulBasis, LedgerChannel } from '../vocabulary';
import type { ExportResultDto } from './exports';

/** Enough of a purpose to name it in either language. */
export interface PurposeRefDto {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string;
  lawfulBasis: LawfulBasis;
}

export interface ConsentEventDto {
  id: string;
  purposeId: string;
  action: ConsentAction;
  lawfulBasis: LawfulBasis;
  channel: LedgerChannel;
  evidence: string | null;
  /** The privacy-policy version the person was shown. */
  policyVersion: { id: string; version: number; language: string } | null;
  /** True when it is dated before every archived version: an earlier policy was shown, whose text is not kept (policyVersion is then null). */
  policyEarlier: boolean;
  /** The day it happened (YYYY-MM-DD). */
  occurredOn: string;
  recordedBy: { id: string; name: string } | null;
  /** When it was entered (ISO 8601 instant). */
  recordedAt: string;
}

export interface PurposeStateDto {
  purpose: PurposeRefDto;
  /** The latest event's action, or `none` when nothing was ever recorded. */
  state: ConsentAction | 'none';
  /**
   * Whether the purpose gives a basis today: consent, contract and legal-obligation
   * purposes need a `granted` latest event; legitimate-interest purposes apply unless the
   * latest event is an objection, a withdrawal or a restriction.
   */
  applies: boolean;
  /** The latest event's day, null when none. */
  since: string | null;
  /** Oldest first. */
  history: ConsentEventDto[];
}

export interface NoBasisReasonDto {
  /** The day the last basis went. */
  since: string;
  /** The events that removed each basis (latest per purpose), newest first. */
  events: Array<{ purpose: PurposeRefDto; action: ConsentAction; occurredOn: string; channel: LedgerChannel }>;
}

export interface ContactConsentsDto {
  contactId: string;
  /** In the register's order (purpose position). */
  purposes: PurposeStateDto[];
  /** True when any purpose's latest event is a restriction (Art. 18): store only. */
  restricted: boolean;
  /** Set when a withdrawal or objection left the person with no purpose that applies. */
  noRemainingBasis: NoBasisReasonDto | null;
}

export interface NoBasisDto {
  contactId: string;
  fullName: string;
  organisationName: string | null;
  reason: NoBasisReasonDto;
}

export interface ReconsentDto {
  contactId: string;
  fullName: string;
  purpose: PurposeRefDto;
  grantedOn: string;
  /** The policy version shown with that consent (null when none was recorded). */
  policyVersionShown: number | null;
}

export interface MailingListCountsDto {
  /** Contacts in the file: latest newsletter event is a grant, with an e-mail address. */
  included: number;
  /** Left out, by reason; a contact counts under the first reason that applies, in this order. */
  excluded: {
    restricted: number;
    objected: number;
    withdrawn: number;
    archived: number;
    noEmail: number;
    /** Their address is also a contact's who restricted, objected or withdrew: that answer wins for the address. */
    addressRefused: number;
    /** Their address is already in the file for another contact (one line per address). */
    duplicateAddress: number;
  };
  /** Contacts with no newsletter event at all (never subscribed; not in the file). */
  neverSubscribed: number;
}

export interface MailingListExportDto {
  /** The file's own counts (the register may have changed since a preview); null when cancelled before they were worked out. */
  counts: MailingListCountsDto | null;
  /** Where it was written, with its manifest; or cancelled, with nothing written. */
  result: ExportResultDto;
}
