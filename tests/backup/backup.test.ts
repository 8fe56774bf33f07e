/**
 * Backups (issue 15, DESIGN §4): a real vault copied with its key file into a folder of its
 * own, opened from outside with the data key, rotated to the newest M, listed with the
 * erased people each still holds, and refused where it may not go with nothing changed.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '../../db/backup/list';
import { RegistreCore } from '../../db/core';
import type { BackupManifest } from '../../shared/dto/backup';
import { decodeRecoveryKey } from '../../db/vault/recovery-key';
import { call, callError, PASS, TEST_KEY_STRETCHING, tempDir } from '../helpers';
import { apiError, openRaw } from '../vault/vault-files';

const DAY = 86_400_000;
const cores: RegistreCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.lock();
});

/** A vault whose clock the test moves, and a backups folder beside it. */
async function setup(opts: { scheduledBackups?: boolean } = {}) {
  const root = tempDir('registre-backup-');
  const clock = {
    now: Date.parse('2026-03-02T09:15:30.000Z'),
    /** Moves the time on; the person was busy meanwhile, so auto-lock does not close the vault. */
    advance(ms: number) {
      clock.now += ms;
      core.touch();
    },
  };
  const core = new RegistreCore({ vaultDir: join(root, 'vault'), allowFolderChange: false, keyStretching: TEST_KEY_STRETCHING, now: () => new Date(clock.now), ...opts });
  cores.push(core);
  const { recoveryKey } = await call(core, 'vault.create', { passphrase: PASS, staffName: 'Anna Admin' });
  const folder = join(root, 'backups');
  mkdirSync(folder);
  return { root, core, clock, folder, recoveryKey, vaultDir: join(root, 'vault') };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const auditActions = async (core: RegistreCore) => (await call(core, 'audit.list', { limit: 500 })).map((e) => e.action);

/** Opens a backup's database read-only, from outside Registre, with the cipher settings and the data key. */
function openBackupDb(path: string, recoveryKey: string) {
  const db = new Database(join(path, 'registre.db'), { readonly: true, fileMustExist: true });
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${decodeRecoveryKey(recoveryKey).toString('hex')}'"`);
  return db;
}

describe('making a backup', () => {
  it('writes the copy, the key file and the manifest into a folder named for its time, and records it', async () => {
    const { core, folder, recoveryKey, vaultDir } = await setup();
    for (const fullName of ['Ada Lovelace', 'Grace Hopper', 'Edsger Dijkstra']) await call(core, 'contacts.add', { fullName });
    const made = await call(core, 'backups.make', { folder });

    expect(made.name).toBe('registre-backup-20260302-091530Z');
    expect(made.path).toBe(join(folder, made.name));
    expect(readdirSync(folder)).toEqual([made.name]);
    expect(readdirSync(made.path).sort()).toEqual(['backup.json', 'registre.db', 'registre.keys']);

    const manifest = JSON.parse(readFileSync(join(made.path, 'backup.json'), 'utf8')) as BackupManifest;
    const info = await call(core, 'vault.info', {});
    expect(manifest).toMatchObject({ format: 'registre.backup', version: 1, createdAt: '2026-03-02T09:15:30.000Z', schemaVersion: info.schemaVersion, erasures: 0 });
    expect(manifest.vaultId).toBe(JSON.parse(readFileSync(join(vaultDir, 'registre.keys'), 'utf8')).vaultId);
    // The head before the backup's own event, which the vault appends once the copy is in place.
    expect(manifest.auditHead!.seq).toBe(info.auditHead!.seq - 1);
    for (const [file, entry] of Object.entries(manifest.files)) {
      expect(entry).toEqual({ bytes: readFileSync(join(made.path, file)).length, sha256: sha256(join(made.path, file)) });
    }
    expect(made.bytes).toBe(manifest.files['registre.db'].bytes + manifest.files['registre.keys'].bytes);
    // The same key slots: byte for byte the vault's key file.
    expect(sha256(join(made.path, 'registre.keys'))).toBe(sha256(join(vaultDir, 'registre.keys')));

    const copy = openBackupDb(made.path, recoveryKey);
    try {
      expect(copy.prepare('SELECT full_name FROM contacts ORDER BY full_name').pluck().all()).toEqual(['Ada Lovelace', 'Edsger Dijkstra', 'Grace Hopper']);
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      copy.close();
    }
    // Without the key the copy is unreadable.
    const keyless = new Database(join(made.path, 'registre.db'), { readonly: true });
    expect(() => keyless.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    keyless.close();

    const audit = await call(core, 'audit.list', { limit: 5 });
    expect(audit[0]).toMatchObject({ action: 'backup.made', entityType: 'backup', entityId: made.name, fields: [] });
    const raw = openRaw(vaultDir, recoveryKey);
    try {
      expect(raw.prepare('SELECT name, folder, bytes, erasures_at_backup, deleted_at FROM backups').all()).toEqual([
        { name: made.name, folder, bytes: made.bytes, erasures_at_backup: 0, deleted_at: null },
      ]);
    } finally {
      raw.close();
    }
    // The vault is still open and writable after the copy.
    await call(core, 'contacts.add', { fullName: 'Barbara Liskov' });
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);
  });

  it('copies the erasure ledger file and counts the people erased since each backup', async () => {
    const { core, clock, folder } = await setup();
    await call(core, 'settings.update', { backupFolder: folder });
    const a = await call(core, 'contacts.add', { fullName: 'Erin Erased' });
    const b = await call(core, 'contacts.add', { fullName: 'Fred Forgotten' });
    await call(core, 'contacts.erase', { contactId: a.id, reason: 'Art. 17 request by e-mail' });

    const first = await call(core, 'backups.make', {});
    expect(readdirSync(first.path).sort()).toEqual(['backup.json', 'registre.db', 'registre.erasures', 'registre.keys']);
    expect(first.erasedSince).toBe(0);
    clock.advance(DAY);
    const second = await call(core, 'backups.make', {});
    clock.advance(DAY);
    await call(core, 'contacts.erase', { contactId: b.id, reason: 'Art. 17 request by post' });

    const register = await call(core, 'backups.list', {});
    expect(register.items.map((i) => [i.name, i.erasedSince])).toEqual([
      [second.name, 1],
      [first.name, 1],
    ]);
    // Every 7 days, keep 8: the next is due on 10 March, and the newest goes with the 8th from then (7 × 7 days later).
    expect(register.items.map((i) => i.keptUntil)).toEqual(['2026-04-28', '2026-04-21']);
  });

  it('keeps the newest M of this vault in the folder and says which it deleted, and why', async () => {
    const { core, clock, folder } = await setup();
    await call(core, 'settings.update', { backupFolder: folder, backupKeep: 2 });
    // Another vault's backup in the same folder is not this vault's to rotate.
    const foreign = join(folder, 'registre-backup-20200101-000000Z');
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      names.push((await call(core, 'backups.make', {})).name);
      if (i === 0) {
        cpSync(join(folder, names[0]!), foreign, { recursive: true });
        const m = JSON.parse(readFileSync(join(foreign, 'backup.json'), 'utf8')) as BackupManifest;
        writeFileSync(join(foreign, 'backup.json'), JSON.stringify({ ...m, vaultId: 'another-vault', createdAt: '2020-01-01T00:00:00.000Z' }));
      }
      clock.advance(DAY);
    }
    expect(readdirSync(folder).sort()).toEqual([foreign.split('/').at(-1), names[2], names[3]].sort());
    const register = await call(core, 'backups.list', {});
    expect(register.items.map((i) => i.name)).toEqual([names[3], names[2]]);
    expect(register.deleted.map((d) => [d.name, d.reason])).toEqual([
      [names[1], 'rotation'],
      [names[0], 'rotation'],
    ]);
    expect(register.deleted[0]!.deletedAt).toBe(new Date(Date.parse('2026-03-02T09:15:30.000Z') + 3 * DAY).toISOString());
    const actions = await auditActions(core);
    expect(actions.filter((a) => a === 'backup.made')).toHaveLength(4);
    expect(actions.filter((a) => a === 'backup.deleted')).toHaveLength(2);
  });

  it('never deletes the backup just made, even when an older one says it was made in the future', async () => {
    const { core, folder } = await setup();
    await call(core, 'settings.update', { backupFolder: folder, backupKeep: 1 });
    const wrongClock = (await call(core, 'backups.make', {})).name;
    const m = JSON.parse(readFileSync(join(folder, wrongClock, 'backup.json'), 'utf8')) as BackupManifest;
    writeFileSync(join(folder, wrongClock, 'backup.json'), JSON.stringify({ ...m, createdAt: '2099-01-01T00:00:00.000Z' }));
    const made = await call(core, 'backups.make', {});
    expect(readdirSync(folder)).toEqual([made.name]);
  });

  it('never lists a half-written folder, and a later backup clears stale ones', async () => {
    const { core, clock, folder } = await setup();
    const made = await call(core, 'backups.make', { folder });
    const partial = join(folder, 'registre-backup-20260301-000000Z.partial');
    cpSync(made.path, partial, { recursive: true });
    const noManifest = join(folder, 'registre-backup-20260301-000001Z');
    cpSync(made.path, noManifest, { recursive: true });
    rmSync(join(noManifest, 'backup.json'));
    const torn = join(folder, 'registre-backup-20260301-000002Z');
    cpSync(made.path, torn, { recursive: true });
    writeFileSync(join(torn, 'backup.json'), readFileSync(join(made.path, 'backup.json'), 'utf8').slice(0, 100));
    const shortDb = join(folder, 'registre-backup-20260301-000003Z');
    cpSync(made.path, shortDb, { recursive: true });
    writeFileSync(join(shortDb, 'registre.db'), readFileSync(join(made.path, 'registre.db')).subarray(0, 4096));

    expect(listBackups(folder).map((b) => b.name)).toEqual([made.name]);
    expect((await call(core, 'backups.list', {})).items).toEqual([]); // no folder set: nothing listed
    await call(core, 'settings.update', { backupFolder: folder });
    expect((await call(core, 'backups.list', {})).items.map((i) => i.name)).toEqual([made.name]);

    // A .partial folder less than an hour old may still be being written: left alone.
    clock.advance(1000);
    await call(core, 'backups.make', {});
    expect(existsSync(partial)).toBe(true);
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(partial, old, old);
    clock.advance(1000);
    await call(core, 'backups.make', {});
    expect(existsSync(partial)).toBe(false);
  });

  it('names a second backup in the same second one second later', async () => {
    const { core, folder } = await setup();
    const a = await call(core, 'backups.make', { folder });
    const b = await call(core, 'backups.make', { folder });
    expect([a.name, b.name]).toEqual(['registre-backup-20260302-091530Z', 'registre-backup-20260302-091531Z']);
    expect(b.createdAt).toBe('2026-03-02T09:15:31.000Z');
  });

  it('refuses a folder it may not use, with nothing written', async () => {
    const { root, core, folder, vaultDir } = await setup();
    const before = { audit: (await call(core, 'vault.info', {})).auditHead, files: readdirSync(root).sort(), vault: readdirSync(vaultDir).sort() };
    expect((await apiError(core, 'backups.make', {})).detail).toMatchObject({ reason: 'backup_no_folder' });
    expect((await apiError(core, 'backups.make', { folder: join(vaultDir, 'backups') })).detail).toMatchObject({ reason: 'backup_folder_in_vault' });
    expect((await apiError(core, 'backups.make', { folder: vaultDir })).detail).toMatchObject({ reason: 'backup_folder_in_vault' });
    expect((await apiError(core, 'backups.make', { folder: 'relative/backups' })).detail).toMatchObject({ reason: 'backup_folder_invalid' });
    expect((await apiError(core, 'backups.make', { folder: join(root, 'absent') })).detail).toMatchObject({ reason: 'backup_folder_absent' });
    expect((await apiError(core, 'settings.update', { backupFolder: join(vaultDir, 'x') })).detail).toMatchObject({ reason: 'backup_folder_in_vault' });
    expect((await callError(core, 'settings.update', { backupFolder: 'backups' })).code).toBe('invalid_input');
    expect((await callError(core, 'settings.update', { backupKeep: 0 })).code).toBe('invalid_input');
    expect((await callError(core, 'settings.update', { backupEveryDays: 91 })).code).toBe('invalid_input');
    expect({ audit: (await call(core, 'vault.info', {})).auditHead, files: readdirSync(root).sort(), vault: readdirSync(vaultDir).sort() }).toEqual(before);
    expect(readdirSync(folder)).toEqual([]);
    expect(await call(core, 'settings.get', {})).toMatchObject({ backupFolder: null, backupEveryDays: 7, backupKeep: 8 });
  });

  it('lets staff make one and auditors only list them', async () => {
    const { core, folder } = await setup();
    await call(core, 'staff.add', { name: 'Otto Auditor', role: 'auditor', passphrase: 'auditor passphrase one' });
    await call(core, 'settings.update', { backupFolder: folder });
    await call(core, 'vault.unlock', { passphrase: 'auditor passphrase one' });
    expect((await apiError(core, 'backups.make', {})).detail).toMatchObject({ reason: 'auditor_read_only' });
    expect((await call(core, 'backups.list', {})).folder).toBe(folder);
    expect((await apiError(core, 'settings.update', { backupKeep: 3 })).detail).toMatchObject({ reason: 'admin_only' });
  });
});

