/**
 * One record in every table the contract writes, with every free-text field filled by
 * `text(field)`: plain words for the fuzz (so its random ids can hit real records), an
 * attack payload for the XSS row. A field that refuses its text (an e-mail field given
 * markup) is skipped and not counted: what counts is what the vault stored.
 */
import { dispatch } from '../../db/dispatch';
import type { RegistreCore } from '../../db/core';
import type { Input, Method, Output } from '../../shared/api/index';

export interface Seeded {
  /** Ids of the records made (contacts, events, a colleague…), never of the signed-in roles. */
  ids: string[];
  contactIds: string[];
  eventIds: string[];
  /** The reply letters saved, for the pages they print as. */
  letters: Array<{ id: string; letterId: string }>;
  /** `method.field` of every text the vault accepted. */
  storedFields: string[];
  /** Calls refused even with plain words in the refused fields (`method: message`). */
  refused: string[];
}

/** What a field holds when it refuses the text: plain, and valid for what it is. */
const plain = (field: string): string => (/mail/i.test(field) ? 'plain@example.org' : `plain-${field}`);

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]).toString('base64');

/** `copies` sets of records; copy `c` fills its fields with `text(field, c)`. */
export async function seedRecords(core: RegistreCore, text: (field: string, copy: number) => string, copies = 1): Promise<Seeded> {
  const seeded: Seeded = { ids: [], contactIds: [], eventIds: [], letters: [], storedFields: [], refused: [] };
  let copy = 0;
  /** Calls `method` with its text fields filled; retries with plain words in the fields it refuses. */
  async function add<M extends Method>(method: M, input: (t: (field: string) => string) => Input<M>): Promise<Output<M> | null> {
    const refused = new Set<string>();
    for (let attempt = 0; attempt < 12; attempt++) {
      const used: string[] = [];
      const r = await dispatch(
        core,
        method,
        input((field) => (refused.has(field) ? plain(field) : (used.push(field), text(`${method}.${field}`, copy)))),
        () => {},
      );
      if (r.ok) {
        seeded.storedFields.push(...used.map((f) => `${method}.${f}`));
        const id = (r.data as { id?: unknown } | null)?.id;
        if (typeof id === 'string') seeded.ids.push(id);
        return r.data as Output<M>;
      }
      const field = (r.error.detail as { field?: string } | undefined)?.field;
      const culprit = used.find((f) => f === field || f.startsWith(`${field ?? '\0'}.`)) ?? (field === undefined ? used[0] : undefined);
      if (!culprit) {
        seeded.refused.push(`${method}: ${r.error.message}`);
        return null;
      }
      refused.add(culprit);
    }
    return null;
  }

  for (; copy < copies; copy++) {
    await add('policies.add', (t) => ({ version: 2 + copy, language: 'en', effectiveDate: '2026-01-01', text: t('text'), summary: t('summary') }));
    const purpose = await add('purposes.add', (t) => ({
      code: `proof_purpose_${copy}`,
      nameEn: t('nameEn'),
      nameFr: t('nameFr'),
      lawfulBasis: 'consent',
      retentionEn: t('retentionEn'),
      retentionFr: t('retentionFr'),
      descriptionEn: t('descriptionEn'),
      descriptionFr: t('descriptionFr'),
    }));
    const processor = await add('processors.add', (t) => ({
      name: t('name').slice(0, 120),
      kind: 'processor',
      role: t('role'),
      country: 'US',
      transferSafeguard: t('transferSafeguard'),
      dpaStatus: 'signed',
      dataCategories: [t('dataCategories')],
      policyUrl: `https://example.org/${t('policyUrl')}`,
      notes: t('notes'),
    }));
    await add('staff.add', (t) => ({ name: t('name').slice(0, 120), role: 'staff', passphrase: `seeded colleague passphrase ${copy}` }));
    const project = await add('projects.add', (t) => ({ name: t('name'), type: t('type'), description: t('description'), startDate: '2025-01-01' }));
    const org = await add('organisations.add', (t) => ({
      name: t('name'),
      type: 'partner_network',
      legalName: t('legalName'),
      vatNumber: t('vatNumber').slice(0, 40),
      billingAddress: t('billingAddress'),
      billingEmail: t('billingEmail'),
    }));
    const event = await add('events.add', (t) => ({ name: t('name'), type: t('type'), startDate: '2026-01-12', location: t('location'), organiser: t('organiser'), projectId: project?.id }));
    if (event) seeded.eventIds.push(event.id);
    const contact = await add('contacts.add', (t) => ({
      fullName: t('fullName'),
      email: t('email'),
      phone: '+32 2 555 01 01',
      jobTitle: t('jobTitle'),
      organisationId: org?.id,
      country: 'BE',
      language: 'en',
      notes: t('notes'),
    }));
    if (!contact) continue;
    const contactId = contact.id;
    seeded.contactIds.push(contactId);
    await add('sensitive.add', (t) => ({ contactId, reason: t('reason'), bank: { iban: 'BE71096123456769', holder: t('bank.holder') } }));
    await add('sensitive.add', (t) => ({ contactId, reason: t('reason'), identity: { document: 'passport', number: t('identity.number').slice(0, 40) } }));
    await add('sensitive.add', (t) => ({ contactId, reason: t('reason'), file: { base64: PNG, name: t('file.name').slice(0, 200) } }));
    if (event) await add('participations.add', () => ({ contactId, eventId: event.id, role: 'speaker' }));
    await add('consents.record', (t) => ({ contactId, purposeCode: 'newsletter', action: 'granted', channel: 'form', evidence: t('evidence') }));
    if (purpose) await add('consents.record', (t) => ({ contactId, purposeId: purpose.id, action: 'granted', channel: 'paper', evidence: t('evidence') }));
    await add('consents.record', (t) => ({ contactId, purposeCode: 'collaboration', action: 'objected', channel: 'email', evidence: t('evidence') }));
    await add('sharing.record', (t) => ({
      contactId,
      partner: t('partner').slice(0, 120),
      mouReference: t('mouReference'),
      jointActivity: t('jointActivity'),
      dataCategories: [t('dataCategories')],
      sharedOn: '2026-01-10',
    }));
    if (processor) await add('contactSystems.set', () => ({ contactId, processorId: processor.id, holds: true }));
    if (event) {
      await add('photos.setPreference', () => ({ contactId, eventId: event.id, state: 'opted_out', channel: 'email' }));
      const publication = await add('photos.publish', (t) => ({ eventId: event.id, location: t('location'), publishedOn: '2026-01-20', description: t('description') }));
      if (publication) await add('photos.markTakenDown', (t) => ({ contactId, publicationId: publication.id, note: t('note') }));
    }
    const request = await add('requests.add', (t) => ({ type: 'access', receivedOn: '2026-01-15', channel: 'email', contactId, requesterName: t('requesterName'), requestText: t('requestText') }));
    if (request) {
      const letter = await add('requests.saveLetter', (t) => ({ id: request.id, kind: 'acknowledgement', language: 'en', subject: t('subject').slice(0, 300), body: `${t('body')}\n\n${t('body')}` }));
      if (letter) seeded.letters.push({ id: request.id, letterId: letter.id });
    }
  }
  return seeded;
}
