/** Handlers for shared/api-exports.ts. Each export runs as the core's one export job (progress, cancel). */
import type { ExportOutputs } from '../shared/api-exports';
import type { ExportResultDto } from '../shared/dto-exports';
import { exportSubject } from './export/bundle';
import { ExportCancelled, type ExportJob } from './export/job';
import { exportRegister } from './export/register-export';
import { verifyExport } from './export/verify';
import type { HandlersOf } from './service';

/** Runs one export as the job: a cancel ends it as `cancelled` (its writer removed the temp file). */
async function asJob(job: ExportJob, run: () => Promise<ExportResultDto>): Promise<ExportResultDto> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ExportCancelled) return { outcome: 'cancelled' };
    throw e;
  } finally {
    job.end();
  }
}

export const exportHandlers: HandlersOf<keyof ExportOutputs> = {
  'exports.subject': async (i, core) => asJob(core.exportJob, () => exportSubject(core.context(), core.exportJob, i)),
  'exports.register': async (i, core) => asJob(core.exportJob, () => exportRegister(core.context(), core.exportJob, i)),
  'exports.progress': async (_i, core) => core.exportJob.snapshot(),
  'exports.cancel': async (_i, core) => ({ cancelling: core.exportJob.cancel() }),
  'exports.verify': async (i) => verifyExport(i.path, i.password),
};
