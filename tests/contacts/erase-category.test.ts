/**
 * Erasing one sensitive category of a person, and anonymising a person (issue 15). Two
 * people A and B carry unique markers (name, e-mail, phone, notes, passport number, IBAN
 * holder, photo bytes); after each operation on A every page of registre.db and every WAL
 * frame is decrypted and searched: what went must be in none, what stays (A's other
 * details, all of B's) must still be found, so the scan can fail both ways.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { erasurePseudonym } from '../../db/erasure/erase';
import { readLedgerFile } from '../../db/erasure/ledger-file';
import { decodeRecoveryKey } from '../../db/vault/recovery-key';
import { localDay } from '../../shared/rules/dates';
import { ibanCheckDigits } from '../../shared/rules/iban';
import { yearsAfter } from '../../shared/rules/legal-holds';
import { call, callError, createdVault } from '../helpers';
import { findInPages, snapshotPages } from '../vault/sqlcipher-pages';

const hex = (n: number) => randomBytes(n).toString('hex');
const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const today = () => localDay(new Date());
const yearsAgo = (years: number) => `${Number(today().slice(0, 4)) - years}${today().slice(4)}`.replace(/-02-29$/, '-02-28');

/** One person's markers: a prefix and kind code, then a random tail the scan looks for (see erasure.test.ts). */
function markers(prefix: string) {
  const word = (kind: string) => {
    const tail = hex(6);
    return { text: `${prefix}${kind}${tail}`, needle: tail };
  };
  const bban = digits(12);
  const phone = `47${digits(7)}`;
  return {
    name: word('nm'),
    email: word('em'),
    notes: word('no'),
    jobTitle: word('jt'),
    holder: word('ho'),
    passport: word('pp'),
    photo: word('ph'),
    phone: { text: `+32${phone}`, needle: phone },
    iban: { text: `BE${ibanCheckDigits('BE', bban)}${bban}`, needle: bban },
  };
}
type Markers = ReturnType<typeof markers>;
const needles = (m: Markers, ...kinds: Array<keyof Markers>) => kinds.map((k) => m[k].needle);
const ALL: Array<keyof Markers> = ['name', 'email', 'notes', 'jobTitle', 'holder', 'passport', 'photo', 'phone', 'iban'];

/** A person with an organisation, a country, a participation, a passport, bank details paid from 2 years ago and a photo. */
async function seed(core: RegistreCore, m: Markers, organisationId: string, eventId: string): Promise<string> {
  const c = await call(core, 'contacts.add', {
    fullName: `${m.name.text} Person`,
    email: `${m.email.text}@example.org`,
    phone: m.phone.text,
    notes: m.notes.text,
    jobTitle: m.jobTitle.text,
    organisationId,
    country: 'BE',
    language: 'fr',
    gender: 'female',
  });
  await call(core, 'participations.add', { contactId: c.id, eventId });
  await call(core, 'sensitive.add', { contactId: c.id, reason: 'travel booking', identity: { document: 'passport', number: m.passport.text } });
  await call(core, 'sensitive.add', { contactId: c.id, reason: 'reimbursement', bank: { iban: m.iban.text, holder: m.holder.text, lastPaidOn: yearsAgo(2) } });
  await call(core, 'sensitive.add', { contactId: c.id, reason: 'badge', file: { base64: Buffer.concat([PNG, Buffer.from(m.photo.text)]).toString('base64') } });
  await call(core, 'consents.record', { contactId: c.id, purposeCode: 'newsletter', action: 'granted', channel: 'form', evidence: `consent of ${m.name.text}` });
  return c.id;
}

async function twoPeople() {
  const { core, recoveryKey } = await createdVault();
  const key = decodeRecoveryKey(recoveryKey);
  const org = await call(core, 'organisations.add', { name: 'Flemish Environment Agency', type: 'governmental_agency', country: 'BE' });
  const event = await call(core, 'events.add', { name: 'Workshop', startDate: '2012-03-01' });
  const a = markers('ZQY8A');
  const b = markers('ZQY8B');
  const aId = await seed(core, a, org.id, event.id);
  const bId = await seed(core, b, org.id, event.id);
  // Control: the scan finds every marker of both before anything is erased.
  const before = snapshotPages(core.vaultDir, key);
  expect([...findInPages(before, needles(a, ...ALL))].sort()).toEqual(needles(a, ...ALL).sort());
  return { core, key, org, aId, bId, a, b, scan: () => snapshotPages(core.vaultDir, key) };
}

