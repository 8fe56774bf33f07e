/**
 * The error report: the core sends the problem rows structured, whoever saves the file
 * names columns, statuses and reasons in its own words (the screen translates them); the
 * file's own cells (quotes, line breaks) come back exactly, formulas neutralised.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { previewImport } from '../../db/import';
import { englishReportWords, importReportCsv } from '../../shared/import-report';
import { createdVault } from '../helpers';

describe('import error report', () => {
  it('keeps every cell of the file, in the words of whoever saves it', async () => {
    const { core } = await createdVault();
    const csv = ['Email,Name,Comment', 'ok@example.org,Ana,fine', 'not-an-address,"Bo ""the boss"" Berg","two', 'lines, and a comma"', 'x@,=SUM(A1),,surplus'].join('\r\n');
    const preview = await previewImport(core.context(), { content: new TextEncoder().encode(csv) });
    const words = {
      row: 'Ligne',
      status: 'État',
      reason: 'Raison',
      extraCells: 'Cellules en trop',
      statusText: (s: string) => `«${s}»`,
      reasonText: (r: (typeof preview.report.rows)[number]) => r.reasons.map((x) => x.reason).join('+'),
    };
    const report = importReportCsv(preview.report, words);
    expect(report.startsWith('\uFEFF')).toBe(true);
    expect(parse(report, { bom: true, relax_column_count: true })).toEqual([
      ['Ligne', 'État', 'Raison', 'Email', 'Name', 'Comment', 'Cellules en trop'],
      ['3', '«invalid»', 'email_invalid', 'not-an-address', 'Bo "the boss" Berg', 'two\r\nlines, and a comma', ''],
      ['4', '«invalid»', 'ragged_row', 'x@', "'=SUM(A1)", '', 'surplus'],
    ]);
    // The CLI's version: the core's English messages.
    const english = parse(importReportCsv(preview.report, englishReportWords), { bom: true }) as string[][];
    expect(english[0]![0]).toBe('Row');
    expect(english[1]![2]).toMatch(/e-mail address is not valid/);
  });
});
