/** Plain objects that cross the API boundary. Table row types never do. */
import type { Role, genders, organisationTypes, participationRoles } from '../vocabulary';
import type { ImportTarget, importDelimiters, importEncodings } from '../import-format';

export interface StaffDto {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  isSelf: boolean;
}

/** What a read-only session has open: the vault itself, or a backup copy (with the day it was taken). */
export interface ReadOnlyDto {
  source: 'vault' | 'backup';
  /** The folder open read-only (the vault's, or the backup's). */
  path: string;
  /** A backup's creation time (ISO 8601); absent for the vault. */
  takenAt?: string;
}

export interface SessionDto {
  staff: { id: string; name: string; role: Role };
  /** Null for a normal session; set while nothing can be changed (vault.openReadOnly). */
  readOnly: ReadOnlyDto | null;
}

export interface VaultStatusDto {
  /** Folder the app points at (not personal data). */
  vaultDir: string;
  exists: boolean;
  state: 'absent' | 'locked' | 'recovering' | 'unlocked';
  session: SessionDto | null;
  /** Seconds to wait before the next unlock attempt is accepted (0 when none). */
  retryAfterSeconds: number;
  /** Locked because another process removed or took the vault's lock while it was open. */
  lockLost: boolean;
}

export interface CreatedVaultDto {
  recoveryKey: string;
  session: SessionDto;
}

export interface RecoveryDto {
  staff: Array<{ id: string; name: string; role: Role }>;
}

export interface SettingsDto {
  autoLockMinutes: number;
  auditorsMayReveal: boolean;
  minorAgeThreshold: number;
  /** ISO 3166 alpha-2 code of the secretariat's country. */
  homeCountry: string;
  /** The folder backups go to (Backups); null until an admin chooses one. */
  backupFolder: string | null;
  /** A scheduled backup is due this many days after the last one. */
  backupEveryDays: number;
  /** How many backups of this vault the folder keeps (rotation). */
  backupKeep: number;
  /** Who bundles, letters and reports name as responsible for the data (Settings → Organisation). */
  controller: ControllerDto;
}

/** The controller and the supervisory authority; each field an admin did not set is the privacy policy's. */
export interface ControllerDto {
  name: string;
  /** Postal address, one line per line of the envelope. */
  address: string;
  email: string;
  /** The DPO or contact person letters are signed by; null: signed by the secretariat. */
  contactPerson: string | null;
  /** Where a person may complain (GDPR Art. 77); an empty address, e-mail or website is printed as nothing. */
  authority: { name: string; address: string; email: string; website: string };
}

export interface AuditEventDto {
  seq: number;
  at: string;
  staffId: string | null;
  staffName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** The contact the event is about, if any. */
  subjectId: string | null;
  fields: string[];
  /** What the event is about in words a person understands, looked up when read (the log holds ids only). */
  about: AuditAboutDto;
}

/**
 * The record an audit event is about, as it is today. `named`: it exists, `name` is its
 * name or reference now; `erased`: a person erased since (never named again);
 * `anonymised`: a contact kept for statistics without a name; `merged`: a duplicate merged
 * into the contact `id` names; `gone`: a record deleted since; `none`: not about one record.
 */
export interface AuditAboutDto {
  /** The kind of record (an audit entity type: contact, organisation, rights_request…). */
  type: string;
  state: 'named' | 'erased' | 'anonymised' | 'merged' | 'gone' | 'none';
  name: string | null;
  /** A request's type, a policy version's language, a register export's table. */
  detail: string | null;
  /** A request's day of receipt, an event's or project's start. */
  day: string | null;
  /** The id that opens the record, while it exists. */
  id: string | null;
}

/** What the audit screen's filter selects offer: the staff and the codes the log holds. */
export interface AuditFilterOptionsDto {
  staff: Array<{ id: string; name: string; removed: boolean }>;
  actions: string[];
  entityTypes: string[];
}

/** Why a link of the chain does not check out (shared/i18n: audit.breaks.*). */
export type AuditBreakCode = 'missing' | 'out_of_order' | 'not_genesis' | 'unlinked' | 'altered' | 'empty' | 'head_missing' | 'removed_after' | 'head_mismatch';

export interface AuditVerifyDto {
  intact: boolean;
  events: number;
  headHash: string | null;
  /** `reason` in English for scripts and the integrity check; `code` for words; `at` the broken event's time when it exists. */
  firstBroken: { seq: number; reason: string; code: AuditBreakCode; at: string | null } | null;
}

export interface VaultInfoDto {
  schemaVersion: string;
  appVersion: string;
  counts: Record<string, number>;
  auditHead: { seq: number; hash: string } | null;
}

export interface Page<T> {
  total: number;
  /** True when `total` is a floor: a broad search counts up to a limit, not every match. */
  totalIsFloor?: boolean;
  items: T[];
}

export interface OrganisationDto {
  id: string;
  name: string;
  country: string | null;
  type: (typeof organisationTypes)[number];
  legalName: string | null;
  vatNumber: string | null;
  billingAddress: string | null;
  billingEmail: string | null;
  archivedAt: string | null;
}

