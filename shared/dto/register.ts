/** Processing-register DTOs (see shared/api/register.ts). */

export interface PurposeDto {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string;
  lawfulBasis: LawfulBasis;
  retentionEn: string | null;
  retentionFr: string | null;
  descriptionEn: string | null;
  descriptionFr: string | null;
  /** Whose data it is about (Art. 30(1)(c)), in the register's fixed words. */
  dataSubjects: DataSubjectKind[];
  processors: Array<{ id: string; name: string }>;
}

export interface PolicyVersionDto {
  id: string;
  version: number;
  language: string;
  effectiveDate: string;
  materialChange: boolean;
  summary: string | null;
  /** Length of the text, so the list can show it without carrying it. */
  characters: number;
  /** The newest version in effect today for its language. */
  current: boolean;
  createdAt: string;
}

/** One correction of a version's effective date, with the reason given (policies.setEffectiveDate). */
export interface PolicyDateChangeDto {
  fromDate: string;
  toDate: string;
  reason: string;
  changedBy: { id: string; name: string } | null;
  /** ISO 8601 instant. */
  changedAt: string;
}

export interface PolicyTextDto extends PolicyVersionDto {
  text: string;
  /** Every correction of the effective date, oldest first. */
  dateChanges: PolicyDateChangeDto[];
}

export interface ProcessorDto {
  id: string;
  name: string;
  kind: (typeof processorKinds)[number];
  role: string;
  country: string | null;
  transferSafeguard: string | null;
  dpaStatus: (typeof dpaStatuses)[number];
  /** The day the data-processing agreement was signed; only when it is. */
  dpaSignedOn: string | null;
  dataCategories: string[];
  policyUrl: string | null;
  notes: string | null;
  /** Purposes that use it. */
  purposes: Array<{ id: string; code: string; nameEn: string; nameFr: string }>;
  /** How many contacts are marked as having data in it. */
  contactCount: number;
  /** Its safeguard cites the EU–US Privacy Shield, invalid since 16 July 2020. */
  citesPrivacyShield: boolean;
}

/** Something in the register or the current policy that the secretariat should fix. */
export interface ComplianceWarningDto {
  /** `privacy_shield_in_policy`: the current policy text still cites the Privacy Shield (CJEU C-311/18, Schrems II). */
  code: 'privacy_shield_in_policy' | 'privacy_shield_safeguard';
  /** The policy version concerned, when the warning is about the text. */
  policyVersion: { id: string; version: number; language: string } | null;
  /** The sentence of the policy that cites it (untranslated, as published). */
  excerpt: string | null;
  /** Processors whose recorded safeguard cites it. */
  processors: Array<{ id: string; name: string }>;
}

export interface ProcessorRegisterDto {
  processors: ProcessorDto[];
  warnings: ComplianceWarningDto[];
}

export interface ContactSystemDto {
  processorId: string;
  name: string;
  kind: (typeof processorKinds)[number];
  since: string;
}

export interface SharingDto {
  id: string;
  contactId: string;
  contactName: string;
  partner: string;
  mouReference: string | null;
  jointActivity: string | null;
  dataCategories: string[];
  sharedOn: string;
  recordedBy: { id: string; name: string } | null;
  recordedAt: string;
}

/** A recipient to tell of later rectifications, erasures and restrictions (Art. 19). */
export interface RecipientDto {
  kind: 'partner' | 'system';
  name: string;
  /** Processor id for systems; null for partners. */
  processorId: string | null;
  /** The first day they received or held the data. */
  since: string;
}
import type { DataSubjectKind, LawfulBasis, dpaStatuses, processorKinds } from '../vocabulary';
