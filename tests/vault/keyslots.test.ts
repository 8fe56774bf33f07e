/**
 * Key slots (issue 2, DESIGN §4): one slot per person, each passphrase identifies its
 * owner; adding or removing a person never re-encrypts the database; the recovery key
 * opens the vault with or without the sidecar; a rekey issues a new recovery key and
 * keeps every remaining passphrase working.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { call, createdVault, newCore, PASS } from '../helpers';
import { apiError, sha256File } from './vault-files';
import { reindexIfIncomplete } from '../../db/contacts/search';
import { rekeyed } from './rekeyed';

const BEA = 'Béatrice chante sous la pluie';
const CARL = 'carl counts every beetle twice';

interface SidecarJson {
  currentKeyId: string;
  slots: Array<{ id: string }>;
}
const sidecarOf = (core: RegistreCore): SidecarJson => JSON.parse(readFileSync(join(core.vaultDir, 'registre.keys'), 'utf8')) as SidecarJson;

/** Admin Anna (PASS), staff Bea (BEA), auditor Carl (CARL); left unlocked as Anna. */
async function team(): Promise<{ core: RegistreCore; recoveryKey: string; bea: string; carl: string }> {
  const { core, recoveryKey } = await createdVault('Anna Admin');
  const bea = (await call(core, 'staff.add', { name: 'Bea Staff', role: 'staff', passphrase: BEA })).id;
  const carl = (await call(core, 'staff.add', { name: 'Carl Auditor', role: 'auditor', passphrase: CARL })).id;
  return { core, recoveryKey, bea, carl };
}

async function whoOpens(core: RegistreCore, passphrase: string): Promise<string> {
  await call(core, 'vault.lock', {});
  const s = await call(core, 'vault.unlock', { passphrase });
  return `${s.staff.name}/${s.staff.role}`;
}

async function expectWrongPassphrase(core: RegistreCore, passphrase: string): Promise<void> {
  await call(core, 'vault.lock', {});
  const e = await apiError(core, 'vault.unlock', { passphrase });
  expect(e.code).toBe('invalid_input');
  expect(e.message).toMatch(/Wrong passphrase/);
}

/** Adds enough rows that the file spans many pages, so a rewrite would show everywhere. */
async function addBulk(core: RegistreCore, n: number): Promise<void> {
  const ctx = core.context();
  const at = new Date().toISOString();
  await ctx.tx(async (trx) => {
    for (let i = 0; i < n; i++) {
      await trx
        .insertInto('contacts')
        .values({
          id: randomUUID(),
          full_name: `Contact ${i}`,
          job_title: null,
          gender: null,
          organisation_id: null,
          country: null,
          language: null,
          notes: 'x'.repeat(200),
          created_at: at,
          updated_at: at,
          archived_at: null,
        })
        .execute();
    }
    // As the app leaves them: ordered and indexed, so the next unlock has nothing to rebuild.
    await reindexIfIncomplete(trx);
  });
}

function pages(file: string): Buffer[] {
  const bytes = readFileSync(file);
  const out: Buffer[] = [];
  for (let o = 0; o < bytes.length; o += 4096) out.push(bytes.subarray(o, o + 4096));
  return out;
}
const changedPages = (a: Buffer[], b: Buffer[]) => a.filter((p, i) => !b[i] || !p.equals(b[i])).length;

