/**
 * The shape of a bundle's data.json, as zod schemas with a description on every field:
 * `bundleJsonSchema()` turns them into the bundle's data dictionary (schema.json, JSON
 * Schema draft 2020-12), so the dictionary cannot drift from what the code writes.
 *
 * Access bundles (GDPR Art. 15) hold every section; portability bundles (Art. 20) only
 * the records processed for a purpose whose lawful basis is consent or a contract, as the
 * purposes table has it when the bundle is made (subject-data.ts, PORTABILITY_PURPOSES):
 * contact details and organisation always; event participations (event_logistics), project
 * participations (collaboration), bank (payments), identity (event_logistics), profile
 * photo (basecamp) and photo preferences (photos) when that purpose rests on consent or a
 * contract; signed sheets never (legal obligation); consent-ledger events whose own basis
 * is consent or contract. Fields and sections marked "access only" are absent from
 * portability bundles.
 */
import { z } from 'zod';

const ACCESS_ONLY = 'Access bundles only (absent from portability bundles).';
const portableWhen = (purpose: string) => `In portability bundles only while the ${purpose} purpose rests on consent or a contract.`;

const id = (what: string) => z.string().describe(`The register's identifier of ${what}.`);
const day = (what: string) => z.iso.date().describe(`${what} (calendar day, ISO 8601: YYYY-MM-DD).`);
const instant = (what: string) => z.iso.datetime().describe(`${what} (ISO 8601 instant, UTC).`);
const text = (what: string) => z.string().describe(what);
const maybe = <T extends z.ZodType>(schema: T, what: string) => schema.nullable().describe(what);
const channel = z
  .enum(['form', 'email', 'event_registration', 'unsubscribe_link', 'phone', 'paper'])
  .describe('How the decision reached us: form, email, event_registration, unsubscribe_link, phone or paper.');
const ledgerChannel = z
  .enum(['form', 'email', 'event_registration', 'unsubscribe_link', 'phone', 'paper', 'import'])
  .describe(
    'How the decision reached us: form, email, event_registration, unsubscribe_link, phone, paper, or import (read from a file the secretariat imported; the evidence names the file and row).',
  );
const lawfulBasis = z
  .enum(['consent', 'legitimate_interest', 'contract', 'legal_obligation'])
  .describe('The lawful basis (GDPR Art. 6(1)): consent, legitimate_interest, contract or legal_obligation.');
const staffRole = (what: string) =>
  maybe(z.string(), `"secretariat staff" ("personnel du secrétariat" in French) when a staff member ${what}; null when not known (imported or system records). Staff members are not named.`);

const contactSchema = z
  .object({
    id: id('the person'),
    fullName: text('Full name as recorded.'),
    jobTitle: maybe(z.string(), 'Job title; null when not given.'),
    gender: maybe(z.enum(['female', 'male', 'non_binary', 'other', 'prefer_not_to_say']), 'Gender as given; null when not given.'),
    country: maybe(z.string(), 'Country (ISO 3166-1 alpha-2 code); null when not given.'),
    language: maybe(z.string(), 'Preferred language (ISO 639-1 code); null when not given.'),
    emails: z
      .array(z.object({ id: id('the e-mail address'), address: text('E-mail address.'), primary: z.boolean().describe('True for the address we write to first.') }).describe('One e-mail address.'))
      .describe('E-mail addresses, the primary one first.'),
    phones: z
      .array(
        z
          .object({ id: id('the phone number'), number: text('Phone number in international E.164 form (+32…).'), label: maybe(z.string(), 'Label (work, mobile…); null when none.') })
          .describe('One phone number.'),
      )
      .describe('Phone numbers.'),
    notes: maybe(z.string(), `Notes written by the secretariat about the person; null when none. ${ACCESS_ONLY}`).optional(),
    createdAt: instant('When the record was created'),
    updatedAt: instant('When the record was last changed'),
    archivedAt: maybe(z.iso.datetime(), 'When the record was archived (ISO 8601 instant); null while active.'),
  })
  .describe('The person’s contact record.');

