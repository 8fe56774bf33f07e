/**
 * Exports' part of the API contract (issue 5, DESIGN §6): one person's access or
 * portability bundle (a zip), any register as CSV or JSON with the filters its screen
 * shows, the running export's progress and its cancel button, and the check of an export
 * file against its manifest.
 *
 * The core writes the file itself, streamed and atomically, to `out`: an absolute path
 * the user chose (the desktop's save dialog, the CLI's --out, the preview's exports
 * folder). The renderer never holds the bytes.
 */
import { z } from 'zod';
import { bundleModes, exportForms, exportFormats, type RegisterTable, requestStatuses, summaryLanguages } from '../vocabulary';
import { contactListFilters, empty, id, isoDate, text } from './fields';
import { auditFilters } from './audit';
import { method, returns, type AnyEntry } from './method';
import type { ExportProgressDto, ExportResultDto, ExportVerifyDto } from '../dto/exports';

/** Where the file goes: absolute (a folder the user chose), with the extension its format writes. */
export const outPath = (extensions: readonly string[]) =>
  z
    .string()
    .min(1)
    .max(4096)
    .refine((p) => /^([A-Za-z]:[\\/]|\/|\\\\)/.test(p), 'Give the full path of the file to write (a folder you chose and a name)')
    .refine((p) => extensions.some((e) => p.toLowerCase().endsWith(`.${e}`)), `The file name must end in ${extensions.map((e) => `.${e}`).join(' or ')}`);

/**
 * Each register's filters are the ones its screen shows; an absent filter keeps every row.
 * Dates are calendar days, inclusive.
 */
const registerFilters = {
  contacts: z.object(contactListFilters).strict(),
  organisations: z.object({ query: text().max(200).optional() }).strict(),
  events: z.object({ query: text().max(200).optional() }).strict(),
  participations: z.object({ eventId: id.optional(), projectId: id.optional(), contactId: id.optional() }).strict(),
  consents: z.object({ purposeId: id.optional(), contactId: id.optional(), from: isoDate.optional(), to: isoDate.optional() }).strict(),
  photoPreferences: z.object({ eventId: id.optional(), contactId: id.optional() }).strict(),
  processors: empty,
  sharing: z.object({ contactId: id.optional(), partner: text().max(120).optional() }).strict(),
  requests: z.object({ status: z.enum(requestStatuses).optional(), contactId: id.optional() }).strict(),
  audit: z.object(auditFilters).strict(),
} as const satisfies Record<RegisterTable, z.ZodType>;

const registerOptions = {
  format: z.enum(exportFormats),
  /** CSV only: `,` or `;` (French and Belgian Excel). */
  delimiter: z.enum([',', ';']).default(','),
  /** CSV only: a UTF-8 byte-order mark so Excel on Windows reads accents right. */
  bom: z.boolean().default(false),
  out: outPath(['csv', 'json']),
  /**
   * CSV only: `machine` (the default, what scripts read: column names, codes, ISO dates) or
   * `people` (column titles and codes in `language`, dates as local dates and times).
   */
  form: z.enum(exportForms).default('machine'),
  language: z.enum(summaryLanguages).default('en'),
};

/** One table's export input: its own filters (absent ones keep every row) and the file options. */
const registerInputFor = <T extends RegisterTable, F extends z.ZodObject>(table: T, filters: F) =>
  z.object({ table: z.literal(table), filters: filters.prefault({} as z.input<F>), ...registerOptions }).strict();

const registerInput = z
  .discriminatedUnion('table', [
    registerInputFor('contacts', registerFilters.contacts),
    registerInputFor('organisations', registerFilters.organisations),
    registerInputFor('events', registerFilters.events),
    registerInputFor('participations', registerFilters.participations),
    registerInputFor('consents', registerFilters.consents),
    registerInputFor('photoPreferences', registerFilters.photoPreferences),
    registerInputFor('processors', registerFilters.processors),
    registerInputFor('sharing', registerFilters.sharing),
    registerInputFor('requests', registerFilters.requests),
    registerInputFor('audit', registerFilters.audit),
  ])
  .refine((i) => i.form === 'machine' || i.format === 'csv', { message: 'Only a CSV file can be written for people; JSON is for scripts', path: ['form'] });

export type RegisterExportInput = z.output<typeof registerInput>;
export type RegisterFilters<T extends RegisterTable> = z.output<(typeof registerFilters)[T]>;

export const exportContract = {
  /**
   * One person's bundle (a zip): data.json, one CSV per section, schema.json, summary.html
   * and README.txt in the person's language, manifest.json. `access` (Art. 15) holds
   * everything the vault has about them; `portability` (Art. 20) only what they provided
   * under consent or contract. Sensitive extras only when asked. With a password the zip
   * is AES-256 encrypted. With `requestId` (an open access or portability request of the
   * same mode, linked to this contact) the bundle is recorded on the request as its
   * evidence: file name, mode and the SHA-256 of the manifest.
   */
  'exports.subject': method({
    access: 'write',
    output: returns<ExportResultDto>(),
    writesFile: true,
    input: z
      .object({
        contactId: id,
        mode: z.enum(bundleModes),
        includeSensitive: z.boolean().default(false),
        password: text().min(8, 'Use at least 8 characters for the zip password').max(200).optional(),
        /** The summary's language; defaults to the person's language (English if neither en nor fr). */
        language: z.enum(summaryLanguages).optional(),
        out: outPath(['zip']),
        requestId: id.optional(),
      })
      .strict(),
  }),
  /**
   * A register as CSV or JSON, with a manifest beside it (`<file>.manifest.json`).
   * Auditors may export: the export's own audit event records it (no extra "viewed" line).
   */
  'exports.register': method({ access: 'read', output: returns<ExportResultDto>(), subject: null, writesFile: true, selfAudited: true, input: registerInput }),
  /** How far the running export has got. Answers while the export runs (not queued). */
  'exports.progress': method({ access: 'self', changesNothing: true, output: returns<ExportProgressDto>(), unqueued: true, input: empty }),
  /** Asks the running export to stop; it removes its temporary file and writes nothing. */
  'exports.cancel': method({ access: 'self', changesNothing: true, output: returns<{ cancelling: boolean }>(), unqueued: true, input: empty }),
  /** Checks an export file  (a bundle zip, or a register file with its manifest) against its manifest. */
  'exports.verify': method({
    access: 'self',
    changesNothing: true,
    output: returns<ExportVerifyDto>(),
    input: z.object({ path: text().min(1).max(4096), password: text().max(200).optional() }).strict(),
  }),
} as const satisfies Record<string, AnyEntry>;
