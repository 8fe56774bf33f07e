/**
 * The compliance report laid out as report blocks, in English or French: the controller,
 * the open issues first (what needs doing), then the exports of the period, the backups,
 * staff and roles, policy versions and processors with their safeguards.
 */
import type { ExportWords } from '../export/export-words';
import { displayName, exportWords, peopleDate } from '../export/export-words';
import { oneLine } from '../settings/controller';
import type { ComplianceModel } from './compliance';
import { count, longDate, type ReportBlock, type ReportDoc } from './report-doc';
import { dpaWords, findingWords } from './ropa-doc';
import { statisticsBlocks } from './compliance-stats-doc';

type Language = 'en' | 'fr';

function issues(m: ComplianceModel, w: ExportWords, language: Language): ReportBlock[] {
  const { findings, retention } = m.openIssues;
  const overdueRequests = m.statistics.requests.overdueNow;
  const dueRules = retention.filter((r) => r.due > 0 || r.frozen > 0);
  return [
    { kind: 'heading', text: w.word('reports.compliance.issuesHeading', '') },
    {
      kind: 'facts',
      rows: [
        [w.word('reports.compliance.overdueRequests', ''), count(overdueRequests, language)],
        [
          w.word('reports.compliance.retentionDue', ''),
          count(
            retention.reduce((s, r) => s + r.due, 0),
            language,
          ),
        ],
        [w.word('reports.compliance.ropaFindings', ''), count(findings.length, language)],
      ],
    },
    ...(dueRules.length
      ? [
          {
            kind: 'table' as const,
            head: [w.word('reports.compliance.rule', ''), w.word('reports.compliance.due', ''), w.word('reports.compliance.frozen', '')],
            rows: dueRules.map((r) => [w.word(`retention.rules.${r.rule}`, r.rule), count(r.due, language), count(r.frozen, language)]),
          },
        ]
      : []),
    ...(findings.length ? [{ kind: 'list' as const, items: findings.map((f) => findingWords(w, f)) }] : []),
  ];
}

function backups(m: ComplianceModel, w: ExportWords, language: Language): ReportBlock[] {
  const b = m.backups;
  return [
    { kind: 'heading', text: w.word('reports.compliance.backupsHeading', '') },
    {
      kind: 'facts',
      rows: [
        [w.word('reports.compliance.backupFolder', ''), b.folder ?? w.word('reports.compliance.noFolder', '')],
        [w.word('reports.compliance.lastBackup', ''), b.lastBackupAt ? peopleDate(b.lastBackupAt) : w.word('reports.compliance.never', '')],
        [w.word('reports.compliance.backupState', ''), w.word(b.overdue ? 'reports.compliance.backupOverdue' : 'reports.compliance.backupOnTime', '')],
      ],
    },
    ...(b.items.length
      ? [
          {
            kind: 'table' as const,
            head: ['made', 'erasedSince', 'keptUntil'].map((k) => w.word(`reports.compliance.backupColumns.${k}`, k)),
            rows: b.items.map((x) => [
              peopleDate(x.createdAt),
              x.erasedSince > 0 ? w.fill('reports.compliance.beyondUse', { count: count(x.erasedSince, language) }) : w.word('reports.compliance.noneErased', ''),
              x.keptUntil ? peopleDate(x.keptUntil) : '—',
            ]),
          },
        ]
      : []),
    { kind: 'paragraph', tone: 'muted', text: w.word('reports.compliance.beyondUseNote', '') },
  ];
}

export function complianceDoc(m: ComplianceModel, language: Language): ReportDoc {
  const w = exportWords(language);
  const c = m.controller;
  const blocks: ReportBlock[] = [
    {
      kind: 'facts',
      rows: [
        [w.word('ropa.controller', ''), `${c.name}, ${oneLine(c.address)}`],
        [w.word('ropa.email', ''), c.email],
        [w.word('ropa.dpo', ''), c.contactPerson ?? w.word('ropa.noDpo', '')],
        [w.word('ropa.authority', ''), c.authority.name],
      ],
    },
    ...issues(m, w, language),
    ...statisticsBlocks(m.statistics, w, language),
    { kind: 'heading', text: w.word('reports.compliance.exportsHeading', '') },
    m.exports.total
      ? {
          kind: 'table',
          head: [w.word('reports.compliance.exportKind', ''), w.word('reports.compliance.count', '')],
          rows: [
            ...m.exports.byAction.map((x) => [w.word(`audit.actions.${x.action.replace(/\./g, '_')}`, x.action), count(x.count, language)]),
            [w.word('reports.compliance.total', ''), count(m.exports.total, language)],
          ],
        }
      : { kind: 'paragraph', tone: 'muted', text: w.word('reports.compliance.noExports', '') },
    ...backups(m, w, language),
    { kind: 'heading', text: w.word('reports.compliance.staffHeading', '') },
    {
      kind: 'table',
      head: [w.word('reports.compliance.staffName', ''), w.word('reports.compliance.staffRole', ''), w.word('reports.compliance.staffSince', '')],
      rows: m.staff.map((s) => [s.name, w.word(`roles.${s.role}`, s.role), peopleDate(s.since)]),
    },
    { kind: 'heading', text: w.word('reports.compliance.policiesHeading', '') },
    {
      kind: 'table',
      head: ['version', 'language', 'effective', 'state'].map((k) => w.word(`reports.compliance.policyColumns.${k}`, k)),
      rows: m.policies.map((p) => [
        String(p.version),
        displayName(language, 'language', p.language) ?? p.language,
        peopleDate(p.effectiveDate),
        [p.current ? w.word('reports.compliance.current', '') : '', p.materialChange ? w.word('reports.compliance.material', '') : ''].filter(Boolean).join(', ') || '—',
      ]),
    },
    { kind: 'heading', text: w.word('ropa.processorsHeading', '') },
    {
      kind: 'table',
      head: ['name', 'country', 'safeguard', 'dpa'].map((k) => w.word(`ropa.columns.${k}`, k)),
      rows: m.processors.map((p) => [
        p.name,
        displayName(language, 'region', p.country) ?? w.word('ropa.countryUnknown', '?'),
        `${p.transferSafeguard ?? '—'}${p.citesPrivacyShield ? ` — ${w.word('ropa.privacyShieldInvalid', '')}` : ''}`,
        dpaWords(w, p, language),
      ]),
    },
  ];
  return {
    language,
    title: w.fill('reports.compliance.title', { controller: c.name }),
    subtitle: w.fill('reports.compliance.subtitle', { from: longDate(m.from, language), to: longDate(m.to, language) }),
    blocks,
    footer: w.fill('reports.compliance.footer', { date: longDate(m.day, language) }),
  };
}
