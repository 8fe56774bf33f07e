/**
 * A person with a unique marker in every field of every table that can hold one (issue 13),
 * for the residue tests: the erasure's (tests/contacts/erasure.test.ts) and the restore's
 * (tests/backup/restore.test.ts), which scan every page and WAL frame for the markers.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { ibanCheckDigits } from '../../shared/rules/iban';
import { localDay } from '../../shared/rules/dates';
import { legalDeadline } from '../../shared/rules/deadline';
import { call, tempDir } from '../helpers';

export const hex = (n: number) => randomBytes(n).toString('hex');
export const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const today = () => localDay(new Date());
export const daysAgo = (years: number) => `${Number(today().slice(0, 4)) - years}${today().slice(4)}`.replace(/-02-29$/, '-02-28');

/**
 * One person's markers. Each is a prefix, a kind code and a random tail; the tail is what
 * the scan looks for (`needles`), because the search index stores a term after the part
 * it shares with the previous term, and the kind codes keep two markers of one person
 * from sharing more than their prefix.
 */
export function personMarkers(prefix: string) {
  const word = (kind: string) => {
    const tail = hex(6);
    return { text: `${prefix}${kind}${tail}`, needle: tail };
  };
  const m = {
    oldName: word('on'),
    name: word('nm'),
    jobTitle: word('jt'),
    notes: word('no'),
    email: word('em'),
    otherEmail: word('oe'),
    holder: word('ho'),
    passport: word('pp'),
    evidence: word('ev'),
    photo: word('ph'),
    sheet: word('sh'),
    mou: word('mo'),
    activity: word('ja'),
    takedownNote: word('td'),
    requester: word('rq'),
    requestNotes: word('rn'),
    requesterEmail: word('re'),
    requestText: word('rt'),
    identitySeen: word('is'),
    taskNote: word('tn'),
    taskEvidence: word('te'),
    attachment: word('at'),
    attachmentName: word('an'),
    letterSubject: word('ls'),
    letterBody: word('lb'),
    rectified: word('rc'),
    bundleName: word('bn'),
  };
  const bban = digits(12);
  const phone = `47${digits(7)}`;
  const birth = `19${10 + randomInt(40)}-0${1 + randomInt(9)}-1${randomInt(9)}`;
  const needles = [...Object.values(m).map((w) => w.needle), bban, phone, birth];
  return { ...m, iban: `BE${ibanCheckDigits('BE', bban)}${bban}`, phone: `+32${phone}`, birth, needles };
}
export type Markers = ReturnType<typeof personMarkers>;

