/**
 * The API contract (DESIGN §3): every method the renderer, the CLI and the tests may call.
 * Electron's preload exposes exactly these names, ipc.ts and the preview bridge register
 * them in one loop, and the core's `Handlers` type makes a missing implementation a
 * compile error.
 */
import { z } from 'zod';
import { importDelimiters, importEncodings, importTargets, MAX_IMPORT_BYTES } from '../import-format';
import { methodNames, shellMethodNames } from '../method-names';
import { type Access, contactListFilters, country, empty, id, isoDate, language, optionalText, page, passphrase, staffName } from './fields';
import { consentContract, type ConsentOutputs } from './consents';
import { registerContract, type RegisterOutputs } from './register';
import { photoContract, type PhotoOutputs } from './photos';
import { exportContract, type ExportOutputs } from './exports';
import type {
  AuditEventDto,
  ContactDto,
  ContactListItemDto,
  DuplicateDto,
  ImportPreviewDto,
  ImportProgressDto,
  ImportResultDto,
  MinorDto,
  EventDto,
  OrganisationDto,
  Page,
  ParticipationDto,
  ProjectDto,
  SensitiveItemDto,
  SensitiveRevealDto,
  AuditVerifyDto,
  CreatedVaultDto,
  RecoveryDto,
  SessionDto,
  SettingsDto,
  StaffDto,
  VaultInfoDto,
  VaultStatusDto,
} from '../dto/index';
import type { Result } from '../errors';

export const roles = ['admin', 'staff', 'auditor'] as const;
export type Role = (typeof roles)[number];

export type { Access } from './fields';

export const genders = ['female', 'male', 'non_binary', 'other', 'prefer_not_to_say'] as const;
export const organisationTypes = ['governmental_agency', 'partner_network', 'other'] as const;
export const participationRoles = ['participant', 'speaker', 'organiser'] as const;

const contactFields = {
  fullName: z.string().trim().min(1, 'Enter the full name').max(200),
  /** The primary e-mail address. */
  email: z.string().trim().max(254).nullable().optional(),
  otherEmails: z.array(z.string().trim().max(254)).max(10).optional(),
  /** The main phone number, in any usual format; stored as E.164. */
  phone: z.string().trim().max(40).nullable().optional(),
  otherPhones: z.array(z.string().trim().max(40)).max(10).optional(),
  jobTitle: optionalText(200),
  gender: z.enum(genders).nullable().optional(),
  organisationId: id.nullable().optional(),
  country: country.nullable().optional(),
  language: language.nullable().optional(),
  notes: optionalText(5000),
};

export const sensitiveCategories = ['bank', 'identity', 'photo', 'signature'] as const;
export const identityDocuments = ['passport', 'id_card'] as const;

const sensitiveInput = z
  .object({
    contactId: id,
    /** Why it is kept (shown next to the value, and in access replies). */
    reason: z.string().trim().min(3, 'Say why this is kept').max(500),
    bank: z.object({ iban: z.string().max(50), bic: z.string().max(20).optional(), holder: z.string().trim().max(200).optional() }).strict().optional(),
    identity: z
      .object({
        document: z.enum(identityDocuments),
        number: z.string().trim().min(3).max(40),
        expiry: isoDate.optional(),
        nationality: country.optional(),
        dateOfBirth: isoDate.optional(),
      })
      .strict()
      .optional(),
    /** A profile photo or a signed attendance sheet: base64 file content. */
    file: z.object({ base64: z.string().max(14_000_000), name: z.string().max(200).optional() }).strict().optional(),
    /** The event a signed attendance sheet belongs to. */
    eventId: id.optional(),
  })
  .strict()
  .refine((v) => [v.bank, v.identity, v.file].filter(Boolean).length === 1, 'Give exactly one of bank, identity or file');

