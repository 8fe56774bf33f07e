/**
 * The screen rewrites the core's error report in the user's language: titles, statuses and
 * reasons change, the file's own cells (quotes, line breaks, neutralised formulas) must not.
 */
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { previewImport } from '../../db/import';
import { translatedReport } from '../../renderer/screens/contacts/import/error-report';
import { createdVault } from '../helpers';

const t = ((key: string) => `«${key}»`) as unknown as TFunction;

describe('translated error report', () => {
  it('keeps every cell of the file as the core wrote it', async () => {
    const { core } = await createdVault();
    const csv = ['Email,Name,Comment', 'ok@example.org,Ana,fine', 'not-an-address,"Bo ""the boss"" Berg","two', 'lines, and a comma"', 'x@,=SUM(A1),'].join('\r\n');
    const preview = await previewImport(core.context().db, { content: new TextEncoder().encode(csv) });
    const report = translatedReport(preview, t, (issue) => issue.reasons.map((r) => r.reason).join('+'));

    expect(report).toBe(
      [
        '«import.problems.row»,«import.problems.status»,«import.problems.reason»,Email,Name,Comment,«import.problems.extraCells»',
        '3,«import.status.invalid»,email_invalid,not-an-address,"Bo ""the boss"" Berg","two\r\nlines, and a comma",',
        "4,«import.status.invalid»,email_invalid,x@,'=SUM(A1),,",
        '',
      ].join('\r\n'),
    );
  });
});
