/**
 * The core speaks English (its messages also serve the CLI and logs). Errors the user can
 * meet in these screens are recognised here and shown in the user's language; anything
 * unrecognised falls back to the core's own message, which is written to be readable.
 */
import type { TFunction } from 'i18next';
import { MIN_PASSPHRASE_LENGTH } from '../shared/rules/passphrase';
import { ApiError } from './api';

// The core tags every error a person can meet with `detail.reason`; the code alone is too
// coarse (`invalid_input` covers both a wrong passphrase and a malformed recovery key).
const byReason = {
  passphrase_blank: 'errors.blank',
  passphrase_too_short: 'errors.tooShort',
  passphrase_in_use: 'errors.inUse',
  current_passphrase_wrong: 'errors.currentWrong',
  profile_removed: 'errors.profileRemoved',
  recovery_key_characters: 'errors.keyCharacters',
  recovery_key_length: 'errors.keyLength',
  recovery_key_typo: 'errors.keyTypo',
  recovery_key_other_vault: 'errors.keyOther',
  unc_path: 'errors.networkPath',
  network_fs: 'errors.networkPath',
  synced_folder: 'errors.networkPath',
  vault_open_elsewhere: 'errors.alreadyOpen',
  vault_exists: 'errors.vaultExists',
  vault_newer: 'errors.newerVault',
  keys_missing: 'errors.keysMissing',
  keys_damaged: 'errors.keysDamaged',
  last_admin: 'errors.lastAdmin',
  remove_self: 'errors.removeSelf',
  reset_self: 'errors.resetSelf',
  auditor_read_only: 'errors.forbiddenAuditor',
  admin_only: 'errors.forbiddenAdmin',
  email_invalid: 'errors.emailInvalid',
  phone_invalid: 'errors.phoneInvalid',
  iban_checksum: 'errors.ibanChecksum',
  iban_format: 'errors.ibanFormat',
  iban_country: 'errors.ibanCountry',
  iban_length: 'errors.ibanLength',
  bic_invalid: 'errors.bicInvalid',
  date_invalid: 'errors.dateInvalid',
  dates_reversed: 'errors.datesReversed',
  file_type: 'errors.fileType',
  file_too_large: 'errors.fileTooLarge',
  reveal_not_allowed: 'errors.revealNotAllowed',
  contact_absent: 'errors.contactAbsent',
  organisation_absent: 'errors.organisationAbsent',
  event_absent: 'errors.eventAbsent',
  sensitive_absent: 'errors.sensitiveAbsent',
  merge_same: 'errors.mergeSame',
  country_unknown: 'errors.countryUnknown',
  language_unknown: 'errors.languageUnknown',
  // A CSV import's file, mapping and commit (db/import/); per-row reasons are in ImportProblems.
  file_binary: 'import.errors.file_binary',
  file_empty: 'import.errors.file_empty',
  encoding_unsupported: 'import.errors.encoding_unsupported',
  encoding_invalid: 'import.errors.encoding_invalid',
  encoding_mismatch: 'import.errors.encoding_mismatch',
  csv_malformed: 'import.errors.csv_malformed',
  header_missing: 'import.errors.header_missing',
  header_duplicate: 'import.errors.header_duplicate',
  no_rows: 'import.errors.no_rows',
  mapping_unknown_column: 'import.errors.mapping_unknown_column',
  mapping_unknown_field: 'import.errors.mapping_unknown_field',
  mapping_incomplete: 'import.errors.mapping_incomplete',
  import_plan_changed: 'import.errors.import_plan_changed',
  import_has_invalid_rows: 'import.errors.import_has_invalid_rows',
  import_nothing: 'import.errors.import_nothing',
} as const;
type ReasonKey = (typeof byReason)[keyof typeof byReason];

/** The form field an error is about (`detail.field`), so the form can mark it. */
export function errorField(e: unknown): string | null {
  return e instanceof ApiError && typeof e.detail.field === 'string' ? e.detail.field : null;
}

export function isWrongPassphrase(e: unknown): boolean {
  return e instanceof ApiError && e.detail.reason === 'wrong_passphrase';
}

export function isThrottled(e: unknown): boolean {
  return e instanceof ApiError && e.code === 'locked' && e.retryAfterSeconds > 0;
}

export function describeError(e: unknown, t: TFunction): string {
  if (!(e instanceof ApiError)) return t('errors.internal');
  if (e.code === 'bridge') return t(e.detail.reason === 'unauthorised' ? 'errors.unauthorised' : 'errors.bridgeDown');
  // The wait itself is shown live next to the message (AttemptFeedback), not frozen in it.
  if (isThrottled(e)) return t('errors.throttled');
  if (isWrongPassphrase(e)) return t('errors.wrongPassphrase');
  const reason = e.detail.reason;
  const known: ReasonKey | undefined = typeof reason === 'string' && Object.hasOwn(byReason, reason) ? byReason[reason as keyof typeof byReason] : undefined;
  if (known) return t(known, { min: MIN_PASSPHRASE_LENGTH });
  switch (e.code) {
    case 'locked':
      return t('errors.locked');
    case 'forbidden':
      return e.message || t('errors.forbidden');
    case 'not_found':
      return e.message || t('errors.notFound');
    case 'internal':
      return t('errors.internal');
    default:
      return e.message;
  }
}

/** Text for a problem found in the form before anything was sent. */
export function describeProblem(problem: 'blank' | 'tooShort' | 'tooWeak' | 'mismatch', t: TFunction): string {
  return t(`errors.${problem}`, { min: MIN_PASSPHRASE_LENGTH });
}
