import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { PASS, call, callError, createdVault, storedAuditEvents } from '../helpers';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(120, 9)]);

async function eventVault() {
  const { core } = await createdVault();
  const event = await call(core, 'events.add', { name: 'Annual Conference', startDate: '2026-05-12', location: 'Brussels' });
  const other = await call(core, 'events.add', { name: 'Training Day', startDate: '2026-03-10' });
  const org = await call(core, 'organisations.add', { name: 'Bruxelles Environnement', type: 'governmental_agency', country: 'BE' });
  const attend = async (fullName: string, ...eventIds: string[]) => {
    const c = await call(core, 'contacts.add', { fullName, organisationId: org.id });
    for (const eventId of eventIds) await call(core, 'participations.add', { contactId: c.id, eventId });
    return c;
  };
  return { core, event, other, org, attend };
}

describe('photo preferences', () => {
  it('derives the standing per event from the latest record in force, event or global; withdrawal restores the previous one', async () => {
    const { core, event, other, attend } = await eventVault();
    const ana = await attend('Ana Ruiz', event.id, other.id);
    const global = await call(core, 'photos.setPreference', { contactId: ana.id, state: 'opted_out', channel: 'email', decidedOn: '2026-01-05' });
    expect(global.global.standing).toBe('opted_out');
    expect(global.events.map((e) => [e.name, e.standing, e.source])).toEqual([
      ['Annual Conference', 'opted_out', 'global'],
      ['Training Day', 'opted_out', 'global'],
    ]);
    const forEvent = await call(core, 'photos.setPreference', { contactId: ana.id, eventId: event.id, state: 'allowed', channel: 'event_registration', decidedOn: '2026-01-06' });
    // A newer event record wins for its event only.
    expect(forEvent.events.find((e) => e.eventId === event.id)).toMatchObject({ standing: 'allowed', source: 'event' });
    expect(forEvent.events.find((e) => e.eventId === other.id)).toMatchObject({ standing: 'opted_out', source: 'global' });

    const eventRecord = forEvent.preferences.find((p) => p.event?.id === event.id)!;
    const withdrawn = await call(core, 'photos.withdrawPreference', { id: eventRecord.id });
    expect(withdrawn.events.find((e) => e.eventId === event.id)).toMatchObject({ standing: 'opted_out', source: 'global' });
    expect(withdrawn.preferences.find((p) => p.id === eventRecord.id)!.withdrawnAt).not.toBeNull();
    const none = await call(core, 'photos.withdrawPreference', { id: global.preferences[0]!.id });
    expect(none.global).toEqual({ standing: 'never_answered', preferenceId: null });

    const audit = await call(core, 'audit.list', { subjectId: ana.id, limit: 20 });
    expect(audit.filter((a) => a.action.startsWith('photo_preference.')).map((a) => a.action)).toEqual([
      'photo_preference.withdrawn',
      'photo_preference.withdrawn',
      'photo_preference.recorded',
      'photo_preference.recorded',
    ]);
    expect(audit.find((a) => a.action === 'photo_preference.recorded')!.fields).toEqual(['state', 'channel', 'decidedOn', 'eventId']);
  });

  it('lets the latest decision win across event and global records, whichever is older', async () => {
    const { core, event, attend } = await eventVault();
    // Reviewer's case (b): allowed for the event, later opted out of every event.
    const b = await attend('Bea Later-Out', event.id);
    await call(core, 'photos.setPreference', { contactId: b.id, eventId: event.id, state: 'allowed', channel: 'event_registration', decidedOn: '2026-01-01' });
    await call(core, 'photos.publish', { eventId: event.id, location: 'https://example.org/gallery', publishedOn: '2026-02-01' });
    expect(await call(core, 'photos.takedownsOwed', {})).toEqual([]);
    const out = await call(core, 'photos.setPreference', { contactId: b.id, state: 'opted_out', channel: 'email', decidedOn: '2026-03-01' });
    expect(out.events).toEqual([expect.objectContaining({ eventId: event.id, standing: 'opted_out', source: 'global' })]);
    expect((await call(core, 'photos.eventList', { eventId: event.id })).mustNotPhotograph.map((e) => [e.fullName, e.source, e.decidedOn])).toEqual([['Bea Later-Out', 'global', '2026-03-01']]);
    expect((await call(core, 'photos.takedownsOwed', {})).map((o) => [o.contactName, o.optedOutOn, o.source])).toEqual([['Bea Later-Out', '2026-03-01', 'global']]);
    // An older event record does not override a newer global one either.
    await call(core, 'photos.setPreference', { contactId: b.id, eventId: event.id, state: 'allowed', channel: 'phone', decidedOn: '2026-02-15' });
    expect((await call(core, 'photos.forContact', { contactId: b.id })).events[0]).toMatchObject({ standing: 'opted_out', source: 'global' });
    // A newer one does, and the takedown is no longer owed.
    await call(core, 'photos.setPreference', { contactId: b.id, eventId: event.id, state: 'allowed', channel: 'phone', decidedOn: '2026-03-02' });
    expect((await call(core, 'photos.forContact', { contactId: b.id })).events[0]).toMatchObject({ standing: 'allowed', source: 'event' });
    expect(await call(core, 'photos.takedownsOwed', {})).toEqual([]);
  });

  it('never lets "not decided yet" cancel an opt-out still in force', async () => {
    const { core, event, attend } = await eventVault();
    await call(core, 'photos.publish', { eventId: event.id, location: 'Newsletter', publishedOn: '2026-05-20' });
    // Reviewer's case (a): opted out of every event, then the registration form said "unknown".
    const a = await attend('Aline Unsure', event.id);
    await call(core, 'photos.setPreference', { contactId: a.id, state: 'opted_out', channel: 'email', decidedOn: '2026-01-01' });
    const later = await call(core, 'photos.setPreference', { contactId: a.id, eventId: event.id, state: 'unknown', channel: 'event_registration', decidedOn: '2026-04-01' });
    expect(later.events[0]).toMatchObject({ standing: 'opted_out', source: 'global' });
    let list = await call(core, 'photos.eventList', { eventId: event.id });
    expect(list.mustNotPhotograph.map((e) => e.fullName)).toEqual(['Aline Unsure']);
    expect(list.undecided).toEqual([]);
    expect((await call(core, 'photos.takedownsOwed', {})).map((o) => [o.contactName, o.optedOutOn])).toEqual([['Aline Unsure', '2026-01-01']]);

    // Same for an "unknown" after an opt-out in the same scope.
    const c = await attend('Carl Same-Scope', event.id);
    await call(core, 'photos.setPreference', { contactId: c.id, eventId: event.id, state: 'opted_out', channel: 'email', decidedOn: '2026-01-01' });
    await call(core, 'photos.setPreference', { contactId: c.id, eventId: event.id, state: 'unknown', channel: 'paper', decidedOn: '2026-01-02' });
    list = await call(core, 'photos.eventList', { eventId: event.id });
    expect(list.mustNotPhotograph.map((e) => e.fullName)).toEqual(['Aline Unsure', 'Carl Same-Scope']);

    // An "allowed" after the opt-out replaces it: a later "unknown" then means undecided.
    await call(core, 'photos.setPreference', { contactId: a.id, state: 'allowed', channel: 'phone', decidedOn: '2026-04-02' });
    await call(core, 'photos.setPreference', { contactId: a.id, eventId: event.id, state: 'unknown', channel: 'paper', decidedOn: '2026-04-03' });
    list = await call(core, 'photos.eventList', { eventId: event.id });
    expect(list.undecided.map((e) => e.fullName)).toEqual(['Aline Unsure']);
    expect((await call(core, 'photos.takedownsOwed', {})).map((o) => o.contactName)).toEqual(['Carl Same-Scope']);
  });

  it('orders two decisions of the same day by when they were entered', async () => {
    const { core, event, attend } = await eventVault();
    const c = await attend('Jan De Smet', event.id);
    await call(core, 'photos.setPreference', { contactId: c.id, state: 'opted_out', channel: 'phone', decidedOn: '2026-02-02' });
    await call(core, 'photos.setPreference', { contactId: c.id, state: 'allowed', channel: 'phone', decidedOn: '2026-02-02' });
    expect((await call(core, 'photos.forContact', { contactId: c.id })).global.standing).toBe('allowed');
    await call(core, 'photos.setPreference', { contactId: c.id, state: 'unknown', channel: 'paper', decidedOn: '2026-02-02' });
    expect((await call(core, 'photos.eventList', { eventId: event.id })).undecided.map((e) => e.fullName)).toEqual(['Jan De Smet']);
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const { core, event, other, attend } = await eventVault();
    const c = await attend('Eva Novak', other.id);
    const before = (await call(core, 'audit.list', { limit: 1 }))[0]!.seq;
    const err = async (input: Record<string, unknown>) => callError(core, 'photos.setPreference', { contactId: c.id, state: 'opted_out', channel: 'email', ...input });
    expect(await err({ contactId: 'nobody' })).toMatchObject({ code: 'not_found', message: 'This contact does not exist.' });
    expect(await err({ eventId: 'no-event' })).toMatchObject({ code: 'not_found', message: 'This event does not exist.' });
    expect((await err({ eventId: event.id })).message).toMatch(/not registered for that event/);
    expect((await err({ decidedOn: '2999-01-01' })).message).toMatch(/future/);
    expect((await err({ decidedOn: '2026-02-30' })).message).toMatch(/not a real date/);
    expect((await err({ state: 'maybe' })).code).toBe('invalid_input');
    expect((await callError(core, 'photos.withdrawPreference', { id: 'nope' })).code).toBe('not_found');
    expect((await call(core, 'photos.forContact', { contactId: c.id })).preferences).toEqual([]);
    expect((await call(core, 'audit.list', { limit: 1 }))[0]!.seq).toBe(before);

    const p = await call(core, 'photos.setPreference', { contactId: c.id, state: 'opted_out', channel: 'email' });
    await call(core, 'photos.withdrawPreference', { id: p.preferences[0]!.id });
    expect(await callError(core, 'photos.withdrawPreference', { id: p.preferences[0]!.id })).toMatchObject({ code: 'conflict' });
  });

  it('lets auditors read but never record', async () => {
    const { core, event, attend } = await eventVault();
    const c = await attend('Olga Auditor-Seen', event.id);
    await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: 'auditor passphrase' });
    await call(core, 'vault.unlock', { passphrase: 'auditor passphrase' });
    expect((await callError(core, 'photos.setPreference', { contactId: c.id, state: 'opted_out', channel: 'email' })).code).toBe('forbidden');
    expect((await callError(core, 'photos.publish', { eventId: event.id, location: 'Website', publishedOn: '2026-05-20' })).code).toBe('forbidden');
    expect((await call(core, 'photos.eventList', { eventId: event.id })).neverAnswered).toHaveLength(1);
  });
});

