/**
 * Contacts import from CSV (issue 3): the two use cases the API exposes.
 *   previewImport — decode, parse, map (guessed unless given), plan: counts, per-row
 *                   issues and the error report, nothing written;
 *   commitImport  — the same steps, then the plan applied in one audited transaction.
 */
import type { Kysely } from 'kysely';
import type { ImportReportDto } from '../../shared/dto/index';
import { RegistreError } from '../../shared/errors';
import type { Database } from '../schema';
import { commitImport as commitParsed, type CommitResult } from './commit';
import { decodeCsv, type Delimiter, type Encoding } from './decode';
import { parseCsv, type ParsedCsv } from './parse';
import { buildPlan, errorReport, type PlanCounts, type RowIssue, type RowStatus } from './plan';
import { registerLookup } from './existing';
import { importPurpose, type ConsentPurpose } from './consent';
import { consentTargets, DEFAULT_IMPORT_PURPOSE } from '../../shared/import-format';
import { localDay } from '../../shared/rules/dates';
import { guessMapping, importTargets, type ColumnMapping, type PresetId } from './presets';
import { ImportProgress } from './progress';
import { loadRememberedMappings, type RememberedMappings } from './remembered-mappings';
import type { CallContext } from '../context';
import { reached } from '../steps';
import { keepPreview, requestKey, takePreview } from './kept-preview';
import { chainSeq } from '../audit/chain';

export interface ImportRequest {
  /** The file's bytes (the API sends them base64-encoded). */
  content: Uint8Array;
  mapping?: ColumnMapping;
  encoding?: Encoding;
  delimiter?: Delimiter;
  /** Country for national phone numbers of rows without one (default BE). */
  defaultCountry?: string;
  /** The file's name, for the evidence of the consents it brings (default "import.csv"). */
  fileName?: string;
  /** The purpose code the consent columns are for (default: the newsletter). */
  consentPurpose?: string;
}

export interface ImportCommitRequest extends ImportRequest {
  skipInvalid?: boolean;
  expected?: Partial<PlanCounts>;
}

export interface ImportPreview {
  encoding: Encoding;
  delimiter: Delimiter;
  headers: string[];
  preset: PresetId | null;
  mapping: ColumnMapping;
  /** given: by the caller; remembered: from the last import of a file with these headers. */
  mappingSource: MappingSource;
  /** The first rows as read, for the mapping screen. */
  sample: string[][];
  counts: PlanCounts;
  newOrganisations: string[];
  /** Invalid and skipped rows (at most `MAX_ISSUES`; the report has them all). */
  issues: { row: number; line: number; status: RowStatus; reasons: RowIssue[] }[];
  issuesTruncated: boolean;
  report: ImportReportDto;
}

export type MappingSource = 'given' | 'remembered' | 'preset' | 'guessed';

interface ReadFile {
  source: ParsedCsv;
  encoding: Encoding;
  delimiter: Delimiter;
}

const MAX_ISSUES = 500;
const SAMPLE_ROWS = 5;

/** The file as rows, in the encoding and with the delimiter given or found. */
async function readFile(req: ImportRequest, progress: ImportProgress): Promise<ReadFile> {
  const decoded = decodeCsv(req.content, { encoding: req.encoding, delimiter: req.delimiter });
  return { source: await parseCsv(decoded.text, decoded.delimiter, progress), encoding: decoded.encoding, delimiter: decoded.delimiter };
}

