import { describe, expect, it } from 'vitest';
import { SEARCH_COUNT_CAP } from '../../db/contacts/contacts';
import { insertDemoData } from '../../db/seed/demo';
import { call, callError, createdVault, storedAuditEvents } from '../helpers';

async function withOrg() {
  const { core } = await createdVault();
  const org = await call(core, 'organisations.add', { name: 'Umweltbundesamt', type: 'governmental_agency', country: 'DE' });
  return { core, org };
}

describe('contacts', () => {
  it('adds a contact with a primary e-mail and an E.164 phone, and audits field names only', async () => {
    const { core, org } = await withOrg();
    const c = await call(core, 'contacts.add', {
      fullName: 'Jürgen Müller',
      email: 'Juergen.Mueller@UBA.de',
      otherEmails: ['jm@example.org'],
      phone: '030 8903 0',
      country: 'DE',
      organisationId: org.id,
      jobTitle: 'Inspector',
      gender: 'male',
      language: 'de',
    });
    expect(c.emails).toEqual([
      { address: expect.stringMatching(/^Juergen\.Mueller@uba\.de$/i), primary: true },
      { address: 'jm@example.org', primary: false },
    ]);
    expect(c.phones[0]).toMatch(/^\+49/);
    expect(c.organisation).toEqual({ id: org.id, name: 'Umweltbundesamt' });
    const log = await call(core, 'audit.list', { limit: 1 });
    expect(log[0]).toMatchObject({ action: 'contact.created', entityId: c.id });
    expect(log[0]!.fields).toEqual(expect.arrayContaining(['fullName', 'email', 'phone']));
    expect(JSON.stringify(await storedAuditEvents(core, 1))).not.toContain('Müller');
  });

  it('refuses an invalid e-mail or phone and writes nothing', async () => {
    const { core } = await withOrg();
    expect((await callError(core, 'contacts.add', { fullName: 'X', email: 'not-an-address' })).code).toBe('invalid_input');
    expect((await callError(core, 'contacts.add', { fullName: 'X', phone: '12' })).code).toBe('invalid_input');
    expect((await callError(core, 'contacts.add', { fullName: 'X', organisationId: 'nope' })).code).toBe('not_found');
    expect((await call(core, 'contacts.search', {})).total).toBe(0);
  });

  it('finds people by name, e-mail or organisation, whatever the accents and case', async () => {
    const { core, org } = await withOrg();
    const names = ['Éric Dupont', 'Jürgen Müller', 'Łukasz Kowalski', 'Ana Peña', 'Søren Østergaard', 'Eric Clapton'];
    for (const fullName of names) await call(core, 'contacts.add', { fullName, organisationId: fullName.startsWith('J') ? org.id : null });
    const find = async (query: string) => (await call(core, 'contacts.search', { query })).items.map((i) => i.fullName).sort();
    expect(await find('eric')).toEqual(['Eric Clapton', 'Éric Dupont']);
    expect(await find('ÉRIC dup')).toEqual(['Éric Dupont']);
    expect(await find('muller')).toEqual(['Jürgen Müller']);
    expect(await find('lukasz')).toEqual(['Łukasz Kowalski']);
    expect(await find('pena')).toEqual(['Ana Peña']);
    expect(await find('soren oster')).toEqual(['Søren Østergaard']);
    expect(await find('umwelt')).toEqual(['Jürgen Müller']);
    expect(await find('zzz')).toEqual([]);
    expect(await find('"*')).toEqual([]);
  });

  it('a word longer than three letters finds every word it starts, however many there are, and no word that is gone', async () => {
    const { core } = await createdVault();
    const titles = ['Inspector', 'Inspectorate head', 'Inspecteur principal', 'Inspection officer', 'Ïnspectorin'];
    const people = [];
    for (const [i, jobTitle] of titles.entries()) people.push(await call(core, 'contacts.add', { fullName: `Person ${i}`, jobTitle }));
    // 40 words starting "zorrino": more than a search spells out one by one.
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (let i = 0; i < 40; i++) await call(core, 'contacts.add', { fullName: `Member Zorrino${letters[Math.floor(i / 26)]}${letters[i % 26]}` });
    const find = async (query: string) => (await call(core, 'contacts.search', { query })).items.map((i) => i.jobTitle ?? i.fullName).sort();
    expect(await find('inspector')).toEqual(['Inspector', 'Inspectorate head', 'Ïnspectorin']);
    expect(await find('INSPECT')).toEqual(titles.slice().sort());
    expect(await find('inspectorat officer')).toEqual([]);
    expect(await find('inspectorate hea')).toEqual(['Inspectorate head']);
    expect(await find('zorrinoa')).toHaveLength(26);
    expect(await find('zorrino')).toHaveLength(40);
    expect(await find('member zorrinob')).toHaveLength(14);
    expect(await find('inspectorx')).toEqual([]);
    await call(core, 'contacts.update', { id: people[0]!.id, jobTitle: 'Auditor' });
    expect(await find('inspector')).toEqual(['Inspectorate head', 'Ïnspectorin']);
  });

  it('pages, filters by organisation and archive state', async () => {
    const { core, org } = await withOrg();
    for (let i = 0; i < 25; i++) await call(core, 'contacts.add', { fullName: `Person ${String(i).padStart(2, '0')}`, organisationId: i % 2 ? org.id : null });
    const page = await call(core, 'contacts.search', { limit: 10, offset: 10 });
    expect(page.total).toBe(25);
    expect(page.items.map((i) => i.fullName)).toEqual(Array.from({ length: 10 }, (_, k) => `Person ${String(k + 10).padStart(2, '0')}`));
    expect((await call(core, 'contacts.search', { organisationId: org.id })).total).toBe(12);
    const first = page.items[0]!;
    await call(core, 'contacts.archive', { id: first.id, archived: true });
    expect((await call(core, 'contacts.search', {})).total).toBe(24);
    expect((await call(core, 'contacts.search', { archived: 'only' })).items.map((i) => i.id)).toEqual([first.id]);
  });

  it('updates fields and the search index, including after an organisation rename', async () => {
    const { core, org } = await withOrg();
    const c = await call(core, 'contacts.add', { fullName: 'Anna Schmidt', organisationId: org.id, email: 'anna@uba.de' });
    await call(core, 'contacts.update', { id: c.id, fullName: 'Anna Schmidt-Weber', otherEmails: ['a.weber@example.org'] });
    expect((await call(core, 'contacts.search', { query: 'weber' })).total).toBe(1);
    const after = await call(core, 'contacts.get', { id: c.id });
    expect(after.emails.map((e) => e.address)).toEqual(['anna@uba.de', 'a.weber@example.org']);
    await call(core, 'organisations.update', { id: org.id, name: 'German Environment Agency' });
    expect((await call(core, 'contacts.search', { query: 'german environment' })).total).toBe(1);
    expect((await call(core, 'contacts.search', { query: 'umweltbundesamt' })).total).toBe(0);
  });

  it('registers participation; the date defaults to the event start and starts the retention clock', async () => {
    const { core } = await withOrg();
    const c = await call(core, 'contacts.add', { fullName: 'Marta Rossi' });
    const ev = await call(core, 'events.add', { name: 'General Assembly 2026', startDate: '2026-05-12', endDate: '2026-05-13', location: 'Brussels' });
    const p = await call(core, 'participations.add', { contactId: c.id, eventId: ev.id, role: 'speaker', travelBooked: true });
    expect(p).toMatchObject({ participatedOn: '2026-05-12', role: 'speaker', travelBooked: true, name: 'General Assembly 2026' });
    expect((await call(core, 'contacts.get', { id: c.id })).participations).toHaveLength(1);
    expect((await call(core, 'contacts.search', { eventId: ev.id })).items.map((i) => i.id)).toEqual([c.id]);
    expect((await call(core, 'events.list', {})).items[0]).toMatchObject({ name: 'General Assembly 2026', participants: 1 });
    expect((await callError(core, 'events.add', { name: 'Backwards', startDate: '2026-05-12', endDate: '2026-05-01' })).code).toBe('invalid_input');
    expect((await callError(core, 'participations.add', { contactId: c.id })).code).toBe('invalid_input');
  });

  it('counts a broad search up to a cap and says so; a narrow one exactly', async () => {
    const { core } = await withOrg();
    const ctx = core.context();
    await ctx.tx((trx, audit) => insertDemoData(trx, { contacts: 1200, now: ctx.now }, (t) => audit({ action: 'demo.generated', entityType: t })));
    const broad = await call(core, 'contacts.search', { query: 'example', limit: 10 });
    expect(broad).toMatchObject({ total: SEARCH_COUNT_CAP, totalIsFloor: true });
    expect(broad.items).toHaveLength(10);
    const all = await call(core, 'contacts.search', { limit: 1 });
    expect(all.total).toBe(1200);
    expect(all.totalIsFloor).toBeUndefined();
  });

  it('auditors can search but not add', async () => {
    const { core } = await withOrg();
    await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: 'auditor passphrase' });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: 'auditor passphrase' });
    expect((await callError(core, 'contacts.add', { fullName: 'X' })).code).toBe('forbidden');
    expect((await call(core, 'contacts.search', { query: 'x' })).total).toBe(0);
  });
});
