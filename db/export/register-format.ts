/**
 * The two formats of a register file, written page by page into a sink (an ExportFile).
 *
 * JSON is the canonical format: one object `{"register", "exportedAt", "filters",
 * "columns", "rows": [...]}`, UTF-8 without BOM, one row object per line with its keys in
 * column order, values as stored (ISO 8601 dates, numbers, booleans, null, arrays).
 *
 * CSV is for spreadsheets: a header row of the column names, then RFC 4180 records through
 * csv-stringify (shared/csv.ts), CRLF line ends, `,` or `;`, optionally a UTF-8 BOM. Empty
 * and null are both an empty cell; booleans are `true`/`false`; lists are joined with
 * "; ". Every cell goes through neutraliseFormula: one starting with = + - @, tab, CR or
 * NUL gets a leading apostrophe, which spreadsheets show as text instead of running it.
 *
 * Text is written as UTF-8, which has no code for a lone UTF-16 surrogate: in CSV one
 * becomes U+FFFD; JSON writes it as a `\udXXX` escape. (Values read from the vault never
 * hold one: the driver already gives a stored lone surrogate back as U+FFFD.)
 */
import { toCsv } from '../../shared/csv';
import type { Cell, RegisterRow } from './register-spec';

export interface TextSink {
  write(text: string): void;
}

export interface RegisterWriter {
  /** Writes a page of rows; each row has the writer's columns as keys. */
  rows(rows: readonly RegisterRow[]): void;
  /** Closes the document (JSON's brackets); CSV needs nothing. */
  end(): void;
}

/** A cell's text in CSV, before neutralisation. */
export function csvCellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return cell.join('; ');
}

/** `headings` is the header row when it is not the column names (the people form's titles). */
export function csvWriter(sink: TextSink, columns: readonly string[], options: { delimiter: ',' | ';'; bom: boolean }, headings: readonly string[] = columns): RegisterWriter {
  sink.write(toCsv([headings], options));
  return {
    rows(rows) {
      if (rows.length === 0) return;
      sink.write(
        toCsv(
          rows.map((r) => columns.map((c) => csvCellText(r[c] ?? null))),
          { delimiter: options.delimiter },
        ),
      );
    },
    end() {},
  };
}

export interface JsonHead {
  register: string;
  exportedAt: string;
  filters: Record<string, unknown>;
}

export function jsonWriter(sink: TextSink, columns: readonly string[], head: JsonHead): RegisterWriter {
  const opening = JSON.stringify({ ...head, columns });
  // The head object's closing brace gives way to the rows array, which closes it again at the end.
  sink.write(`${opening.slice(0, -1)},"rows":[`);
  let first = true;
  return {
    rows(rows) {
      if (rows.length === 0) return;
      const lines = rows.map((r) => {
        const ordered: Record<string, Cell> = {};
        for (const c of columns) ordered[c] = r[c] ?? null;
        return JSON.stringify(ordered);
      });
      sink.write(`${first ? '\n' : ',\n'}${lines.join(',\n')}`);
      first = false;
    },
    end() {
      sink.write('\n]}\n');
    },
  };
}
