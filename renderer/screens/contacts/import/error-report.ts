/**
 * The core writes the error report in English (it also serves the CLI). Before saving it,
 * the screen puts its own column titles, statuses and reasons in the user's language; the
 * file's own cells are left exactly as the core wrote them (already neutralised against
 * spreadsheet formulas).
 */
import type { TFunction } from 'i18next';
import type { ImportPreviewDto } from '../../../../shared/dto';

/** RFC 4180 as the core writes it: commas, CRLF between records, quotes doubled. */
function parseReport(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') cell += text[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || record.length > 0) records.push([...record, cell]);
  return records;
}

const quote = (v: string) => (/[",\r\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function translatedReport(preview: ImportPreviewDto, t: TFunction, reasonText: (issue: ImportPreviewDto['issues'][number]) => string): string {
  const [header, ...rows] = parseReport(preview.errorReportCsv);
  if (!header) return preview.errorReportCsv;
  const issues = new Map(preview.issues.map((i) => [String(i.row), i]));
  const titles = [t('import.problems.row'), t('import.problems.status'), t('import.problems.reason'), ...header.slice(3, -1), t('import.problems.extraCells')];
  const lines = [titles, ...rows.map(([row = '', status = '', reason = '', ...cells]) => {
    const issue = issues.get(row);
    // Past the first rows the preview carries, the reason stays in the core's words.
    return [row, status === 'invalid' || status === 'skipped' ? t(`import.status.${status}`) : status, issue ? reasonText(issue) : reason, ...cells];
  })];
  return lines.map((cells) => cells.map(quote).join(',')).join('\r\n') + '\r\n';
}