/** The mapping of the file's columns: the one given, else remembered for these headers, else guessed. */
function mapColumns(source: ParsedCsv, req: ImportRequest, remembered: RememberedMappings): { mapping: ColumnMapping; preset: PresetId | null; mappingSource: MappingSource } {
  const guessed = guessMapping(source.headers);
  const recalled = req.mapping ? null : remembered.lookup(source.headers, guessed.mapping);
  let mapping = recalled ?? guessed.mapping;
  const mappingSource: MappingSource = req.mapping ? 'given' : recalled ? 'remembered' : guessed.preset ? 'preset' : 'guessed';
  if (req.mapping) {
    for (const [header, target] of Object.entries(req.mapping)) {
      if (!source.headers.includes(header)) {
        throw new RegistreError('invalid_input', `The mapping names a column "${header}" that this file does not have.`, { reason: 'mapping_unknown_column' });
      }
      if (target !== 'ignore' && !importTargets.includes(target)) throw new RegistreError('invalid_input', `Unknown field "${String(target)}" in the mapping.`, { reason: 'mapping_unknown_field' });
    }
    // Columns the given mapping does not mention are ignored, not guessed.
    mapping = Object.fromEntries(source.headers.map((h) => [h, req.mapping![h] ?? 'ignore']));
  }
  const targets = Object.values(mapping);
  if (!targets.some((t) => t === 'email' || t === 'fullName' || t === 'firstName' || t === 'lastName')) {
    throw new RegistreError('invalid_input', 'Map at least one column to the e-mail address or the name.', { reason: 'mapping_incomplete' });
  }
  return { mapping, preset: guessed.preset, mappingSource };
}

const sourceName = (req: ImportRequest) => req.fileName?.replace(/^.*[\\/]/, '').trim() || 'import.csv';

/** The import's purpose when a column carries consent, else null. */
export async function consentPurpose(db: Kysely<Database>, req: ImportRequest, mapping: ColumnMapping): Promise<ConsentPurpose | null> {
  if (!Object.values(mapping).some((t) => t !== 'ignore' && consentTargets.includes(t))) return null;
  return importPurpose(db, req.consentPurpose ?? DEFAULT_IMPORT_PURPOSE, sourceName(req));
}

/** Kept for the commit that follows it in this open vault (kept-preview.ts). */
export async function previewImport(ctx: CallContext, req: ImportRequest, progress = new ImportProgress()): Promise<ImportPreview> {
  progress.begin('reading', 0);
  try {
    return await previewRead(ctx, req, progress);
  } finally {
    progress.end();
  }
}

async function previewRead({ vault, db }: CallContext, req: ImportRequest, progress: ImportProgress): Promise<ImportPreview> {
  const seq = await chainSeq(db);
  const { source, encoding, delimiter } = await readFile(req, progress);
  const { mapping, preset, mappingSource } = mapColumns(source, req, await loadRememberedMappings(db));
  progress.begin('checking', source.rows.length);
  const day = localDay(new Date());
  const register = registerLookup(db, await consentPurpose(db, req, mapping));
  const { plan, existing } = await buildPlan(source, mapping, register, { defaultCountry: req.defaultCountry, today: day }, progress);
  keepPreview(vault, [requestKey(req), requestKey({ ...req, encoding, delimiter, mapping })], { file: { source, encoding, delimiter }, planned: { existing, plan, seq, day } });
  const problems = plan.rows.filter((r) => r.status === 'invalid' || r.status === 'skipped');
  return {
    encoding,
    delimiter,
    headers: source.headers,
    preset,
    mapping,
    mappingSource,
    sample: source.rows.slice(0, SAMPLE_ROWS).map((r) => r.values),
    counts: plan.counts,
    newOrganisations: plan.newOrganisations,
    issues: problems.slice(0, MAX_ISSUES).map((r) => ({ row: r.row, line: r.line, status: r.status, reasons: r.issues })),
    issuesTruncated: problems.length > MAX_ISSUES,
    report: errorReport(plan, delimiter),
  };
}

export async function commitImport(ctx: CallContext, req: ImportCommitRequest, progress = new ImportProgress()): Promise<CommitResult> {
  progress.begin('reading', 0);
  try {
    const kept = takePreview(ctx.vault, requestKey(req));
    const { source } = kept?.file ?? (await readFile(req, progress));
    const { mapping } = mapColumns(source, req, await loadRememberedMappings(ctx.db));
    reached('import', 'before-transaction');
    const { result } = await commitParsed(
      ctx,
      source,
      mapping,
      { defaultCountry: req.defaultCountry, skipInvalid: req.skipInvalid, expected: req.expected, purpose: (db) => consentPurpose(db, req, mapping), planned: kept?.planned },
      progress,
    );
    reached('import', 'committed');
    return result;
  } finally {
    progress.end();
  }
}

export { guessMapping, importTargets, MAX_ISSUES };
export type { ColumnMapping, Delimiter, Encoding, PlanCounts, PresetId, CommitResult };
