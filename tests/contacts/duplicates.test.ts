import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, callError, createdVault } from '../helpers';
import type { ErrorDetail } from '../../shared/errors';

describe('likely duplicates', () => {
  it('are found by e-mail (any case) and by the same name in the same organisation', async () => {
    const { core } = await createdVault();
    const org = await call(core, 'organisations.add', { name: 'ISPRA', type: 'governmental_agency' });
    const a = await call(core, 'contacts.add', { fullName: 'Jean-Pierre Dupont', organisationId: org.id, email: 'jp.dupont@example.fr' });
    const b = await call(core, 'contacts.add', { fullName: 'Jean-Pierre Dupont' }); // same name, no organisation: only a near one
    const byEmail = await call(core, 'contacts.duplicates', { fullName: 'Someone Else', email: 'JP.Dupont@Example.FR' });
    expect(byEmail).toEqual([expect.objectContaining({ id: a.id, reason: 'same_email' })]);
    const byName = await call(core, 'contacts.duplicates', { fullName: 'dupont, jean pierre', organisationId: org.id });
    expect(byName).toEqual([expect.objectContaining({ id: a.id, reason: 'same_name_and_organisation' }), expect.objectContaining({ id: b.id, reason: 'similar_name' })]);
    expect(await call(core, 'contacts.duplicates', { fullName: 'Jean-Pierre Dupont', organisationId: org.id, excludeId: a.id })).toEqual([expect.objectContaining({ id: b.id })]);
    expect(await call(core, 'contacts.duplicates', { fullName: 'Jean Dupont', organisationId: org.id })).toEqual([]);
  });
});

describe('near-name duplicates', () => {
  it('are found in any organisation, after the exact rules, and never twice', async () => {
    const { core } = await createdVault();
    const org = await call(core, 'organisations.add', { name: 'ISPRA', type: 'governmental_agency' });
    const other = await call(core, 'organisations.add', { name: 'ARPA Lombardia', type: 'governmental_agency' });
    const sameHere = await call(core, 'contacts.add', { fullName: 'Marie Dupont', organisationId: org.id });
    const longer = await call(core, 'contacts.add', { fullName: 'Marie Anne Dupont', organisationId: other.id });
    const elsewhere = await call(core, 'contacts.add', { fullName: 'dupont, marie' });
    const typo = await call(core, 'contacts.add', { fullName: 'Éric Dupont-Moretti', email: 'eric@example.org' });
    for (const unrelated of ['Marie-Claire Dupont', 'Maria Dupont', 'Anne Martin', 'Dupont']) await call(core, 'contacts.add', { fullName: unrelated });

    const found = await call(core, 'contacts.duplicates', { fullName: 'Marie Dupont', organisationId: org.id });
    expect(found.map((d) => [d.id, d.reason])).toEqual([
      [sameHere.id, 'same_name_and_organisation'],
      [longer.id, 'similar_name'],
      [elsewhere.id, 'similar_name'],
    ]);
    expect(found.find((d) => d.id === longer.id)?.organisationName).toBe('ARPA Lombardia');

    // One typo in a long word; the e-mail rule keeps its place.
    expect((await call(core, 'contacts.duplicates', { fullName: 'Eric Dupont-Moreti' })).map((d) => [d.id, d.reason])).toEqual([[typo.id, 'similar_name']]);
    expect((await call(core, 'contacts.duplicates', { fullName: 'Eric Dupont-Moreti', email: 'ERIC@example.org' })).map((d) => d.reason)).toEqual(['same_email']);
    // No typo forgiven in a short word, nor two typos.
    expect(await call(core, 'contacts.duplicates', { fullName: 'Mario Dupond' })).toEqual([]);
    expect(await call(core, 'contacts.duplicates', { fullName: 'Erik Dupont-Moreti' })).toEqual([]);

    // Editing a contact does not find the contact itself.
    const editing = await call(core, 'contacts.duplicates', { fullName: 'Marie Anne Dupont', organisationId: other.id, excludeId: longer.id });
    expect(editing.map((d) => d.id)).not.toContain(longer.id);
    expect(editing.map((d) => d.id).sort()).toEqual([sameHere.id, elsewhere.id].sort());
  });

  it('finds the near name among many contacts sharing a common first name', async () => {
    const { core } = await createdVault();
    for (let i = 0; i < 230; i++) await call(core, 'contacts.add', { fullName: `Marie Person${i}` });
    const target = await call(core, 'contacts.add', { fullName: 'Marie Zoé Lindqvist' }); // last in the register's order
    expect((await call(core, 'contacts.duplicates', { fullName: 'Marie Lindqvist' })).map((d) => d.id)).toEqual([target.id]);
  });
});

