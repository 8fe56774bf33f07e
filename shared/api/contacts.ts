/**
 * People and organisations' part of the API contract (DESIGN §5): contacts, member
 * organisations, projects, events and participations, and the sensitive extras.
 */
import { z } from 'zod';
import type { ContactDto, ContactListItemDto, DuplicateDto, EventDto, MinorDto, OrganisationDto, Page, ParticipationDto, ProjectDto, SensitiveItemDto, SensitiveRevealDto } from '../dto/index';
import { genders, identityDocuments, organisationTypes, participationRoles } from '../vocabulary';
import { contactListFilters, country, empty, id, isoDate, language, optionalText, page, text } from './fields';
import { method, returns, type AnyEntry } from './method';

export const contactFields = {
  fullName: text().trim().min(1, 'Enter the full name').max(200),
  /** The primary e-mail address. */
  email: text().trim().max(254).nullable().optional(),
  otherEmails: z.array(text().trim().max(254)).max(10).optional(),
  /** The main phone number, in any usual format; stored as E.164. */
  phone: text().trim().max(40).nullable().optional(),
  otherPhones: z.array(text().trim().max(40)).max(10).optional(),
  jobTitle: optionalText(200),
  gender: z.enum(genders).nullable().optional(),
  organisationId: id.nullable().optional(),
  country: country.nullable().optional(),
  language: language.nullable().optional(),
  notes: optionalText(5000),
};

const mergeChoice = z.enum(['keep', 'other']).optional();
/** Per field, whose value a merge keeps: 'other' takes the merged contact's even over a kept one's. */
export const mergeTake = z.object({ fullName: mergeChoice, jobTitle: mergeChoice, organisationId: mergeChoice, country: mergeChoice, language: mergeChoice, gender: mergeChoice }).strict();
export const mergeTakeFields = mergeTake.keyof().options;
export type MergeTakeField = (typeof mergeTakeFields)[number];

const sensitiveInput = z
  .object({
    contactId: id,
    /** Why it is kept (shown next to the value, and in access replies). */
    reason: text().trim().min(3, 'Say why this is kept').max(500),
    bank: z
      .object({
        iban: text().max(50),
        bic: text().max(20).optional(),
        holder: text().trim().max(200).optional(),
        /** The last day these details were used for a payment: erasure keeps them 7 years from it. */
        lastPaidOn: isoDate.optional(),
      })
      .strict()
      .optional(),
    /** A document (kind and number together), or only a date of birth for the under-age rule. */
    identity: z
      .object({
        document: z.enum(identityDocuments).optional(),
        number: text().trim().min(3).max(40).optional(),
        expiry: isoDate.optional(),
        nationality: country.optional(),
        dateOfBirth: isoDate.optional(),
      })
      .strict()
      .refine((v) => (v.document === undefined) === (v.number === undefined) && (v.number !== undefined || v.dateOfBirth !== undefined), 'Give a document and its number, or a date of birth')
      .optional(),
    /** A profile photo or a signed attendance sheet: base64 file content. */
    file: z
      .object({ base64: text().max(14_000_000), name: text().max(200).optional() })
      .strict()
      .optional(),
    /** The event a signed attendance sheet belongs to. */
    eventId: id.optional(),
  })
  .strict()
  .refine((v) => [v.bank, v.identity, v.file].filter(Boolean).length === 1, 'Give exactly one of bank, identity or file');

const organisationFields = {
  name: text().trim().min(1, 'Enter the name').max(300),
  country: country.nullable().optional(),
  type: z.enum(organisationTypes),
  legalName: optionalText(300),
  vatNumber: optionalText(40),
  billingAddress: optionalText(1000),
  billingEmail: text().trim().max(254).nullable().optional(),
};

const projectFields = {
  name: text().trim().min(1, 'Enter the name').max(300),
  type: optionalText(100),
  startDate: isoDate.nullable().optional(),
  endDate: isoDate.nullable().optional(),
  description: optionalText(5000),
};

const eventFields = {
  name: text().trim().min(1, 'Enter the name').max(300),
  type: optionalText(100),
  startDate: isoDate,
  endDate: isoDate.nullable().optional(),
  location: optionalText(300),
  organiser: optionalText(300),
  projectId: id.nullable().optional(),
};

