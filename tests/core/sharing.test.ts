import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { sharingObjection } from '../../db/partner-sharing';
import { call, callError, createdVault } from '../helpers';

type Action = 'granted' | 'withdrawn' | 'objected' | 'restricted';

/**
 * Writes a ledger event straight into the vault (the consent API belongs to another part
 * of issue 4); the sharing rules only read the ledger.
 */
async function ledger(core: RegistreCore, contactId: string, code: string, action: Action, occurredAt: string, recordedAt = occurredAt): Promise<void> {
  const { db } = core.context();
  const purpose = await db.selectFrom('purposes').select(['id', 'lawful_basis']).where('code', '=', code).executeTakeFirstOrThrow();
  await db
    .insertInto('consent_events')
    .values({
      id: randomUUID(),
      contact_id: contactId,
      purpose_id: purpose.id,
      action,
      lawful_basis: purpose.lawful_basis,
      channel: 'email',
      evidence: null,
      policy_version_id: null,
      occurred_at: occurredAt,
      recorded_by: null,
      recorded_at: recordedAt,
    })
    .execute();
}

const share = (contactId: string, sharedOn = '2026-03-02') => ({
  contactId,
  partner: 'ENPE',
  mouReference: 'MoU 2019',
  jointActivity: 'Joint training on waste crime',
  dataCategories: ['name', 'e-mail address'],
  sharedOn,
});

async function setUp() {
  const { core } = await createdVault();
  const contact = await call(core, 'contacts.add', { fullName: 'Élodie Martin', email: 'elodie@example.org' });
  const { processors } = await call(core, 'processors.list', {});
  return { core, contactId: contact.id, byName: (n: string) => processors.find((p) => p.name === n)! };
}

describe('systems holding a contact’s data', () => {
  it('sets and removes systems, audited for the person; a repeat writes nothing', async () => {
    const { core, contactId, byName } = await setUp();
    const mailchimp = byName('Mailchimp');
    const basecamp = byName('Basecamp');
    await call(core, 'contactSystems.set', { contactId, processorId: mailchimp.id, holds: true, since: '2025-01-15' });
    const both = await call(core, 'contactSystems.set', { contactId, processorId: basecamp.id, holds: true });
    expect(both.map((s) => [s.name, s.kind])).toEqual([
      ['Basecamp', 'third_party_account'],
      ['Mailchimp', 'processor'],
    ]);
    expect(both[1]!.since).toBe('2025-01-15');
    expect(both[0]!.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await call(core, 'processors.list', {})).processors.find((p) => p.id === mailchimp.id)!.contactCount).toBe(1);
    const history = await call(core, 'audit.list', { subjectId: contactId });
    expect(history.filter((e) => e.action === 'contact_system.added').map((e) => e.entityId).sort()).toEqual([basecamp.id, mailchimp.id].sort());

    const head = (await call(core, 'audit.list', { limit: 1 }))[0]!.seq;
    await call(core, 'contactSystems.set', { contactId, processorId: basecamp.id, holds: true });
    expect((await call(core, 'audit.list', { limit: 1 }))[0]!.seq).toBe(head);

    const left = await call(core, 'contactSystems.set', { contactId, processorId: basecamp.id, holds: false });
    expect(left.map((s) => s.name)).toEqual(['Mailchimp']);
    expect((await call(core, 'audit.list', { limit: 1 }))[0]).toMatchObject({ action: 'contact_system.removed', subjectId: contactId, entityId: basecamp.id });
  });

  it('refuses unknown contacts, processors and unreal dates without changing anything', async () => {
    const { core, contactId, byName } = await setUp();
    const mailchimp = byName('Mailchimp');
    expect((await callError(core, 'contactSystems.set', { contactId: 'nope', processorId: mailchimp.id, holds: true })).code).toBe('not_found');
    expect((await callError(core, 'contactSystems.set', { contactId, processorId: 'nope', holds: true })).code).toBe('not_found');
    expect((await callError(core, 'contactSystems.set', { contactId, processorId: mailchimp.id, holds: true, since: '2025-02-29' })).code).toBe('invalid_input');
    expect((await callError(core, 'contactSystems.list', { contactId: 'nope' })).code).toBe('not_found');
    expect(await call(core, 'contactSystems.list', { contactId })).toEqual([]);
  });
});