const importSource = {
  /** The CSV file's bytes, base64 (the same over IPC, HTTP and in the CLI). */
  contentBase64: z
    .string()
    .min(1, 'The file is empty')
    .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4, 'The file is larger than 60 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content is not base64'),
  /** Column header → field; columns not named are ignored. Guessed when absent. */
  mapping: z.record(z.string().max(300), z.enum([...importTargets, 'ignore'])).optional(),
  encoding: z.enum(importEncodings).optional(),
  delimiter: z.enum(importDelimiters).optional(),
  /** Country for national phone numbers of rows without one (default: the home-country setting). */
  defaultCountry: country.optional(),
};

const organisationFields = {
  name: z.string().trim().min(1, 'Enter the name').max(300),
  country: country.nullable().optional(),
  type: z.enum(organisationTypes),
  legalName: optionalText(300),
  vatNumber: optionalText(40),
  billingAddress: optionalText(1000),
  billingEmail: z.string().trim().max(254).nullable().optional(),
};

export const contract = {
  'vault.status': { access: 'public', input: empty },
  'vault.create': {
    access: 'public',
    input: z.object({ passphrase, staffName, dir: z.string().min(1).max(4096).optional() }).strict(),
  },
  'vault.selectFolder': { access: 'public', input: z.object({ dir: z.string().min(1).max(4096) }).strict() },
  'vault.unlock': { access: 'public', input: z.object({ passphrase }).strict() },
  'vault.recover': { access: 'public', input: z.object({ recoveryKey: z.string().min(1).max(200) }).strict() },
  'vault.completeRecovery': {
    access: 'recovering',
    input: z.object({ staffId: id, newPassphrase: passphrase }).strict(),
  },
  'vault.lock': { access: 'public', input: empty },
  'vault.touch': { access: 'self', input: empty },
  'vault.info': { access: 'read', input: empty },
  'vault.rekey': { access: 'admin', input: empty },
  'session.changePassphrase': {
    access: 'self',
    input: z.object({ current: passphrase, next: passphrase }).strict(),
  },
  'staff.list': { access: 'read', input: empty },
  'staff.add': {
    access: 'admin',
    input: z.object({ name: staffName, role: z.enum(roles), passphrase }).strict(),
  },
  'staff.remove': { access: 'admin', input: z.object({ id }).strict() },
  /** For a colleague who forgot their passphrase, or lost their slot with the key file. */
  'staff.resetPassphrase': { access: 'admin', input: z.object({ id, passphrase }).strict() },
  'settings.get': { access: 'read', input: empty },
  'settings.update': {
    access: 'admin',
    input: z
      .object({
        autoLockMinutes: z.number().int().min(1).max(240).optional(),
        auditorsMayReveal: z.boolean().optional(),
        minorAgeThreshold: z.number().int().min(13).max(18).optional(),
        homeCountry: country.optional(),
      })
      .strict(),
  },
  'audit.list': {
    access: 'read',
    input: z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        beforeSeq: z.number().int().positive().optional(),
        /** One contact's history (including contacts merged into it). */
        subjectId: id.optional(),
      })
      .strict(),
  },
  'audit.verify': { access: 'read', input: empty },

  'contacts.add': { access: 'write', input: z.object(contactFields).strict() },
  'contacts.update': { access: 'write', input: z.object({ id, ...contactFields }).partial().required({ id: true }).strict() },
  'contacts.archive': { access: 'write', input: z.object({ id, archived: z.boolean() }).strict() },
  'contacts.get': { access: 'read', input: z.object({ id }).strict() },
  'contacts.search': {
    access: 'read',
    input: z
      .object({ ...contactListFilters, ...page })
      .strict(),
  },
  /** Likely duplicates of what is being typed: same e-mail, or same name in the same organisation. */
  'contacts.duplicates': {
    access: 'read',
    input: z
      .object({
        fullName: z.string().max(200).optional(),
        email: z.string().max(254).nullable().optional(),
        otherEmails: z.array(z.string().max(254)).max(10).optional(),
        organisationId: id.nullable().optional(),
        excludeId: id.optional(),
      })
      .strict(),
  },
  'contacts.merge': { access: 'write', input: z.object({ keepId: id, mergeId: id }).strict() },
  /** Dry run of a CSV import: counts, per-row problems and the error report; writes nothing. */
  'contacts.importPreview': { access: 'write', input: z.object(importSource).strict() },
  /** All-or-nothing import; refuses if the vault changed since the preview (`expected`). */
  'contacts.importCommit': {
    access: 'write',
    input: z
      .object({
        ...importSource,
        skipInvalid: z.boolean().default(false),
        expected: z
          .object({ rows: z.number().int(), new: z.number().int(), update: z.number().int(), skipped: z.number().int(), invalid: z.number().int(), organisationsToCreate: z.number().int() })
          .partial()
          .optional(),
      })
      .strict(),
  },
  /** Contacts younger than the configured age, for review (policy: 16). */
  'contacts.minors': { access: 'read', input: empty },
  /**
   * How far the import running now (preview or commit) has got. Answered while the import
   * runs, not after it: the core serves it outside the one-call-at-a-time queue.
   */
  'contacts.importProgress': { access: 'write', input: z.object({}).strict() },
  'organisations.add': { access: 'write', input: z.object(organisationFields).strict() },
  'organisations.update': { access: 'write', input: z.object({ id, ...organisationFields }).partial().required({ id: true }).strict() },
  'organisations.list': { access: 'read', input: z.object({ query: z.string().max(200).optional(), ...page }).strict() },
  'projects.add': {
    access: 'write',
    input: z
      .object({ name: z.string().trim().min(1).max(300), type: optionalText(100), startDate: isoDate.nullable().optional(), endDate: isoDate.nullable().optional(), description: optionalText(5000) })
      .strict(),
  },
  'projects.list': { access: 'read', input: empty },
  'events.add': {
    access: 'write',
    input: z
      .object({
        name: z.string().trim().min(1, 'Enter the name').max(300),
        type: optionalText(100),
        startDate: isoDate,
        endDate: isoDate.nullable().optional(),
        location: optionalText(300),
        organiser: optionalText(300),
        projectId: id.nullable().optional(),
      })
      .strict(),
  },
  'events.list': { access: 'read', input: z.object({ query: z.string().max(200).optional(), ...page }).strict() },
  'sensitive.add': { access: 'write', input: sensitiveInput },
  'sensitive.list': { access: 'read', input: z.object({ contactId: id }).strict() },
  /** Shows one value unmasked; always audited. Auditors only when settings allow it. */
  'sensitive.reveal': { access: 'read', input: z.object({ id }).strict() },
  'sensitive.remove': { access: 'write', input: z.object({ id }).strict() },
  'participations.add': {
    access: 'write',
    input: z
      .object({
        contactId: id,
        eventId: id.optional(),
        projectId: id.optional(),
        role: z.enum(participationRoles).default('participant'),
        travelBooked: z.boolean().default(false),
        /** Defaults to the event's start date: the retention clock starts here. */
        participatedOn: isoDate.optional(),
      })
      .strict(),
  },
  ...consentContract,
  ...registerContract,
  ...photoContract,
  ...exportContract,
} as const satisfies Record<string, { access: Access; input: z.ZodType }>;

