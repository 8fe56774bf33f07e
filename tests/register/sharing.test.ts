import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { sharingObjection } from '../../db/register/sharing';
import { call, callError, createdVault } from '../helpers';

type Action = 'granted' | 'withdrawn' | 'objected' | 'restricted';

/**
 * Writes a ledger event straight into the vault, to set up ties the API cannot produce (two
 * events entered in the same instant); the other tests go through consents.record.
 */
async function ledger(core: RegistreCore, contactId: string, code: string, action: Action, occurredOn: string, recordedAt: string): Promise<void> {
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
      occurred_at: occurredOn,
      recorded_by: null,
      recorded_at: recordedAt,
    })
    .execute();
}

/** An event through the consent API, as the secretariat records it. */
const consent = (core: RegistreCore, contactId: string, purposeCode: string, action: Action, occurredOn: string) =>
  call(core, 'consents.record', { contactId, purposeCode, action, channel: 'email', occurredOn });

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
    expect(
      history
        .filter((e) => e.action === 'contact_system.added')
        .map((e) => e.entityId)
        .sort(),
    ).toEqual([basecamp.id, mailchimp.id].sort());

    const head = (await call(core, 'audit.list', { limit: 1 }))[0]!.seq;
    await call(core, 'contactSystems.set', { contactId, processorId: basecamp.id, holds: true });
    expect((await call(core, 'audit.list', { limit: 1 }))[0]!.seq).toBe(head);

    const moved = await call(core, 'contactSystems.set', { contactId, processorId: basecamp.id, holds: true, since: '2024-06-01' });
    expect(moved[0]!.since).toBe('2024-06-01');
    expect((await call(core, 'audit.list', { limit: 1 }))[0]).toMatchObject({ action: 'contact_system.updated', fields: ['since'] });

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
    expect((await callError(core, 'contactSystems.set', { contactId, processorId: mailchimp.id, holds: true, since: '2999-01-01' })).code).toBe('invalid_input');
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
    // The policy's spelling of a partner it names: the log lists each partner once.
    expect((await call(core, 'sharing.record', { ...share(contactId, '2026-05-20'), partner: 'enpe' })).partner).toBe('ENPE');
    await call(core, 'sharing.record', share(other, '2026-02-01'));

    const mine = await call(core, 'sharing.list', { contactId });
    expect(mine.total).toBe(3);
    expect(mine.items.map((s) => s.sharedOn)).toEqual(['2026-05-20', '2026-04-01', '2026-01-10']);
    const enpe = await call(core, 'sharing.list', { partner: 'Enpe', limit: 2 });
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
    await consent(core, contactId, 'partner_sharing', 'objected', '2026-02-01');
    const refused = await callError(core, 'sharing.record', share(contactId));
    expect(refused).toMatchObject({ code: 'conflict', detail: { reason: 'sharing_objected', action: 'objected' } });
    expect(refused.message).toMatch(/objected/);
    expect((await call(core, 'sharing.list', { contactId })).total).toBe(0);

    // A later agreement lifts the objection.
    await consent(core, contactId, 'partner_sharing', 'granted', '2026-02-05');
    await call(core, 'sharing.record', share(contactId, '2026-03-02'));

    // A restriction on any purpose stops sharing too, until it is lifted.
    await consent(core, contactId, 'newsletter', 'restricted', '2026-03-01');
    const restricted = await callError(core, 'sharing.record', share(contactId, '2026-03-05'));
    expect(restricted).toMatchObject({ detail: { reason: 'sharing_objected', action: 'restricted' } });
    expect(restricted.message).toMatch(/restricted/);
    await consent(core, contactId, 'newsletter', 'granted', '2026-03-09');
    await call(core, 'sharing.record', share(contactId, '2026-03-10'));
    expect((await call(core, 'sharing.list', { contactId })).total).toBe(2);
  });

  it('follows the ledger’s own state: once partner sharing rests on consent, it needs a grant', async () => {
    const { core, contactId } = await setUp();
    const purpose = (await call(core, 'purposes.list', {})).find((p) => p.code === 'partner_sharing')!;
    await call(core, 'purposes.update', { id: purpose.id, lawfulBasis: 'consent' });
    const applies = async () => (await call(core, 'consents.forContact', { contactId })).purposes.find((p) => p.purpose.code === 'partner_sharing')!.applies;

    // Never asked: the consent ledger says no basis, and so does the sharing log.
    expect(await applies()).toBe(false);
    const none = await callError(core, 'sharing.record', share(contactId));
    expect(none).toMatchObject({ code: 'conflict', detail: { reason: 'sharing_objected', action: 'none' } });
    expect(none.message).toMatch(/consent/);

    await consent(core, contactId, 'partner_sharing', 'granted', '2026-03-01');
    expect(await applies()).toBe(true);
    await call(core, 'sharing.record', share(contactId, '2026-03-02'));
    // Before the grant there was no consent yet.
    expect(await callError(core, 'sharing.record', share(contactId, '2026-02-28'))).toMatchObject({ detail: { action: 'none' } });

    await consent(core, contactId, 'partner_sharing', 'withdrawn', '2026-04-01');
    const withdrawn = await callError(core, 'sharing.record', share(contactId, '2026-04-02'));
    expect(withdrawn).toMatchObject({ detail: { reason: 'sharing_objected', action: 'withdrawn' } });
    expect(withdrawn.message).toMatch(/withdrawn/);
    expect((await call(core, 'sharing.list', { contactId })).items.map((s) => s.sharedOn)).toEqual(['2026-03-02']);
  });

  it('judges a sharing by the ledger as it stood on the day it happened', async () => {
    const { core, contactId } = await setUp();
    // Shared first, objection later: a sharing of before the objection can still be logged,
    // even once the objection is on file, and so reaches the recipients to tell (Art. 19).
    await call(core, 'sharing.record', share(contactId, '2025-01-01'));
    await consent(core, contactId, 'partner_sharing', 'objected', '2025-06-01');
    await call(core, 'sharing.record', { ...share(contactId, '2025-01-01'), partner: 'EnviCrimeNet' });
    await call(core, 'sharing.record', { ...share(contactId, '2025-05-31'), partner: 'EnviCrimeNet' });
    // On the day of the objection and after it, refused (the ledger keeps days, not hours:
    // the objection that day wins).
    expect(await callError(core, 'sharing.record', share(contactId, '2025-06-01'))).toMatchObject({ code: 'conflict', detail: { action: 'objected' } });
    expect(await callError(core, 'sharing.record', share(contactId, '2025-09-01'))).toMatchObject({ code: 'conflict', detail: { action: 'objected' } });
    expect((await call(core, 'sharing.recipients', { contactId })).filter((r) => r.kind === 'partner')).toEqual([
      { kind: 'partner', name: 'ENPE', processorId: null, since: '2025-01-01' },
      { kind: 'partner', name: 'EnviCrimeNet', processorId: null, since: '2025-01-01' },
    ]);

    // Objection first, sharing the same day or later: refused; the day before: logged.
    const other = (await call(core, 'contacts.add', { fullName: 'Piet Janssens', email: 'piet@example.org' })).id;
    await consent(core, other, 'partner_sharing', 'objected', '2025-01-01');
    expect(await callError(core, 'sharing.record', share(other, '2025-01-01'))).toMatchObject({ code: 'conflict', detail: { action: 'objected' } });
    await call(core, 'sharing.record', share(other, '2024-12-31'));
    expect((await call(core, 'sharing.list', { contactId: other })).items.map((s) => s.sharedOn)).toEqual(['2024-12-31']);
  });

  it('reads the latest event by occurrence, then recording, then entry order', async () => {
    const { core, contactId } = await setUp();
    const { db } = core.context();
    const day = '2026-03-01';
    // Entered later but occurred earlier: the older withdrawal is not the latest.
    await ledger(core, contactId, 'partner_sharing', 'granted', '2026-02-05', '2026-02-05T09:00:00.000Z');
    await ledger(core, contactId, 'partner_sharing', 'withdrawn', '2026-01-05', '2026-02-06T09:00:00.000Z');
    expect(await sharingObjection(db, contactId, day)).toBeNull();
    // ... though it did bar sharing on the days it was the latest.
    expect(await sharingObjection(db, contactId, '2026-01-20')).toEqual({ purposeCode: 'partner_sharing', action: 'withdrawn' });
    // Same occurrence: the one recorded last wins.
    await ledger(core, contactId, 'partner_sharing', 'withdrawn', '2026-02-05', '2026-02-07T09:00:00.000Z');
    expect(await sharingObjection(db, contactId, day)).toEqual({ purposeCode: 'partner_sharing', action: 'withdrawn' });
    // Same occurrence and recording: the one entered last wins.
    await ledger(core, contactId, 'partner_sharing', 'granted', '2026-02-05', '2026-02-07T09:00:00.000Z');
    expect(await sharingObjection(db, contactId, day)).toBeNull();
  });

  it('bad input changes nothing; auditors cannot record', async () => {
    const { core, contactId } = await setUp();
    expect((await callError(core, 'sharing.record', { ...share(contactId), sharedOn: '2026-13-01' })).code).toBe('invalid_input');
    expect((await callError(core, 'sharing.record', { ...share(contactId), dataCategories: [] })).code).toBe('invalid_input');
    expect(await callError(core, 'sharing.record', { ...share(contactId), sharedOn: '2999-01-01' })).toMatchObject({ code: 'invalid_input', detail: { reason: 'date_future' } });
    expect((await callError(core, 'sharing.record', { ...share(contactId), jointActivity: ' ' })).code).toBe('invalid_input');
    expect((await callError(core, 'sharing.record', share('nope'))).code).toBe('not_found');
    expect((await callError(core, 'sharing.recipients', { contactId: 'nope' })).code).toBe('not_found');
    await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: 'auditor passphrase' });
    await call(core, 'vault.unlock', { passphrase: 'auditor passphrase' });
    expect((await callError(core, 'sharing.record', share(contactId))).code).toBe('forbidden');
    expect((await call(core, 'sharing.list', {})).total).toBe(0);
  });
});
