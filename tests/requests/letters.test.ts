/**
 * The reply letters of a rights request (issue 13): each kind drafted in English and French
 * with the request's facts and the controller's details read from their one place, the
 * kinds the request's state refuses, saving (timeline, audit, the detail's list), the
 * printable page, and bad input or an auditor changing nothing.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegistreCore } from '../../db/core';
import { controllerDetails } from '../../db/settings/controller';
import type { Input } from '../../shared/api/index';
import { refusalReasons, requestLetterKinds, requestTypes } from '../../shared/vocabulary';
import { call, callError, PASS, tempDir } from '../helpers';

async function vaultOn(day: string) {
  let now = new Date(`${day}T10:00:00.000Z`);
  const core = new RegistreCore({ vaultDir: join(tempDir(), 'vault'), allowFolderChange: false, now: () => now });
  await call(core, 'vault.create', { passphrase: PASS, staffName: 'Anna Admin' });
  const ana = await call(core, 'contacts.add', { fullName: 'Ana Ruiz', email: 'ana@example.org', language: 'es' });
  const setToday = async (d: string) => {
    await core.lock();
    now = new Date(`${d}T10:00:00.000Z`);
    await call(core, 'vault.unlock', { passphrase: PASS });
  };
  const add = (input: Partial<Input<'requests.add'>> = {}) => call(core, 'requests.add', { type: 'access', receivedOn: '2026-11-02', channel: 'email', contactId: ana.id, ...input });
  const snapshot = () => {
    const raw = core.context().vault.raw;
    const count = (t: string) => raw.prepare(`SELECT count(*) FROM ${t}`).pluck().get();
    return { letters: count('request_letters'), events: count('request_events'), audit: raw.prepare('SELECT seq, hash FROM audit_head').get() };
  };
  return { core, ana, setToday, add, snapshot };
}

describe('a rights request’s letters', () => {
  it('drafts every kind in English and French with the request’s facts, dates in words and the controller read from its one place', async () => {
    const { core, add } = await vaultOn('2026-11-10');
    const controller = await controllerDetails(core.context().db);
    const r = await add();
    await call(core, 'requests.extend', { id: r.id, months: 2, reason: 'Your data sits in several archived event files.' });
    for (const kind of requestLetterKinds) {
      for (const language of ['en', 'fr'] as const) {
        const d = await call(core, 'requests.draftLetter', { id: r.id, kind, language, ...(kind === 'refusal' ? { refusalReason: 'excessive' as const } : {}) });
        expect(d).toMatchObject({ kind, language });
        expect(d.subject).toContain(r.id);
        expect(d.subject).toContain(language === 'en' ? '2 November 2026' : '2 novembre 2026');
        expect(d.body).toContain(language === 'en' ? '2 November 2026' : '2 novembre 2026');
        expect(d.body).toContain(language === 'en' ? '10 November 2026' : '10 novembre 2026'); // the letter's date
        expect(d.body).toContain(r.id);
        expect(d.body).toContain(controller.name);
        expect(d.body).toContain(controller.email);
        expect(d.body).toContain('Ana Ruiz');
        expect(d.body).not.toMatch(/\{\{|undefined|null/);
        expect(d.body).toMatch(/\n\n/);
      }
    }
    const extEn = await call(core, 'requests.draftLetter', { id: r.id, kind: 'extension', language: 'en' });
    // Received 2 November, one month plus two: 2 February 2027 (a Tuesday).
    expect(extEn.body).toContain('We received your request for access to your personal data on 2 November 2026.');
    expect(extEn.body).toContain('by two further months');
    expect(extEn.body).toContain('Your data sits in several archived event files.');
    expect(extEn.body).toContain('We will reply by 2 February 2027 at the latest');
    expect(extEn.body).toContain('within one month of receiving your request');
    const extFr = await call(core, 'requests.draftLetter', { id: r.id, kind: 'extension', language: 'fr' });
    expect(extFr.body).toContain('Nous avons reçu le 2 novembre 2026 votre demande d’accès à vos données personnelles.');
    expect(extFr.body).toContain('au plus tard le 2 février 2027');
    expect(extFr.body).toContain('dans le mois qui suit la réception de votre demande');

    const ack = await call(core, 'requests.draftLetter', { id: r.id, kind: 'acknowledgement', language: 'en' });
    expect(ack.body).toContain('We will reply by 2 February 2027 at the latest');
  });

  it('writes in the contact’s language when it is English or French, else French; an unnamed requester is greeted politely', async () => {
    const { core, add } = await vaultOn('2026-11-10');
    const r = await add();
    expect((await call(core, 'requests.draftLetter', { id: r.id, kind: 'acknowledgement' })).language).toBe('fr');
    const en = await call(core, 'contacts.add', { fullName: 'Bo Smith', language: 'en' });
    const r2 = await add({ contactId: en.id });
    expect((await call(core, 'requests.draftLetter', { id: r2.id, kind: 'acknowledgement' })).language).toBe('en');
    const stranger = await add({ contactId: undefined, requesterName: 'Jo Bloggs' });
    expect((await call(core, 'requests.draftLetter', { id: stranger.id, kind: 'acknowledgement' })).body).toContain('Bonjour Jo Bloggs,');
  });

  it('says what was done for every right in a completion letter', async () => {
    const { core, add } = await vaultOn('2026-11-10');
    const said = new Set<string>();
    for (const type of requestTypes) {
      const r = await add({ type });
      for (const language of ['en', 'fr'] as const) {
        const d = await call(core, 'requests.draftLetter', { id: r.id, kind: 'completion', language });
        const article = { access: '15', rectification: '16', erasure: '17', portability: '20', restriction: '18', objection: '21', consent_withdrawal: '7' }[type];
        expect(d.body).toMatch(new RegExp(`[Aa]rticle ${article}\\b`));
        said.add(d.body);
      }
    }
    expect(said.size).toBe(requestTypes.length * 2);
    // Once completed, the note the requester is told goes into the letter.
    const done = await add({ type: 'rectification' });
    await call(core, 'requests.start', { id: done.id });
    await call(core, 'requests.close', { id: done.id, outcome: 'completed', text: 'Your job title now reads “Inspector”.' });
    expect((await call(core, 'requests.draftLetter', { id: done.id, kind: 'completion', language: 'en' })).body).toContain('Your job title now reads “Inspector”.');
  });

  it('states the ground of a refusal and always the authority and the judicial remedy, in both languages', async () => {
    const { core, add } = await vaultOn('2026-11-10');
    const { authority } = await controllerDetails(core.context().db);
    const r = await add();
    for (const refusalReason of refusalReasons) {
      for (const language of ['en', 'fr'] as const) {
        const d = await call(core, 'requests.draftLetter', { id: r.id, kind: 'refusal', language, refusalReason, refusalText: 'You asked the same thing on 1 and 3 November.' });
        expect(d.body).toContain('You asked the same thing on 1 and 3 November.');
        for (const s of ['Autorité de protection des données', 'Gegevensbeschermingsautoriteit', 'Rue de la Presse 35, 1000 Bruxelles', 'contact@apd-gba.be', 'www.autoriteprotectiondonnees.be'])
          expect(d.body).toContain(s);
        expect(authority.email).toBe('contact@apd-gba.be');
        expect(d.body).toContain(language === 'en' ? 'Belgian Data Protection Authority' : 'autorité de contrôle belge');
        expect(d.body).toContain(language === 'en' ? 'judicial remedy' : 'recours juridictionnel');
        expect(d.body).toMatch(language === 'en' ? /Article 77 GDPR.*Article 79 GDPR/s : /article 77 du RGPD.*article 79 du RGPD/s);
      }
    }
    // An open request's refusal needs the ground; a refused one states its own.
    expect(await callError(core, 'requests.draftLetter', { id: r.id, kind: 'refusal' })).toMatchObject({ code: 'invalid_input', detail: { reason: 'refusal_reason_missing' } });
    await call(core, 'requests.close', { id: r.id, outcome: 'refused', refusalReason: 'manifestly_unfounded', text: 'Recorded words.' });
    const refused = await call(core, 'requests.draftLetter', { id: r.id, kind: 'refusal', language: 'en' });
    expect(refused.body).toContain('manifestly unfounded');
    expect(refused.body).toContain('Recorded words.');
    expect(await callError(core, 'requests.draftLetter', { id: r.id, kind: 'refusal', refusalReason: 'excessive' })).toMatchObject({ code: 'invalid_input', detail: { field: 'refusalReason' } });
  });

  it('refuses the kinds the request’s state makes no sense of, and saving them changes nothing', async () => {
    const { core, add, snapshot } = await vaultOn('2026-11-10');
    const r = await add();
    const before = snapshot();
    expect(await callError(core, 'requests.draftLetter', { id: r.id, kind: 'extension' })).toMatchObject({ code: 'conflict', detail: { reason: 'letter_not_extended' } });
    expect(await callError(core, 'requests.saveLetter', { id: r.id, kind: 'extension', language: 'en', subject: 'S', body: 'B' })).toMatchObject({
      code: 'conflict',
      detail: { reason: 'letter_not_extended' },
    });
    expect(await callError(core, 'requests.draftLetter', { id: r.id, kind: 'acknowledgement', refusalReason: 'excessive' })).toMatchObject({ code: 'invalid_input' });
    expect(await callError(core, 'requests.draftLetter', { id: 'nope', kind: 'acknowledgement' })).toMatchObject({ code: 'not_found', detail: { reason: 'request_absent' } });
    expect((await callError(core, 'requests.draftLetter', { id: r.id, kind: 'reminder' })).code).toBe('invalid_input');
    // Bad input: too long, empty, an unknown kind or language, an extra field.
    const bad = [
      { id: r.id, kind: 'acknowledgement', language: 'en', subject: 'x'.repeat(301), body: 'B' },
      { id: r.id, kind: 'acknowledgement', language: 'en', subject: 'S', body: 'x'.repeat(20_001) },
      { id: r.id, kind: 'acknowledgement', language: 'en', subject: '  ', body: 'B' },
      { id: r.id, kind: 'acknowledgement', language: 'de', subject: 'S', body: 'B' },
      { id: r.id, kind: 'memo', language: 'en', subject: 'S', body: 'B' },
      { id: r.id, kind: 'acknowledgement', language: 'en', subject: 'S', body: 'B', extra: 1 },
      { id: r.id, kind: 'acknowledgement', language: 'en', subject: 'S', body: 'B\u0000' },
    ];
    for (const input of bad) expect((await callError(core, 'requests.saveLetter', input)).code).toBe('invalid_input');
    expect(await callError(core, 'requests.saveLetter', { id: 'nope', kind: 'acknowledgement', language: 'en', subject: 'S', body: 'B' })).toMatchObject({ detail: { reason: 'request_absent' } });
    expect(snapshot()).toEqual(before);

    await call(core, 'requests.start', { id: r.id });
    await call(core, 'requests.close', { id: r.id, outcome: 'completed' });
    expect(await callError(core, 'requests.draftLetter', { id: r.id, kind: 'refusal', refusalReason: 'excessive' })).toMatchObject({ code: 'conflict', detail: { reason: 'letter_outcome_mismatch' } });
    expect(await callError(core, 'requests.draftLetter', { id: r.id, kind: 'identity_request' })).toMatchObject({ code: 'conflict', detail: { reason: 'request_closed' } });
    expect((await call(core, 'requests.draftLetter', { id: r.id, kind: 'completion' })).kind).toBe('completion');
  });

  it('saves the edited letter on the request: the detail lists it, the timeline and the audit log hold ids and field names only', async () => {
    const { core, ana, add } = await vaultOn('2026-11-10');
    const r = await add();
    const draft = await call(core, 'requests.draftLetter', { id: r.id, kind: 'acknowledgement', language: 'en' });
    const body = `${draft.body}\n\nP.S. <script>alert("x")</script> & Ana’s marker ZQX-LETTER`;
    const saved = await call(core, 'requests.saveLetter', { id: r.id, kind: 'acknowledgement', language: 'en', subject: draft.subject, body });
    expect(saved).toMatchObject({ kind: 'acknowledgement', language: 'en', subject: draft.subject, body, savedAt: '2026-11-10T10:00:00.000Z', savedBy: { name: 'Anna Admin' } });

    const detail = await call(core, 'requests.get', { id: r.id });
    expect(detail.letters).toEqual([{ id: saved.id, kind: 'acknowledgement', language: 'en', subject: draft.subject, savedAt: saved.savedAt, savedBy: saved.savedBy }]);
    expect(detail.state).toBe('received');
    expect(detail.events.at(-1)).toMatchObject({ kind: 'letter_saved', fromState: 'received', toState: 'received', detail: { letterId: saved.id, kind: 'acknowledgement', language: 'en' } });

    const log = await call(core, 'audit.list', { subjectId: ana.id, limit: 10 });
    expect(log[0]).toMatchObject({ action: 'request.letter_saved', entityType: 'rights_request', entityId: r.id, fields: ['kind', 'language', 'subject', 'body'] });
    const raw = core.context().vault.raw;
    expect(raw.prepare(`SELECT count(*) FROM audit_events WHERE fields LIKE '%ZQX%' OR entity_id LIKE '%ZQX%'`).pluck().get()).toBe(0);
    expect(JSON.stringify(detail.events)).not.toContain('ZQX');
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);

    const letter = await call(core, 'requests.letter', { id: r.id, letterId: saved.id });
    expect(letter.body).toBe(body);
    expect(letter.html).toMatch(/^<!doctype html>\n<html lang="en"><head><meta charset="utf-8">/);
    expect(letter.html).toContain('@media print');
    expect(letter.html).not.toContain('<script>');
    expect(letter.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Ana&#39;s'.replace('&#39;', '’'));
    expect(letter.html.match(/<p>/g)!.length).toBe(body.split('\n\n').length);
    expect(await callError(core, 'requests.letter', { id: r.id, letterId: 'nope' })).toMatchObject({ code: 'not_found', detail: { reason: 'letter_absent' } });
    const other = await add();
    expect(await callError(core, 'requests.letter', { id: other.id, letterId: saved.id })).toMatchObject({ detail: { reason: 'letter_absent' } });

    // Erasing Ana keeps the request and the fact that the letter was sent, without its words.
    await call(core, 'contacts.erase', { contactId: ana.id, reason: 'Art. 17 request' });
    expect((await call(core, 'requests.get', { id: r.id })).letters).toEqual([{ ...detail.letters[0], subject: '' }]);
    expect(await call(core, 'requests.letter', { id: r.id, letterId: saved.id })).toMatchObject({ kind: 'acknowledgement', subject: '', body: '' });
  });

  it('lets an auditor draft and read letters, each look logged in the person’s history, but not save one', async () => {
    const { core, ana, add, snapshot } = await vaultOn('2026-11-10');
    const r = await add();
    const saved = await call(core, 'requests.saveLetter', { id: r.id, kind: 'acknowledgement', language: 'fr', subject: 'Accusé', body: 'Bonjour' });
    await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: 'auditor passphrase' });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: 'auditor passphrase' });
    await call(core, 'requests.draftLetter', { id: r.id, kind: 'acknowledgement' });
    expect((await call(core, 'requests.letter', { id: r.id, letterId: saved.id })).html).toContain('<html lang="fr">');
    const views = (await call(core, 'audit.list', { subjectId: ana.id, limit: 20 })).filter((e) => e.action === 'auditor.viewed');
    expect(views.map((e) => [e.entityType, e.entityId])).toEqual(
      expect.arrayContaining([
        ['requests.draftLetter', r.id],
        ['requests.letter', saved.id],
      ]),
    );
    const before = snapshot();
    expect(await callError(core, 'requests.saveLetter', { id: r.id, kind: 'acknowledgement', language: 'fr', subject: 'S', body: 'B' })).toMatchObject({
      code: 'forbidden',
      detail: { reason: 'auditor_read_only' },
    });
    expect(snapshot()).toEqual(before);
  });
});