describe('key slots', () => {
  it('each person unlocks with their own passphrase and is identified by it', async () => {
    const { core } = await team();
    expect(sidecarOf(core).slots).toHaveLength(3);
    expect(await whoOpens(core, BEA)).toBe('Bea Staff/staff');
    expect(await whoOpens(core, CARL)).toBe('Carl Auditor/auditor');
    expect(await whoOpens(core, PASS)).toBe('Anna Admin/admin');
    expect((await call(core, 'staff.list', {})).map((s) => `${s.name}/${s.role}`).sort()).toEqual(['Anna Admin/admin', 'Bea Staff/staff', 'Carl Auditor/auditor']);
  });

  it('refuses a passphrase that already opens someone else’s slot, in any Unicode form', async () => {
    const { core } = await team();
    const slots = sidecarOf(core).slots.length;
    for (const passphrase of [PASS, BEA, BEA.normalize('NFD')]) {
      expect((await apiError(core, 'staff.add', { name: 'Dora', role: 'staff', passphrase })).code).toBe('conflict');
    }
    expect((await apiError(core, 'session.changePassphrase', { current: PASS, next: CARL })).code).toBe('conflict');
    expect(sidecarOf(core).slots).toHaveLength(slots);
    expect(await call(core, 'staff.list', {})).toHaveLength(3);
    expect(await whoOpens(core, PASS)).toBe('Anna Admin/admin');
  });

  it('removing a person drops only their slot and never rewrites the database file', async () => {
    const { core, bea } = await team();
    await addBulk(core, 600);
    const dir = core.vaultDir;
    const db = join(dir, 'registre.db');
    await call(core, 'vault.lock', {});
    const lockedBefore = pages(db);
    expect(lockedBefore.length).toBeGreaterThan(40);
    await call(core, 'vault.unlock', { passphrase: PASS });

    // Checkpointed: from here on, a change to the data goes to the WAL, never to the file.
    core.context().vault.raw.pragma('wal_checkpoint(TRUNCATE)');
    const fileHash = sha256File(db);
    const slotsBefore = sidecarOf(core).slots;
    await call(core, 'staff.remove', { id: bea });
    expect(sha256File(db)).toBe(fileHash);
    const slotsAfter = sidecarOf(core).slots;
    expect(slotsAfter).toHaveLength(2);
    // The others' slots are byte-for-byte the same: nothing was re-sealed.
    expect(slotsAfter).toEqual(slotsBefore.filter((s) => slotsAfter.some((a) => a.id === s.id)));

    await expectWrongPassphrase(core, BEA);
    expect((await call(core, 'vault.unlock', { passphrase: CARL })).staff.name).toBe('Carl Auditor');
    await call(core, 'vault.lock', {});
    // After the checkpoint on lock only a handful of pages changed (staff row, audit log, header).
    const lockedAfter = pages(db);
    expect(changedPages(lockedBefore, lockedAfter)).toBeLessThan(12);

    // Contrast: a rekey re-encrypts every page.
    await call(core, 'vault.unlock', { passphrase: PASS });
    await rekeyed(core);
    await call(core, 'vault.lock', {});
    const rekeyedPages = pages(db);
    expect(changedPages(lockedAfter, rekeyedPages)).toBe(lockedAfter.length);
  });

  it('changing one’s passphrase: the old one stops, the new one works, the wrong current is refused', async () => {
    const { core } = await team();
    const next = 'Bea has a brand new phrase';
    await whoOpens(core, BEA);
    expect((await apiError(core, 'session.changePassphrase', { current: 'not my passphrase', next })).code).toBe('invalid_input');
    await call(core, 'session.changePassphrase', { current: BEA.normalize('NFD'), next });
    expect(sidecarOf(core).slots).toHaveLength(3);
    await expectWrongPassphrase(core, BEA);
    expect(await whoOpens(core, next)).toBe('Bea Staff/staff');
    expect(await whoOpens(core, PASS)).toBe('Anna Admin/admin');
  });

  it('the last administrator cannot remove themselves; another admin can be removed', async () => {
    const { core } = await team();
    const me = (await call(core, 'staff.list', {})).find((s) => s.isSelf)!;
    expect((await apiError(core, 'staff.remove', { id: me.id })).code).toBe('conflict');
    const second = await call(core, 'staff.add', { name: 'Second Admin', role: 'admin', passphrase: 'second admin passphrase' });
    await call(core, 'staff.remove', { id: second.id });
    const admins = (await call(core, 'staff.list', {})).filter((s) => s.role === 'admin');
    expect(admins.map((a) => a.name)).toEqual(['Anna Admin']);
  });

  it('staff and auditors get `forbidden` on admin methods, and nothing changes', async () => {
    const { core, bea } = await team();
    for (const [who, passphrase] of [
      ['staff', BEA],
      ['auditor', CARL],
    ] as const) {
      await whoOpens(core, passphrase);
      const attempts: Array<[Parameters<typeof apiError>[1], unknown]> = [
        ['staff.add', { name: 'Mallory', role: 'admin', passphrase: 'mallory wants in badly' }],
        ['staff.remove', { id: bea }],
        ['staff.resetPassphrase', { id: bea, passphrase: 'mallory resets bea' }],
        ['settings.update', { autoLockMinutes: 240 }],
        ['vault.rekeyPrepare', {}],
        ['vault.rekeyCommit', { recoveryKey: 'not checked before the role' }],
      ];
      for (const [method, input] of attempts) expect((await apiError(core, method, input)).code, `${who} ${method}`).toBe('forbidden');
      expect(sidecarOf(core).slots).toHaveLength(3);
    }
    expect(await whoOpens(core, PASS)).toBe('Anna Admin/admin');
    expect((await call(core, 'settings.get', {})).autoLockMinutes).toBe(10);
  });
});

