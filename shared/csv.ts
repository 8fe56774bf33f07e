/**
 * CSV as Registre writes it (DESIGN §6): RFC 4180 through csv-stringify (quotes, commas,
 * line breaks inside cells), CRLF line ends, and cells a spreadsheet would run as a formula
 * neutralised. Used by the core (CLI files) and the renderer (files saved from a screen),
 * so it imports the library's browser build (its Node build needs Node's Buffer).
 */
import { stringify } from 'csv-stringify/browser/esm/sync';

/**
 * Excel, LibreOffice and Google Sheets run a cell that starts with = + - @ (and, after a
 * tab, CR or NUL, some of them still do) as a formula: "CSV injection". Such a cell gets a
 * leading apostrophe, which spreadsheets show as text. Everything else is left exactly as is.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r\0]/.test(cell) ? `'${cell}` : cell;
}

export interface CsvOptions {
  /** `,` (default) or `;` for French and Belgian Excel. */
  delimiter?: ',' | ';' | '\t';
  /** A UTF-8 byte-order mark, so Excel reads accents right. */
  bom?: boolean;
}

/** Rows (the first one usually the headings) as one CSV text, every cell neutralised. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>, options: CsvOptions = {}): string {
  const cells = rows.map((r) => r.map((c) => neutraliseFormula(c === null ? '' : String(c))));
  return stringify(cells, { delimiter: options.delimiter ?? ',', record_delimiter: 'windows', bom: options.bom ?? false });
}
