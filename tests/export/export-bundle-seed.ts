/**
 * A vault with two people who each have a record in every table the bundle reads, for the
 * bundle tests: A (the subject) and B (someone else, who must never appear in A's bundle).
 * Rights requests and their tasks have no API yet: they go in through Kysely.
 */
import { randomUUID } from 'node:crypto';
import type { RegistreCore } from '../../db/core';
import { call, createdVault } from '../helpers';

export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);

export interface Person {
  id: string;
  name: string;
  emails: string[];
  phones: string[];
  iban: string;
  passport: string;
  partner: string;
}

async function seedPerson(core: RegistreCore, p: Omit<Person, 'id'>, ids: { orgId: string; eventId: string; projectId: string; notes: string; language: 'en' | 'fr' }): Promise<Person> {
  const c = await call(core, 'contacts.add', {
    fullName: p.name,
    email: p.emails[0],
    otherEmails: p.emails.slice(1),
    phone: p.phones[0],
    otherPhones: p.phones.slice(1),
    jobTitle: 'Inspector',
    gender: 'prefer_not_to_say',
    organisationId: ids.orgId,
    country: 'BE',
    language: ids.language,
    notes: ids.notes,
  });
  const contactId = c.id;
  await call(core, 'sensitive.add', { contactId, reason: 'Refund of travel costs', bank: { iban: p.iban, holder: p.name } });
  await call(core, 'sensitive.add', {
    contactId,
    reason: 'Flight booking',
    identity: { document: 'passport', number: p.passport, expiry: '2030-01-01', nationality: 'BE', dateOfBirth: '1980-02-03' },
  });
  await call(core, 'sensitive.add', { contactId, reason: 'Basecamp profile', file: { base64: PNG.toString('base64') } });
  await call(core, 'sensitive.add', { contactId, reason: 'Signed attendance sheet', file: { base64: PNG.toString('base64') }, eventId: ids.eventId });
  await call(core, 'participations.add', { contactId, eventId: ids.eventId, role: 'speaker', travelBooked: true });
  await call(core, 'participations.add', { contactId, projectId: ids.projectId, participatedOn: '2026-01-15' });

  // Every action of the ledger; sharing is logged on a day before the restriction.
  await call(core, 'consents.record', { contactId, purposeCode: 'newsletter', action: 'granted', channel: 'form', evidence: 'Web form', policyVersion: 1, occurredOn: '2026-01-02' });
  await call(core, 'consents.record', { contactId, purposeCode: 'newsletter', action: 'withdrawn', channel: 'unsubscribe_link', occurredOn: '2026-01-20' });
  await call(core, 'consents.record', { contactId, purposeCode: 'event_logistics', action: 'granted', channel: 'event_registration', occurredOn: '2026-01-03' });
  await call(core, 'consents.record', { contactId, purposeCode: 'collaboration', action: 'objected', channel: 'email', occurredOn: '2026-01-25' });
  await call(core, 'sharing.record', { contactId, partner: p.partner, jointActivity: 'Joint training', dataCategories: ['name', 'email'], sharedOn: '2026-01-10', mouReference: 'MoU-2024' });
  await call(core, 'consents.record', { contactId, purposeCode: 'photos', action: 'restricted', channel: 'paper', occurredOn: '2026-02-01' });

  await call(core, 'photos.setPreference', { contactId, eventId: ids.eventId, state: 'allowed', channel: 'event_registration', decidedOn: '2026-01-05' });
  await call(core, 'photos.setPreference', { contactId, state: 'opted_out', channel: 'email', decidedOn: '2026-02-02' });
  await call(core, 'contactSystems.set', { contactId, processorId: 'processor-mailchimp', holds: true, since: '2026-01-02' });
  return { ...p, id: contactId };
}

/** A rights request with one task per kind of recipient, inserted directly (tasks and notes have no API yet). */
async function seedRequest(core: RegistreCore, person: Person): Promise<{ requestId: string; taskIds: string[] }> {
  const db = core.context().db;
  const requestId = randomUUID();
  await db
    .insertInto('rights_requests')
    .values({
      id: requestId,
      contact_id: person.id,
      requester_name: person.name,
      type: 'access',
      status: 'in_progress',
      channel: 'email',
      received_on: '2026-02-10',
      clock_started_on: '2026-02-10',
      due_on: '2026-03-10',
      extended_due_on: null,
      extension_reason: null,
      closed_on: null,
      refusal_reason: null,
      notes: 'Asked by e-mail',
      created_by: null,
      created_at: '2026-02-10T09:00:00.000Z',
    })
    .execute();
  const taskIds = [randomUUID(), randomUUID()];
  await db
    .insertInto('request_tasks')
    .values([
      {
        id: taskIds[0]!,
        request_id: requestId,
        seq: 1,
        kind: 'system',
        processor_id: 'processor-mailchimp',
        partner: null,
        status: 'nothing_found',
        evidence: 'Searched',
        done_at: '2026-02-11T10:00:00.000Z',
        done_by: null,
        created_at: '2026-02-10T09:00:00.000Z',
      },
      {
        id: taskIds[1]!,
        request_id: requestId,
        seq: 2,
        kind: 'partner',
        processor_id: null,
        partner: person.partner,
        status: 'open',
        evidence: null,
        done_at: null,
        done_by: null,
        created_at: '2026-02-10T09:00:00.000Z',
      },
    ])
    .execute();
  return { requestId, taskIds };
}

export async function bundleVault() {
  const { core } = await createdVault();
  // Version 1's real date, so the ledger's January 2026 consents can cite it.
  const [v1] = await call(core, 'policies.list', {});
  await call(core, 'policies.setEffectiveDate', { id: v1!.id, effectiveDate: '2025-01-01', reason: 'Published on the website in January 2025' });
  const org = await call(core, 'organisations.add', { name: 'Bruxelles Environnement', type: 'governmental_agency', country: 'BE', vatNumber: 'BE0123456789', billingAddress: 'Avenue du Port 86C' });
  const project = await call(core, 'projects.add', { name: 'Waste Shipments', startDate: '2025-01-01', endDate: '2027-12-31' });
  const event = await call(core, 'events.add', { name: 'Annual Conference', startDate: '2026-01-12', endDate: '2026-01-13', location: 'Brussels', projectId: project.id });
  const ids = { orgId: org.id, eventId: event.id, projectId: project.id };
  const a = await seedPerson(
    core,
    { name: 'Alice Subject', emails: ['alice@subject.example', 'a.subject@home.example'], phones: ['+32470000001', '+32470000002'], iban: 'BE68539007547034', passport: 'PA1234567', partner: 'ENPE' },
    { ...ids, notes: 'Prefers French-language calls', language: 'fr' },
  );
  const b = await seedPerson(
    core,
    {
      name: 'Bruno Bystander',
      emails: ['bruno@bystander.example', 'b.bystander@home.example'],
      phones: ['+32470000009', '+32470000008'],
      iban: 'NL91ABNA0417164300',
      passport: 'ZB7654321',
      partner: 'EnviCrimeNet',
    },
    { ...ids, notes: 'Knows Alice from the working group', language: 'en' },
  );
  const publication = await call(core, 'photos.publish', { eventId: event.id, location: 'https://example.org/gallery', publishedOn: '2026-02-05' });
  for (const p of [a, b]) await call(core, 'photos.markTakenDown', { contactId: p.id, publicationId: publication.id, doneOn: '2026-02-06', note: 'Removed from gallery' });
  const requestA = await seedRequest(core, a);
  const requestB = await seedRequest(core, b);
  return { core, a, b, event, project, org, publication, requestA, requestB };
}