export interface Outputs extends ConsentOutputs, RegisterOutputs, PhotoOutputs, ExportOutputs {
  'vault.status': VaultStatusDto;
  'vault.create': CreatedVaultDto;
  'vault.selectFolder': VaultStatusDto;
  'vault.unlock': SessionDto;
  'vault.recover': RecoveryDto;
  'vault.completeRecovery': SessionDto;
  'vault.lock': VaultStatusDto;
  'vault.touch': null;
  'vault.info': VaultInfoDto;
  'vault.rekey': { recoveryKey: string };
  'session.changePassphrase': null;
  'staff.list': StaffDto[];
  'staff.add': StaffDto;
  'staff.remove': null;
  'staff.resetPassphrase': null;
  'settings.get': SettingsDto;
  'settings.update': SettingsDto;
  'audit.list': AuditEventDto[];
  'audit.verify': AuditVerifyDto;
  'contacts.add': ContactDto;
  'contacts.update': ContactDto;
  'contacts.archive': ContactDto;
  'contacts.get': ContactDto;
  'contacts.search': Page<ContactListItemDto>;
  'contacts.duplicates': DuplicateDto[];
  'contacts.merge': ContactDto;
  'contacts.minors': MinorDto[];
  'contacts.importPreview': ImportPreviewDto;
  'contacts.importCommit': ImportResultDto;
  'contacts.importProgress': ImportProgressDto;
  'organisations.add': OrganisationDto;
  'organisations.update': OrganisationDto;
  'organisations.list': Page<OrganisationDto>;
  'projects.add': ProjectDto;
  'projects.list': ProjectDto[];
  'events.add': EventDto;
  'events.list': Page<EventDto>;
  'participations.add': ParticipationDto;
  'sensitive.add': SensitiveItemDto;
  'sensitive.list': SensitiveItemDto[];
  'sensitive.reveal': SensitiveRevealDto;
  'sensitive.remove': null;
}