export const contactsContract = {
  'contacts.add': method({ access: 'write', output: returns<ContactDto>(), input: z.object(contactFields).strict() }),
  'contacts.update': method({
    access: 'write',
    output: returns<ContactDto>(),
    input: z
      .object({ id, ...contactFields })
      .partial()
      .required({ id: true })
      .strict(),
  }),
  'contacts.archive': method({ access: 'write', output: returns<ContactDto>(), input: z.object({ id, archived: z.boolean() }).strict() }),
  'contacts.get': method({ access: 'read', output: returns<ContactDto>(), subject: (i) => i.id, input: z.object({ id }).strict() }),
  'contacts.search': method({
    access: 'read',
    output: returns<Page<ContactListItemDto>>(),
    subject: null,
    input: z
      .object({
        ...contactListFilters,
        ...page,
        /**
         * The contact just before the page (the previous page's last row): the page is read
         * from its place in the order instead of counted from the start. When that contact is
         * gone, `offset` places the page.
         */
        after: id.optional(),
      })
      .strict(),
  }),
  /** Likely duplicates of what is being typed: same e-mail, same name in the same organisation, or a near name in any. */
  'contacts.duplicates': method({
    access: 'read',
    output: returns<DuplicateDto[]>(),
    subject: null,
    input: z
      .object({
        fullName: text().max(200).optional(),
        email: text().max(254).nullable().optional(),
        otherEmails: z.array(text().max(254)).max(10).optional(),
        organisationId: id.nullable().optional(),
        excludeId: id.optional(),
      })
      .strict(),
  }),
  'contacts.merge': method({ access: 'write', output: returns<ContactDto>(), input: z.object({ keepId: id, mergeId: id, take: mergeTake.optional() }).strict() }),
  /** Contacts younger than the configured age, for review (policy: 16). */
  'contacts.minors': method({ access: 'read', output: returns<MinorDto[]>(), subject: null, input: empty }),
  'organisations.add': method({ access: 'write', output: returns<OrganisationDto>(), input: z.object(organisationFields).strict() }),
  'organisations.update': method({
    access: 'write',
    output: returns<OrganisationDto>(),
    input: z
      .object({ id, ...organisationFields })
      .partial()
      .required({ id: true })
      .strict(),
  }),
  'organisations.list': method({ access: 'read', output: returns<Page<OrganisationDto>>(), subject: null, input: z.object({ query: text().max(200).optional(), ...page }).strict() }),
  /** Up to five organisations whose name is close to `name` (shared/rules/names.ts similarNames), before one is added or renamed. */
  'organisations.similar': method({
    access: 'read',
    output: returns<OrganisationDto[]>(),
    subject: null,
    input: z.object({ name: text().max(300), excludeId: id.optional() }).strict(),
  }),
  'projects.add': method({ access: 'write', output: returns<ProjectDto>(), input: z.object(projectFields).strict() }),
  'projects.update': method({
    access: 'write',
    output: returns<ProjectDto>(),
    input: z
      .object({ id, ...projectFields })
      .partial()
      .required({ id: true })
      .strict(),
  }),
  'projects.list': method({ access: 'read', output: returns<ProjectDto[]>(), subject: null, input: empty }),
  'events.add': method({ access: 'write', output: returns<EventDto>(), input: z.object(eventFields).strict() }),
  'events.update': method({
    access: 'write',
    output: returns<EventDto>(),
    input: z
      .object({ id, ...eventFields })
      .partial()
      .required({ id: true })
      .strict(),
  }),
  'events.list': method({ access: 'read', output: returns<Page<EventDto>>(), subject: null, input: z.object({ query: text().max(200).optional(), ...page }).strict() }),
  'sensitive.add': method({ access: 'write', output: returns<SensitiveItemDto>(), input: sensitiveInput }),
  'sensitive.list': method({ access: 'read', output: returns<SensitiveItemDto[]>(), subject: (i) => i.contactId, input: z.object({ contactId: id }).strict() }),
  /** Shows one value unmasked; always audited. Auditors only when settings allow it. */
  'sensitive.reveal': method({ access: 'read', output: returns<SensitiveRevealDto>(), subject: null, input: z.object({ id }).strict() }),
  'sensitive.remove': method({ access: 'write', output: returns<null>(), input: z.object({ id }).strict() }),
  'participations.add': method({
    access: 'write',
    output: returns<ParticipationDto>(),
    input: z
      .object({
        contactId: id,
        eventId: id.optional(),
        projectId: id.optional(),
        role: z.enum(participationRoles).default('participant'),
        travelBooked: z.boolean().default(false),
        /** Defaults to the event's start date: the retention clock starts here. */
        participatedOn: isoDate.optional(),
      })
      .strict(),
  }),
} as const satisfies Record<string, AnyEntry>;