const organisationSchema = z
  .object({
    id: id('the organisation'),
    name: text('Name of the organisation the person works for.'),
    country: maybe(z.string(), 'Country of the organisation (ISO 3166-1 alpha-2); null when not recorded.'),
    type: z.enum(['governmental_agency', 'partner_network', 'other']).describe('Kind of organisation: governmental_agency, partner_network or other.'),
  })
  .describe('The organisation the person works for. Its billing details (legal name, VAT number, billing address) are left out: they are the organisation’s data, not the person’s.');

const sensitiveSchema = z
  .object({
    id: id('the sensitive detail'),
    category: z
      .enum(['bank', 'identity', 'photo', 'signature'])
      .describe(
        `bank (for refunds; payments purpose), identity (ID card or passport, for travel; event_logistics), photo (profile photo; basecamp) or signature (signed attendance sheet; access bundles only, kept under the accounting obligation). Bank, identity and photo: ${portableWhen('named')}`,
      ),
    reason: text('Why the secretariat keeps it.'),
    values: z.record(z.string(), z.string()).describe('The recorded values, unmasked (bank: iban, bic, holder; identity: document, number, expiry, nationality, dateOfBirth). Empty for files.'),
    file: maybe(
      z
        .object({
          contentType: text('The file’s type (image/png, image/jpeg, image/webp, application/pdf).'),
          entry: text('Name of the zip entry holding the file’s bytes, beside data.json (file-<category>-<id>.<extension>); manifest.json lists it with its SHA-256.'),
        })
        .describe('A stored file.'),
      'The stored file (profile photo); null for bank and identity details and for a signed sheet (see fileWithheld).',
    ),
    fileWithheld: z
      .boolean()
      .describe(
        'True for a signed attendance sheet: its scan shows the other attendees’ names and signatures (GDPR Art. 15(4)), so it is not copied into the bundle; it can be consulted at the secretariat.',
      ),
    event: maybe(z.object({ id: id('the event'), name: text('Event name.') }).describe('An event.'), 'The event a signed attendance sheet belongs to; null otherwise.'),
    createdAt: instant('When it was recorded'),
  })
  .describe('One sensitive detail.');

const participationSchema = z
  .object({
    id: id('the participation'),
    role: z.enum(['participant', 'speaker', 'organiser']).describe('The person’s role: participant, speaker or organiser.'),
    travelBooked: z.boolean().describe('True when the secretariat booked travel for it.'),
    participatedOn: day('Day of the participation'),
    createdAt: instant('When it was recorded'),
    event: maybe(
      z
        .object({
          id: id('the event'),
          name: text('Event name.'),
          startDate: day('First day of the event'),
          endDate: maybe(z.iso.date(), 'Last day of the event (YYYY-MM-DD); null for a one-day event.'),
          location: maybe(z.string(), 'Where it took place; null when not recorded.'),
        })
        .describe('An event.'),
      `The event; null for a project participation. Event participations: ${portableWhen('event_logistics')}`,
    ),
    project: maybe(
      z
        .object({
          id: id('the project'),
          name: text('Project name.'),
          startDate: maybe(z.iso.date(), 'Project start (YYYY-MM-DD); null when not recorded.'),
          endDate: maybe(z.iso.date(), 'Project end (YYYY-MM-DD); null when not recorded.'),
        })
        .describe('A project.'),
      `The project; null for an event participation. Project participations: ${portableWhen('collaboration')}`,
    ),
  })
  .describe('One participation in an event or a project.');

const purposeRef = {
  purposeCode: text('Code of the purpose (newsletter, collaboration, event_logistics, basecamp, payments, photos, partner_sharing, …).'),
  purposeName: text('Name of the purpose, in the bundle’s language.'),
};

