/** Handlers for shared/api/dashboard.ts. */
import type { dashboardContract } from '../../shared/api/dashboard';
import type { HandlersOf } from '../context';
import { dashboard } from './dashboard';

export const dashboardHandlers: HandlersOf<keyof typeof dashboardContract> = {
  'dashboard.get': async (_i, core) => dashboard(core.context(), core.requireAuditKey()),
};
