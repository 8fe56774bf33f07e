/**
 * The record of processing activities (GDPR Art. 30) and its check, as they cross the API
 * (shared/api/report-docs.ts). The compliance report's model stays in the core: only its
 * file leaves it.
 */
import type { DataSubjectKind, LawfulBasis } from '../vocabulary';
import type { ControllerDto } from './index';
import type { RetentionAction, RetentionRuleCode, RetentionUnit } from '../rules/retention';
import type { ProcessorDto } from './register';

/** The measures Registre itself takes (Art. 32), stated as the code does them. */
export const securityMeasures = ['encrypted_vault', 'key_slots', 'audit_chain', 'encrypted_backups', 'auto_lock', 'roles', 'secure_delete'] as const;
export type SecurityMeasure = (typeof securityMeasures)[number];

export interface RopaRecipientDto {
  kind: 'processor' | 'third_party_account' | 'partner';
  /** The processor's id; null for a partner network. */
  id: string | null;
  name: string;
  /** ISO 3166-1 alpha-2; null when the register does not say. */
  country: string | null;
}

export interface RopaTransferDto {
  processorId: string;
  name: string;
  country: string;
  safeguard: string | null;
  /** The safeguard cites the EU–US Privacy Shield, invalid since 16 July 2020. */
  privacyShield: boolean;
}

export interface RopaRetentionRuleDto {
  code: RetentionRuleCode;
  periodValue: number;
  periodUnit: RetentionUnit;
  action: RetentionAction;
}

export interface RopaPurposeDto {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string;
  lawfulBasis: LawfulBasis;
  descriptionEn: string | null;
  descriptionFr: string | null;
  /** As the register states them (purposes.data_subjects). */
  dataSubjects: DataSubjectKind[];
  /** The categories its processors and its sharing log name, as typed in the register. */
  dataCategories: string[];
  recipients: RopaRecipientDto[];
  /** Recipients outside the EEA. */
  transfers: RopaTransferDto[];
  /** The purpose's own retention words, and the rules that apply to its data. */
  retentionEn: string | null;
  retentionFr: string | null;
  retentionRules: RopaRetentionRuleDto[];
}

/** Where a finding is fixed, one click away on the screens. */
export type RopaFixTarget =
  { route: 'register'; tab: 'processors' | 'purposes' | 'policies'; id: string | null } | { route: 'retention'; id: string | null } | { route: 'settings'; tab: 'organisation'; id: null };

export const ropaFindingCodes = [
  'processor_no_dpa',
  'processor_no_dpa_date',
  'processor_country_unknown',
  'transfer_no_safeguard',
  'privacy_shield_safeguard',
  'privacy_shield_in_policy',
  'category_no_retention',
  'purpose_no_retention',
  'purpose_no_categories',
  'purpose_no_subjects',
  'no_dpo',
] as const;
export type RopaFindingCode = (typeof ropaFindingCodes)[number];

export interface RopaFindingDto {
  code: RopaFindingCode;
  /** What it is about, as the register names it (a processor, a purpose, a data category, a policy version). */
  subject: string | null;
  fix: RopaFixTarget;
}

export interface RopaDto {
  /** ISO 8601 instant it was made. */
  generatedAt: string;
  controller: ControllerDto;
  purposes: RopaPurposeDto[];
  processors: Array<Pick<ProcessorDto, 'id' | 'name' | 'kind' | 'role' | 'country' | 'transferSafeguard' | 'dpaStatus' | 'dpaSignedOn' | 'dataCategories' | 'citesPrivacyShield'>>;
  retentionRules: RopaRetentionRuleDto[];
  security: SecurityMeasure[];
  /** Minutes of idleness after which the app locks (Settings). */
  autoLockMinutes: number;
  findings: RopaFindingDto[];
}