const consentEventSchema = z
  .object({
    id: id('the consent event'),
    ...purposeRef,
    action: z.enum(['granted', 'withdrawn', 'objected', 'restricted']).describe('What the person decided: granted, withdrawn, objected or restricted.'),
    lawfulBasis,
    channel: ledgerChannel,
    occurredOn: day('Day the decision was made'),
    policyVersion: maybe(
      z.object({ number: z.number().int().describe('Version number of the privacy policy.'), language: text('Language of that version.') }).describe('A privacy-policy version.'),
      'The privacy-policy version shown when the decision was made; null when not known, or when it was an earlier policy.',
    ),
    policyEarlier: z.boolean().describe('True when the decision came before every version of the privacy policy we keep: an earlier policy was shown, whose text is not kept.'),
    policyShown: maybe(z.string(), 'The policy shown, in the bundle’s language: its version, or an earlier policy whose text is not kept; null when not recorded.'),
    evidence: maybe(z.string(), `The secretariat’s evidence note (e.g. which form); null when none. ${ACCESS_ONLY}`).optional(),
    recordedBy: staffRole(`recorded it. ${ACCESS_ONLY}`).optional(),
    recordedAt: instant('When it was entered in the register'),
  })
  .describe('One event of the consent ledger (append-only).');

const consentStateSchema = z
  .object({
    ...purposeRef,
    lawfulBasis,
    state: z.enum(['granted', 'withdrawn', 'objected', 'restricted', 'none']).describe('The latest decision for this purpose; none when the person never decided.'),
    applies: z.boolean().describe('Whether the purpose may use the person’s data today, derived from the latest decision and the lawful basis.'),
    since: maybe(z.iso.date(), 'Day of the latest decision (YYYY-MM-DD); null when none.'),
  })
  .describe('The current state for one purpose, derived from the ledger.');

const photoPreferenceSchema = z
  .object({
    id: id('the photo preference'),
    event: maybe(z.object({ id: id('the event'), name: text('Event name.') }).describe('An event.'), 'The event it is for; null when it is for every event.'),
    state: z.enum(['opted_out', 'allowed', 'unknown']).describe('opted_out (no photos), allowed, or unknown (not decided yet).'),
    channel,
    decidedOn: day('Day of the decision'),
    recordedAt: instant('When it was entered'),
    withdrawnAt: maybe(z.iso.datetime(), 'When the record was withdrawn (ISO 8601 instant); null while in force.'),
  })
  .describe('One photo preference.');

const takedownSchema = z
  .object({
    publicationId: id('the publication'),
    event: text('Name of the event the photos were taken at.'),
    location: text('Where the photos were published.'),
    publishedOn: day('Day of publication'),
    doneOn: day('Day the person’s photos were taken down'),
    note: maybe(z.string(), 'Note about the takedown; null when none.'),
  })
  .describe('Photos of the person taken down from a publication.');

const systemSchema = z
  .object({
    processorId: id('the system'),
    name: text('Name of the service (processor or third-party account).'),
    kind: z.enum(['processor', 'third_party_account']).describe('processor (works for us) or third_party_account (an account in the person’s name).'),
    role: text('What the service does for us.'),
    country: maybe(z.string(), 'Country where the service processes data (ISO code); null when not known.'),
    since: day('Since when it holds the person’s data'),
  })
  .describe('A system that holds the person’s data.');

const sharingSchema = z
  .object({
    id: id('the sharing record'),
    partner: text('Partner network the details were shared with.'),
    mouReference: maybe(z.string(), 'Reference of the memorandum of understanding; null when none.'),
    jointActivity: maybe(z.string(), 'The joint activity it was for; null when not recorded.'),
    dataCategories: z.array(z.string().describe('A category of data.')).describe('What was shared.'),
    sharedOn: day('Day it was shared'),
    recordedAt: instant('When it was entered'),
  })
  .describe('One sharing of contact details with a partner network.');

