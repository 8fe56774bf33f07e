/**
 * `exports.register` (issue 5): one register as CSV or JSON with the filters its screen
 * shows, streamed page by page into a temporary file beside the target, then sealed,
 * logged (one `export.register` event naming the table and its columns, never values),
 * described by a manifest carrying the audit chain's new head, and put in place: the data
 * file first, its manifest `<file>.manifest.json` last. A cancel or any error removes the
 * temporary files: nothing appears at the target and nothing is logged.
 */
import { basename } from 'node:path';
import type { RegisterExportInput, RegisterTable } from '../../shared/api-exports';
import type { ExportResultDto } from '../../shared/dto-exports';
import { RegistreError } from '../../shared/errors';
import type { CallContext } from '../core';
import type { ExportJob } from './job';
import { buildManifest, logExport, manifestText } from './manifest';
import { ExportFile } from './output-file';
import { csvWriter, jsonWriter, type RegisterWriter } from './register-format';
import { registerPages, type RegisterSpec } from './register-spec';
import { registerSpecs } from './register-tables';

export const manifestPathFor = (out: string): string => `${out}.manifest.json`;

/** The one person a filter narrows the export to, so the export shows in their history. */
function subjectOf(input: RegisterExportInput): string | null {
  const f = input.filters as { contactId?: string; subjectId?: string };
  return f.contactId ?? f.subjectId ?? null;
}

export async function exportRegister(ctx: CallContext, job: ExportJob, input: RegisterExportInput): Promise<ExportResultDto> {
  if (!input.out.toLowerCase().endsWith(`.${input.format}`)) {
    throw new RegistreError('invalid_input', `A ${input.format.toUpperCase()} export's file name must end in .${input.format}.`, { reason: 'extension', field: 'out' });
  }
  const table: RegisterTable = input.table;
  const spec = registerSpecs[table] as RegisterSpec<RegisterTable>;
  const filters = input.filters as never;
  // Both files are opened first, so a bad path fails before anything is read or logged.
  const file = new ExportFile(input.out);
  let manifestFile: ExportFile | null = null;
  try {
    manifestFile = new ExportFile(manifestPathFor(input.out));
    const total = await spec.count(ctx.db, filters);
    job.begin('register', table, total);
    const writer: RegisterWriter =
      input.format === 'csv'
        ? csvWriter(file, spec.columns, { delimiter: input.delimiter, bom: input.bom })
        : jsonWriter(file, spec.columns, { register: table, exportedAt: ctx.now.toISOString(), filters: input.filters });
    let rows = 0;
    for await (const page of registerPages(ctx.db, spec, filters)) {
      for (let i = 0; i < page.length; i++) await job.tick();
      writer.rows(page);
      rows += page.length;
    }
    writer.end();
    // Calls are queued one at a time, so nothing changed the table since the count.
    if (rows !== total) throw new RegistreError('internal', `The ${table} register changed while it was exported (${rows} rows, ${total} expected). Export it again.`);
    job.checkCancelled();
    const sealed = file.seal();
    const name = basename(input.out);
    const auditHead = await logExport(ctx, { action: 'export.register', entityType: table, subjectId: subjectOf(input), fields: [...spec.columns] });
    const files = [{ name, rows, ...sealed }];
    const manifest = buildManifest(ctx, {
      kind: 'register',
      register: {
        table,
        format: input.format,
        ...(input.format === 'csv' ? { delimiter: input.delimiter, bom: input.bom } : {}),
        filters: input.filters,
      },
      files,
      auditChain: auditHead,
    });
    manifestFile.write(manifestText(manifest));
    file.commit();
    manifestFile.commit();
    return { outcome: 'written', path: input.out, manifestPath: manifestPathFor(input.out), files, rows, auditHead };
  } catch (e) {
    file.abort();
    manifestFile?.abort();
    throw e;
  }
}
