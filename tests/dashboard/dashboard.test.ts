/**
 * The home dashboard against real vaults with a fixed clock (issue 16): each item appears
 * exactly when its condition holds and goes when it is fixed where it is fixed; a vault
 * with nothing owed is all clear.
 */
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import type { DashboardDto } from '../../shared/dto/dashboard';
import { join } from 'node:path';
import { call, callError, PASS, storedAuditEvents, tempDir } from '../helpers';
import { vaultOn } from '../retention/vault-on';

const TODAY = '2031-06-15';

/** What a fresh vault owes out of the box, put right: a backup made, the Privacy Shield no longer cited. */
async function putRight(core: RegistreCore): Promise<void> {
  await call(core, 'settings.update', { backupFolder: tempDir('registre-dash-backups-') });
  await call(core, 'backups.make', {});
  await call(core, 'policies.add', { version: 2, language: 'fr', effectiveDate: '2031-01-01', text: 'Les transferts reposent sur des clauses contractuelles types.' });
  for (const p of (await call(core, 'processors.list', {})).processors.filter((x) => x.citesPrivacyShield)) {
    await call(core, 'processors.update', { id: p.id, transferSafeguard: 'Standard contractual clauses (2021)' });
  }
}

const ALL_CLEAR: Omit<DashboardDto, 'today'> = {
  requests: { overdue: { count: 0, top: [] }, dueSoon: { count: 0, top: [] } },
  retentionDue: [],
  backupOverdue: null,
  reconsent: null,
  minors: 0,
  noBasis: 0,
  privacyShield: { policies: 0, processors: 0 },
  takedownsOwed: 0,
};

async function clearVault() {
  const v = await vaultOn(TODAY);
  await putRight(v.core);
  return { ...v, dash: () => call(v.core, 'dashboard.get', {}) };
}