describe('event photo list files', () => {
  it('escapes hostile names in the printed page, embeds only image photos, and audits each photo shown', async () => {
    const { core, event, attend } = await eventVault();
    const bad = await attend('<script>alert(1)</script> "Bob" & Co', event.id);
    await call(core, 'organisations.update', { id: (await call(core, 'contacts.get', { id: bad.id })).organisation!.id, name: '"><img src=x onerror=alert(2)>' });
    await call(core, 'photos.setPreference', { contactId: bad.id, state: 'opted_out', channel: 'form' });
    await call(core, 'sensitive.add', { contactId: bad.id, reason: 'Badge photo', file: { base64: PNG.toString('base64') } });
    const quiet = await attend('Zoë Quiet', event.id);

    const file = await call(core, 'photos.eventListFile', { eventId: event.id, format: 'html', language: 'en' });
    expect(file.fileName).toBe('photo-list 2026-05-12 Annual Conference.html');
    const html = file.content;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;Bob&quot; &amp; Co');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`);
    expect(html).toContain('@media print');
    expect(html).toMatch(/Must not be photographed <span class="count">\(1\)<\/span>/);
    expect(html).toMatch(/Never answered <span class="count">\(1\)<\/span>/);
    expect(html).toContain('Zoë Quiet');
    expect(html).toContain('no photo');

    const audit = await call(core, 'audit.list', { limit: 2 });
    // One disclosure for the person whose photo was printed, none for the one without.
    expect(audit.map((a) => [a.action, a.subjectId, a.entityId])).toEqual([
      ['sensitive.disclosed', bad.id, expect.any(String)],
      ['photo_list.exported', null, event.id],
    ]);
    expect(audit[1]!.fields).toEqual(['fullName', 'organisation', 'photoPreference', 'photo']);
    expect(audit.some((a) => a.subjectId === quiet.id)).toBe(false);
    expect(JSON.stringify(await storedAuditEvents(core, 2))).not.toContain('script');
  });

  it('prints photos for an auditor only when reveals are allowed, like sensitive.reveal', async () => {
    const { core, event, attend } = await eventVault();
    const c = await attend('Pia Pictured', event.id);
    await call(core, 'photos.setPreference', { contactId: c.id, state: 'opted_out', channel: 'form' });
    await call(core, 'sensitive.add', { contactId: c.id, reason: 'Badge photo', file: { base64: PNG.toString('base64') } });
    await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: 'auditor passphrase' });
    const as = async (passphrase: string) => {
      await call(core, 'vault.lock', {});
      await call(core, 'vault.unlock', { passphrase });
    };
    const print = async () => {
      const before = (await call(core, 'audit.list', { limit: 1 }))[0]!.seq;
      const html = (await call(core, 'photos.eventListFile', { eventId: event.id, format: 'html', language: 'en' })).content;
      // An auditor's reads are logged too (auditor.viewed); only the export and disclosures matter here.
      const written = (await call(core, 'audit.list', { limit: 10 })).filter((a) => a.seq > before && a.action !== 'auditor.viewed');
      return { html, written: written.map((a) => [a.action, a.subjectId, a.fields]) };
    };

    await as('auditor passphrase');
    const hidden = await print();
    expect(hidden.html).not.toContain('<img');
    expect(hidden.html).not.toContain('data:image/png');
    expect(hidden.html).toContain('Pia Pictured');
    expect(hidden.html).toContain('photo not shown');
    expect(hidden.html).toContain('Profile photos are not shown');
    expect(hidden.written).toEqual([['photo_list.exported', null, ['fullName', 'organisation', 'photoPreference']]]);

    await as(PASS);
    await call(core, 'settings.update', { auditorsMayReveal: true });
    await as('auditor passphrase');
    const shown = await print();
    expect(shown.html).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`);
    expect(shown.html).not.toContain('Profile photos are not shown');
    expect(shown.written).toEqual([
      ['sensitive.disclosed', c.id, ['photo']],
      ['photo_list.exported', null, ['fullName', 'organisation', 'photoPreference', 'photo']],
    ]);
  });

  it('writes a CSV that round-trips through csv-parse, formulas neutralised', async () => {
    const { core, event, other, attend } = await eventVault();
    const a = await attend('=HYPERLINK("http://x","click")', event.id);
    const b = await attend('Dupont, "Jean"\nMarie', event.id, other.id);
    const c = await attend('Allowed Person', event.id);
    await call(core, 'photos.setPreference', { contactId: a.id, state: 'opted_out', channel: 'form', decidedOn: '2026-04-01' });
    await call(core, 'photos.setPreference', { contactId: b.id, eventId: event.id, state: 'opted_out', channel: 'email', decidedOn: '2026-04-02' });
    await call(core, 'photos.setPreference', { contactId: c.id, state: 'allowed', channel: 'email' });
    const file = await call(core, 'photos.eventListFile', { eventId: event.id, format: 'csv', language: 'en' });
    const rows = parse(file.content, { bom: true }) as string[][];
    expect(rows).toEqual([
      ['name', 'organisation', 'list', 'source', 'decided on'],
      ['\'=HYPERLINK("http://x","click")', 'Bruxelles Environnement', 'Must not be photographed', 'global', '2026-04-01'],
      ['Dupont, "Jean"\nMarie', 'Bruxelles Environnement', 'Must not be photographed', 'event-specific', '2026-04-02'],
    ]);
    const frRows = parse((await call(core, 'photos.eventListFile', { eventId: event.id, format: 'csv', language: 'fr' })).content, { bom: true, delimiter: ';' }) as string[][];
    expect(frRows[0]).toEqual(['nom', 'organisation', 'liste', 'source', 'décidé le']);
    expect(frRows[1]![2]).toBe('Ne pas photographier');
    expect((await call(core, 'audit.list', { limit: 1 }))[0]).toMatchObject({ action: 'photo_list.exported', entityId: event.id, fields: ['fullName', 'organisation', 'photoPreference'] });
  });
});

describe('publications and takedowns', () => {
  it('owes a takedown per publication for each attendee who opted out, until it is marked done', async () => {
    const { core, event, other, attend } = await eventVault();
    const a = await attend('Anne Later', event.id);
    const b = await attend('Bert Allowed', event.id);
    const c = await attend('Chris Elsewhere', other.id);
    const web = await call(core, 'photos.publish', { eventId: event.id, location: 'https://example.org/conference-2026', publishedOn: '2026-05-20' });
    const news = await call(core, 'photos.publish', { eventId: event.id, location: 'Newsletter May 2026', publishedOn: '2026-05-28', description: 'Group photo' });
    expect((await call(core, 'photos.publications', { eventId: event.id })).map((p) => p.location)).toEqual(['Newsletter May 2026', 'https://example.org/conference-2026']);
    expect(await call(core, 'photos.takedownsOwed', {})).toEqual([]);

    await call(core, 'photos.setPreference', { contactId: a.id, state: 'opted_out', channel: 'email' });
    await call(core, 'photos.setPreference', { contactId: b.id, state: 'allowed', channel: 'email' });
    await call(core, 'photos.setPreference', { contactId: c.id, state: 'opted_out', channel: 'email' });
    const owed = await call(core, 'photos.takedownsOwed', {});
    expect(owed.map((o) => [o.contactName, o.publication.location, o.source])).toEqual([
      ['Anne Later', 'https://example.org/conference-2026', 'global'],
      ['Anne Later', 'Newsletter May 2026', 'global'],
    ]);
    expect(await callError(core, 'photos.markTakenDown', { contactId: b.id, publicationId: web.id })).toMatchObject({ code: 'invalid_input' });
    await call(core, 'photos.markTakenDown', { contactId: a.id, publicationId: web.id, note: 'Removed from the gallery' });
    expect(await callError(core, 'photos.markTakenDown', { contactId: a.id, publicationId: web.id })).toMatchObject({ code: 'conflict' });
    const left = await call(core, 'photos.forContact', { contactId: a.id });
    expect(left.takedownsOwed.map((o) => o.publication.id)).toEqual([news.id]);
    expect((await call(core, 'audit.list', { subjectId: a.id, limit: 1 }))[0]).toMatchObject({ action: 'photo_takedown.done', entityId: web.id, fields: ['doneOn', 'note'] });

    // Allowing photos again for this event clears what is still owed.
    await call(core, 'photos.setPreference', { contactId: a.id, eventId: event.id, state: 'allowed', channel: 'phone' });
    expect(await call(core, 'photos.takedownsOwed', {})).toEqual([]);
  });
});