const requestSchema = z
  .object({
    id: id('the request'),
    type: z
      .enum(['access', 'rectification', 'erasure', 'portability', 'restriction', 'objection', 'consent_withdrawal'])
      .describe('The right exercised: access, rectification, erasure, portability, restriction, objection or consent_withdrawal.'),
    status: z.enum(['received', 'awaiting_identity', 'in_progress', 'on_hold', 'completed', 'refused']).describe('Where the request stands.'),
    channel: z.enum(['email', 'post', 'in_person', 'phone', 'form']).describe('How the request reached us: email, post, in_person, phone or form.'),
    requesterName: maybe(z.string(), 'Name given by the requester; null when the request came from the person under the name we hold.'),
    requesterEmail: maybe(z.string(), 'E-mail address given with the request; null when none.'),
    requestText: maybe(z.string(), 'The words of the request as received; null when not recorded.'),
    receivedOn: day('Day it was received'),
    dueOn: day('Day the answer is due, one month after receipt or after the identity proof asked for arrived'),
    identityCheckedOn: maybe(z.iso.date(), 'Day the requester’s identity was checked (YYYY-MM-DD); null when it was not asked for.'),
    identityMethod: maybe(
      z.enum(['document_shown', 'video_call', 'known_contact_details', 'verification_questions', 'other']),
      'How identity was checked: document_shown, video_call, known_contact_details, verification_questions or other; null when not checked. No copy of a document is kept.',
    ),
    identitySeen: maybe(z.string(), 'What was seen to check identity, in words; null when not noted.'),
    extensionMonths: maybe(z.number().int(), 'By how many months the deadline was extended (1 or 2); null when not extended.'),
    extendedDueOn: maybe(z.iso.date(), 'Extended due day (YYYY-MM-DD); null when not extended.'),
    extensionReason: maybe(z.string(), 'Why it was extended; null when not extended.'),
    closedOn: maybe(z.iso.date(), 'Day it was closed (YYYY-MM-DD); null while open.'),
    outcome: maybe(z.enum(['completed', 'refused']), 'How it ended: completed or refused; null while open.'),
    refusalReason: maybe(
      z.enum(['manifestly_unfounded', 'excessive', 'identity_not_proven', 'legal_obligation']),
      'The ground for refusing it: manifestly_unfounded, excessive, identity_not_proven or legal_obligation; null unless refused.',
    ),
    refusalText: maybe(z.string(), 'What the requester was told about the refusal; null when none.'),
    outcomeNote: maybe(z.string(), 'What was done, noted when it was completed; null when none.'),
    notes: maybe(z.string(), 'Notes about the request; null when none.'),
    tasks: z
      .array(
        z
          .object({
            id: id('the task'),
            recipient: text('The system or partner network asked to act on the request.'),
            status: z.enum(['open', 'done', 'nothing_found']).describe('open, done, or nothing_found (searched, nothing held).'),
            note: maybe(z.string(), 'Note; null when none.'),
            doneAt: maybe(z.iso.datetime(), 'When it was done (ISO 8601 instant); null while open.'),
          })
          .describe('One task of the request.'),
      )
      .describe('One task per system or partner that holds the person’s data.'),
  })
  .describe('One data-protection request made by or for the person.');

const auditEventSchema = z
  .object({
    seq: z.number().int().describe('Position in the register’s tamper-evident audit log.'),
    at: instant('When it happened'),
    staff: staffRole('did it'),
    action: text('What was done (e.g. contact.created, consent.recorded, sensitive.revealed).'),
    entityType: text('Kind of record it concerned.'),
    entityId: maybe(z.string(), 'Identifier of that record; null when none.'),
    fields: z.array(z.string().describe('A field name.')).describe('Names of the fields concerned (never their values).'),
  })
  .describe('One audit-log event about the person.');

const recipientSchema = z
  .object({
    name: text('Name of the recipient.'),
    role: text('What it does for us.'),
    country: maybe(z.string(), 'Country where it processes data (ISO code); null when not known.'),
    transferSafeguard: maybe(z.string(), 'Safeguard for a transfer outside the EEA as recorded; null when none recorded.'),
    privacyShield: z
      .boolean()
      .describe(
        'True when the recorded safeguard cites the EU–US Privacy Shield, which the EU Court of Justice invalidated on 16 July 2020 (C-311/18, Schrems II): it is not a valid safeguard, and the secretariat is reviewing that transfer.',
      ),
    why: z.array(z.string().describe('A purpose code, or "system" when it holds the person’s data.')).describe('The purposes it serves, and "system" when it holds the person’s own data.'),
  })
  .describe('A service provider that receives personal data.');

