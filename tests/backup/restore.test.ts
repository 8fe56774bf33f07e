/**
 * Restoring a backup (issue 15): erasures made since the backup are carried out again,
 * with no page or WAL frame of the restored file holding the erased person's markers; a
 * backup that is damaged, cut short, of another vault, under another key or of a newer
 * schema is refused and the vault's files stay byte for byte as they were.
 */
import { cpSync, existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { erasurePseudonym } from '../../db/erasure/erase';
import { decodeRecoveryKey } from '../../db/vault/recovery-key';
import { call, callError, createdVault, newCore, PASS, tempDir } from '../helpers';
import { personMarkers, seedPerson } from '../contacts/erasure-seed';
import { decryptVaultPages, findInPages } from '../vault/sqlcipher-pages';
import { hashes, openRaw } from '../vault/vault-files';
import { makeTestBackup, rewriteManifest } from './make-test-backup';

const VAULT_FILES = ['registre.db', 'registre.keys', 'registre.erasures'];

async function vaultWithBackup(): Promise<{ core: RegistreCore; recoveryKey: string; backup: string }> {
  const { core, recoveryKey } = await createdVault();
  await call(core, 'contacts.add', { fullName: 'Bea Kept' });
  const backup = await makeTestBackup(core, tempDir('registre-backups-'));
  await core.lock();
  return { core, recoveryKey, backup };
}

async function expectRefused(core: RegistreCore, folder: string, reason: string, message: RegExp, passphrase = PASS): Promise<void> {
  const before = hashes(core.vaultDir, VAULT_FILES);
  const error = await callError(core, 'vault.restore', { folder, passphrase });
  expect((error as { detail?: { reason?: string } }).detail?.reason).toBe(reason);
  expect(error.message).toMatch(message);
  expect(hashes(core.vaultDir, VAULT_FILES)).toEqual(before);
  expect(existsSync(join(core.vaultDir, 'registre.restore'))).toBe(false);
  expect(existsSync(join(core.vaultDir, 'registre.restore.json'))).toBe(false);
}

describe('restoring a backup', () => {
  it('erases again the person erased since the backup: gone from every page, the report names the erasure, the others intact', async () => {
    const { core, recoveryKey } = await createdVault();
    const key = decodeRecoveryKey(recoveryKey);
    const oldEvent = await call(core, 'events.add', { name: 'Workshop 2012', startDate: '2012-03-01' });
    const a = personMarkers('ZQR5A');
    const b = personMarkers('ZQR5B');
    const aId = await seedPerson(core, a, oldEvent.id, true);
    const bId = await seedPerson(core, b, oldEvent.id, true);
    const backup = await makeTestBackup(core, tempDir('registre-backups-'));
    // Control: the backup itself holds A (but the name A had before the rename, which VACUUM INTO does not copy), so the scan below can fail.
    const live = a.needles.filter((n) => n !== a.oldName.needle);
    expect([...findInPages(decryptVaultPages(join(backup, 'registre.db'), key), live)].sort()).toEqual([...live].sort());

    const erased = await call(core, 'contacts.erase', { contactId: aId, reason: 'Asked to be forgotten' });
    await core.lock();
    const report = await call(core, 'vault.restore', { folder: backup, passphrase: PASS });

    expect(report.backup).toBe(backup.split('/').at(-1));
    expect(report.reapplied).toEqual([{ erasure: erased.erasureId, on: erased.erasedOn, kind: 'erased' }]);
    expect(report.integrity.ok).toBe(true);
    // The backup had the full check; its copy, written since by the erasure alone, the structural one.
    expect(report.integrity.checks.map((c) => c.name)).toEqual(['cipher_integrity_check', 'quick_check', 'foreign_key_check', 'audit_chain', 'orphans', 'erased_absent']);
    expect(existsSync(join(core.vaultDir, report.keptAsideAs.db))).toBe(true);
    expect(existsSync(join(core.vaultDir, report.keptAsideAs.keys))).toBe(true);
    expect(existsSync(join(core.vaultDir, 'registre.restore'))).toBe(false);
    expect(existsSync(join(core.vaultDir, 'registre.restore.json'))).toBe(false);

    const pages = decryptVaultPages(join(core.vaultDir, 'registre.db'), key);
    expect([...findInPages(pages, a.needles)]).toEqual([]);
    const liveB = b.needles.filter((n) => n !== b.oldName.needle);
    expect([...findInPages(pages, liveB)].sort()).toEqual([...liveB].sort());

    await call(core, 'vault.unlock', { passphrase: PASS });
    expect((await callError(core, 'contacts.get', { id: aId })).code).toBe('not_found');
    expect((await call(core, 'contacts.get', { id: bId })).id).toBe(bId);
    const ledger = await core.context().db.selectFrom('erasures').select(['id', 'reason']).execute();
    expect(ledger).toEqual([{ id: erasurePseudonym(core.requireAuditKey(), aId), reason: 'Re-applied after restoring a backup' }]);
    const events = await call(core, 'audit.list', { limit: 5 });
    expect(events.map((e) => e.action)).toContain('vault.restored');
    expect((await call(core, 'vault.integrity', {})).ok).toBe(true);
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);
  });

  it('re-applies an erasure the vault file knows though the ledger beside it lost it', async () => {
    const { core } = await createdVault();
    const c = await call(core, 'contacts.add', { fullName: 'Carl Gone' });
    const backup = await makeTestBackup(core, tempDir('registre-backups-'));
    const erased = await call(core, 'contacts.erase', { contactId: c.id, reason: 'Asked to be forgotten' });
    await core.lock();
    writeFileSync(join(core.vaultDir, 'registre.erasures'), '');
    const report = await call(core, 'vault.restore', { folder: backup, passphrase: PASS });
    expect(report.reapplied.map((r) => r.erasure)).toEqual([erased.erasureId]);
  });

  it('anonymises again the person anonymised since the backup, and erases the one erased after being anonymised', async () => {
    const { core } = await createdVault();
    const org = await call(core, 'organisations.add', { name: 'Bruxelles Environnement', type: 'governmental_agency', country: 'BE' });
    const anna = await call(core, 'contacts.add', { fullName: 'Anna Anonymised', email: 'anna@example.org', organisationId: org.id, country: 'BE' });
    const eric = await call(core, 'contacts.add', { fullName: 'Eric Erased', email: 'eric@example.org' });
    const backup = await makeTestBackup(core, tempDir('registre-backups-'));
    await call(core, 'contacts.anonymise', { contactId: anna.id, reason: 'Retention period over' });
    await call(core, 'contacts.anonymise', { contactId: eric.id, reason: 'Retention period over' });
    await call(core, 'contacts.erase', { contactId: eric.id, reason: 'Asked to be forgotten' });
    await core.lock();
    const report = await call(core, 'vault.restore', { folder: backup, passphrase: PASS });
    expect(report.reapplied.map((r) => r.kind).sort()).toEqual(['anonymised', 'erased']);
    await call(core, 'vault.unlock', { passphrase: PASS });
    const kept = await call(core, 'contacts.get', { id: anna.id });
    expect(kept.fullName).toMatch(/^Anonymised contact \d+$/);
    expect(kept.emails).toEqual([]);
    expect([kept.organisation?.id, kept.country]).toEqual([org.id, 'BE']);
    expect((await callError(core, 'contacts.get', { id: eric.id })).code).toBe('not_found');
  });

  it('erases again the category of details erased since the backup, and keeps those added after a category erasure the backup already has', async () => {
    const { core, recoveryKey } = await createdVault();
    const key = decodeRecoveryKey(recoveryKey);
    const passport = `ZQR7P${Date.now()}`;
    const iban = 'BE68539007547034';
    const ana = await call(core, 'contacts.add', { fullName: 'Ana Travel' });
    await call(core, 'sensitive.add', { contactId: ana.id, reason: 'travel booking', identity: { document: 'passport', number: passport } });
    await call(core, 'sensitive.add', { contactId: ana.id, reason: 'reimbursement', bank: { iban } });
    const ben = await call(core, 'contacts.add', { fullName: 'Ben Before' });
    await call(core, 'sensitive.add', { contactId: ben.id, reason: 'old trip', identity: { document: 'passport', number: 'P0000001' } });
    await call(core, 'contacts.eraseCategory', { contactId: ben.id, category: 'identity', reason: 'Trip over' });
    // Ben's new passport came after his erasure, which the backup holds: it stays.
    await call(core, 'sensitive.add', { contactId: ben.id, reason: 'new trip', identity: { document: 'passport', number: 'P0000002' } });
    const backup = await makeTestBackup(core, tempDir('registre-backups-'));
    await call(core, 'contacts.eraseCategory', { contactId: ana.id, category: 'identity', reason: 'Trip over' });
    await core.lock();

    const report = await call(core, 'vault.restore', { folder: backup, passphrase: PASS });
    expect([...findInPages(decryptVaultPages(join(core.vaultDir, 'registre.db'), key), [passport])]).toEqual([]);
    await call(core, 'vault.unlock', { passphrase: PASS });
    expect(report.reapplied).toEqual([{ erasure: erasurePseudonym(core.requireAuditKey(), ana.id), on: expect.any(String), kind: 'category', category: 'identity' }]);
    expect((await call(core, 'sensitive.list', { contactId: ana.id })).map((x) => x.category)).toEqual(['bank']);
    expect((await call(core, 'sensitive.list', { contactId: ben.id })).map((x) => x.category)).toEqual(['identity']);
  });

  it('erases again a category erased since the backup even when the passphrase changed since (the data key is the same)', async () => {
    const { core } = await createdVault();
    const ana = await call(core, 'contacts.add', { fullName: 'Ana Travel' });
    await call(core, 'sensitive.add', { contactId: ana.id, reason: 'travel booking', identity: { document: 'passport', number: 'P7654321' } });
    const backup = await makeTestBackup(core, tempDir('registre-backups-'));
    const next = 'a brand new passphrase for spring';
    await call(core, 'session.changePassphrase', { current: PASS, next });
    await call(core, 'contacts.eraseCategory', { contactId: ana.id, category: 'identity', reason: 'Trip over' });
    await core.lock();
    // The backup's own key file knows the old passphrase only.
    const report = await call(core, 'vault.restore', { folder: backup, passphrase: PASS });
    expect(report.reapplied.map((r) => [r.kind, r.category])).toEqual([['category', 'identity']]);
    await call(core, 'vault.unlock', { passphrase: PASS });
    expect(await call(core, 'sensitive.list', { contactId: ana.id })).toEqual([]);
  });

  it('keeps in the restored ledger the erasure of someone the backup never held', async () => {
    const { core } = await createdVault();
    const backup = await makeTestBackup(core, tempDir('registre-backups-'));
    const yan = await call(core, 'contacts.add', { fullName: 'Yan After' });
    const erased = await call(core, 'contacts.erase', { contactId: yan.id, reason: 'Asked to be forgotten' });
    await core.lock();
    const report = await call(core, 'vault.restore', { folder: backup, passphrase: PASS });
    expect(report.reapplied).toEqual([]);
    await call(core, 'vault.unlock', { passphrase: PASS });
    expect(await core.context().db.selectFrom('erasures').select(['id', 'kind']).execute()).toEqual([{ id: erased.erasureId, kind: 'erased' }]);
    expect((await call(core, 'vault.integrity', {})).ok).toBe(true);
  });

  it('waits for the vault to be locked', async () => {
    const { core } = await createdVault();
    const backup = await makeTestBackup(core, tempDir('registre-backups-'));
    const error = await callError(core, 'vault.restore', { folder: backup, passphrase: PASS });
    expect((error as { detail?: { reason?: string } }).detail?.reason).toBe('restore_vault_open');
  });

  it('refuses a damaged backup (bytes changed in the middle of registre.db)', async () => {
    const { core, backup } = await vaultWithBackup();
    const db = readFileSync(join(backup, 'registre.db'));
    db[Math.floor(db.length / 2)]! ^= 0xff;
    writeFileSync(join(backup, 'registre.db'), db);
    await expectRefused(core, backup, 'backup_damaged', /registre\.db is damaged/);
  });

  it('refuses a damaged backup whose manifest was rewritten to match: the page HMACs catch it', async () => {
    const { core, backup } = await vaultWithBackup();
    const db = readFileSync(join(backup, 'registre.db'));
    db[4096 + 200]! ^= 0xff;
    writeFileSync(join(backup, 'registre.db'), db);
    rewriteManifest(backup);
    await expectRefused(core, backup, 'backup_damaged', /integrity checks \(cipher_integrity_check/);
  });

  it('refuses a truncated registre.db', async () => {
    const { core, backup } = await vaultWithBackup();
    truncateSync(join(backup, 'registre.db'), 4096);
    await expectRefused(core, backup, 'backup_truncated', /cut short/);
  });

  it('refuses a manifest with a wrong hash', async () => {
    const { core, backup } = await vaultWithBackup();
    rewriteManifest(backup, (m) => ({ ...m, files: { ...m.files, 'registre.keys': { ...m.files['registre.keys'], sha256: '0'.repeat(64) } } }));
    await expectRefused(core, backup, 'backup_damaged', /registre\.keys is damaged/);
  });

  it('refuses a backup of another vault', async () => {
    const { core } = await vaultWithBackup();
    const other = await createdVault();
    const backup = await makeTestBackup(other.core, tempDir('registre-backups-'));
    await expectRefused(core, backup, 'backup_other_vault', /another vault/);
  });

  it('refuses a backup under another key: a database its key file does not open, or a passphrase its key file does not know', async () => {
    const { core, backup } = await vaultWithBackup();
    // Another vault's database under this vault's key file and manifest.
    const other = await createdVault();
    const foreign = await makeTestBackup(other.core, tempDir('registre-backups-'));
    const mixed = join(tempDir('registre-backups-'), 'registre-backup-20200101-000000Z');
    cpSync(backup, mixed, { recursive: true });
    cpSync(join(foreign, 'registre.db'), join(mixed, 'registre.db'));
    rewriteManifest(mixed);
    await expectRefused(core, mixed, 'backup_wrong_key', /does not open/);
    await expectRefused(core, backup, 'backup_wrong_key', /passphrase does not open/, 'another passphrase entirely');
  });

  it('refuses a backup of a newer schema, and a folder that is no backup', async () => {
    const { core, backup } = await vaultWithBackup();
    rewriteManifest(backup, (m) => ({ ...m, schemaVersion: '9999_future' }));
    await expectRefused(core, backup, 'backup_newer_schema', /newer version/);
    await expectRefused(core, tempDir('registre-empty-'), 'backup_not_backup', /not a Registre backup/);
  });
});

describe('the integrity check', () => {
  it('passes a clean vault and names the audit chain when an event was altered', async () => {
    const { core, recoveryKey } = await createdVault();
    await call(core, 'contacts.add', { fullName: 'Dora Checked' });
    const clean = await call(core, 'vault.integrity', {});
    expect(clean.ok).toBe(true);
    expect(clean.checks.map((c) => c.name)).toEqual(['cipher_integrity_check', 'integrity_check', 'foreign_key_check', 'audit_chain', 'orphans', 'erased_absent']);
    expect(clean.checks.find((c) => c.name === 'orphans')?.checked).toEqual(['contact_search', 'ledger_permits']);
    // The larger page cache the check takes is given back.
    expect(core.context().vault.raw.pragma('cache_size', { simple: true })).toBe(-65536);
    await core.lock();
    const raw = openRaw(core.vaultDir, recoveryKey);
    raw.exec('DROP TRIGGER audit_events_no_update');
    raw.prepare(`UPDATE audit_events SET fields = '["x"]' WHERE seq = 2`).run();
    raw.close();
    const again = newCore(core.vaultDir);
    await call(again, 'vault.unlock', { passphrase: PASS });
    const tampered = await call(again, 'vault.integrity', {});
    expect(tampered.ok).toBe(false);
    expect(tampered.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['audit_chain']);
    expect(tampered.checks.find((c) => c.name === 'audit_chain')?.problems).toEqual([expect.stringMatching(/^event 2: /)]);
  });
});
