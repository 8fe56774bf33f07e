/** Handlers for shared/api/report-docs.ts. Each report file is written as the core's one export job (progress, cancel). */
import type { reportDocsContract } from '../../shared/api/report-docs';
import type { HandlersOf } from '../context';
import { runExportJob } from '../export/job';
import { complianceFile } from './compliance-file';
import { reportHtml } from './report-html';
import { writeReport } from './report-file';
import { reportPdf } from './report-pdf';
import { ropaModel } from './ropa';
import { ropaDoc } from './ropa-doc';

const cancelled = () => ({ outcome: 'cancelled' }) as const;

export const reportDocsHandlers: HandlersOf<keyof typeof reportDocsContract> = {
  'reports.ropa': async (i, core) => {
    const ctx = core.context();
    return runExportJob(
      core.exportJob,
      () =>
        writeReport(ctx, core.exportJob, { kind: 'ropa', format: i.format, out: i.out }, async () => {
          const ropa = await ropaModel(ctx);
          if (i.format === 'json') return `${JSON.stringify(ropa, null, 2)}\n`;
          const doc = ropaDoc(ropa, i.language);
          return i.format === 'html' ? reportHtml(doc) : reportPdf(doc);
        }),
      cancelled,
    );
  },
  'reports.ropaCheck': async (_i, core) => (await ropaModel(core.context())).findings,
  'reports.compliance': async (i, core) => {
    const ctx = core.context();
    return runExportJob(core.exportJob, () => writeReport(ctx, core.exportJob, { kind: 'compliance', format: i.format, out: i.out }, () => complianceFile(ctx, core.requireAuditKey(), i)), cancelled);
  },
};
