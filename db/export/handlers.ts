/** Handlers for shared/api/exports.ts. Each export runs as the core's one export job (progress, cancel). */
import type { exportContract } from '../../shared/api/exports';
import { exportSubject } from './bundle';
import { runExportJob } from './job';
import { exportRegister } from './register-export';
import { verifyExport } from './verify';
import type { HandlersOf } from '../context';

const cancelled = () => ({ outcome: 'cancelled' }) as const;

export const exportHandlers: HandlersOf<keyof typeof exportContract> = {
  'exports.subject': async (i, core) => runExportJob(core.exportJob, () => exportSubject(core.context(), core.exportJob, i), cancelled),
  'exports.register': async (i, core) => runExportJob(core.exportJob, () => exportRegister(core.context(), core.exportJob, i), cancelled),
  'exports.progress': async (_i, core) => core.exportJob.snapshot(),
  'exports.cancel': async (_i, core) => ({ cancelling: core.exportJob.cancel() }),
  'exports.verify': async (i) => verifyExport(i.path, i.password),
};
