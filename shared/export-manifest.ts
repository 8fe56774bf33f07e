/**
 * The manifest every export carries (DESIGN §6): what was exported, when, by whom, each
 * file's row count and SHA-256, and the audit chain's head once the export was logged, so
 * a reader can prove the file is the one the register wrote and that writing it is on
 * record. Inside a bundle it is `manifest.json`; beside a register file it is
 * `<file>.manifest.json`. A zod schema, because `exports.verify` reads manifests that
 * came back from outside.
 */
import { z } from 'zod';
import { bundleModes, exportFormats, registerTables, summaryLanguages } from './vocabulary';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z
  .object({
    format: z.literal('registre-export-manifest'),
    version: z.literal(1),
    kind: z.enum(['subject', 'register']),
    /** ISO 8601 instant (UTC). */
    createdAt: z.string(),
    createdBy: z.object({ staffId: z.string(), name: z.string() }).strict(),
    subject: z
      .object({ contactId: z.string(), mode: z.enum(bundleModes), includeSensitive: z.boolean(), language: z.enum(summaryLanguages), encrypted: z.boolean() })
      .strict()
      .optional(),
    register: z
      .object({
        /** A register, or the newsletter list (`mailingList.export`). */
        table: z.enum([...registerTables, 'mailingList']),
        format: z.enum(exportFormats),
        delimiter: z.enum([',', ';']).optional(),
        bom: z.boolean().optional(),
        /** Present only for a CSV written for people (titles and words in `language`); absent, the machine form. */
        form: z.literal('people').optional(),
        language: z.enum(summaryLanguages).optional(),
        filters: z.record(z.string(), z.unknown()),
      })
      .strict()
      .optional(),
    files: z.array(z.object({ name: z.string().min(1), rows: z.number().int().nonnegative().nullable(), bytes: z.number().int().nonnegative(), sha256 }).strict()),
    auditChain: z.object({ seq: z.number().int().positive(), hash: z.string().min(1) }).strict(),
  })
  .strict();

export type ExportManifest = z.output<typeof manifestSchema>;
