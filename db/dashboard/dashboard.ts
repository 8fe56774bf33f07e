/**
 * The home dashboard (issue 16): what needs doing today, each item from its own domain's
 * query (the same rule as the screen where it is fixed), asked for a count or one short
 * page, never a whole list.
 */
import type { DashboardDto, DashboardRequestDto } from '../../shared/dto/dashboard';
import type { RequestDto } from '../../shared/dto/requests';
import { untilChanged } from '../audit/unchanged';
import { backupOverdueNow } from '../backup/list';
import { countNoBasis, countReconsentNeeded } from '../consents/review';
import { listMinors } from '../contacts/minors';
import { today, type CallContext } from '../context';
import { takedownsOwed } from '../photos/publications';
import { processorRegister } from '../register/processors';
import { listRequests } from '../requests/requests';
import { dueCounts } from '../retention/due';

/** How many of the soonest requests are named, per group: a morning's glance, not the list. */
const TOP = 3;
/** "Due soon" as the requests screen marks it (shared/rules/deadline.ts deadlineUrgency). */
const SOON_DAYS = 7;

const named = (r: RequestDto): DashboardRequestDto => ({ id: r.id, type: r.type, name: r.contact?.name || r.requesterName, dueDate: r.dueDate, daysLeft: r.daysLeft ?? 0 });

async function requests(ctx: CallContext, filter: { overdue: true } | { dueWithinDays: number }) {
  const page = await listRequests(ctx, { ...filter, includeTests: false, limit: TOP, offset: 0 });
  return { count: page.total, top: page.items.map(named) };
}

/** The newest version marked as a material change, and how many consents predate it. */
async function reconsent(ctx: CallContext): Promise<DashboardDto['reconsent']> {
  const v = await ctx.db
    .selectFrom('policy_versions')
    .select(['id', 'version', 'language', 'effective_date'])
    .where('material_change', '=', 1)
    .orderBy('effective_date', 'desc')
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (!v) return null;
  return {
    policyVersionId: v.id,
    version: v.version,
    language: v.language,
    effectiveDate: v.effective_date,
    count: await untilChanged(ctx, `reconsent ${v.id}`, () => countReconsentNeeded(ctx.db, v.effective_date)),
  };
}

async function privacyShield(ctx: CallContext): Promise<DashboardDto['privacyShield']> {
  const { warnings } = await processorRegister(ctx);
  return {
    policies: warnings.filter((w) => w.code === 'privacy_shield_in_policy').length,
    processors: warnings.reduce((n, w) => n + w.processors.length, 0),
  };
}

export async function dashboard(ctx: CallContext, auditKey: Buffer): Promise<DashboardDto> {
  const day = today(ctx);
  // One after the other: a vault answers one query at a time anyway, and the order is easy to read.
  const overdue = await requests(ctx, { overdue: true });
  const dueSoon = await requests(ctx, { dueWithinDays: SOON_DAYS });
  return {
    today: day,
    requests: { overdue, dueSoon },
    // The register-wide counts (seconds over a large ledger) are kept until something changes.
    retentionDue: await untilChanged(ctx, 'retention', () => dueCounts(ctx.db, auditKey, day)),
    backupOverdue: await backupOverdueNow(ctx),
    reconsent: await reconsent(ctx),
    minors: (await listMinors(ctx.db, day)).length,
    noBasis: await untilChanged(ctx, 'noBasis', () => countNoBasis(ctx.db)),
    privacyShield: await privacyShield(ctx),
    takedownsOwed: (await takedownsOwed(ctx.db)).length,
  };
}
