/**
 * The compliance report: a vault seeded through the contract on a moving clock (exports
 * before, inside and after the period, requests late and on time, people due under the
 * retention rules and one frozen, a backup and an erasure since), then every number of the
 * report's model recomputed here with SQL of the test's own, and the PDF read back.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { RegistreCore } from '../../db/core';
import { complianceModel } from '../../db/reports/compliance';
import { call, PASS, tempDir, TEST_KEY_STRETCHING } from '../helpers';

const PERIOD = { from: '2026-01-01', to: '2026-12-31' };
const TODAY = '2027-01-10';
/** Local noon of a day: far from midnight in any zone the tests run in. */
const at = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12);
};

async function seeded() {
  let clock = at('2025-12-15');
  const core = new RegistreCore({ vaultDir: join(tempDir(), 'vault'), allowFolderChange: false, keyStretching: TEST_KEY_STRETCHING, now: () => clock });
  await call(core, 'vault.create', { passphrase: PASS, staffName: 'Anna Admin' });
  // Months pass between the steps: the idle vault locks itself, so each step unlocks it again.
  const moveTo = async (day: string) => {
    clock = at(day);
    await call(core, 'vault.unlock', { passphrase: PASS });
  };
  await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: 'auditor passphrase number one' });
  const dir = tempDir();
  const exportContacts = (name: string) => call(core, 'exports.register', { table: 'contacts', format: 'csv', out: join(dir, name) });
  await exportContacts('before.csv');

  await moveTo('2026-03-10');
  const event = await call(core, 'events.add', { name: 'Inspectors meeting', startDate: '2015-05-04' });
  const due = await call(core, 'contacts.add', { fullName: 'Dora Due' });
  const frozen = await call(core, 'contacts.add', { fullName: 'Fritz Frozen' });
  const erased = await call(core, 'contacts.add', { fullName: 'Erik Erased' });
  for (const c of [due, frozen]) await call(core, 'participations.add', { contactId: c.id, eventId: event.id, role: 'participant' } as never);
  await exportContacts('march.csv');
  // Consents of people with no participation: a consent restarts the retention clock.
  const [reader, leaver] = [await call(core, 'contacts.add', { fullName: 'Rita Reader' }), await call(core, 'contacts.add', { fullName: 'Leo Leaver' })];
  await call(core, 'consents.record', { contactId: reader.id, purposeCode: 'newsletter', action: 'granted', channel: 'form', occurredOn: '2026-03-10' });
  await call(core, 'consents.record', { contactId: leaver.id, purposeCode: 'newsletter', action: 'granted', channel: 'form', occurredOn: '2026-03-10' });
  await call(core, 'consents.record', { contactId: leaver.id, purposeCode: 'newsletter', action: 'withdrawn', channel: 'email', occurredOn: '2026-03-10' });
  await call(core, 'exports.register', { table: 'processors', format: 'json', out: join(dir, 'processors.json') });
  await call(core, 'reports.ropa', { format: 'json', out: join(dir, 'ropa.json') });

  await moveTo('2026-10-01');
  await call(core, 'requests.add', { type: 'access', receivedOn: '2026-10-01', channel: 'email', contactId: frozen.id });
  await call(core, 'requests.add', { type: 'erasure', receivedOn: '2026-10-01', channel: 'email', requesterName: 'A test', isTest: true });
  const backups = join(tempDir(), 'backups');
  mkdirSync(backups);
  await call(core, 'settings.update', { backupFolder: backups });
  await call(core, 'backups.make', {});
  await call(core, 'contacts.erase', { contactId: erased.id, reason: 'asked to be forgotten' });

  await moveTo('2027-01-05');
  await call(core, 'requests.add', { type: 'rectification', receivedOn: '2027-01-05', channel: 'post', requesterName: 'On Time' });
  await exportContacts('after.csv');
  await moveTo(TODAY);
  return { core, dir };
}

