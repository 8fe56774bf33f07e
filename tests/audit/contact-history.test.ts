/**
 * A contact's own audit history (issue 3): every event about the person — the contact
 * itself, its sensitive extras, participations, and whatever was recorded about a
 * duplicate merged into it — and nothing about anyone else.
 */
import { describe, expect, it } from 'vitest';
import { call, createdVault } from '../helpers';

describe("a contact's audit history", () => {
  it('lists the events about the person, including a merged duplicate, and nothing else', async () => {
    const { core } = await createdVault();
    const ines = await call(core, 'contacts.add', { fullName: 'Inès Fontaine', email: 'ines@example.org' });
    const other = await call(core, 'contacts.add', { fullName: 'Marc Peeters' });
    const dup = await call(core, 'contacts.add', { fullName: 'Ines Fontaine', email: 'ines.fontaine@example.org' });
    const event = await call(core, 'events.add', { name: 'Annual conference', type: 'conference', startDate: '2026-05-12' });

    await call(core, 'contacts.update', { id: ines.id, jobTitle: 'Inspector' });
    const bank = await call(core, 'sensitive.add', { contactId: ines.id, reason: 'Travel refund', bank: { iban: 'BE71 0961 2345 6769' } });
    await call(core, 'sensitive.reveal', { id: bank.id });
    await call(core, 'sensitive.remove', { id: bank.id });
    await call(core, 'participations.add', { contactId: ines.id, eventId: event.id, role: 'speaker', travelBooked: true });
    await call(core, 'sensitive.add', { contactId: dup.id, reason: 'Travel booking', identity: { document: 'passport', number: 'EM123456', dateOfBirth: '1980-02-03' } });
    await call(core, 'contacts.update', { id: other.id, jobTitle: 'Officer' });
    await call(core, 'participations.add', { contactId: other.id, eventId: event.id, role: 'participant', travelBooked: false });
    await call(core, 'contacts.merge', { keepId: ines.id, mergeId: dup.id });

    const history = await call(core, 'audit.list', { subjectId: ines.id, limit: 100 });
    expect(history.map((e) => e.action).reverse()).toEqual([
      'contact.created', // Inès
      'contact.created', // the duplicate
      'contact.updated',
      'sensitive.added',
      'sensitive.revealed',
      'sensitive.removed',
      'participation.created',
      'sensitive.added', // on the duplicate, before the merge
      'contact.merged',
      'contact.merged_into',
    ]);
    expect(history.every((e) => e.subjectId === ines.id || e.subjectId === dup.id)).toBe(true);
    expect(history.filter((e) => e.entityId === other.id)).toEqual([]);
    // Newest first, like the whole log, and pageable the same way.
    const older = await call(core, 'audit.list', { subjectId: ines.id, limit: 3, beforeSeq: history[2]!.seq });
    expect(older.map((e) => e.seq)).toEqual(history.slice(3, 6).map((e) => e.seq));

    expect(await call(core, 'audit.list', { subjectId: other.id, limit: 100 })).toHaveLength(3);
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);
  });

  it('names only the fields an update really changed, and logs nothing for a save without changes', async () => {
    const { core } = await createdVault();
    const org = await call(core, 'organisations.add', { name: 'Bruxelles Environnement', type: 'governmental_agency' });
    const full = {
      fullName: 'Lotte Peeters',
      email: 'lotte@example.be',
      otherEmails: ['l.peeters@example.org'],
      phone: '+32 2 299 11 11',
      jobTitle: 'Officer',
      organisationId: org.id,
      country: 'BE',
      language: 'nl',
      notes: 'Met in Ghent',
    };
    const lotte = await call(core, 'contacts.add', full);
    // As a form does: every field sent again, one of them different.
    await call(core, 'contacts.update', { id: lotte.id, ...full, phone: '02 299 11 11', jobTitle: 'Inspector' });
    let [latest] = await call(core, 'audit.list', { subjectId: lotte.id, limit: 1 });
    expect(latest).toMatchObject({ action: 'contact.updated', fields: ['jobTitle'] });
    await call(core, 'contacts.update', { id: lotte.id, ...full, jobTitle: 'Inspector', otherEmails: ['l.peeters@example.org', 'lotte.p@example.net'] });
    [latest] = await call(core, 'audit.list', { subjectId: lotte.id, limit: 1 });
    expect(latest!.fields).toEqual(['otherEmails']);
    const before = (await call(core, 'audit.list', { limit: 1 }))[0]!.seq;
    const same = await call(core, 'contacts.update', { id: lotte.id, ...full, jobTitle: 'Inspector', otherEmails: ['l.peeters@example.org', 'lotte.p@example.net'] });
    expect(same.jobTitle).toBe('Inspector');
    expect((await call(core, 'audit.list', { limit: 1 }))[0]!.seq).toBe(before);
  });
});