const auditHead = (core: RegistreCore) => core.context().db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
const raw = (core: RegistreCore) => core.context().vault.raw;

describe('erasing one sensitive category', () => {
  it("leaves no page or WAL frame with A's passport, and A's other details and all of B's where they were", async () => {
    const { core, aId, bId, a, b, scan } = await twoPeople();
    const preview = await call(core, 'contacts.eraseCategoryPreview', { contactId: aId, category: 'identity' });
    expect(preview).toEqual({ contactId: aId, category: 'identity', removes: 1, keeps: [] });

    const result = await call(core, 'contacts.eraseCategory', { contactId: aId, category: 'identity', reason: 'Asked to forget the passport' });
    expect(result).toMatchObject({ contactId: aId, category: 'identity', erasedOn: today(), requestId: null, removed: 1, kept: [] });
    expect((await call(core, 'sensitive.list', { contactId: aId })).map((x) => x.category).sort()).toEqual(['bank', 'photo']);
    expect((await call(core, 'contacts.get', { id: aId })).fullName).toBe(`${a.name.text} Person`);

    const pages = scan();
    expect(pages.filter((p) => p.source === 'wal')).toEqual([]);
    expect([...findInPages(pages, needles(a, 'passport'))]).toEqual([]);
    const aRest = ALL.filter((k) => k !== 'passport');
    expect([...findInPages(pages, needles(a, ...aRest))].sort()).toEqual(needles(a, ...aRest).sort());
    expect([...findInPages(pages, needles(b, ...ALL))].sort()).toEqual(needles(b, ...ALL).sort());

    // One event in the person's history, naming the category only; the reason is kept beside it, with the counts.
    const history = await call(core, 'audit.list', { subjectId: aId, limit: 5 });
    expect(history[0]).toMatchObject({ action: 'contact.category_erased', entityId: aId, fields: ['identity'] });
    expect(raw(core).prepare('SELECT contact_id, category, reason, removed_count, kept_count FROM category_erasures').all()).toEqual([
      { contact_id: aId, category: 'identity', reason: 'Asked to forget the passport', removed_count: 1, kept_count: 0 },
    ]);
    expect(raw(core).prepare('SELECT count(*) FROM erasures').pluck().get()).toBe(0);
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);
    // Nothing of that category left: a second erasure is refused.
    expect(await callError(core, 'contacts.eraseCategory', { contactId: aId, category: 'identity', reason: 'again' })).toMatchObject({ code: 'conflict', detail: { reason: 'category_empty' } });
    expect(bId).not.toBe(aId);
  });

  it('keeps bank details used for a payment within 7 years under hold, with until when, without the holder', async () => {
    const { core, aId, a, scan } = await twoPeople();
    const unusedBban = digits(12);
    await call(core, 'sensitive.add', { contactId: aId, reason: 'reimbursement', bank: { iban: `BE${ibanCheckDigits('BE', unusedBban)}${unusedBban}` } });
    const paid = (await call(core, 'sensitive.list', { contactId: aId })).find((x) => x.category === 'bank' && x.lastPaidOn !== null)!;
    const expected = [{ id: paid.id, kind: 'bank_details', hold: 'accounting', until: yearsAfter(yearsAgo(2), 7), keeps: ['iban', 'bic', 'lastPaidOn'], eventId: null }];

    expect(await call(core, 'contacts.eraseCategoryPreview', { contactId: aId, category: 'bank' })).toMatchObject({ removes: 1, keeps: expected });
    const result = await call(core, 'contacts.eraseCategory', { contactId: aId, category: 'bank', reason: 'No more reimbursements' });
    expect(result).toMatchObject({ removed: 1, kept: expected });

    const left = await call(core, 'sensitive.list', { contactId: aId });
    expect(left.filter((x) => x.category === 'bank').map((x) => [x.id, x.lastPaidOn])).toEqual([[paid.id, yearsAgo(2)]]);
    expect((await call(core, 'sensitive.reveal', { id: paid.id })).values).toEqual({ iban: a.iban.text });
    const pages = scan();
    expect([...findInPages(pages, [a.iban.needle])]).toEqual([a.iban.needle]);
    expect([...findInPages(pages, [a.holder.needle, unusedBban])]).toEqual([]);
  });
});