const processingSchema = z
  .object({
    controller: z
      .object({
        name: text('Who is responsible for the data (the controller).'),
        address: text('Postal address, one line per line of an envelope.'),
        email: text('E-mail address for data-protection requests.'),
      })
      .describe('The controller, as the organisation’s settings name it (by default the privacy policy’s secretariat).'),
    purposes: z
      .array(
        z
          .object({
            code: text('Code of the purpose.'),
            name: text('Name, in the bundle’s language.'),
            lawfulBasis,
            description: maybe(z.string(), 'What the data is used for, in the bundle’s language; null when not described.'),
            retention: maybe(z.string(), 'How long the data is kept, in the bundle’s language; null when not stated.'),
          })
          .describe('One purpose.'),
      )
      .describe('Why the register holds data, with the lawful basis and how long it is kept.'),
    recipients: z
      .array(recipientSchema)
      .describe(
        'Service providers that receive the person’s data: those of the purposes that apply to them (a purpose resting on consent applies when they made a decision for it or have a record processed for it; the others apply to everyone in the register) and the systems holding their data.',
      ),
    partnerNetworks: z.array(z.string().describe('A partner network name.')).describe('Partner networks the person’s details were shared with.'),
    source: text('Where the data comes from, in the bundle’s language.'),
  })
  .describe(`The processing information an access reply owes (Art. 15(1)(a)–(h)). ${ACCESS_ONLY}`);

export const bundleDataSchema = z
  .object({
    format: z.literal('registre-subject-data').describe('Identifies this file as a Registre subject bundle.'),
    version: z.literal(1).describe('Version of this file’s format.'),
    generatedAt: instant('When the bundle was made'),
    mode: z
      .enum(['access', 'portability'])
      .describe(
        'access (GDPR Art. 15: everything the register holds about the person, with the processing information) or portability (Art. 20: only what the person provided, processed under consent or a contract).',
      ),
    language: z.enum(['en', 'fr']).describe('Language of names and texts in this bundle.'),
    includesSensitive: z.boolean().describe('True when sensitive details (bank, identity, photos, signatures) were included on request.'),
    contact: contactSchema,
    organisation: maybe(organisationSchema, 'The organisation the person works for; null when none is recorded.'),
    sensitiveExtras: z
      .array(sensitiveSchema)
      .describe(
        'Sensitive details, only when explicitly included. Portability bundles hold each one only while its purpose rests on consent or a contract (see category); never signed sheets (kept under a legal obligation).',
      )
      .optional(),
    participations: z.array(participationSchema).describe('Events and projects the person took part in (portability: see event and project).'),
    consents: z
      .object({
        events: z.array(consentEventSchema).describe('Every decision recorded, oldest first; portability bundles only those whose lawful basis is consent or contract.'),
        current: z.array(consentStateSchema).describe('Where the person stands today, per purpose; portability bundles only purposes resting on consent or a contract.'),
      })
      .describe('The consent ledger: consents, withdrawals, objections and restrictions.'),
    photoPreferences: z
      .object({
        records: z.array(photoPreferenceSchema).describe('Every photo preference, newest first.'),
        takedowns: z.array(takedownSchema).describe(`Publications the person’s photos were removed from. ${ACCESS_ONLY}`).optional(),
      })
      .describe(`Whether the person may be photographed at events. ${portableWhen('photos')} Absent otherwise.`)
      .optional(),
    systems: z.array(systemSchema).describe(`Systems (processors, third-party accounts) holding the person’s data. ${ACCESS_ONLY}`).optional(),
    sharing: z.array(sharingSchema).describe(`Contact details shared with partner networks. ${ACCESS_ONLY}`).optional(),
    requests: z.array(requestSchema).describe(`Data-protection requests made by or for the person. ${ACCESS_ONLY}`).optional(),
    auditEvents: z.array(auditEventSchema).describe(`The audit log’s events about the person (including those of duplicate records merged into theirs), oldest first. ${ACCESS_ONLY}`).optional(),
    processing: processingSchema.optional(),
  })
  .describe('Everything the register holds about one person (access) or what they provided (portability).');

export type BundleData = z.output<typeof bundleDataSchema>;

let dictionary: string | null = null;

/** The data dictionary written as schema.json; the same for every bundle, so it is built once. */
export function bundleJsonSchemaText(): string {
  dictionary ??= `${JSON.stringify({ ...z.toJSONSchema(bundleDataSchema, { target: 'draft-2020-12' }), title: 'Registre subject bundle: data.json' }, null, 2)}\n`;
  return dictionary;
}
