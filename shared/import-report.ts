/**
 * The import's error report: every invalid or skipped row, why, and its original cells
 * under the file's own headers, as a CSV to fix and import again. The core sends the rows
 * structured; whoever saves the file (the CLI in English, the screen in the user's
 * language) names the columns, statuses and reasons, and `toCsv` writes it.
 */
import { toCsv } from './csv';
import type { ImportReportDto, ImportReportRowDto } from './dto/index';

export interface ReportWords {
  row: string;
  status: string;
  reason: string;
  extraCells: string;
  statusText(status: ImportReportRowDto['status']): string;
  reasonText(row: ImportReportRowDto): string;
}

/** The core's own words, for the CLI. */
export const englishReportWords: ReportWords = {
  row: 'Row',
  status: 'Status',
  reason: 'Reason',
  extraCells: 'Extra cells',
  statusText: (status) => status,
  reasonText: (row) => row.reasons.map((r) => r.message).join(' '),
};

/**
 * With a byte-order mark, so Excel reads the accents of the file's own cells right, and
 * with the source file's delimiter, so a file Belgian Excel opened in columns (";") gives a
 * report it opens in columns too.
 */
export function importReportCsv(report: ImportReportDto, words: ReportWords): string {
  return toCsv(
    [
      [words.row, words.status, words.reason, ...report.headers, words.extraCells],
      ...report.rows.map((r) => [String(r.row), words.statusText(r.status), words.reasonText(r), ...r.cells, r.extraCells.join(' | ')]),
    ],
    { bom: true, delimiter: report.delimiter ?? ',' },
  );
}