describe('carrying out an erasure request', () => {
  it('records a category erasure and an anonymisation on the request they answer', async () => {
    const { core, aId, bId } = await twoPeople();
    const add = (contactId: string) => call(core, 'requests.add', { type: 'erasure', receivedOn: today(), channel: 'email', contactId });
    const forA = await add(aId);
    const forB = await add(bId);
    expect(await callError(core, 'contacts.eraseCategory', { contactId: aId, category: 'identity', reason: 'request', requestId: forB.id })).toMatchObject({ code: 'conflict' });
    const category = await call(core, 'contacts.eraseCategory', { contactId: aId, category: 'identity', reason: 'request', requestId: forA.id });
    expect(category.requestId).toBe(forA.id);
    const anonymised = await call(core, 'contacts.anonymise', { contactId: bId, reason: 'request', requestId: forB.id });
    const actions = async (id: string) => (await call(core, 'requests.get', { id })).actions.map((a) => [a.action, a.detail]);
    expect(await actions(forA.id)).toEqual([['erasure', { erasureId: null, keptCount: 0, category: 'identity' }]]);
    // The request of the anonymised person stays as proof it was answered, as after an erasure (kept, unlinked).
    expect(anonymised.kept).toEqual([expect.objectContaining({ kind: 'bank_details' }), expect.objectContaining({ id: forB.id, kind: 'rights_request' })]);
    expect(await actions(forB.id)).toEqual([['erasure', { erasureId: anonymised.erasureId, keptCount: 2, anonymised: true }]]);
  });
});

describe('anonymising a person', () => {
  it("keeps the row's organisation, country and participations, and no page or WAL frame holds A's name, e-mail, phone or notes", async () => {
    const { core, aId, org, a, b, scan } = await twoPeople();
    const participations = () => raw(core).prepare('SELECT count(*) FROM participations WHERE contact_id = ?').pluck().get(aId);
    expect(participations()).toBe(1);
    const preview = await call(core, 'contacts.anonymisePreview', { contactId: aId });
    expect(preview.removes).toMatchObject({ contact: 0, participations: 0, emails: 1, phones: 1, identityDocuments: 1, photos: 1, consentEvents: 1 });
    // The bank details were used for a payment 2 years ago: held, as in a whole erasure.
    expect(preview.keeps).toEqual([expect.objectContaining({ kind: 'bank_details', hold: 'accounting' })]);

    const result = await call(core, 'contacts.anonymise', { contactId: aId, reason: 'Art. 17 request, statistics kept' });
    expect(result.fullName).toBe('Anonymised contact 0001');
    expect(result.erasureId).toBe(erasurePseudonym(core.requireAuditKey(), aId, 'anonymised'));
    expect(result.removed).toEqual(preview.removes);
    expect(result.kept).toEqual(preview.keeps);

    const row = raw(core).prepare('SELECT full_name, job_title, gender, language, notes, organisation_id, country FROM contacts WHERE id = ?').get(aId);
    expect(row).toEqual({ full_name: 'Anonymised contact 0001', job_title: null, gender: null, language: null, notes: null, organisation_id: org.id, country: 'BE' });
    expect(participations()).toBe(1);
    expect(await call(core, 'sensitive.list', { contactId: aId })).toEqual([]);
    expect((await call(core, 'contacts.get', { id: aId })).emails).toEqual([]);
    expect((await call(core, 'contacts.search', { query: a.name.text, limit: 10, offset: 0 })).total).toBe(0);
    expect((await call(core, 'contacts.search', { query: 'Anonymised contact 0001', limit: 10, offset: 0 })).items.map((c) => c.id)).toEqual([aId]);

    const pages = scan();
    expect(pages.filter((p) => p.source === 'wal')).toEqual([]);
    expect([...findInPages(pages, needles(a, 'name', 'email', 'phone', 'notes', 'jobTitle', 'passport', 'photo', 'holder'))]).toEqual([]);
    // What the hold keeps: the IBAN, no longer tied to the name.
    expect([...findInPages(pages, [a.iban.needle])]).toEqual([a.iban.needle]);
    expect([...findInPages(pages, needles(b, ...ALL))].sort()).toEqual(needles(b, ...ALL).sort());

    // The ledger, inside the vault and beside it, says it was an anonymisation.
    expect(raw(core).prepare('SELECT id, kind, reason FROM erasures').all()).toEqual([{ id: result.erasureId, kind: 'anonymised', reason: 'Art. 17 request, statistics kept' }]);
    expect(readLedgerFile(join(core.vaultDir, 'registre.erasures'))).toEqual([{ erasure: result.erasureId, on: result.erasedOn, kind: 'anonymised' }]);
    expect(readFileSync(join(core.vaultDir, 'registre.erasures'), 'utf8')).toBe(`${JSON.stringify({ erasure: result.erasureId, on: result.erasedOn, kind: 'anonymised' })}\n`);
    expect(raw(core).prepare(`SELECT action FROM audit_events WHERE subject_id = ? ORDER BY seq DESC LIMIT 1`).pluck().get(aId)).toBe('contact.anonymised');
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);

    // Once only; the next anonymised person takes the next number, and erasing the anonymised one is still possible.
    expect(await callError(core, 'contacts.anonymise', { contactId: aId, reason: 'again' })).toMatchObject({ code: 'conflict', detail: { reason: 'already_anonymised' } });
    const c = await call(core, 'contacts.add', { fullName: 'Chen Wei' });
    expect((await call(core, 'contacts.anonymise', { contactId: c.id, reason: 'request' })).fullName).toBe('Anonymised contact 0002');
    await call(core, 'contacts.erase', { contactId: aId, reason: 'request' });
    expect(raw(core).prepare('SELECT kind FROM erasures ORDER BY entry_seq').pluck().all()).toEqual(['anonymised', 'anonymised', 'erased']);
  });
});