export interface ParticipationDto {
  id: string;
  contactId: string;
  eventId: string | null;
  projectId: string | null;
  /** Event or project name, for display. */
  name: string;
  role: (typeof participationRoles)[number];
  travelBooked: boolean;
  participatedOn: string;
}

export interface ContactDto {
  id: string;
  fullName: string;
  emails: Array<{ address: string; primary: boolean }>;
  /** E.164 as stored; the UI formats them for display. */
  phones: string[];
  jobTitle: string | null;
  gender: (typeof genders)[number] | null;
  organisation: { id: string; name: string } | null;
  country: string | null;
  language: string | null;
  notes: string | null;
  participations: ParticipationDto[];
  /** Set when a recorded date of birth makes the person younger than the policy allows. */
  underAge: { age: number; threshold: number } | null;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export interface ContactListItemDto {
  id: string;
  fullName: string;
  primaryEmail: string | null;
  organisationName: string | null;
  jobTitle: string | null;
  country: string | null;
  archived: boolean;
}

export interface ProjectDto {
  id: string;
  name: string;
  type: string | null;
  startDate: string | null;
  endDate: string | null;
  description: string | null;
}

export interface EventDto {
  id: string;
  name: string;
  type: string | null;
  startDate: string;
  endDate: string | null;
  location: string | null;
  organiser: string | null;
  projectId: string | null;
  participants: number;
}

/** A sensitive extra as lists show it: masked, never the value itself. */
export interface SensitiveItemDto {
  id: string;
  contactId: string;
  category: 'bank' | 'identity' | 'photo' | 'signature';
  reason: string;
  /** Language-neutral: "BE71 •••• •••• 6769", "•••••4321", "image/jpeg, 84 KB". */
  masked: string;
  /** For identity documents: which kind (the UI names it in the user's language). */
  document: 'passport' | 'id_card' | null;
  eventId: string | null;
  createdAt: string;
  /** Bank details: the last day they were used for a payment (the accounting hold runs 7 years from it). */
  lastPaidOn: string | null;
}

export interface SensitiveRevealDto {
  id: string;
  category: 'bank' | 'identity' | 'photo' | 'signature';
  /** Bank and identity fields, as recorded. */
  values: Record<string, string>;
  /** Photo or signature sheet: the file, base64, with its checked type. */
  file: { base64: string; contentType: string } | null;
}

export interface DuplicateDto {
  id: string;
  fullName: string;
  organisationName: string | null;
  primaryEmail: string | null;
  archived: boolean;
  /** similar_name: the words of one name within the other's, one typo forgiven (shared/rules/names.ts), in any organisation. */
  reason: 'same_email' | 'same_name_and_organisation' | 'similar_name';
}

export interface MinorDto {
  id: string;
  fullName: string;
  age: number;
  threshold: number;
}

export interface ImportCountsDto {
  rows: number;
  new: number;
  update: number;
  skipped: number;
  invalid: number;
  organisationsToCreate: number;
  /** Consent events the import records for its purpose (none twice: a re-import records nothing). */
  grants: number;
  withdrawals: number;
}

export interface ImportPreviewDto {
  encoding: (typeof importEncodings)[number];
  delimiter: (typeof importDelimiters)[number];
  headers: string[];
  /** The recognised source (mailchimp, google_forms, azavista), if any. */
  preset: string | null;
  mapping: Record<string, ImportTarget | 'ignore'>;
  /** given: sent with the request; remembered: from the last import of a file with the same headers. */
  mappingSource: 'given' | 'remembered' | 'preset' | 'guessed';
  sample: string[][];
  counts: ImportCountsDto;
  newOrganisations: string[];
  /** Invalid and skipped rows (the first 500; the error report has them all). */
  issues: Array<{ row: number; line: number; status: string; reasons: Array<{ reason: string; message: string }> }>;
  issuesTruncated: boolean;
  /** Every problem row with its cells, for the error report (shared/import-report.ts writes the CSV). */
  report: ImportReportDto;
}

export interface ImportReportRowDto {
  row: number;
  status: 'invalid' | 'skipped';
  reasons: Array<{ reason: string; message: string }>;
  /** The row's cells under the file's headers (padded with empty cells when the row is short). */
  cells: string[];
  /** Cells past the last header, when the row is too long. */
  extraCells: string[];
}

export interface ImportReportDto {
  headers: string[];
  rows: ImportReportRowDto[];
  /** The source file's delimiter: the report is written with it, so a spreadsheet opens both alike. */
  delimiter: (typeof importDelimiters)[number];
}

/** `running: false` when no import is under way (phase null, counts 0). */
export interface ImportProgressDto {
  running: boolean;
  /** reading: decoding and parsing the file; checking: validating and matching rows; writing: the commit. */
  phase: 'reading' | 'checking' | 'writing' | null;
  /** Done in this phase, out of `total`: bytes of the decoded file (as UTF-8) while reading, rows after (total 0 while not known yet). */
  done: number;
  total: number;
}

export interface ImportResultDto {
  importId: string;
  counts: ImportCountsDto;
  organisationsCreated: number;
  durationMs: number;
}
