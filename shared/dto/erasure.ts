/** What an erasure removes, what it keeps and why (shared/api/erasure.ts). */
import type { HoldKind } from '../rules/legal-holds';
import type { SensitiveCategory } from '../vocabulary';

/** Rows about the person, by kind: what the erasure deletes (or deleted). */
export interface ErasedCountsDto {
  contact: number;
  emails: number;
  phones: number;
  bankDetails: number;
  identityDocuments: number;
  photos: number;
  signedSheets: number;
  participations: number;
  consentEvents: number;
  photoPreferences: number;
  photoTakedowns: number;
  sharing: number;
  systems: number;
  searchEntries: number;
  /** Files the person sent with their rights requests (the requests themselves are kept). */
  requestAttachments: number;
}

export type KeptKind = HoldKind | 'rights_request';

/**
 * One thing that stays after the erasure. Its link to the person's name goes; `keeps`
 * names what of it stays (everything else about it goes).
 */
export interface ErasureKeptDto {
  id: string;
  kind: KeptKind;
  /** accounting_and_grants: signed sheets; accounting: bank details used for a payment; proof_of_reply: the rights requests the person made. */
  hold: 'accounting_and_grants' | 'accounting' | 'proof_of_reply';
  /** The last day it is kept; null when no period is set yet (rights requests). */
  until: string | null;
  keeps: string[];
  eventId: string | null;
}

/** An export already made that held the person's data (from the audit log). */
export interface ErasureExportDto {
  seq: number;
  at: string;
  action: string;
  entityType: string;
  /** person: an export about them (access bundle, a register filtered on them); register: a whole register made while they were in it. */
  scope: 'person' | 'register';
}

export interface ErasurePreviewDto {
  contactId: string;
  removes: ErasedCountsDto;
  keeps: ErasureKeptDto[];
  exports: ErasureExportDto[];
}

export interface ErasureResultDto {
  /** The pseudonymous id in the erasure ledger (registre.erasures and the vault). */
  erasureId: string;
  erasedOn: string;
  requestId: string | null;
  removed: ErasedCountsDto;
  kept: ErasureKeptDto[];
  /** Copies already made elsewhere: the erasure cannot reach them; tell their holders. */
  exports: ErasureExportDto[];
}

/**
 * Erasing one sensitive category of a contact (contacts.eraseCategoryPreview): how many of
 * its items go, and which a legal hold keeps, until when. A kept item stays on the contact
 * with only what its hold keeps (`keeps`).
 */
export interface CategoryErasurePreviewDto {
  contactId: string;
  category: SensitiveCategory;
  removes: number;
  keeps: ErasureKeptDto[];
}

export interface CategoryErasureResultDto {
  contactId: string;
  category: SensitiveCategory;
  erasedOn: string;
  requestId: string | null;
  removed: number;
  kept: ErasureKeptDto[];
}

/** An anonymisation: an erasure that keeps the contact row, under `fullName`, with its organisation, country and participations. */
export interface AnonymisationResultDto extends ErasureResultDto {
  fullName: string;
}
