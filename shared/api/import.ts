/** A CSV import's part of the API contract: the dry run, the all-or-nothing commit and its progress. */
import { z } from 'zod';
import type { ImportPreviewDto, ImportProgressDto, ImportResultDto } from '../dto/index';
import { importDelimiters, importEncodings, importTargets, MAX_IMPORT_BYTES } from '../import-format';
import { country, text } from './fields';
import { method, returns, type AnyEntry } from './method';

const importSource = {
  /** The CSV file's bytes, base64 (the same over IPC, HTTP and in the CLI). */
  contentBase64: z
    .string()
    .min(1, 'The file is empty')
    .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4, 'The file is larger than 60 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content is not base64'),
  /** Column header → field; columns not named are ignored. Guessed when absent. */
  mapping: z.record(text().max(300), z.enum([...importTargets, 'ignore'])).optional(),
  encoding: z.enum(importEncodings).optional(),
  delimiter: z.enum(importDelimiters).optional(),
  /** Country for national phone numbers of rows without one (default: the home-country setting). */
  defaultCountry: country.optional(),
  /** The file's name: the evidence of the consents it brings, and how a re-import is told apart. */
  fileName: text().min(1).max(255).optional(),
  /** The purpose (code) the consent columns are for; the newsletter unless another is chosen. */
  consentPurpose: text().min(1).max(100).optional(),
};

export const importContract = {
  /** Dry run of a CSV import: counts, per-row problems and the error report; writes nothing. */
  'contacts.importPreview': method({ access: 'write', output: returns<ImportPreviewDto>(), input: z.object(importSource).strict() }),
  /** All-or-nothing import; refuses if the vault changed since the preview (`expected`). */
  'contacts.importCommit': method({
    access: 'write',
    output: returns<ImportResultDto>(),
    input: z
      .object({
        ...importSource,
        skipInvalid: z.boolean().default(false),
        expected: z
          .object({
            rows: z.number().int(),
            new: z.number().int(),
            update: z.number().int(),
            skipped: z.number().int(),
            invalid: z.number().int(),
            organisationsToCreate: z.number().int(),
            grants: z.number().int(),
            withdrawals: z.number().int(),
          })
          .partial()
          .optional(),
      })
      .strict(),
  }),
  /**
   * How far the import running now (preview or commit) has got. Answered while the import
   * runs, not after it: the core serves it outside the one-call-at-a-time queue.
   */
  'contacts.importProgress': method({ access: 'write', output: returns<ImportProgressDto>(), unqueued: true, input: z.object({}).strict() }),
} as const satisfies Record<string, AnyEntry>;