describe('partner-sharing log', () => {
  it('records sharing, lists it newest first and by partner, and names the recipients', async () => {
    const { core, contactId, byName } = await setUp();
    const other = (await call(core, 'contacts.add', { fullName: 'Jan Peeters' })).id;
    const first = await call(core, 'sharing.record', share(contactId, '2026-01-10'));
    expect(first).toMatchObject({ contactName: 'Élodie Martin', partner: 'ENPE', dataCategories: ['name', 'e-mail address'], recordedBy: { name: 'Anna Admin' } });
    expect((await call(core, 'audit.list', { limit: 1 }))[0]).toMatchObject({
      action: 'sharing.recorded',
      entityId: first.id,
      subjectId: contactId,
      fields: ['partner', 'mouReference', 'jointActivity', 'dataCategories', 'sharedOn'],
    });
    await call(core, 'sharing.record', { ...share(contactId, '2026-04-01'), partner: 'EnviCrimeNet', mouReference: null });
    await call(core, 'sharing.record', share(contactId, '2026-05-20'));
    await call(core, 'sharing.record', share(other, '2026-02-01'));

    const mine = await call(core, 'sharing.list', { contactId });
    expect(mine.total).toBe(3);
    expect(mine.items.map((s) => s.sharedOn)).toEqual(['2026-05-20', '2026-04-01', '2026-01-10']);
    const enpe = await call(core, 'sharing.list', { partner: 'ENPE', limit: 2 });
    expect(enpe.total).toBe(3);
    expect(enpe.items.map((s) => s.sharedOn)).toEqual(['2026-05-20', '2026-02-01']);
    expect((await call(core, 'sharing.list', { partner: 'ENPE', limit: 2, offset: 2 })).items.map((s) => s.sharedOn)).toEqual(['2026-01-10']);

    await call(core, 'contactSystems.set', { contactId, processorId: byName('Mailchimp').id, holds: true, since: '2025-11-03' });
    expect(await call(core, 'sharing.recipients', { contactId })).toEqual([
      { kind: 'partner', name: 'ENPE', processorId: null, since: '2026-01-10' },
      { kind: 'partner', name: 'EnviCrimeNet', processorId: null, since: '2026-04-01' },
      { kind: 'system', name: 'Mailchimp', processorId: byName('Mailchimp').id, since: '2025-11-03' },
    ]);
  });

  it('refuses to share the data of someone who objected, withdrew or restricted processing', async () => {
    const { core, contactId } = await setUp();
    await ledger(core, contactId, 'partner_sharing', 'objected', '2026-02-01T09:00:00.000Z');
    const refused = await callError(core, 'sharing.record', share(contactId));
    expect(refused).toMatchObject({ code: 'conflict', detail: { reason: 'sharing_objected', action: 'objected' } });
    expect(refused.message).toMatch(/objected/);
    expect((await call(core, 'sharing.list', { contactId })).total).toBe(0);

    // A later agreement lifts the objection.
    await ledger(core, contactId, 'partner_sharing', 'granted', '2026-02-05T09:00:00.000Z');
    await call(core, 'sharing.record', share(contactId));

    // A restriction on any purpose stops sharing too, until it is lifted.
    await ledger(core, contactId, 'newsletter', 'restricted', '2026-03-01T09:00:00.000Z');
    expect((await callError(core, 'sharing.record', share(contactId))).message).toMatch(/restricted/);
    await ledger(core, contactId, 'newsletter', 'granted', '2026-03-09T09:00:00.000Z');
    await call(core, 'sharing.record', share(contactId));
    expect((await call(core, 'sharing.list', { contactId })).total).toBe(2);
  });

  it('reads the latest event by occurrence, then recording, then entry order', async () => {
    const { core, contactId } = await setUp();
    const { db } = core.context();
    // Entered later but occurred earlier: the older withdrawal is not the latest.
    await ledger(core, contactId, 'partner_sharing', 'granted', '2026-02-05T09:00:00.000Z');
    await ledger(core, contactId, 'partner_sharing', 'withdrawn', '2026-01-05T09:00:00.000Z', '2026-02-06T09:00:00.000Z');
    expect(await sharingObjection(db, contactId)).toBeNull();
    // Same occurrence: the one recorded last wins.
    await ledger(core, contactId, 'partner_sharing', 'withdrawn', '2026-02-05T09:00:00.000Z', '2026-02-07T09:00:00.000Z');
    expect(await sharingObjection(db, contactId)).toEqual({ purposeCode: 'partner_sharing', action: 'withdrawn' });
    // Same occurrence and recording: the one entered last wins.
    await ledger(core, contactId, 'partner_sharing', 'granted', '2026-02-05T09:00:00.000Z', '2026-02-07T09:00:00.000Z');
    expect(await sharingObjection(db, contactId)).toBeNull();
  });

  it('bad input changes nothing; auditors cannot record', async () => {
    const { core, contactId } = await setUp();
    expect((await callError(core, 'sharing.record', { ...share(contactId), sharedOn: '2026-13-01' })).code).toBe('invalid_input');
    expect((await callError(core, 'sharing.record', { ...share(contactId), dataCategories: [] })).code).toBe('invalid_input');
    expect((await callError(core, 'sharing.record', { ...share(contactId), jointActivity: ' ' })).code).toBe('invalid_input');
    expect((await callError(core, 'sharing.record', share('nope'))).code).toBe('not_found');
    expect((await callError(core, 'sharing.recipients', { contactId: 'nope' })).code).toBe('not_found');
    await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: 'auditor passphrase' });
    await call(core, 'vault.unlock', { passphrase: 'auditor passphrase' });
    expect((await callError(core, 'sharing.record', share(contactId))).code).toBe('forbidden');
    expect((await call(core, 'sharing.list', {})).total).toBe(0);
  });
});
