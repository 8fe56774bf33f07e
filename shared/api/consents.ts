/**
 * The consent ledger's part of the API contract (issue 4, DESIGN §5): recording consents,
 * withdrawals, objections and restrictions, the state derived from them, the review lists
 * they feed and the newsletter mailing list that honours them.
 */
import { z } from 'zod';
import { outPath } from './exports';
import { channels, consentActions } from '../vocabulary';
import { id, isoDate, language, optionalText, page, text } from './fields';
import { method, returns, type AnyEntry } from './method';
import type { ContactConsentsDto, MailingListCountsDto, MailingListExportDto, NoBasisDto, ReconsentDto } from '../dto/consents';
import type { Page } from '../dto/index';

export const consentContract = {
  /**
   * Appends one event to the ledger and returns the contact's derived state. `granted`
   * records a consent (consent purposes) or that the basis applies (other bases);
   * `objected` is for legitimate-interest purposes; `restricted` is Art. 18 restriction.
   * The policy version shown defaults to the newest one in effect on `occurredOn` in the
   * contact's language (French when none). `occurredOn` defaults to today, never later.
   *
   * The purpose is named by id (screens) or by its code (`purposeCode`, scripts and the
   * CLI); the policy version by id or by its number (`policyVersion`, in `policyLanguage`,
   * else the contact's language, else French). One of each pair at most.
   */
  'consents.record': method({
    access: 'write',
    output: returns<ContactConsentsDto>(),
    input: z
      .object({
        contactId: id,
        purposeId: id.optional(),
        purposeCode: text().min(1).max(40).optional(),
        action: z.enum(consentActions),
        channel: z.enum(channels),
        evidence: optionalText(2000),
        policyVersionId: id.optional(),
        policyVersion: z.number().int().min(1).max(10_000).optional(),
        policyLanguage: language.optional(),
        occurredOn: isoDate.optional(),
      })
      .strict()
      .refine((v) => (v.purposeId === undefined) !== (v.purposeCode === undefined), { message: 'Give the purpose (its id or its code)', path: ['purposeId'] })
      .refine((v) => v.policyVersionId === undefined || v.policyVersion === undefined, {
        message: 'Give the policy version by id or by number, not both',
        path: ['policyVersion'],
      })
      .refine((v) => v.policyLanguage === undefined || v.policyVersion !== undefined, {
        message: 'A policy language goes with a policy version number',
        path: ['policyLanguage'],
      }),
  }),
  /** Every purpose with the contact's state, whether a basis applies, and the full history. */
  'consents.forContact': method({ access: 'read', output: returns<ContactConsentsDto>(), subject: (i) => i.contactId, input: z.object({ contactId: id }).strict() }),
  /** Review list: contacts whom a withdrawal or objection left with no remaining basis. */
  'consents.noBasis': method({ access: 'read', output: returns<Page<NoBasisDto>>(), subject: null, input: z.object({ ...page }).strict() }),
  /** Contacts whose current consent was given before a material change of the policy. */
  'consents.reconsentNeeded': method({ access: 'read', output: returns<Page<ReconsentDto>>(), subject: null, input: z.object({ policyVersionId: id, ...page }).strict() }),
  /** What the newsletter export would contain, and who it leaves out and why. */
  'mailingList.preview': method({ access: 'read', output: returns<MailingListCountsDto>(), subject: null, input: z.object({}).strict() }),
  /** The Mailchimp-compatible CSV, written by the core at `out` with its manifest (audited, cancellable like every export). */
  'mailingList.export': method({ access: 'write', output: returns<MailingListExportDto>(), writesFile: true, input: z.object({ out: outPath(['csv']) }).strict() }),
} as const satisfies Record<string, AnyEntry>;
