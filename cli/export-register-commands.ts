/**
 * CLI commands for register exports and for checking any export against its manifest
 * (shared/api/exports.ts). `export verify` needs no vault and no passphrase: whoever
 * received a file can check it. A zip's password comes from a file or the environment,
 * never from the command line.
 */
import { registerTables, summaryLanguages, type RegisterTable } from '../shared/vocabulary';

type SummaryLanguage = (typeof summaryLanguages)[number];
import { exportFormats, type ExportFormat } from '../shared/vocabulary';
import { resolve } from 'node:path';
import { verifyExport } from '../db/index';
import type { ExportResultDto, ExportVerifyDto } from '../shared/dto/exports';
import { RegistreError } from '../shared/errors';
import { call, common, oneOf, str, withVault, type Command, type Values } from './kit';
import { makeOut } from './output';
import { zipPassword } from './secrets';

function filtersOf(v: Values): Record<string, unknown> {
  const text = str(v.filters);
  if (text === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Worded below, the same as a JSON value that is not an object.
  }
  throw new RegistreError('invalid_input', `--filters must be a JSON object, such as '{"country": "BE"}'.`);
}

/** --for-people [--language fr]: titles and words for a spreadsheet reader; without it, the machine form scripts read. */
function formOf(v: Values): { form: 'people'; language: SummaryLanguage } | Record<string, never> {
  if (v['for-people'] !== true) {
    if (str(v.language) !== undefined) throw new RegistreError('invalid_input', '--language goes with --for-people: the machine form has no language.');
    return {};
  }
  return { form: 'people', language: str(v.language) === undefined ? 'en' : oneOf<SummaryLanguage>(v, 'language', summaryLanguages) };
}

/** On a terminal, the progress on one stderr line; the export yields often enough for a timer to run. */
function showProgress(snapshot: () => { done: number; total: number; label: string | null }): () => void {
  if (!process.stderr.isTTY) return () => {};
  const timer = setInterval(() => {
    const p = snapshot();
    if (p.label) process.stderr.write(`\r${p.label}: ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} rows`);
  }, 250);
  return () => {
    clearInterval(timer);
    process.stderr.write('\r\x1b[K');
  };
}

function verifyText(path: string, r: ExportVerifyDto): string {
  const m = r.manifest;
  const what = m.register ? `the ${m.register.table} register (${m.register.format})` : `the ${m.subject?.mode ?? ''} bundle of contact ${m.subject?.contactId ?? '?'}`;
  return [
    r.ok ? `Intact: ${path} matches its manifest.` : `NOT INTACT: ${path} does not match its manifest.`,
    `Export of ${what}, ${m.createdAt} by ${m.createdBy.name}; audit event #${m.auditChain.seq} ${m.auditChain.hash}.`,
    ...r.files.map((f) => `  ${f.state === 'ok' ? 'ok      ' : f.state.toUpperCase().padEnd(8)} ${f.name}`),
    ...r.unlisted.map((name) => `  UNLISTED ${name} (not in the manifest)`),
  ].join('\n');
}

export const exportRegisterCommands: Record<string, Command> = {
  'export register': {
    options: {
      ...common,
      table: { type: 'string' },
      format: { type: 'string' },
      delimiter: { type: 'string' },
      bom: { type: 'boolean' },
      filters: { type: 'string' },
      out: { type: 'string' },
      'for-people': { type: 'boolean' },
      language: { type: 'string' },
    },
    run: (v) =>
      withVault(v, async (core, out) => {
        const table = oneOf<RegisterTable>(v, 'table', registerTables);
        const format = oneOf<ExportFormat>(v, 'format', exportFormats);
        const target = str(v.out);
        if (!target) throw new RegistreError('invalid_input', `--out is required: the .${format} file to write.`);
        const input = {
          table,
          format,
          ...(str(v.delimiter) !== undefined ? { delimiter: str(v.delimiter) } : {}),
          bom: v.bom === true,
          filters: filtersOf(v),
          out: resolve(target),
          ...formOf(v),
        };
        // Ctrl-C stops the export cleanly: its temporary file is removed.
        const cancel = () => core.exportJob.cancel();
        process.once('SIGINT', cancel);
        const stop = showProgress(() => core.exportJob.snapshot());
        let r: ExportResultDto;
        try {
          r = await call(core, 'exports.register', input as never);
        } finally {
          stop();
          process.removeListener('SIGINT', cancel);
        }
        if (r.outcome === 'cancelled') {
          out.result(r, () => 'Cancelled: nothing was written.');
          return 1;
        }
        out.result(r, () => `Wrote ${r.rows} rows to ${r.path}\nManifest: ${r.manifestPath}\nSHA-256:  ${r.files[0]!.sha256}`);
        return 0;
      }),
  },

  'export verify': {
    options: { json: { type: 'boolean' }, 'password-file': { type: 'string' } },
    async run(v, [file]) {
      if (!file) throw new RegistreError('invalid_input', 'Give the export file to check: registre export verify FILE.');
      const password = zipPassword(str(v['password-file']));
      const path = resolve(file);
      const r = await verifyExport(path, password);
      makeOut(v.json === true).result(r, () => verifyText(path, r));
      return r.ok ? 0 : 1;
    },
  },
};

export const exportRegisterUsage = `  export register --table NAME --format csv|json --out FILE [--delimiter ';'] [--bom]
                  [--filters JSON] [--for-people [--language en|fr]]
                                      Write a register as CSV or JSON, with FILE.manifest.json
                                      beside it. NAME: contacts, organisations, events,
                                      participations, consents, photoPreferences, processors,
                                      sharing, requests, audit.
                                      --filters: the screen's filters as JSON, such as
                                      '{"country": "BE", "archived": "include"}'.
                                      CSV: --delimiter ';' for French/Belgian Excel, --bom for
                                      Excel on Windows. --for-people (CSV only): column
                                      titles and codes in words (--language, default en),
                                      dates as Brussels local time (02/12/2026 14:05);
                                      without it, the machine names and ISO dates scripts
                                      read. Ctrl-C cancels and writes nothing.
  export verify FILE [--password-file F]
                                      Check a register file (with FILE.manifest.json) or a
                                      bundle zip against its manifest; needs no vault.
                                      Exit 0 intact, 1 changed, missing or unlisted files.
                                      An encrypted zip's password: first line of F, or
                                      $REGISTRE_ZIP_PASSWORD (never on the command line).
`;
