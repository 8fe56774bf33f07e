/**
 * `exports.register` (issue 5): one register as CSV or JSON with the filters its screen
 * shows, read page by page (keyset) and written by exportRows (rows-export.ts) with its
 * manifest and one `export.register` audit event naming the table and its columns.
 */
import type { RegisterTable } from '../../shared/vocabulary';
import { auditFilters } from '../../shared/api/audit';
import type { RegisterExportInput } from '../../shared/api/exports';
import type { ExportResultDto } from '../../shared/dto/exports';
import type { ExportJob } from './job';
import { exportRows } from './rows-export';
import { registerPages, type RegisterSpec } from './register-spec';
import { registerSpecs } from './register-tables';
import { peopleForm } from './register-people';
import type { CallContext } from '../context';

/** The one person a filter narrows the export to, so the export shows in their history. */
function subjectOf(input: RegisterExportInput): string | null {
  const f = input.filters as { contactId?: string; subjectId?: string };
  return f.contactId ?? f.subjectId ?? null;
}

/**
 * The audit log's filters are named in its export's event (`filter.staffId`…), so the log
 * tells a whole copy from a selection; the event of an unfiltered export stays as it was.
 */
function filterFields(input: RegisterExportInput): string[] {
  if (input.table !== 'audit') return [];
  return Object.keys(auditFilters)
    .filter((k) => (input.filters as Record<string, unknown>)[k] !== undefined)
    .map((k) => `filter.${k}`);
}

/** Not async before exportRows: the job must begin in the same step as the call (ExportJob.begin). */
export function exportRegister(ctx: CallContext, job: ExportJob, input: RegisterExportInput): Promise<ExportResultDto> {
  const table: RegisterTable = input.table;
  const spec = registerSpecs[table] as RegisterSpec<RegisterTable>;
  const filters = input.filters as never;
  return exportRows(
    ctx,
    job,
    {
      out: input.out,
      format: input.format,
      delimiter: input.delimiter,
      bom: input.bom,
      table,
      filters: input.filters,
      columns: spec.columns,
      total: () => spec.count(ctx.db, filters),
      audit: { action: 'export.register', entityType: table, subjectId: subjectOf(input), fields: [...spec.columns, ...filterFields(input)] },
      ...(input.form === 'people' ? { people: { form: peopleForm(table, spec.columns, input.language), language: input.language } } : {}),
    },
    () => registerPages(ctx.db, spec, filters),
  );
}