describe('the compliance report', () => {
  it('every number of the model is the one the vault’s own rows give', async () => {
    const { core } = await seeded();
    const m = await complianceModel(core.context(), core.requireAuditKey(), PERIOD);
    const { db } = core.context();

    // Exports: audit events of the period's local days, counted here by action.
    const exports = await sql<{ action: string; n: number }>`
      SELECT action, COUNT(*) AS n FROM audit_events
      WHERE action IN ('export.subject', 'export.register', 'export.report', 'mailing_list.exported', 'photo_list.exported')
        AND at >= ${new Date(2026, 0, 1).toISOString()} AND at < ${new Date(2027, 0, 1).toISOString()}
      GROUP BY action ORDER BY action`.execute(db);
    expect(m.exports.byAction).toEqual(exports.rows.map((r) => ({ action: r.action, count: Number(r.n) })));
    expect(m.exports.byAction).toEqual([
      { action: 'export.register', count: 2 },
      { action: 'export.report', count: 1 },
    ]);
    expect(m.exports.total).toBe(3);

    // Requests: open ones past their deadline in force today, and those received in the period; test requests aside.
    const overdue = await sql<{ n: number }>`
      SELECT COUNT(*) AS n FROM rights_requests
      WHERE status NOT IN ('completed', 'refused') AND is_test = 0 AND COALESCE(extended_due_on, due_on) < ${TODAY}`.execute(db);
    expect(m.statistics.requests.overdueNow).toBe(Number(overdue.rows[0]!.n));
    expect(m.statistics.requests.overdueNow).toBe(1);
    const received = await sql<{ month: string; type: string; n: number }>`
      SELECT substr(received_on, 1, 7) AS month, type, COUNT(*) AS n FROM rights_requests
      WHERE is_test = 0 AND received_on BETWEEN ${PERIOD.from} AND ${PERIOD.to} GROUP BY month, type`.execute(db);
    expect(m.statistics.requests.received).toBe(received.rows.reduce((s, r) => s + Number(r.n), 0));
    for (const r of received.rows) expect(m.statistics.requests.perMonth.find((x) => x.month === r.month)!.byType[r.type as 'access']).toBe(Number(r.n));
    expect(received.rows).toEqual([{ month: '2026-10', type: 'access', n: 1 }]);

    // Consents per purpose: ledger events dated in the period.
    const consents = await sql<{ code: string; action: string; n: number }>`
      SELECT p.code, e.action, COUNT(*) AS n FROM consent_events e JOIN purposes p ON p.id = e.purpose_id
      WHERE substr(e.occurred_at, 1, 10) BETWEEN ${PERIOD.from} AND ${PERIOD.to} GROUP BY p.code, e.action`.execute(db);
    for (const c of consents.rows) expect(m.statistics.consents.find((x) => x.code === c.code)!.totals[c.action as 'granted']).toBe(Number(c.n));
    expect(m.statistics.consents.find((x) => x.code === 'newsletter')!.totals).toMatchObject({ granted: 2, withdrawn: 1 });

    // Erasures: the ledger's rows made in the period.
    const erased = await sql<{
      n: number;
    }>`SELECT COUNT(*) AS n FROM audit_events WHERE action = 'contact.erased' AND at >= ${new Date(2026, 0, 1).toISOString()} AND at < ${new Date(2027, 0, 1).toISOString()}`.execute(db);
    expect(m.statistics.erasures.totals.erased).toBe(Number(erased.rows[0]!.n));
    expect(m.statistics.erasures.totals.erased).toBe(1);

    // Retention, contact_activity: the last participation seven years or more ago; frozen while a request is open.
    const activity = await sql<{ id: string; open: number }>`
      SELECT c.id, EXISTS (SELECT 1 FROM rights_requests r WHERE r.contact_id = c.id AND r.status NOT IN ('completed', 'refused') AND r.is_test = 0) AS open
      FROM contacts c JOIN participations p ON p.contact_id = c.id JOIN events e ON e.id = p.event_id
      GROUP BY c.id HAVING MAX(e.start_date) <= date(${TODAY}, '-7 years')`.execute(db);
    const rule = m.openIssues.retention.find((r) => r.rule === 'contact_activity')!;
    expect(rule).toEqual({ rule: 'contact_activity', due: activity.rows.filter((r) => !r.open).length, frozen: activity.rows.filter((r) => r.open).length });
    expect(rule).toMatchObject({ due: 1, frozen: 1 });

    // The record of processing's gaps: the check's own list, and its agreement findings against the table.
    expect(m.openIssues.findings).toEqual(await call(core, 'reports.ropaCheck', {}));
    const noDpa = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM processors WHERE kind = 'processor' AND dpa_status <> 'signed'`.execute(db);
    expect(m.openIssues.findings.filter((f) => f.code === 'processor_no_dpa')).toHaveLength(Number(noDpa.rows[0]!.n));

    // Staff, policies, processors.
    const staff = await sql<{ name: string; role: string }>`SELECT name, role FROM staff WHERE removed_at IS NULL ORDER BY name`.execute(db);
    expect(m.staff.map(({ name, role }) => ({ name, role }))).toEqual(staff.rows);
    const policies = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM policy_versions`.execute(db);
    expect(m.policies).toHaveLength(Number(policies.rows[0]!.n));
    const shield = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM processors WHERE transfer_safeguard LIKE '%Privacy Shield%'`.execute(db);
    expect(m.processors.filter((p) => p.citesPrivacyShield)).toHaveLength(Number(shield.rows[0]!.n));

    // Backups: one, holding the one person erased after it (the ledger's rows since its manifest's count).
    const erasures = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM erasures`.execute(db);
    expect(m.backups.items).toHaveLength(1);
    expect(m.backups.items[0]!.erasedSince).toBe(Number(erasures.rows[0]!.n));
    expect(m.backups.items[0]!.erasedSince).toBe(1);
    expect(m.controller.name).toBe('IMPEL');
  });

  it('the PDF says it in French: the controller, a processor, the period and the counts', async () => {
    const { core, dir } = await seeded();
    const out = join(dir, 'conformite.pdf');
    const r = await call(core, 'reports.compliance', { ...PERIOD, language: 'fr', format: 'pdf', out });
    expect(r.outcome).toBe('written');
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('Rapport de conformité');
    expect(text).toContain('IMPEL');
    expect(text).toContain('Mailchimp');
    expect(text).toContain('Du 1 janvier 2026 au 31 décembre 2026');
    // Read in the cells' order (no -layout): the label, then its value.
    expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })).toMatch(/Demandes d’exercice des droits\s+en retard aujourd’hui\s+1\n/);
    expect(text).toContain('Olga Auditor');
    expect(text).toContain('Sauvegardes');
    if (process.env.REPORT_PNG) execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', out, join(process.env.REPORT_PNG, 'compliance-fr')]);
    const [event] = await call(core, 'audit.list', { limit: 1 });
    expect(event).toMatchObject({ action: 'export.report', entityId: 'compliance', fields: ['pdf'] });
  });

  it('the HTML in English loads nothing and names the exports of the period', async () => {
    const { core, dir } = await seeded();
    const out = join(dir, 'compliance.html');
    await call(core, 'reports.compliance', { ...PERIOD, language: 'en', format: 'html', out });
    const html = readFileSync(out, 'utf8');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toContain('Exports made in the period');
    expect(html).toContain('Exported a register');
  });
});
