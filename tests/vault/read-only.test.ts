/**
 * Read-only sessions (vault.openReadOnly): every method that could change something is
 * refused before it runs, for the vault and for a backup copy; views are logged (the
 * vault's in its audit log, a backup's in review-log.jsonl beside it); the backup's file
 * keeps every byte.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { REVIEW_LOG_FILE, verifyReviewLog, type ReviewEvent } from '../../db/audit/review-log';
import { openKeyed, type RawDb } from '../../db/vault/open-db';
import { decodeRecoveryKey } from '../../db/vault/recovery-key';
import { contract, methods, readOnlyRefusedMethods, type Method } from '../../shared/api/index';
import { latestSchemaVersion } from '../../db/migrations/index';
import { RegistreError } from '../../shared/errors';
import { makeTestBackup, rewriteManifest } from '../backup/make-test-backup';
import { call, callError, createdVault, PASS, tempDir } from '../helpers';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const hashes = (dir: string) => ['registre.db', 'registre.db-wal', 'registre.keys'].map((f) => (existsSync(join(dir, f)) ? sha(join(dir, f)) : null));

/** Calls every refused method straight into the core (the refusal comes before parsing matters) and returns what each answered. */
async function refusals(core: RegistreCore): Promise<Map<Method, unknown>> {
  const answers = new Map<Method, unknown>();
  for (const method of readOnlyRefusedMethods) {
    try {
      await core.call(method, {});
      answers.set(method, 'ran');
    } catch (e) {
      answers.set(method, e instanceof RegistreError ? `${e.code}/${String(e.detail?.reason)}` : `threw ${String(e)}`);
    }
  }
  return answers;
}

async function vaultWithBackup() {
  const { core, recoveryKey } = await createdVault();
  const lotte = await call(core, 'contacts.add', { fullName: 'Lotte Peeters' });
  await call(core, 'contacts.add', { fullName: 'Marc Durand' });
  const backup = await makeTestBackup(core, join(tempDir(), 'backups'));
  await call(core, 'vault.lock', {});
  return { core, recoveryKey, lotte, backup };
}

/** How to take the newest migration off a vault, to make a backup as the previous version wrote it. */
const UNDO_LATEST: Record<string, string[]> = {
  '0018_audit_indexes': ['DROP INDEX audit_events_staff', 'DROP INDEX audit_events_action', 'DROP INDEX audit_events_entity', 'DROP INDEX audit_events_at'],
  '0019_ropa_fields': ['ALTER TABLE processors DROP COLUMN dpa_signed_on', 'ALTER TABLE purposes DROP COLUMN data_subjects'],
  '0020_consent_granted_index': ['DROP INDEX consent_events_granted'],
  '0021_contact_email_cover': ['DROP INDEX contact_emails_contact', 'CREATE INDEX contact_emails_contact ON contact_emails(contact_id)'],
  '0022_audit_head_by_appender': [
    `CREATE TRIGGER audit_events_advance_head AFTER INSERT ON audit_events
      BEGIN INSERT INTO audit_head (id, seq, hash) VALUES (1, NEW.seq, NEW.hash) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash; END`,
  ],
};

/** Changes a backup's database as another version of Registre would have written it, its manifest made to match. */
function alterBackup(backup: string, recoveryKey: string, change: (raw: RawDb) => unknown): void {
  const raw = openKeyed(join(backup, 'registre.db'), decodeRecoveryKey(recoveryKey))!;
  change(raw);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.pragma('journal_mode = DELETE');
  raw.close();
  rewriteManifest(backup);
}

/** The working copies of reviewed backups now in the temporary folder. */
const reviewFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('registre-review-'));

const reviewLines = (folder: string): ReviewEvent[] =>
  readFileSync(join(folder, REVIEW_LOG_FILE), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ReviewEvent);

