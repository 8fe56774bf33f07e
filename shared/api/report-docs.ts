/**
 * Report documents' part of the API contract (issue 16): the record of processing
 * activities (GDPR Art. 30) as HTML, PDF or JSON, its check (what is missing or outdated,
 * with where to fix it), and the compliance report for a period in English or French.
 *
 * Like the exports, the core writes the file itself, atomically, to `out` (a path the user
 * chose), and the report's own audit event records it, so an auditor may make one too.
 */
import { z } from 'zod';
import { summaryLanguages } from '../vocabulary';
import { empty, isoDate } from './fields';
import { method, returns, type AnyEntry } from './method';
import { outPath } from './exports';
import type { ExportResultDto } from '../dto/exports';
import type { RopaFindingDto } from '../dto/report-docs';

/** The file's extension is its format's: a PDF is never written as `report.html`. */
const outMatchesFormat = (i: { format: string; out: string }) => i.out.toLowerCase().endsWith(`.${i.format}`);
const outMismatch = { message: 'The file name must end in the format’s extension', path: ['out'] };

export const ropaFormats = ['html', 'pdf', 'json'] as const;
export const complianceFormats = ['html', 'pdf'] as const;

export const reportDocsContract = {
  /** The record of processing activities, generated from the register, the retention rules and the controller. */
  'reports.ropa': method({
    access: 'read',
    output: returns<ExportResultDto>(),
    subject: null,
    writesFile: true,
    selfAudited: true,
    input: z
      .object({ format: z.enum(ropaFormats), language: z.enum(summaryLanguages).default('en'), out: outPath(ropaFormats) })
      .strict()
      .refine(outMatchesFormat, outMismatch),
  }),
  /** What the record lacks or states wrongly, each finding with where it is fixed. */
  'reports.ropaCheck': method({ access: 'read', output: returns<RopaFindingDto[]>(), subject: null, input: empty }),
  /** The compliance report for the days from `from` to `to` (inclusive). */
  'reports.compliance': method({
    access: 'read',
    output: returns<ExportResultDto>(),
    subject: null,
    writesFile: true,
    selfAudited: true,
    input: z
      .object({ from: isoDate, to: isoDate, language: z.enum(summaryLanguages), format: z.enum(complianceFormats), out: outPath(complianceFormats) })
      .strict()
      .refine((i) => i.from <= i.to, { message: 'The period must end on or after the day it starts', path: ['to'] })
      .refine(outMatchesFormat, outMismatch),
  }),
} as const satisfies Record<string, AnyEntry>;