describe('refused input', () => {
  it('an unknown category, a missing reason or an unknown contact is refused and changes nothing', async () => {
    const { core } = await createdVault();
    const c = await call(core, 'contacts.add', { fullName: 'Ana Ruiz', email: 'ana.ruiz@example.org' });
    await call(core, 'sensitive.add', { contactId: c.id, reason: 'travel', identity: { document: 'passport', number: 'P1234567' } });
    const head = await auditHead(core);

    expect(await callError(core, 'contacts.eraseCategory', { contactId: c.id, category: 'travel', reason: 'request' })).toMatchObject({ code: 'invalid_input' });
    expect(await callError(core, 'contacts.eraseCategory', { contactId: c.id, category: 'identity' })).toMatchObject({ code: 'invalid_input' });
    expect(await callError(core, 'contacts.eraseCategory', { contactId: randomUUID(), category: 'identity', reason: 'request' })).toMatchObject({ code: 'not_found' });
    expect(await callError(core, 'contacts.eraseCategory', { contactId: c.id, category: 'identity', reason: 'Ana Ruiz asked' })).toMatchObject({ code: 'invalid_input' });
    expect(await callError(core, 'contacts.eraseCategoryPreview', { contactId: randomUUID(), category: 'identity' })).toMatchObject({ code: 'not_found' });
    expect(await callError(core, 'contacts.anonymise', { contactId: c.id })).toMatchObject({ code: 'invalid_input' });
    expect(await callError(core, 'contacts.anonymise', { contactId: randomUUID(), reason: 'request' })).toMatchObject({ code: 'not_found' });
    expect(await callError(core, 'contacts.anonymise', { contactId: c.id, reason: 'mail from ana.ruiz@example.org' })).toMatchObject({ code: 'invalid_input' });

    expect(await auditHead(core)).toEqual(head);
    expect((await call(core, 'sensitive.list', { contactId: c.id })).length).toBe(1);
    expect((await call(core, 'contacts.get', { id: c.id })).fullName).toBe('Ana Ruiz');
  });

  it('an auditor may preview but neither erase a category nor anonymise', async () => {
    const { core } = await createdVault();
    const c = await call(core, 'contacts.add', { fullName: 'Ana Ruiz' });
    await call(core, 'sensitive.add', { contactId: c.id, reason: 'travel', identity: { document: 'passport', number: 'P1234567' } });
    await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: 'auditor passphrase' });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: 'auditor passphrase' });
    expect((await call(core, 'contacts.eraseCategoryPreview', { contactId: c.id, category: 'identity' })).removes).toBe(1);
    expect(await callError(core, 'contacts.eraseCategory', { contactId: c.id, category: 'identity', reason: 'request' })).toMatchObject({ code: 'forbidden' });
    expect(await callError(core, 'contacts.anonymise', { contactId: c.id, reason: 'request' })).toMatchObject({ code: 'forbidden' });
    expect(raw(core).prepare('SELECT count(*) FROM sensitive_extras').pluck().get()).toBe(1);
  });
});