describe('read-only sessions', () => {
  it('refuses exactly the writes, admin methods and self methods that change something', () => {
    const refused = methods.filter((m) => readOnlyRefusedMethods.has(m));
    expect(refused).toContain('session.changePassphrase');
    expect(refused).toContain('contacts.add');
    expect(refused).toContain('vault.rekeyPrepare');
    expect(refused).not.toContain('vault.touch');
    expect(refused).not.toContain('exports.register');
    // Every method not refused is a read, a public or recovery step, or a self method that changes nothing.
    for (const m of methods.filter((x) => !readOnlyRefusedMethods.has(x))) {
      const e = contract[m] as { access: string; changesNothing?: true };
      expect(['read', 'public', 'recovering'].includes(e.access) || e.changesNothing, m).toBeTruthy();
    }
  });

  it('on the vault: every change is refused before it runs, and views go into its audit log', async () => {
    const { core } = await createdVault();
    const lotte = await call(core, 'contacts.add', { fullName: 'Lotte Peeters' });
    await call(core, 'vault.lock', {});
    const session = await call(core, 'vault.openReadOnly', { passphrase: PASS });
    expect(session.readOnly).toEqual({ source: 'vault', path: core.vaultDir });
    await call(core, 'contacts.get', { id: lotte.id });
    const headBefore = (await call(core, 'vault.info', {})).auditHead;
    const filesBefore = hashes(core.vaultDir);
    const answers = await refusals(core);
    expect([...answers].filter(([, a]) => a !== 'forbidden/read_only')).toEqual([]);
    expect(answers.size).toBeGreaterThan(50);
    expect(hashes(core.vaultDir)).toEqual(filesBefore);
    // vault.info is itself a view, logged once: the head moved by that one event only.
    const headAfter = (await call(core, 'vault.info', {})).auditHead!;
    expect(headAfter.seq).toBe(headBefore!.seq + 1);
    const message = (await callError(core, 'contacts.add', { fullName: 'X' })).message;
    expect(message).toBe('This vault is open read-only: nothing can be changed. Lock and unlock normally to make changes.');
    const history = await call(core, 'audit.list', { subjectId: lotte.id, limit: 5 });
    expect(history.map((e) => [e.action, e.entityType])).toContainEqual(['read_only.viewed', 'contacts.get']);
    expect((await call(core, 'audit.list', { limit: 20 })).map((e) => e.action)).toContain('session.opened_read_only');
    // The lock ends it: a normal unlock can change things again.
    await call(core, 'vault.lock', {});
    expect((await call(core, 'vault.unlock', { passphrase: PASS })).readOnly).toBeNull();
    await call(core, 'contacts.add', { fullName: 'Now allowed' });
  });

  it('on a backup copy: reads, searches and an export work, nothing is written into it, and the review log is chained', async () => {
    const { core, lotte, backup } = await vaultWithBackup();
    const dbBefore = sha(join(backup, 'registre.db'));
    const folderBefore = hashes(backup);
    const vaultHeadBefore = hashes(core.vaultDir);

    const session = await call(core, 'vault.openReadOnly', { folder: backup, passphrase: PASS });
    expect(session.readOnly).toMatchObject({ source: 'backup', path: backup });
    expect(session.readOnly?.takenAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(core.status()).toMatchObject({ state: 'unlocked', vaultDir: core.vaultDir });
    expect((await call(core, 'contacts.search', { query: 'lotte' })).items.map((c) => c.fullName)).toEqual(['Lotte Peeters']);
    expect((await call(core, 'contacts.get', { id: lotte.id })).fullName).toBe('Lotte Peeters');
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);
    const out = join(tempDir(), 'contacts.csv');
    const exported = await call(core, 'exports.register', { table: 'contacts', format: 'csv', out });
    expect(exported).toMatchObject({ outcome: 'written', rows: 2 });
    expect(readFileSync(out, 'utf8')).toContain('Marc Durand');
    const answers = await refusals(core);
    expect([...answers].filter(([, a]) => a !== 'forbidden/read_only')).toEqual([]);
    expect((await callError(core, 'contacts.add', { fullName: 'X' })).message).toMatch(/^This is a backup copy, open read-only: nothing can be changed/);
    await call(core, 'vault.lock', {});

    expect(sha(join(backup, 'registre.db'))).toBe(dbBefore);
    expect(hashes(backup)).toEqual(folderBefore);
    expect(existsSync(join(backup, 'registre.db-wal')) || existsSync(join(backup, 'registre.db-shm'))).toBe(false);
    expect(existsSync(join(backup, 'registre.exports'))).toBe(false);
    // The live vault was not touched either: not opened, no event.
    expect(hashes(core.vaultDir)).toEqual(vaultHeadBefore);
    expect(core.status()).toMatchObject({ state: 'locked', vaultDir: core.vaultDir, session: null });

    const lines = reviewLines(backup);
    expect(lines.map((l) => [l.action, l.method])).toEqual([
      ['session.opened_read_only', 'vault.openReadOnly'],
      ['read_only.viewed', 'contacts.search'],
      ['read_only.viewed', 'contacts.get'],
      ['read_only.viewed', 'audit.verify'],
      ['export.register', 'exports.register'],
    ]);
    expect(lines[2]).toMatchObject({ seq: 3, staff: { name: 'Anna Admin' }, entityType: 'contacts.get', subjectId: lotte.id });
    // Chained with the backup's audit key: intact, and a changed line shows.
    const key = await auditKeyOf(core);
    expect(verifyReviewLog(join(backup, REVIEW_LOG_FILE), key)).toMatchObject({ intact: true, events: 5 });
    const text = readFileSync(join(backup, REVIEW_LOG_FILE), 'utf8');
    writeFileSync(join(backup, REVIEW_LOG_FILE), text.replace('"contacts.get"', '"contacts.list"'));
    expect(verifyReviewLog(join(backup, REVIEW_LOG_FILE), key)).toMatchObject({ intact: false, firstBroken: 3 });
    expect(await callError(core, 'vault.openReadOnly', { folder: backup, passphrase: PASS })).toMatchObject({ code: 'conflict' });
    expect(core.status().state).toBe('locked');
  });

  it('a second session carries the review log on, and a log that can no longer be written stops the views', async () => {
    const { core, backup } = await vaultWithBackup();
    await call(core, 'vault.openReadOnly', { folder: backup, passphrase: PASS });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.openReadOnly', { folder: backup, passphrase: PASS });
    await call(core, 'staff.list', {});
    expect(reviewLines(backup).map((l) => l.seq)).toEqual([1, 2, 3]);
    // The log's place is taken by a folder: the next view cannot be logged, so it is refused.
    rmSync(join(backup, REVIEW_LOG_FILE));
    mkdirSync(join(backup, REVIEW_LOG_FILE));
    const refused = await dispatchError(core, 'staff.list');
    expect(refused).toMatchObject({ code: 'forbidden', detail: { reason: 'review_log_unwritable' } });
    await call(core, 'vault.lock', {});
    expect(await dispatchError(core, 'vault.openReadOnly', { folder: backup, passphrase: PASS })).toMatchObject({ detail: { reason: 'review_log_unwritable' } });
  });

  it('refuses a wrong passphrase and a folder that is no backup, leaving the vault locked', async () => {
    const { core, backup } = await vaultWithBackup();
    expect(await dispatchError(core, 'vault.openReadOnly', { folder: backup, passphrase: 'not the passphrase' })).toMatchObject({ detail: { reason: 'backup_wrong_key' } });
    expect(await dispatchError(core, 'vault.openReadOnly', { folder: tempDir(), passphrase: PASS })).toMatchObject({ detail: { reason: 'backup_not_backup' } });
    expect(core.status().state).toBe('locked');
    expect(existsSync(join(backup, REVIEW_LOG_FILE))).toBe(false);
  });

  it('reviews a backup made by an earlier version through an updated working copy, leaving the backup as it was', async () => {
    const { core, recoveryKey, lotte, backup } = await vaultWithBackup();
    // The backup as the previous version wrote it: without the newest migration and what it made.
    const undo = UNDO_LATEST[latestSchemaVersion];
    expect(undo, `say in UNDO_LATEST how to take ${latestSchemaVersion} off a vault`).toBeDefined();
    alterBackup(backup, recoveryKey, (raw) => {
      raw.prepare('DELETE FROM kysely_migration WHERE name = ?').run(latestSchemaVersion);
      for (const statement of undo!) raw.exec(statement);
    });
    const before = hashes(backup);
    const tempsBefore = reviewFolders();

    const session = await call(core, 'vault.openReadOnly', { folder: backup, passphrase: PASS });
    expect(session.readOnly).toMatchObject({ source: 'backup', path: backup });
    // The working copy answers with this version's queries, and what it holds is the backup's.
    const history = await call(core, 'audit.list', { subjectId: lotte.id });
    expect(history.map((e) => e.action)).toContain('contact.created');
    expect((await call(core, 'contacts.search', { query: 'Peeters' })).items.map((c) => c.id)).toEqual([lotte.id]);
    expect((await callError(core, 'contacts.add', { fullName: 'New' })).code).toBe('forbidden');
    expect(reviewFolders().length).toBe(tempsBefore.length + 1);
    await call(core, 'vault.lock', {});

    expect(hashes(backup)).toEqual(before);
    expect(reviewLines(backup).map((l) => [l.action, l.method])).toEqual([
      ['session.opened_read_only', 'vault.openReadOnly'],
      ['read_only.viewed', 'audit.list'],
      ['read_only.viewed', 'contacts.search'],
    ]);
    expect(verifyReviewLog(join(backup, REVIEW_LOG_FILE), await auditKeyOf(core)).intact).toBe(true);
    // The working copy is gone once the review ends.
    expect(reviewFolders()).toEqual(tempsBefore);
  });

  it('refuses a backup made by a newer version, changing nothing and leaving no working copy', async () => {
    const { core, recoveryKey, backup } = await vaultWithBackup();
    alterBackup(backup, recoveryKey, (raw) => raw.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('9999_from_the_future', new Date().toISOString()));
    const before = hashes(backup);
    const tempsBefore = reviewFolders();
    const refused = await dispatchError(core, 'vault.openReadOnly', { folder: backup, passphrase: PASS });
    expect(refused).toMatchObject({ detail: { reason: 'backup_newer_schema' } });
    expect(hashes(backup)).toEqual(before);
    expect(reviewFolders()).toEqual(tempsBefore);
    expect(existsSync(join(backup, REVIEW_LOG_FILE))).toBe(false);
    expect(core.status().state).toBe('locked');
  });
});

async function dispatchError(core: RegistreCore, method: Method, input: unknown = {}) {
  const { dispatch } = await import('../../db/dispatch');
  const r = await dispatch(core, method, input, () => {});
  if (r.ok) throw new Error(`${method} succeeded but an error was expected`);
  return r.error;
}

/** The backup's audit key is the vault's (a backup is a copy): read from the unlocked vault. */
async function auditKeyOf(core: RegistreCore): Promise<Buffer> {
  await call(core, 'vault.unlock', { passphrase: PASS });
  const key = Buffer.from(core.requireAuditKey());
  await call(core, 'vault.lock', {});
  return key;
}
