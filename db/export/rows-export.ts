/**
 * One table of rows written as an export file (CSV or JSON) with its manifest beside it:
 * the pages are streamed into a temporary file beside the target, which is then sealed and
 * described by a manifest `<file>.manifest.json` carrying the head the caller's audit event
 * (column names, never values) will make; both are put in place and the event appended in
 * the order delivery.ts explains. A cancel or any error removes the temporary files and
 * anything put in place: nothing stays at the target and nothing is logged. Register
 * exports and the newsletter list both end here.
 */
import type { ExportFormat } from '../../shared/vocabulary';
import { basename } from 'node:path';
import type { ExportResultDto } from '../../shared/dto/exports';
import type { ExportManifest } from '../../shared/export-manifest';
import { RegistreError } from '../../shared/errors';
import { ExportDelivery } from './delivery';
import type { ExportJob } from './job';
import { buildManifest, manifestText, type ExportAuditEntry } from './manifest';
import { csvWriter, jsonWriter, type RegisterWriter } from './register-format';
import type { RegisterRow } from './register-spec';
import type { PeopleForm } from './register-people';
import type { SummaryLanguage } from './summary-words';
import type { CallContext } from '../context';

export const manifestPathFor = (out: string): string => `${out}.manifest.json`;

export interface RowsExport {
  out: string;
  format: ExportFormat;
  delimiter: ',' | ';';
  bom: boolean;
  /** What the manifest and the JSON head call the table (a register, or `mailingList`). */
  table: NonNullable<ExportManifest['register']>['table'];
  filters: Record<string, unknown>;
  /** CSV headings and JSON keys, in order; each row has exactly these keys. */
  columns: readonly string[];
  /**
   * Rows the pages will hold (the progress bar's total, and a check at the end), or how
   * to count them: counted after the job has begun, so a cancel during the count counts.
   */
  total: number | (() => Promise<number>);
  audit: ExportAuditEntry;
  /** CSV for people: titles and words in a language (register-people.ts); absent, the machine form. */
  people?: { form: PeopleForm; language: SummaryLanguage };
}

/**
 * Writes `pages` as `spec.out` and its manifest; `pages` is only read once the files are
 * open. The job begins before anything else (see ExportJob.begin), so callers must not
 * await anything before calling this.
 */
export async function exportRows(ctx: CallContext, job: ExportJob, spec: RowsExport, pages: () => AsyncIterable<readonly RegisterRow[]>): Promise<ExportResultDto> {
  job.begin('register', spec.table);
  if (!spec.out.toLowerCase().endsWith(`.${spec.format}`)) {
    throw new RegistreError('invalid_input', `A ${spec.format.toUpperCase()} export's file name must end in .${spec.format}.`, { reason: 'extension', field: 'out' });
  }
  // Opened now, so a bad manifest path fails before anything is read or logged.
  const delivery = ExportDelivery.open(ctx, { data: spec.out, manifest: manifestPathFor(spec.out) });
  try {
    const total = typeof spec.total === 'number' ? spec.total : await spec.total();
    job.setTotal(total);
    job.checkCancelled();
    const writer: RegisterWriter =
      spec.format === 'csv'
        ? csvWriter(delivery.data, spec.columns, { delimiter: spec.delimiter, bom: spec.bom }, spec.people?.form.headings)
        : jsonWriter(delivery.data, spec.columns, { register: spec.table, exportedAt: ctx.now.toISOString(), filters: spec.filters });
    let rows = 0;
    for await (const page of pages()) {
      await job.tick(page.length);
      writer.rows(spec.people ? spec.people.form.rows(page) : page);
      rows += page.length;
    }
    writer.end();
    // Calls are queued one at a time, so nothing changed the table since the count.
    if (rows !== total) {
      throw new RegistreError('internal', `The ${spec.table} register changed while it was exported (${rows} rows, ${total} expected). Export it again.`);
    }
    job.checkCancelled();
    const sealed = delivery.sealData();
    const auditHead = await delivery.foresee(spec.audit);
    const files = [{ name: basename(spec.out), rows, ...sealed }];
    const manifest = buildManifest(ctx, {
      kind: 'register',
      register: {
        table: spec.table,
        format: spec.format,
        ...(spec.format === 'csv' ? { delimiter: spec.delimiter, bom: spec.bom } : {}),
        ...(spec.people ? { form: 'people' as const, language: spec.people.language } : {}),
        filters: spec.filters,
      },
      files,
      auditChain: auditHead,
    });
    delivery.writeManifest(manifestText(manifest));
    await delivery.commit(job.placement);
    return { outcome: 'written', path: spec.out, manifestPath: manifestPathFor(spec.out), files, rows, auditHead };
  } catch (e) {
    delivery.abort();
    throw e;
  }
}