export type Method = keyof typeof contract;
export const methods: readonly Method[] = methodNames;
// Compile-time proof that method-names.ts lists exactly the contract's methods.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodNamesMatch: SameKeys<(typeof methodNames)[number], Method> = true;
const shellNamesMatch: SameKeys<(typeof shellMethodNames)[number], keyof typeof shellContract> = true;
void methodNamesMatch;
void shellNamesMatch;
export type Input<M extends Method> = z.input<(typeof contract)[M]['input']>;
export type ParsedInput<M extends Method> = z.output<(typeof contract)[M]['input']>;
export type Output<M extends Method> = Outputs[M];

/**
 * Methods only the desktop shell can answer (native dialogs). The preview bridge answers
 * them with "not available" so the renderer can hide the matching buttons.
 */
export const shellContract = {
  'shell.chooseFolder': { input: z.object({ purpose: z.enum(['create', 'open']) }).strict() },
  /** Asks where to save a text file the renderer made (an import's error report) and writes it. */
  'shell.saveTextFile': {
    input: z
      .object({
        // A bare name the dialog proposes; the folder is the user's choice, never the renderer's.
        suggestedName: z.string().regex(/^[\p{L}\p{N} ._()-]{1,120}\.(csv|txt)$/u, 'Give a plain file name ending in .csv or .txt'),
        content: z.string().max(64 * 1024 * 1024),
      })
      .strict(),
  },
  /**
   * Asks where to write an export (the core writes it, streamed). Returns the chosen path
   * without writing anything; the desktop remembers it so the core only writes where the
   * user said.
   */
  'shell.chooseExportPath': {
    input: z
      .object({ suggestedName: z.string().regex(/^[\p{L}\p{N} ._()-]{1,120}\.(zip|csv|json)$/u, 'Give a plain file name ending in .zip, .csv or .json') })
      .strict(),
  },
} as const;
export type ShellMethod = keyof typeof shellContract;
export const shellMethods: readonly ShellMethod[] = shellMethodNames;
export interface ShellOutputs {
  'shell.chooseFolder': { path: string | null; available: boolean };
  /** path: where the file was written, null when the user cancelled. */
  'shell.saveTextFile': { path: string | null; available: boolean };
  /** path: where the user chose to save, null when they cancelled; nothing written yet. */
  'shell.chooseExportPath': { path: string | null; available: boolean };
}
export type ShellInput<M extends ShellMethod> = z.input<(typeof shellContract)[M]['input']>;

/** What Electron's preload puts on `window.registre`: one async function per method, nothing generic. */
export type DesktopBridge = { readonly [M in Method]: (input: Input<M>) => Promise<Result<Output<M>>> } & {
  readonly [M in ShellMethod]: (input: ShellInput<M>) => Promise<Result<ShellOutputs[M]>>;
};

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
export function isShellMethod(name: string): name is ShellMethod {
  return Object.prototype.hasOwnProperty.call(shellContract, name);
}
