/** Handlers for shared/api/audit.ts. */
import type { auditContract } from '../../shared/api/audit';
import type { HandlersOf } from '../context';
import { verifyAudit } from './chain';
import { auditFilterOptions, listAudit } from './list';

export const auditHandlers: HandlersOf<keyof typeof auditContract> = {
  'audit.list': async (i, core) => listAudit(core.context().db, i),
  'audit.filterOptions': async (_i, core) => auditFilterOptions(core.context().db),
  'audit.verify': async (_i, core) => {
    const ctx = core.context();
    return verifyAudit(ctx.db, core.requireAuditKey());
  },
};
