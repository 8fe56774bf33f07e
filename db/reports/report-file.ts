/**
 * A report's file written the way every export is (db/export/delivery.ts): journaled, into
 * a hidden temporary file beside the target, sealed, put in place, and only then its one
 * `export.report` audit event appended (which report, which format; never a value). A
 * failure or a cancel leaves nothing at the target and nothing on record. A report has no
 * manifest beside it: it is a document for people, not data for a script to check.
 */
import { basename } from 'node:path';
import type { ExportResultDto } from '../../shared/dto/exports';
import type { CallContext } from '../context';
import { ExportDelivery } from '../export/delivery';
import type { ExportJob } from '../export/job';

export type ReportKind = 'ropa' | 'compliance';
export type ReportFormat = 'html' | 'pdf' | 'json';

/** Not async before `begin`: the job starts in the call's first step, so a cancel is always honoured (ExportJob.begin). */
export function writeReport(ctx: CallContext, job: ExportJob, report: { kind: ReportKind; format: ReportFormat; out: string }, bytes: () => Promise<string | Buffer>): Promise<ExportResultDto> {
  job.begin('report', report.kind);
  return (async () => {
    const delivery = ExportDelivery.open(ctx, { data: report.out });
    try {
      delivery.data.write(await bytes());
      job.checkCancelled();
      const sealed = delivery.sealData();
      const auditHead = await delivery.foresee({ action: 'export.report', entityType: 'report', entityId: report.kind, fields: [report.format] });
      await delivery.commit(job.placement);
      return { outcome: 'written', path: report.out, manifestPath: null, files: [{ name: basename(report.out), rows: null, ...sealed }], rows: 0, auditHead };
    } catch (e) {
      delivery.abort();
      throw e;
    }
  })();
}