describe('recovery key', () => {
  it('opens the vault, lets a profile set a new passphrase, and leaves the others alone', async () => {
    const { core, recoveryKey } = await team();
    await call(core, 'vault.lock', {});
    // Typed the way a person copies it from paper: lower case, spaces instead of dashes.
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    const { staff } = await call(core, 'vault.recover', { recoveryKey: typed });
    expect(staff.map((s) => s.name).sort()).toEqual(['Anna Admin', 'Bea Staff', 'Carl Auditor']);
    expect(core.status().state).toBe('recovering');
    expect((await apiError(core, 'staff.list', {})).code).toBe('forbidden');
    const anna = staff.find((s) => s.name === 'Anna Admin')!;
    const session = await call(core, 'vault.completeRecovery', { staffId: anna.id, newPassphrase: 'anna remembered nothing' });
    expect(session.staff.name).toBe('Anna Admin');
    expect(sidecarOf(core).slots).toHaveLength(3);
    await expectWrongPassphrase(core, PASS);
    expect(await whoOpens(core, 'anna remembered nothing')).toBe('Anna Admin/admin');
    expect(await whoOpens(core, BEA)).toBe('Bea Staff/staff');
  });

  it('works with the sidecar deleted and writes a fresh one', async () => {
    const { core, recoveryKey, bea } = await team();
    await call(core, 'vault.lock', {});
    const keys = join(core.vaultDir, 'registre.keys');
    unlinkSync(keys);
    const missing = await apiError(core, 'vault.unlock', { passphrase: PASS });
    expect(missing.code).toBe('not_found');
    expect(missing.message).toMatch(/registre\.keys/);

    const { staff } = await call(core, 'vault.recover', { recoveryKey });
    expect(existsSync(keys)).toBe(true);
    const anna = staff.find((s) => s.name === 'Anna Admin')!;
    await call(core, 'vault.completeRecovery', { staffId: anna.id, newPassphrase: 'anna after the disk crash' });
    expect(sidecarOf(core).slots).toHaveLength(1);
    // Colleagues' slots went with the old sidecar: their passphrases no longer open it…
    await expectWrongPassphrase(core, BEA);
    // …until an admin gives them a new one.
    await call(core, 'vault.unlock', { passphrase: 'anna after the disk crash' });
    await call(core, 'staff.resetPassphrase', { id: bea, passphrase: 'bea after the disk crash' });
    expect(await whoOpens(core, 'bea after the disk crash')).toBe('Bea Staff/staff');
    // The same recovery key still opens the vault with the fresh sidecar.
    await call(core, 'vault.lock', {});
    expect((await call(core, 'vault.recover', { recoveryKey })).staff).toHaveLength(3);
  });
});

describe('rekey', () => {
  it('issues a new recovery key, retires the old one, and keeps every remaining passphrase', async () => {
    const { core, recoveryKey, carl } = await team();
    const dir = core.vaultDir;
    const keys = join(dir, 'registre.keys');
    const oldSidecar = join(dir, 'old-sidecar.json');
    copyFileSync(keys, oldSidecar);
    await call(core, 'staff.remove', { id: carl });

    const fresh = await rekeyed(core);
    expect(fresh).not.toBe(recoveryKey);
    expect(fresh).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(keys, 'utf8')).keyChecks as object)).toHaveLength(1);

    expect(await whoOpens(core, PASS)).toBe('Anna Admin/admin');
    expect(await whoOpens(core, BEA)).toBe('Bea Staff/staff');
    await expectWrongPassphrase(core, CARL);

    await call(core, 'vault.lock', {});
    const old = await apiError(core, 'vault.recover', { recoveryKey });
    expect(old.code).toBe('invalid_input');
    expect((await call(core, 'vault.recover', { recoveryKey: fresh })).staff).toHaveLength(2);
    await call(core, 'vault.lock', {});

    // A removed person holding an old copy of the key file is locked out for good after the rekey.
    const current = join(dir, 'current-sidecar.json');
    copyFileSync(keys, current);
    copyFileSync(oldSidecar, keys);
    const stale = await apiError(newCore(dir), 'vault.unlock', { passphrase: CARL });
    expect(stale.code).toBe('internal');
    expect(stale.message).toMatch(/does not match its key file/);
    copyFileSync(current, keys);
    expect(await whoOpens(core, BEA)).toBe('Bea Staff/staff');
  });
});