export async function seedPerson(core: RegistreCore, m: Markers, oldEventId: string, full: boolean): Promise<string> {
  const c = await call(core, 'contacts.add', { fullName: `${m.oldName.text} Person`, email: `${m.email.text}@example.org`, phone: m.phone, jobTitle: m.jobTitle.text, notes: m.notes.text });
  // A rename and a new e-mail rewrite the search entry: the old terms must not survive either.
  await call(core, 'contacts.update', { id: c.id, fullName: `${m.name.text} Person`, otherEmails: [`${m.otherEmail.text}@example.org`] });
  await call(core, 'sensitive.add', { contactId: c.id, reason: 'reimbursements', bank: { iban: m.iban, holder: m.holder.text } });
  await call(core, 'sensitive.add', { contactId: c.id, reason: 'travel booking', identity: { document: 'passport', number: m.passport.text, dateOfBirth: m.birth } });
  await call(core, 'sensitive.add', { contactId: c.id, reason: 'badge', file: { base64: Buffer.concat([PNG, Buffer.from(m.photo.text)]).toString('base64') } });
  await call(core, 'consents.record', { contactId: c.id, purposeCode: 'newsletter', action: 'granted', channel: 'form', evidence: m.evidence.text });
  if (!full) return c.id;
  // A sheet of an event long past: no hold keeps it.
  await call(core, 'sensitive.add', { contactId: c.id, reason: 'attendance', eventId: oldEventId, file: { base64: Buffer.from(`%PDF-1.4 ${m.sheet.text}`).toString('base64') } });
  await call(core, 'participations.add', { contactId: c.id, eventId: oldEventId });
  await call(core, 'photos.setPreference', { contactId: c.id, eventId: oldEventId, state: 'opted_out', channel: 'email' });
  await call(core, 'sharing.record', { contactId: c.id, partner: 'ENPE', mouReference: m.mou.text, jointActivity: m.activity.text, dataCategories: ['contact details'], sharedOn: today() });
  await call(core, 'contactSystems.set', { contactId: c.id, processorId: 'processor-mailchimp', holds: true });
  // A rectification keeps the job title before (the jt marker) and after on its request; a bundle's file name holds a marker.
  const rectification = await call(core, 'requests.add', { type: 'rectification', receivedOn: today(), channel: 'email', contactId: c.id });
  await call(core, 'requests.rectify', { id: rectification.id, changes: { jobTitle: m.rectified.text } });
  const access = await call(core, 'requests.add', { type: 'access', receivedOn: today(), channel: 'email', contactId: c.id });
  await call(core, 'exports.subject', { contactId: c.id, mode: 'access', out: join(tempDir('registre-bundle-'), `registre-access-${m.bundleName.text}.zip`), requestId: access.id });
  // No API writes these yet (rights requests land beside this work): written as the tables stand.
  const ctx = core.context();
  const request = randomUUID();
  await ctx.tx(async (trx) => {
    const publication = randomUUID();
    await trx
      .insertInto('photo_publications')
      .values({ id: publication, event_id: oldEventId, location: 'website', published_on: today(), description: null, recorded_by: null, recorded_at: ctx.now.toISOString() })
      .execute();
    await trx.insertInto('photo_takedowns').values({ contact_id: c.id, publication_id: publication, done_on: today(), note: m.takedownNote.text, done_by: null }).execute();
    await trx
      .insertInto('rights_requests')
      .values({
        id: request,
        contact_id: c.id,
        requester_name: m.requester.text,
        requester_email: `${m.requesterEmail.text}@example.org`,
        request_text: m.requestText.text,
        identity_checked_on: today(),
        identity_method: 'document_shown',
        identity_seen: m.identitySeen.text,
        channel: 'email',
        type: 'erasure',
        status: 'in_progress',
        received_on: today(),
        clock_started_on: today(),
        due_on: legalDeadline(today(), 1),
        extended_due_on: null,
        extension_reason: null,
        closed_on: null,
        refusal_reason: null,
        notes: m.requestNotes.text,
        created_by: null,
        created_at: ctx.now.toISOString(),
      })
      .execute();
    await trx
      .insertInto('request_tasks')
      .values({
        id: randomUUID(),
        request_id: request,
        seq: 1,
        kind: 'system',
        processor_id: 'processor-mailchimp',
        partner: null,
        status: 'done',
        evidence: m.taskNote.text,
        done_at: ctx.now.toISOString(),
        done_by: null,
        created_at: ctx.now.toISOString(),
      })
      .execute();
  });
  // Through the API: the partner's task (ENPE, after Mailchimp's above), its evidence, and a file the person sent.
  expect((await call(core, 'requests.refreshTasks', { id: request })).tasks.map((t) => t.name)).toEqual(['Mailchimp', 'ENPE']);
  await call(core, 'requests.taskDone', { id: request, task: 2, evidence: m.taskEvidence.text });
  await call(core, 'requests.attach', {
    id: request,
    fileName: `${m.attachmentName.text}.pdf`,
    contentType: 'application/pdf',
    contentBase64: Buffer.concat([Buffer.from('%PDF-1.4 '), Buffer.from(m.attachment.text), randomBytes(64)]).toString('base64'),
  });
  // The reply as saved names the person and quotes them.
  await call(core, 'requests.saveLetter', {
    id: request,
    kind: 'acknowledgement',
    language: 'en',
    subject: `Your request ${m.letterSubject.text}`,
    body: `Dear ${m.letterBody.text},\n\nWe received it.`,
  });
  return c.id;
}
