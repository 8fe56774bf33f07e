/**
 * The processing register's part of the API contract (issue 4): purposes and their lawful
 * bases, the privacy-policy archive, processors and third-party accounts, which systems
 * hold a person's data, and the partner-sharing log.
 */
import { z } from 'zod';
import { dataSubjectKinds, dpaStatuses, lawfulBases, processorKinds } from '../vocabulary';
import { country, empty, id, isoDate, language, optionalText, page, text } from './fields';
import { method, returns, type AnyEntry } from './method';
import type { ContactSystemDto, PolicyTextDto, PolicyVersionDto, ProcessorDto, ProcessorRegisterDto, PurposeDto, RecipientDto, SharingDto } from '../dto/register';
import type { Page } from '../dto/index';

const requiredText = (max: number, message: string) => text().trim().min(1, message).max(max);
const categories = z.array(text().trim().min(1).max(100)).max(30);

/**
 * The field lists below are spread into both the add and the update schemas: no
 * `.default()` in them, for zod 4's `.partial()` keeps defaults and a partial update would
 * silently reset the field. Defaults go on `add` only.
 */
const purposeFields = {
  nameEn: requiredText(200, 'Enter the English name'),
  nameFr: requiredText(200, 'Enter the French name'),
  lawfulBasis: z.enum(lawfulBases),
  retentionEn: optionalText(500),
  retentionFr: optionalText(500),
  descriptionEn: optionalText(2000),
  descriptionFr: optionalText(2000),
  /** Whose data it is about (replaces the whole list when given). */
  dataSubjects: z.array(z.enum(dataSubjectKinds)).max(dataSubjectKinds.length).optional(),
  /** The processors this purpose uses (replaces the whole set when given). */
  processorIds: z.array(id).max(50).optional(),
};

const processorFields = {
  name: requiredText(120, 'Enter the name'),
  kind: z.enum(processorKinds),
  /** What it does for the secretariat. */
  role: requiredText(300, 'Say what it is used for'),
  country: country.nullable().optional(),
  transferSafeguard: optionalText(500),
  dpaStatus: z.enum(dpaStatuses),
  /**
   * The day the data-processing agreement was signed: only with status "signed" (else
   * refused, reason `dpa_date_unsigned`), never in the future (`date_future`). A status
   * other than signed clears it.
   */
  dpaSignedOn: isoDate.nullable().optional(),
  dataCategories: categories.optional(),
  policyUrl: z
    .string()
    .trim()
    .max(500)
    .regex(/^https?:\/\/\S+$/, 'Give the address of their privacy policy, starting with https://')
    .nullable()
    .optional(),
  notes: optionalText(2000),
};

export const registerContract = {
  'purposes.list': method({ access: 'read', output: returns<PurposeDto[]>(), subject: null, input: empty }),
  'purposes.add': method({
    access: 'admin',
    output: returns<PurposeDto>(),
    input: z
      .object({
        /** The short key scripts use (`registre consents record --purpose newsletter`); fixed once created. */
        code: text().regex(/^[a-z][a-z0-9_]{1,39}$/, 'Use lower-case letters, digits and _ (like newsletter)'),
        ...purposeFields,
      })
      .strict(),
  }),
  'purposes.update': method({
    access: 'admin',
    output: returns<PurposeDto>(),
    input: z
      .object({ id, ...purposeFields })
      .partial()
      .required({ id: true })
      .strict(),
  }),

  /** The archive, newest first, without the texts. */
  'policies.list': method({ access: 'read', output: returns<PolicyVersionDto[]>(), subject: null, input: empty }),
  'policies.get': method({ access: 'read', output: returns<PolicyTextDto>(), subject: null, input: z.object({ id }).strict() }),
  'policies.add': method({
    access: 'admin',
    output: returns<PolicyVersionDto>(),
    input: z
      .object({
        version: z.number().int().min(1).max(10_000),
        language,
        effectiveDate: isoDate,
        text: requiredText(1_000_000, 'Paste the full text of the policy'),
        materialChange: z.boolean().default(false),
        summary: optionalText(2000),
      })
      .strict(),
  }),
  /** A material change asks for fresh consent: consents given before it are listed. */
  'policies.setMaterialChange': method({ access: 'admin', output: returns<PolicyVersionDto>(), input: z.object({ id, materialChange: z.boolean() }).strict() }),
  /**
   * Sets or corrects the day a version took effect, with the reason (kept with the old and
   * new days, shown with the text). Refused (conflict, reason `policy_dates_out_of_order`)
   * when a language's versions would go out of order (a higher number never takes effect
   * before a lower one), or when a consent citing a version would be dated outside the days
   * it was in effect.
   */
  'policies.setEffectiveDate': method({
    access: 'admin',
    output: returns<PolicyVersionDto>(),
    input: z.object({ id, effectiveDate: isoDate, reason: requiredText(500, 'Say why the date changes') }).strict(),
  }),

  /** Processors and third-party accounts, with the warnings about the policy's transfer safeguards. */
  'processors.list': method({ access: 'read', output: returns<ProcessorRegisterDto>(), subject: null, input: empty }),
  'processors.add': method({ access: 'admin', output: returns<ProcessorDto>(), input: z.object({ ...processorFields, dpaStatus: processorFields.dpaStatus.default('unknown') }).strict() }),
  'processors.update': method({
    access: 'admin',
    output: returns<ProcessorDto>(),
    input: z
      .object({ id, ...processorFields })
      .partial()
      .required({ id: true })
      .strict(),
  }),

  /** The systems (processors, third-party accounts) that hold this person's data. */
  'contactSystems.list': method({ access: 'read', output: returns<ContactSystemDto[]>(), subject: (i) => i.contactId, input: z.object({ contactId: id }).strict() }),
  'contactSystems.set': method({
    access: 'write',
    output: returns<ContactSystemDto[]>(),
    input: z.object({ contactId: id, processorId: id, holds: z.boolean(), since: isoDate.optional() }).strict(),
  }),

  /**
   * Logs contact data shared with a partner network. Refused (conflict, reason
   * `sharing_objected`) when the person objected to or withdrew from partner sharing, or
   * restricted processing.
   */
  'sharing.record': method({
    access: 'write',
    output: returns<SharingDto>(),
    input: z
      .object({
        contactId: id,
        partner: requiredText(120, 'Name the partner network'),
        mouReference: optionalText(200),
        jointActivity: requiredText(500, 'Name the joint activity'),
        dataCategories: categories.min(1, 'Say what was shared'),
        sharedOn: isoDate,
      })
      .strict(),
  }),
  'sharing.list': method({
    access: 'read',
    output: returns<Page<SharingDto>>(),
    subject: (i) => i.contactId,
    input: z.object({ contactId: id.optional(), partner: text().max(120).optional(), ...page }).strict(),
  }),
  /** Who must be told of a rectification, erasure or restriction (Art. 19): partners and systems. */
  'sharing.recipients': method({ access: 'read', output: returns<RecipientDto[]>(), subject: (i) => i.contactId, input: z.object({ contactId: id }).strict() }),
} as const satisfies Record<string, AnyEntry>;