describe('dashboard.get', () => {
  it('says what a fresh vault owes (no backup folder, the Privacy Shield cited), and all clear once put right', async () => {
    const { core } = await vaultOn(TODAY);
    const fresh = await call(core, 'dashboard.get', {});
    expect(fresh.backupOverdue).toBe('no_folder');
    expect(fresh.privacyShield.policies).toBe(1);
    expect(fresh.privacyShield.processors).toBeGreaterThan(0);
    await putRight(core);
    expect(await call(core, 'dashboard.get', {})).toEqual({ today: TODAY, ...ALL_CLEAR });
  });

  it('counts overdue and due-soon requests, names the soonest, and forgets them once closed', async () => {
    const { core, dash } = await clearVault();
    const c = await call(core, 'contacts.add', { fullName: 'Olga Overdue' });
    const late = await call(core, 'requests.add', { type: 'access', receivedOn: '2031-05-02', channel: 'email', contactId: c.id });
    const soon = await call(core, 'requests.add', { type: 'erasure', receivedOn: '2031-05-19', channel: 'email', requesterName: 'Sam Soon' });
    await call(core, 'requests.add', { type: 'access', receivedOn: '2031-05-19', channel: 'email', requesterName: 'A test', isTest: true });
    // Due in a month: neither overdue nor soon.
    await call(core, 'requests.add', { type: 'access', receivedOn: '2031-06-14', channel: 'email', requesterName: 'Later' });

    const d = await dash();
    expect(d.requests.overdue).toEqual({ count: 1, top: [{ id: late.id, type: 'access', name: 'Olga Overdue', dueDate: late.dueDate, daysLeft: expect.any(Number) }] });
    expect(d.requests.overdue.top[0]!.daysLeft).toBeLessThan(0);
    expect(d.requests.dueSoon).toEqual({ count: 1, top: [{ id: soon.id, type: 'erasure', name: 'Sam Soon', dueDate: soon.dueDate, daysLeft: expect.any(Number) }] });

    await call(core, 'requests.close', { id: late.id, outcome: 'refused', refusalReason: 'manifestly_unfounded', text: 'Not about our data.' });
    expect((await dash()).requests.overdue).toEqual({ count: 0, top: [] });
    await call(core, 'requests.close', { id: soon.id, outcome: 'refused', refusalReason: 'manifestly_unfounded', text: 'Not about our data.' });
    expect((await dash()).requests).toEqual(ALL_CLEAR.requests);
  });

  it('counts who is due under each retention rule today, never the frozen, and counts again when the day or the register changes', async () => {
    const { core, person, dash, moveTo } = await clearVault();
    const old = await person('Long Gone', '2024-01-10');
    await person('Nearly due', '2024-06-20');
    await person('Recent', '2030-01-01');
    expect((await dash()).retentionDue).toEqual([{ rule: 'contact_activity', count: 1 }]);
    await call(core, 'legalHolds.set', { contactId: old, reason: 'Grant audit', until: '2031-12-31' });
    expect((await dash()).retentionDue).toEqual([]);
    await moveTo('2031-06-20');
    expect((await dash()).retentionDue).toEqual([{ rule: 'contact_activity', count: 1 }]);
  });

  it('keeps its register-wide counts through looks (an export, a reveal), and counts again at the first change', async () => {
    const { core, person, dash } = await clearVault();
    const old = await person('Long Gone', '2024-01-10');
    const bank = await call(core, 'sensitive.add', { contactId: old, reason: 'Reimbursement', bank: { iban: 'BE71096123456769', lastPaidOn: '2031-06-01' } });
    expect((await dash()).retentionDue).toEqual([{ rule: 'contact_activity', count: 1 }]);
    // Moved behind the core's back (no audit event), so only a recount can see it.
    core.context().vault.raw.prepare(`UPDATE participations SET participated_on = '2031-06-01' WHERE contact_id = ?`).run(old);
    await call(core, 'exports.register', { table: 'contacts', format: 'csv', out: join(tempDir(), 'contacts.csv') } as never);
    await call(core, 'sensitive.reveal', { id: bank.id });
    expect((await storedAuditEvents(core, 2)).map((e) => (e as { action: string }).action)).toEqual(['sensitive.revealed', 'export.register']);
    expect((await dash()).retentionDue).toEqual([{ rule: 'contact_activity', count: 1 }]);
    // Any change, even one that cannot move a count, has it counted again.
    await call(core, 'organisations.add', { name: 'Unrelated agency', type: 'other' });
    expect((await dash()).retentionDue).toEqual([]);
  });

  it('flags an under-age contact until the record goes', async () => {
    const { core, person, dash } = await clearVault();
    const child = await person('Young One');
    await call(core, 'sensitive.add', { contactId: child, reason: 'Youth event', identity: { dateOfBirth: '2020-03-01' } });
    const d = await dash();
    expect(d.minors).toBe(1);
    expect(d.retentionDue).toEqual([{ rule: 'minor', count: 1 }]);
    await call(core, 'contacts.erase', { contactId: child, reason: 'Under age, no parental consent' });
    expect(await dash()).toMatchObject({ minors: 0, retentionDue: [] });
  });

  it('counts people left with no lawful basis until one is found', async () => {
    const { core, person, dash } = await clearVault();
    const who = await person('No Basis');
    const li = (await call(core, 'purposes.list', {})).filter((p) => p.lawfulBasis === 'legitimate_interest');
    expect(li.length).toBeGreaterThan(0);
    for (const p of li) await call(core, 'consents.record', { contactId: who, purposeCode: p.code, action: 'objected', channel: 'email', occurredOn: '2031-06-01' });
    expect((await dash()).noBasis).toBe(1);
    await call(core, 'consents.record', { contactId: who, purposeCode: 'newsletter', action: 'granted', channel: 'form', occurredOn: '2031-06-10' });
    expect((await dash()).noBasis).toBe(0);
  });

  it('counts consents that predate the newest material policy change until given again', async () => {
    const { core, person, dash } = await clearVault();
    const reader = await person('Reader');
    await call(core, 'consents.record', { contactId: reader, purposeCode: 'newsletter', action: 'granted', channel: 'form', occurredOn: '2031-02-01' });
    expect((await dash()).reconsent).toBeNull();
    const v3 = await call(core, 'policies.add', { version: 3, language: 'fr', effectiveDate: '2031-06-01', text: 'Nouvelle finalité.', materialChange: true });
    expect((await dash()).reconsent).toEqual({ policyVersionId: v3.id, version: 3, language: 'fr', effectiveDate: '2031-06-01', count: 1 });
    await call(core, 'consents.record', { contactId: reader, purposeCode: 'newsletter', action: 'granted', channel: 'form', occurredOn: '2031-06-10' });
    expect((await dash()).reconsent?.count).toBe(0);
  });

  it('counts photo takedowns owed until marked done', async () => {
    const { core, person, dash } = await clearVault();
    const shy = await person('Camera Shy');
    const ev = await call(core, 'events.add', { name: 'Forum', startDate: '2031-05-01' });
    await call(core, 'participations.add', { contactId: shy, eventId: ev.id });
    const pub = await call(core, 'photos.publish', { eventId: ev.id, location: 'https://example.org/forum', publishedOn: '2031-05-10' });
    expect((await dash()).takedownsOwed).toBe(0);
    await call(core, 'photos.setPreference', { contactId: shy, state: 'opted_out', channel: 'email', decidedOn: '2031-06-01' });
    expect((await dash()).takedownsOwed).toBe(1);
    await call(core, 'photos.markTakenDown', { contactId: shy, publicationId: pub.id });
    expect((await dash()).takedownsOwed).toBe(0);
  });

  it('says a backup is late once the interval has passed', async () => {
    const { core, moveTo, dash } = await clearVault();
    const { backupEveryDays } = await call(core, 'settings.get', {});
    await moveTo('2031-07-30');
    expect(backupEveryDays).toBeLessThan(45);
    expect((await dash()).backupOverdue).toBe('late');
    await call(core, 'backups.make', {});
    expect((await dash()).backupOverdue).toBeNull();
  });

  it('answers an auditor too, and no one while locked', async () => {
    const { core } = await clearVault();
    await call(core, 'staff.add', { name: 'Aude Auditor', role: 'auditor', passphrase: 'auditor passphrase 42' });
    await core.lock();
    expect((await callError(core, 'dashboard.get', {})).code).toBe('locked');
    await call(core, 'vault.unlock', { passphrase: 'auditor passphrase 42' });
    expect((await call(core, 'dashboard.get', {})).backupOverdue).toBeNull();
    await core.lock();
    await call(core, 'vault.unlock', { passphrase: PASS });
  });
});