describe('merging two contacts', () => {
  it('keeps every related record, combines e-mails and phones, and leaves an audit trail', async () => {
    const { core } = await createdVault();
    const org = await call(core, 'organisations.add', { name: 'Naturvårdsverket', type: 'governmental_agency', country: 'SE' });
    const keep = await call(core, 'contacts.add', { fullName: 'Sofia Lindqvist', email: 'sofia@nv.se', phone: '+46 8 698 10 00' });
    const dup = await call(core, 'contacts.add', {
      fullName: 'Sofia Lindqvist',
      email: 'SOFIA@nv.se',
      otherEmails: ['s.lindqvist@example.org'],
      phone: '+46 8 698 10 00',
      otherPhones: ['+46 70 123 45 67'],
      organisationId: org.id,
      jobTitle: 'Inspector',
      notes: 'Prefers English',
    });
    const ev = await call(core, 'events.add', { name: 'Peer Review 2025', startDate: '2025-10-01' });
    await call(core, 'participations.add', { contactId: dup.id, eventId: ev.id });
    await call(core, 'sensitive.add', { contactId: dup.id, reason: 'Refund', bank: { iban: 'SE45 5000 0000 0583 9825 7466' } });
    // Rows of later features, written as those features will: they must move too.
    const db = core.context().db;
    const stamp = new Date().toISOString();
    const { id: purpose } = await db.selectFrom('purposes').select('id').where('code', '=', 'newsletter').executeTakeFirstOrThrow();
    await db
      .insertInto('consent_events')
      .values({ id: randomUUID(), contact_id: dup.id, purpose_id: purpose, action: 'granted', lawful_basis: 'consent', channel: 'form', occurred_at: stamp, recorded_at: stamp })
      .execute();
    await db.insertInto('photo_optouts').values({ id: randomUUID(), contact_id: dup.id, state: 'opted_out', channel: 'email', decided_on: '2025-09-01', recorded_at: stamp }).execute();

    const merged = await call(core, 'contacts.merge', { keepId: keep.id, mergeId: dup.id });
    expect(merged.emails.map((e) => e.address)).toEqual(['sofia@nv.se', 's.lindqvist@example.org']);
    expect(merged.phones).toHaveLength(2);
    expect(merged).toMatchObject({ jobTitle: 'Inspector', organisation: { id: org.id }, notes: 'Prefers English' });
    expect(merged.participations.map((p) => p.eventId)).toEqual([ev.id]);
    expect(await call(core, 'sensitive.list', { contactId: keep.id })).toHaveLength(1);
    for (const table of ['consent_events', 'photo_optouts'] as const) {
      const rows = await db.selectFrom(table).select('contact_id').execute();
      expect(rows.map((r) => r.contact_id)).toEqual([keep.id]);
    }
    expect((await callError(core, 'contacts.get', { id: dup.id })).code).toBe('not_found');
    expect((await call(core, 'contacts.search', { query: 'lindqvist' })).items.map((i) => i.id)).toEqual([keep.id]);
    const actions = (await call(core, 'audit.list', { limit: 2 })).map((e) => [e.action, e.entityId]);
    expect(actions).toEqual([
      ['contact.merged_into', dup.id],
      ['contact.merged', keep.id],
    ]);
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);
    expect((await callError(core, 'contacts.merge', { keepId: keep.id, mergeId: keep.id })).code).toBe('invalid_input');
  });

  it('combines the systems that hold each person and the photo takedowns done for each, without repeats', async () => {
    const { core } = await createdVault();
    const keep = await call(core, 'contacts.add', { fullName: 'Marta Nowak' });
    const dup = await call(core, 'contacts.add', { fullName: 'Marta Nowak' });
    const ev = await call(core, 'events.add', { name: 'Network meeting', startDate: '2025-05-01' });
    const db = core.context().db;
    const held = (contactId: string, processorId: string, since: string) => ({ contact_id: contactId, processor_id: processorId, since });
    await db
      .insertInto('contact_processors')
      .values([held(keep.id, 'processor-mailchimp', '2024-01-01'), held(dup.id, 'processor-mailchimp', '2023-06-01'), held(dup.id, 'processor-basecamp', '2023-06-01')])
      .execute();
    const publication = randomUUID();
    await db.insertInto('photo_publications').values({ id: publication, event_id: ev.id, location: 'website', published_on: '2025-05-02', recorded_at: new Date().toISOString() }).execute();
    const done = (contactId: string, doneOn: string) => ({ contact_id: contactId, publication_id: publication, done_on: doneOn, note: null, done_by: null });
    await db
      .insertInto('photo_takedowns')
      .values([done(keep.id, '2025-06-01'), done(dup.id, '2025-06-15')])
      .execute();

    await call(core, 'contacts.merge', { keepId: keep.id, mergeId: dup.id });
    // Where both had a row, the kept contact's stays as it was.
    expect(await db.selectFrom('contact_processors').select(['contact_id', 'processor_id', 'since']).orderBy('processor_id').execute()).toEqual([
      held(keep.id, 'processor-basecamp', '2023-06-01'),
      held(keep.id, 'processor-mailchimp', '2024-01-01'),
    ]);
    expect(await db.selectFrom('photo_takedowns').select(['contact_id', 'done_on']).execute()).toEqual([{ contact_id: keep.id, done_on: '2025-06-01' }]);
  });
  it('takes the fields the user chose from the other record, renamed in search and order, and refuses to take an empty one', async () => {
    const { core } = await createdVault();
    const org = await call(core, 'organisations.add', { name: 'Umweltbundesamt', type: 'governmental_agency' });
    const keep = await call(core, 'contacts.add', { fullName: 'Zacharias Weber', country: 'AT', language: 'de', jobTitle: 'Analyst' });
    const other = await call(core, 'contacts.add', { fullName: 'Anneliese Weber', country: 'DE', organisationId: org.id });
    await call(core, 'contacts.add', { fullName: 'Martin Huber' });

    const refused = (await callError(core, 'contacts.merge', { keepId: keep.id, mergeId: other.id, take: { fullName: 'other', jobTitle: 'other' } })) as { code: string; detail?: ErrorDetail };
    expect(refused).toMatchObject({ code: 'invalid_input', detail: { reason: 'merge_take_empty', field: 'take.jobTitle' } });
    expect(await call(core, 'contacts.get', { id: keep.id })).toMatchObject({ fullName: 'Zacharias Weber', jobTitle: 'Analyst', organisation: null });
    expect((await call(core, 'contacts.get', { id: other.id })).fullName).toBe('Anneliese Weber');
    expect((await callError(core, 'contacts.merge', { keepId: keep.id, mergeId: other.id, take: { notes: 'other' } })).code).toBe('invalid_input');

    const merged = await call(core, 'contacts.merge', { keepId: keep.id, mergeId: other.id, take: { fullName: 'other', country: 'other', language: 'keep' } });
    // Chosen from the other; kept where asked or not named; an empty kept field is filled as before.
    expect(merged).toMatchObject({ id: keep.id, fullName: 'Anneliese Weber', country: 'DE', language: 'de', jobTitle: 'Analyst', organisation: { id: org.id } });
    expect((await call(core, 'contacts.search', { query: 'anneliese' })).items.map((i) => i.id)).toEqual([keep.id]);
    expect((await call(core, 'contacts.search', { query: 'zacharias' })).items).toEqual([]);
    // The register's order follows the taken name: Anneliese now comes before Martin.
    expect((await call(core, 'contacts.search', {})).items.map((i) => i.fullName)).toEqual(['Anneliese Weber', 'Martin Huber']);
    const [event] = (await call(core, 'audit.list', { limit: 2 })).filter((e) => e.action === 'contact.merged');
    expect(event?.fields).toEqual(['mergedContactId', 'fullName', 'organisationId', 'country']);
  });
});