describe('the scheduled backup', () => {
  it('is made at unlock when due, not again before the days have passed, and a failure never stops the unlock', async () => {
    const { core, clock, folder } = await setup({ scheduledBackups: true });
    expect(await call(core, 'backups.list', {})).toMatchObject({ overdue: true, overdueReason: 'no_folder', nextDueOn: null });
    await call(core, 'settings.update', { backupFolder: folder, backupEveryDays: 3 });
    expect(await call(core, 'backups.list', {})).toMatchObject({ overdue: true, overdueReason: 'never' });

    await call(core, 'vault.unlock', { passphrase: PASS });
    let register = await call(core, 'backups.list', {});
    expect(register).toMatchObject({ overdue: false, overdueReason: null, lastBackupAt: '2026-03-02T09:15:30.000Z', nextDueOn: '2026-03-05', scheduledFailure: null });
    expect(register.items).toHaveLength(1);

    clock.advance(2 * DAY);
    await call(core, 'vault.unlock', { passphrase: PASS });
    expect((await call(core, 'backups.list', {})).items).toHaveLength(1);

    clock.advance(DAY);
    expect((await call(core, 'backups.list', {})).overdueReason).toBe('late');
    await call(core, 'vault.unlock', { passphrase: PASS });
    expect((await call(core, 'backups.list', {})).items).toHaveLength(2);

    // The drive is gone: the unlock still opens the vault, and the screen is told why no backup was made.
    rmSync(folder, { recursive: true });
    clock.advance(4 * DAY);
    const session = await call(core, 'vault.unlock', { passphrase: PASS });
    expect(session.staff.name).toBe('Anna Admin');
    register = await call(core, 'backups.list', {});
    expect(register).toMatchObject({ overdue: true, overdueReason: 'never', items: [] });
    expect(register.scheduledFailure).toMatchObject({ code: 'invalid_input', reason: 'backup_folder_absent', at: new Date(clock.now).toISOString() });
    mkdirSync(folder);
    await call(core, 'backups.make', {});
    expect((await call(core, 'backups.list', {})).scheduledFailure).toBeNull();
  });

  it('is never made by a core that does not ask for it (the CLI)', async () => {
    const { core, folder } = await setup();
    await call(core, 'settings.update', { backupFolder: folder });
    await call(core, 'vault.unlock', { passphrase: PASS });
    expect(readdirSync(folder)).toEqual([]);
  });
});
