/**
 * Every closed list of words the contract, the core, the bundles and the screens share,
 * written once. The database's CHECK constraints (db/migrations, frozen in time) spell the
 * same lists; db/schema.ts types its columns from these.
 */

export const roles = ['admin', 'staff', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const genders = ['female', 'male', 'non_binary', 'other', 'prefer_not_to_say'] as const;
export type Gender = (typeof genders)[number];

export const organisationTypes = ['governmental_agency', 'partner_network', 'other'] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export const participationRoles = ['participant', 'speaker', 'organiser'] as const;
export type ParticipationRole = (typeof participationRoles)[number];

export const sensitiveCategories = ['bank', 'identity', 'photo', 'signature'] as const;
export type SensitiveCategory = (typeof sensitiveCategories)[number];

/** What an entry of the erasure ledger did: erased the whole person, or anonymised them (the row stays for statistics). */
export const erasureKinds = ['erased', 'anonymised'] as const;
export type ErasureKind = (typeof erasureKinds)[number];

export const identityDocuments = ['passport', 'id_card'] as const;

/** How a consent, an objection or a photo preference reached the secretariat. */
export const channels = ['form', 'email', 'event_registration', 'unsubscribe_link', 'phone', 'paper'] as const;
export type Channel = (typeof channels)[number];
/** The ledger's channels: those above, and `import` for a consent read from an imported file (its name and row are the evidence). */
export const ledgerChannels = [...channels, 'import'] as const;
export type LedgerChannel = (typeof ledgerChannels)[number];

export const consentActions = ['granted', 'withdrawn', 'objected', 'restricted'] as const;
export type ConsentAction = (typeof consentActions)[number];

export const lawfulBases = ['consent', 'legitimate_interest', 'contract', 'legal_obligation'] as const;
export type LawfulBasis = (typeof lawfulBases)[number];

export const processorKinds = ['processor', 'third_party_account'] as const;
export type ProcessorKind = (typeof processorKinds)[number];

export const dpaStatuses = ['signed', 'pending', 'none', 'unknown'] as const;

/** Whose data a purpose is about (its categories of data subjects, Art. 30(1)(c)): fixed words, one list for every purpose. */
export const dataSubjectKinds = ['member_staff', 'experts', 'event_participants', 'subscribers', 'payees', 'photographed', 'partner_contacts'] as const;
export type DataSubjectKind = (typeof dataSubjectKinds)[number];

export const knownPartners = ['ENPE', 'EnviCrimeNet'] as const;

export const photoStates = ['opted_out', 'allowed', 'unknown'] as const;
export type PhotoState = (typeof photoStates)[number];

export const bundleModes = ['access', 'portability'] as const;
export type BundleMode = (typeof bundleModes)[number];

/** The registers an export can write (DESIGN §6). */
export const registerTables = ['contacts', 'organisations', 'events', 'participations', 'consents', 'photoPreferences', 'processors', 'sharing', 'requests', 'audit'] as const;
export type RegisterTable = (typeof registerTables)[number];

export const exportFormats = ['csv', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];
/** Who a register CSV is written for: scripts (names and codes as stored) or people (words in their language). */
export const exportForms = ['machine', 'people'] as const;
export type ExportForm = (typeof exportForms)[number];

/** A rights request's states (DESIGN §5). */
export const requestStatuses = ['received', 'awaiting_identity', 'in_progress', 'on_hold', 'completed', 'refused'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** What a rights request asks for (DESIGN §5, Art. 15–21 and consent withdrawal). */
export const requestTypes = ['access', 'rectification', 'erasure', 'portability', 'restriction', 'objection', 'consent_withdrawal'] as const;
export type RequestType = (typeof requestTypes)[number];

/** How a rights request reached the secretariat (not the consent channels: a request may come by post or at the desk). */
export const requestChannels = ['email', 'post', 'in_person', 'phone', 'form'] as const;
export type RequestChannel = (typeof requestChannels)[number];

/** How the requester's identity was checked. What was seen is noted in words; a copy of a document is never kept. */
export const identityMethods = ['document_shown', 'video_call', 'known_contact_details', 'verification_questions', 'other'] as const;
export type IdentityMethod = (typeof identityMethods)[number];

/** The grounds Art. 12(5) and 12(6) (and a legal duty to keep the data) give for refusing a request. */
export const refusalReasons = ['manifestly_unfounded', 'excessive', 'identity_not_proven', 'legal_obligation'] as const;
export type RefusalReason = (typeof refusalReasons)[number];
/** The replies Registre drafts (issue 13); a completion's words depend on the request's type. */
export const requestLetterKinds = ['acknowledgement', 'identity_request', 'clarification_request', 'extension', 'completion', 'refusal'] as const;
export type RequestLetterKind = (typeof requestLetterKinds)[number];
/** What carrying a request out did (DESIGN §5): one per right, the access and portability bundle being one. */
export const requestActionKinds = ['bundle', 'rectification', 'restriction', 'objection', 'withdrawal', 'erasure'] as const;
export type RequestActionKind = (typeof requestActionKinds)[number];

/** The steps of a request's timeline: one per transition, plus the extension. */
/** The steps that move a request between states (shared/rules/request-states.ts). */
export const requestStepKinds = ['identity_requested', 'identity_received', 'started', 'held', 'resumed', 'completed', 'refused'] as const;
/** Everything a request's timeline records: intake, the steps, and the work that changes no state. */
export const requestEventKinds = [
  'received',
  ...requestStepKinds,
  'extended',
  'linked',
  'tasks_added',
  'task_done',
  'notice_sent',
  'notice_confirmed',
  'attached',
  'attachment_removed',
  'letter_saved',
  'carried_out',
] as const;
export type RequestEventKind = (typeof requestEventKinds)[number];

/** The languages the app, its letters and its bundles speak. */
export const summaryLanguages = ['en', 'fr'] as const;

/**
 * Why a call failed, in `error.detail.reason`: the code alone is too coarse
 * (`invalid_input` covers both a wrong passphrase and a malformed recovery key). The
 * renderer must have words for every one of them in English and French
 * (renderer/errors.ts, checked by tests/shared/error-reasons.test.ts).
 */
export const errorReasons = [
  // vault, keys and unlocking
  'passphrase_blank',
  'passphrase_too_short',
  'passphrase_in_use',
  'wrong_passphrase',
  'throttled',
  'current_passphrase_wrong',
  'profile_removed',
  'recovery_key_characters',
  'recovery_key_length',
  'recovery_key_typo',
  'recovery_key_other_vault',
  'recovery_key_mismatch',
  'rekey_not_prepared',
  'unc_path',
  'network_fs',
  'synced_folder',
  'vault_open_elsewhere',
  'lock_lost',
  'vault_exists',
  'vault_absent',
  'vault_newer',
  'keys_missing',
  'keys_damaged',
  'keys_mismatch',
  // backups and their restore
  /** The folder holds no backup.json of this format: not a backup, or one not finished. */
  'backup_not_backup',
  /** A file of the backup does not match the hash its manifest recorded, or fails an integrity check. */
  'backup_damaged',
  /** A file of the backup is shorter than its manifest recorded (cut short by a copy). */
  'backup_truncated',
  /** The backup was taken of another vault. */
  'backup_other_vault',
  /** The backup was written by a newer Registre (its schema is unknown here). */
  'backup_newer_schema',
  /** The passphrase opens no key slot of the backup, or its key does not open its database. */
  'backup_wrong_key',
  /** A restore replaces the vault's files: it waits until the vault is locked. */
  'restore_vault_open',
  // statistics
  /** A statistics period longer than ten years. */
  'stats_period_too_long',
  /** The vault or a backup copy is open read-only: nothing can be changed. */
  'read_only',
  /** A backup made by an older schema: opening it read-only would need a migration. */
  /** The review log beside a backup copy cannot be written (or was altered). */
  'review_log_unwritable',
  'review_log_broken',
  // backups
  'backup_folder_invalid',
  'backup_folder_in_vault',
  'backup_folder_absent',
  /** No folder given and none set in Settings. */
  'backup_no_folder',
  /** No room left on the disk holding the vault: nothing was changed. */
  'disk_full',
  // staff and roles
  'last_admin',
  'remove_self',
  'reset_self',
  'auditor_read_only',
  'admin_only',
  // input checked by the core
  'input_invalid',
  'text_invalid',
  'email_invalid',
  'phone_invalid',
  'iban_checksum',
  'iban_format',
  'iban_country',
  'iban_length',
  'bic_invalid',
  'date_invalid',
  'dates_reversed',
  'date_future',
  /** The consent ledger's own word for date_future (kept: scripts may test for it). */
  'date_in_future',
  'country_unknown',
  'language_unknown',
  'file_type',
  'file_too_large',
  // records that are not there, or not in that state
  'contact_absent',
  'organisation_absent',
  'event_absent',
  'project_absent',
  'sensitive_absent',
  'purpose_absent',
  'policy_absent',
  'processor_absent',
  'preference_absent',
  'publication_absent',
  'participation_target',
  'reveal_not_allowed',
  'merge_same',
  /** A merge was asked to take a field from the other contact, which has it empty. */
  'merge_take_empty',
  /** An erasure's reason is kept for good: it may not name the person. */
  'erasure_reason_personal',
  /** A category erasure of a contact who has nothing of that category. */
  'category_empty',
  'already_anonymised',
  'purpose_code_taken',
  'processor_name_taken',
  /** A DPA signing day was given for an agreement whose status is not "signed". */
  'dpa_date_unsigned',
  'policy_version_taken',
  /** A version's effective date would put its language's versions out of order, or leave a consent citing a version not in effect on its day. */
  'policy_dates_out_of_order',
  /** A consent cites a version of the policy that was not the one in effect on its date. */
  'policy_not_in_effect',
  'not_material',
  // consents, sharing and photos
  'objection_on_consent',
  'objection_without_legitimate_interest',
  'withdrawal_without_consent',
  'sharing_objected',
  'not_attendee',
  'already_withdrawn',
  'already_done',
  'not_owed',
  // rights requests
  'request_absent',
  /** The request's state does not allow that step (the detail names the state and the steps it allows). */
  'request_transition',
  'request_closed',
  // the office's working calendar (Settings)
  /** The day already has an entry (a closure or a holiday the office works): restore it first. */
  'calendar_day_set',
  'calendar_day_unset',
  'calendar_not_holiday',
  'calendar_is_holiday',
  'calendar_weekend',
  /** Settings → Organisation: the organisation's name, address, e-mail or the authority's name left empty. */
  'controller_field_empty',
  'requester_missing',
  'already_extended',
  'extension_too_late',
  'refusal_reason_missing',
  /** The request is already linked to a contact (another one, or this one). */
  'request_linked',
  /** The step needs the request linked to a contact first. */
  'request_unlinked',
  'task_absent',
  'task_done_already',
  /** Completing a request while a task is open or an Art. 19 notice owed is unsent. */
  'tasks_open',
  /** No Art. 19 notice is owed for that task (only partners, for rectification, erasure, restriction). */
  'notice_not_due',
  'notice_not_sent',
  'notice_already_recorded',
  'attachment_absent',
  'file_name_invalid',
  /** An extension letter for a request whose deadline was never extended. */
  'letter_not_extended',
  /** A completion letter for a refused request, or a refusal letter for a completed one. */
  'letter_outcome_mismatch',
  'letter_absent',
  // retention rules and legal holds
  'retention_rule_absent',
  /** The action given is not one the rule may take (shared/rules/retention.ts allowedActions). */
  'retention_action_not_allowed',
  'period_too_long',
  'hold_absent',
  'hold_lifted',
  /** The count an admin confirmed is no longer the count due under the rule: the list changed since. */
  'retention_count_changed',
  /** A day that must be today or later is past. */
  'date_past',
  /** The action is not the one this request's type asks for (the detail names both). */
  'request_type_mismatch',
  /** The request is about another person than the one named. */
  'request_other_contact',
  'rectification_unchanged',
  'already_restricted',
  'not_restricted',
  'already_objected',
  'consent_already_withdrawn',
  // CSV import: the file, its mapping and the commit
  'file_binary',
  'file_empty',
  'encoding_unsupported',
  'encoding_invalid',
  'encoding_mismatch',
  'csv_malformed',
  'header_missing',
  'header_duplicate',
  'no_rows',
  'mapping_unknown_column',
  'mapping_unknown_field',
  'mapping_incomplete',
  'import_plan_changed',
  'import_has_invalid_rows',
  'import_nothing',
  'import_purpose_not_consent',
  // export files: where they go, and checking them
  'export_path_not_chosen',
  'extension',
  'no_folder',
  'is_folder',
  /** The system refused to create the file there (read-only, no permission, not a folder…). */
  'write_refused',
  /** The disk an export is saved to is full (not necessarily the vault's). */
  'export_disk_full',
  /** A killed export still waits for the unlock that puts it on record. */
  'export_unsettled',
  'file_absent',
  'manifest_absent',
  'manifest_malformed',
  'manifest_mismatch',
  'zip_unreadable',
  'zip_password_needed',
  'zip_password_wrong',
  'zip_entry_unsafe',
  'zip_entry_duplicate',
] as const;
export type ErrorReason = (typeof errorReasons)[number];

export const isErrorReason = (reason: string): reason is ErrorReason => (errorReasons as readonly string[]).includes(reason);
