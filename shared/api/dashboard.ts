/** The home dashboard's one read (issue 16): counts computed by the domains' own queries, never whole lists. */
import type { DashboardDto } from '../dto/dashboard';
import { empty } from './fields';
import { method, returns, type AnyEntry } from './method';

export const dashboardContract = {
  'dashboard.get': method({ access: 'read', output: returns<DashboardDto>(), subject: null, input: empty }),
} as const satisfies Record<string, AnyEntry>;
