/**
 * CLI commands for the report documents (shared/api/report-docs.ts): the compliance report
 * for a period, the record of processing activities, and its check. The files are written
 * by the core as the app writes them (atomically, audited); the check exits 1 while it
 * finds something, so a script can watch it.
 */
import { resolve } from 'node:path';
import { complianceFormats, ropaFormats } from '../shared/api/report-docs';
import type { ExportResultDto } from '../shared/dto/exports';
import { RegistreError } from '../shared/errors';
import { summaryLanguages } from '../shared/vocabulary';
import { call, common, oneOf, str, withVault, type Command, type Values } from './kit';
import type { Out } from './output';

type Language = (typeof summaryLanguages)[number];

function outOf(v: Values, format: string): string {
  const target = str(v.out);
  if (!target) throw new RegistreError('invalid_input', `--out is required: the .${format} file to write.`);
  return resolve(target);
}

function written(out: Out, r: ExportResultDto): number {
  if (r.outcome === 'cancelled') {
    out.result(r, () => 'Cancelled: nothing was written.');
    return 1;
  }
  out.result(r, () => `Wrote ${r.path}\nSHA-256: ${r.files[0]!.sha256}`);
  return 0;
}

const language = (v: Values): Language => (str(v.language) === undefined ? 'en' : oneOf<Language>(v, 'language', summaryLanguages));

export const reportCommands: Record<string, Command> = {
  'report compliance': {
    options: { ...common, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, language: { type: 'string' }, out: { type: 'string' } },
    run: (v) =>
      withVault(v, async (core, out) => {
        const format = oneOf(v, 'format', complianceFormats);
        const [from, to] = [str(v.from), str(v.to)];
        if (!from || !to) throw new RegistreError('invalid_input', '--from and --to are required: the first and last days of the period (YYYY-MM-DD).');
        return written(out, await call(core, 'reports.compliance', { from, to, format, language: language(v), out: outOf(v, format) }));
      }),
  },
  'report ropa': {
    options: { ...common, format: { type: 'string' }, language: { type: 'string' }, out: { type: 'string' } },
    run: (v) =>
      withVault(v, async (core, out) => {
        const format = oneOf(v, 'format', ropaFormats);
        return written(out, await call(core, 'reports.ropa', { format, language: language(v), out: outOf(v, format) }));
      }),
  },
  'report ropa-check': {
    options: common,
    run: (v) =>
      withVault(v, async (core, out) => {
        const findings = await call(core, 'reports.ropaCheck', {});
        out.result(findings, () =>
          findings.length === 0
            ? 'The record of processing is complete: nothing is missing.'
            : [`${findings.length} thing(s) to fix in the record of processing:`, ...findings.map((f) => `  ${f.code.padEnd(26)} ${f.subject ?? ''}`)].join('\n'),
        );
        return findings.length === 0 ? 0 : 1;
      }),
  },
};

export const reportUsage = `
Reports (GDPR Art. 30 record of processing, compliance report; auditors may run them)
  report compliance --from YYYY-MM-DD --to YYYY-MM-DD --format html|pdf [--language en|fr] --out FILE
                                      The compliance report for the period: open issues, exports,
                                      backups, staff and roles, policy versions, processors
  report ropa --format html|pdf|json [--language en|fr] --out FILE
                                      The record of processing activities, from the register
  report ropa-check                   What the record lacks or states wrongly (exit 1 while any)
`;
