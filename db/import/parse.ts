/**
 * CSV import, step 2: text to rows, RFC 4180 as csv-parse reads it, streamed in slices so
 * a large file ticks the progress bar and lets other requests through. Nothing is relaxed
 * silently: a row with more or fewer cells than the header stays in the result with a
 * `problem` (so the plan reports it with its row number), and a quoting error stops the
 * whole file with a message naming the line, since every later row would be misread.
 *
 * Row numbers are 1-based and count the header as row 1, like a spreadsheet; `line` is
 * the line in the file where the row starts (they differ after multi-line cells).
 */
import { CsvError, parse } from 'csv-parse';
import { RegistreError } from '../../shared/errors';
import type { Delimiter } from './decode';
import type { ImportProgress } from './progress';

export interface ParsedRow {
  row: number;
  line: number;
  values: string[];
  /** Set when the row cannot be read as the header says. */
  problem?: { reason: 'ragged_row'; expected: number; actual: number };
}

export interface ParsedCsv {
  headers: string[];
  rows: ParsedRow[];
}

/** One record over this many bytes (UTF-8) means a broken file (a quote never closed), not data. */
const MAX_RECORD_BYTES = 1024 * 1024;

const QUOTE_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quote inside a cell is not doubled ("")',
  INVALID_OPENING_QUOTE: 'a quote appears in the middle of a cell that is not quoted',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows the closing quote of a cell',
  CSV_MAX_RECORD_SIZE: 'one row is larger than 1 MB (probably a quote that is never closed)',
};

function fileError(e: unknown): never {
  if (e instanceof CsvError) {
    const line = (e as CsvError & { lines?: number }).lines;
    const what = QUOTE_PROBLEMS[e.code] ?? 'the file is not valid CSV';
    const where = !line ? '' : e.code === 'CSV_QUOTE_NOT_CLOSED' ? ` (still open at line ${line}, the end of the file)` : ` (line ${line})`;
    throw new RegistreError('invalid_input', `This file cannot be read: ${what}${where}. Fix it in a spreadsheet or text editor and try again.`, {
      reason: 'csv_malformed',
      csvCode: e.code,
      ...(line ? { line } : {}),
    });
  }
  throw e;
}

const BREAKS = /\r\n|\r|\n/g;
const linesIn = (values: string[]): number => 1 + values.reduce((n, v) => n + (v.match(BREAKS)?.length ?? 0), 0);

const isBlank = (values: string[]) => values.length === 1 && values[0] === '';

/** Bytes fed to the parser between two progress ticks (csv-parse keeps a cell cut in two). */
const SLICE_BYTES = 256 * 1024;

async function readRecords(text: string, delimiter: Delimiter, progress: ImportProgress | undefined): Promise<string[][]> {
  const bytes = Buffer.from(text, 'utf8');
  progress?.begin('reading', bytes.length);
  const parser = parse({
    delimiter,
    bom: false,
    relax_column_count: true,
    relax_quotes: false,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_BYTES,
  });
  const records: string[][] = [];
  let failure: unknown = null;
  parser.on('readable', () => {
    for (let r = parser.read() as string[] | null; r !== null; r = parser.read() as string[] | null) records.push(r);
  });
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', (e) => {
      failure = e;
      resolve();
    });
  });
  for (let at = 0; at < bytes.length && failure === null; at += SLICE_BYTES) {
    parser.write(bytes.subarray(at, at + SLICE_BYTES));
    await progress?.tick(Math.min(SLICE_BYTES, bytes.length - at));
  }
  parser.end();
  await ended;
  if (failure !== null) fileError(failure);
  return records;
}

/** `progress` counts the file's bytes read. */
export async function parseCsv(text: string, delimiter: Delimiter, progress?: ImportProgress): Promise<ParsedCsv> {
  const records = await readRecords(text, delimiter, progress);
  const first = records[0];
  if (!first || isBlank(first)) {
    throw new RegistreError('invalid_input', 'The first row must name the columns (for example "Email", "First name"), but it is empty.', { reason: 'header_missing' });
  }
  const headers = first.map((h, i) => h.replace(/\s+/g, ' ').trim() || `Column ${i + 1}`);
  const seen = new Map<string, number>();
  for (const [i, h] of headers.entries()) {
    const key = h.toLowerCase();
    const before = seen.get(key);
    if (before !== undefined) {
      throw new RegistreError('invalid_input', `The column "${h}" appears twice (columns ${before + 1} and ${i + 1}). Rename one of them and try again.`, {
        reason: 'header_duplicate',
      });
    }
    seen.set(key, i);
  }
  const rows: ParsedRow[] = [];
  // Line breaks inside quoted cells are kept in the values, so each record's extent is
  // known exactly (csv-parse's own line counter counts "\r\n" in a cell twice).
  let nextLine = 1 + linesIn(first);
  for (let i = 1; i < records.length; i++) {
    const record = records[i]!;
    const row: ParsedRow = { row: i + 1, line: nextLine, values: record };
    nextLine += linesIn(record);
    if (!isBlank(record) && record.length !== headers.length) {
      row.problem = { reason: 'ragged_row', expected: headers.length, actual: record.length };
    }
    rows.push(row);
  }
  // A blank line at the very end is an editor's trailing newline, not a row.
  while (rows.length > 0 && isBlank(rows[rows.length - 1]!.values)) rows.pop();
  if (rows.length === 0) {
    throw new RegistreError('invalid_input', 'This file has a header row but no data rows: there is nothing to import.', { reason: 'no_rows' });
  }
  return { headers, rows };
}
