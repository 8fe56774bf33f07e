/**
 * The compliance report's model for the days [from, to] (issue 16): what an auditor or the
 * board asks the secretariat to show. Every number is read from the vault by the functions
 * the screens use, so the report says what the app says: the backups and whether they hold
 * people erased since (db/backup/list.ts), the exports made in the period (their audit
 * events), staff and roles, the policy versions, the processors and their safeguards, and
 * the open issues — the record of processing's findings, overdue requests, and what the
 * retention rules have due today (db/retention/due.ts, the review list's own counts).
 *
 * The statistics of the period are the Statistics screen's own (db/reports/stats.ts
 * `computeStatistics`), so "overdue now" is one number everywhere.
 */
import type { Kysely } from 'kysely';
import type { BackupRegisterDto } from '../../shared/dto/backup';
import type { ControllerDto } from '../../shared/dto/index';
import type { PolicyVersionDto } from '../../shared/dto/register';
import type { RopaDto } from '../../shared/dto/report-docs';
import type { StatisticsDto } from '../../shared/dto/stats';
import type { RetentionRuleCode } from '../../shared/rules/retention';
import { addDays } from '../../shared/rules/deadline';
import type { Role } from '../../shared/vocabulary';
import { today, type CallContext } from '../context';
import { backupRegister } from '../backup/list';
import { listPolicies } from '../register/policies';
import { dueList } from '../retention/due';
import type { Database } from '../schema';
import { ropaModel } from './ropa';
import { computeStatistics } from './stats';

export interface ComplianceModel {
  from: string;
  to: string;
  /** The day it was made. */
  day: string;
  controller: ControllerDto;
  statistics: StatisticsDto;
  staff: Array<{ name: string; role: Role; since: string }>;
  backups: Pick<BackupRegisterDto, 'folder' | 'lastBackupAt' | 'overdue' | 'items' | 'deleted'>;
  /** Export audit events in the period, per action, and their total. */
  exports: { total: number; byAction: Array<{ action: string; count: number }> };
  policies: PolicyVersionDto[];
  processors: RopaDto['processors'];
  openIssues: {
    findings: RopaDto['findings'];
    retention: Array<{ rule: RetentionRuleCode; due: number; frozen: number }>;
  };
}

/** The audit actions that record personal data leaving the vault (the statistics' kinds, and the reports). */
const EXPORT_ACTIONS = ['export.subject', 'export.register', 'export.report', 'mailing_list.exported', 'photo_list.exported'];

/** The first instant of a local day, as the audit log's ISO times are compared. */
export const dayStart = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
};

async function exportsIn(db: Kysely<Database>, from: string, to: string): Promise<ComplianceModel['exports']> {
  const rows = await db
    .selectFrom('audit_events')
    .select(['action', (eb) => eb.fn.countAll<number>().as('n')])
    .where('action', 'in', EXPORT_ACTIONS)
    .where('at', '>=', dayStart(from))
    .where('at', '<', dayStart(addDays(to, 1)))
    .groupBy('action')
    .orderBy('action')
    .execute();
  const byAction = rows.map((r) => ({ action: r.action, count: Number(r.n) }));
  return { total: byAction.reduce((s, r) => s + r.count, 0), byAction };
}

/** `auditKey` tells anonymised people apart in the retention counts (db/retention/due.ts). */
export async function complianceModel(ctx: CallContext, auditKey: Buffer, period: { from: string; to: string }): Promise<ComplianceModel> {
  const day = today(ctx);
  const staff = await ctx.db.selectFrom('staff').select(['name', 'role', 'created_at']).where('removed_at', 'is', null).orderBy('name').execute();
  const backups = await backupRegister(ctx, null);
  const ropa = await ropaModel(ctx);
  const due = await dueList(ctx.db, auditKey, day, { withinDays: 0 });
  return {
    ...period,
    day,
    controller: ropa.controller,
    statistics: await computeStatistics(ctx.db, { ...period, today: day }),
    staff: staff.map((s) => ({ name: s.name, role: s.role, since: s.created_at.slice(0, 10) })),
    backups: { folder: backups.folder, lastBackupAt: backups.lastBackupAt, overdue: backups.overdue, items: backups.items, deleted: backups.deleted },
    exports: await exportsIn(ctx.db, period.from, period.to),
    policies: await listPolicies(ctx.db, day),
    processors: ropa.processors,
    openIssues: {
      findings: ropa.findings,
      retention: due.rules.map((r) => ({ rule: r.rule.code, due: r.counts.due, frozen: r.counts.frozen })),
    },
  };
}
