/**
 * The audit log as evidence (issue 16): each filter of audit.list keeps exactly the events
 * it names, they combine, and paging by seq walks what they keep. Two people, two staff.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { officeDayStart } from '../../db/audit/office-days';
import { RegistreCore } from '../../db/core';
import { call, callError, createdVault, PASS, tempDir, TEST_KEY_STRETCHING } from '../helpers';

const BEA_PASS = 'second staff member passphrase';

async function twoPeopleTwoStaff() {
  const { core } = await createdVault('Anna Admin');
  const anna = (await call(core, 'vault.status', {})).session!.staff;
  const bea = await call(core, 'staff.add', { name: 'Bea Staff', role: 'staff', passphrase: BEA_PASS });
  const ana = await call(core, 'contacts.add', { fullName: 'Ana Pereira' });
  const marc = await call(core, 'contacts.add', { fullName: 'Marc Peeters' });
  await call(core, 'contacts.update', { id: ana.id, jobTitle: 'Inspector' });
  await core.lock();
  await call(core, 'vault.unlock', { passphrase: BEA_PASS });
  await call(core, 'contacts.update', { id: marc.id, jobTitle: 'Officer' });
  await call(core, 'contacts.update', { id: ana.id, country: 'PT' });
  const org = await call(core, 'organisations.add', { name: 'Bruxelles Environnement', type: 'governmental_agency' });
  await core.lock();
  await call(core, 'vault.unlock', { passphrase: PASS });
  return { core, anna, bea, ana, marc, org };
}

const seqsOf = async (core: RegistreCore, filters: Record<string, unknown>) => (await call(core, 'audit.list', { limit: 500, ...filters })).map((e) => e.seq);

describe('audit.list filters', () => {
  it('keeps exactly the events of one person, one staff member, some actions, one kind of record', async () => {
    const { core, anna, bea, ana, marc, org } = await twoPeopleTwoStaff();
    const all = await call(core, 'audit.list', { limit: 500 });
    const expected = (keep: (e: (typeof all)[number]) => boolean) => all.filter(keep).map((e) => e.seq);

    const ofAna = await seqsOf(core, { subjectId: ana.id });
    expect(ofAna).toEqual(expected((e) => e.subjectId === ana.id));
    expect(ofAna).toHaveLength(3);
    expect(await seqsOf(core, { subjectId: marc.id })).toHaveLength(2);

    const byBea = await seqsOf(core, { staffId: bea.id });
    expect(byBea).toEqual(expected((e) => e.staffId === bea.id));
    // Her unlock, two updates, the organisation.
    expect(byBea).toHaveLength(4);
    expect(await seqsOf(core, { staffId: anna.id })).toEqual(expected((e) => e.staffId === anna.id));

    const updates = await seqsOf(core, { action: ['contact.updated'] });
    expect(updates).toEqual(expected((e) => e.action === 'contact.updated'));
    expect(updates).toHaveLength(3);
    const changes = await seqsOf(core, { action: ['contact.created', 'organisation.created'] });
    expect(changes).toEqual(expected((e) => e.action === 'contact.created' || e.action === 'organisation.created'));
    expect(changes).toHaveLength(3);
    // Several actions are read one index walk each and merged: pages still come newest first, without gaps.
    expect(await seqsOf(core, { action: ['contact.created', 'organisation.created'], limit: 2 })).toEqual(changes.slice(0, 2));
    expect(await seqsOf(core, { action: ['contact.created', 'organisation.created'], limit: 2, beforeSeq: changes[1]! })).toEqual(changes.slice(2));

    expect(await seqsOf(core, { entityType: 'organisation' })).toEqual(expected((e) => e.entityId === org.id));
    // Together: what Bea did to Ana.
    expect(await seqsOf(core, { subjectId: ana.id, staffId: bea.id })).toEqual(expected((e) => e.subjectId === ana.id && e.staffId === bea.id));
    expect(await seqsOf(core, { subjectId: ana.id, staffId: bea.id })).toHaveLength(1);
    // Keyset paging over a filter.
    const page = await seqsOf(core, { action: ['contact.updated'], beforeSeq: updates[0]!, limit: 1 });
    expect(page).toEqual([updates[1]]);
  });

  it("keeps the office's calendar days, inclusive, in Brussels time", async () => {
    let now = new Date('2026-03-01T12:00:00.000Z');
    const core = new RegistreCore({ vaultDir: join(tempDir(), 'vault'), allowFolderChange: false, now: () => now, keyStretching: TEST_KEY_STRETCHING });
    await call(core, 'vault.create', { passphrase: PASS, staffName: 'Anna Admin' });
    // 23:30Z on 3 March is 00:30 on 4 March in Brussels; 23:30Z on 4 March is 5 March there.
    const at = ['2026-03-03T22:59:00.000Z', '2026-03-03T23:30:00.000Z', '2026-03-04T22:59:00.000Z', '2026-03-04T23:30:00.000Z'];
    for (const t of at) {
      await core.lock();
      now = new Date(t);
      await call(core, 'vault.unlock', { passphrase: PASS });
      await call(core, 'contacts.add', { fullName: `Person at ${t}` });
    }
    const created = async (f: Record<string, string>) => (await call(core, 'audit.list', { limit: 500, action: ['contact.created'], ...f })).map((e) => e.at).reverse();
    expect(await created({ from: '2026-03-04', to: '2026-03-04' })).toEqual([at[1], at[2]]);
    expect(await created({ from: '2026-03-04' })).toEqual([at[1], at[2], at[3]]);
    expect(await created({ to: '2026-03-03' })).toEqual([at[0]]);
    // Summer time: midnight in Brussels is 22:00Z.
    expect(officeDayStart('2026-07-14')).toBe('2026-07-13T22:00:00.000Z');
    expect(officeDayStart('2026-03-29', 1)).toBe('2026-03-29T22:00:00.000Z');
    await core.lock();
  });

  it('refuses a range that ends before it starts, and a code that is not one', async () => {
    const { core } = await createdVault();
    expect((await callError(core, 'audit.list', { limit: 10, from: '2026-03-05', to: '2026-03-04' })).code).toBe('invalid_input');
    expect((await callError(core, 'audit.list', { limit: 10, action: ["x' OR 1=1"] })).code).toBe('invalid_input');
    expect((await callError(core, 'audit.list', { limit: 10, action: [] })).code).toBe('invalid_input');
  });

  it('offers the staff, and the actions and kinds of record the log holds', async () => {
    const { core, anna, bea } = await twoPeopleTwoStaff();
    const options = await call(core, 'audit.filterOptions', {});
    expect(options.staff).toEqual([
      { id: anna.id, name: 'Anna Admin', removed: false },
      { id: bea.id, name: 'Bea Staff', removed: false },
    ]);
    expect(options.actions).toEqual(['contact.created', 'contact.updated', 'organisation.created', 'session.unlocked', 'staff.added', 'vault.created']);
    expect(options.entityTypes).toEqual(['contact', 'organisation', 'staff', 'vault']);
  });
});
