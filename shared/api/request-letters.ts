/**
 * The replies of a rights request (issue 13, DESIGN §5 "Rights requests"): a letter drafted
 * in English or French from the request's facts and the controller's details, edited by
 * staff, saved on the request (timeline and audit log), and read back as a printable page.
 */
import { z } from 'zod';
import { refusalReasons, requestLetterKinds, summaryLanguages } from '../vocabulary';
import { id, optionalText, text } from './fields';
import { method, returns, type AnyEntry } from './method';
import type { LetterDraftDto, RequestLetterDto } from '../dto/requests';

export const requestLettersContract = {
  /**
   * Drafts a letter; nothing is stored. `language` defaults to the linked contact's when
   * English or French, else French. A refusal drafted before the request is refused needs
   * the ground (`refusalReason`) and may take the text the requester is told. Audits an
   * auditor's look itself, in the person's history.
   */
  'requests.draftLetter': method({
    access: 'read',
    output: returns<LetterDraftDto>(),
    subject: null,
    selfAudited: true,
    input: z
      .object({
        id,
        kind: z.enum(requestLetterKinds),
        language: z.enum(summaryLanguages).optional(),
        refusalReason: z.enum(refusalReasons).optional(),
        refusalText: optionalText(5000),
      })
      .strict(),
  }),
  /** Saves the letter as edited (what was sent) and answers it as `requests.letter` does; on the timeline, ids only in the audit log. */
  'requests.saveLetter': method({
    access: 'write',
    output: returns<RequestLetterDto>(),
    input: z
      .object({
        id,
        kind: z.enum(requestLetterKinds),
        language: z.enum(summaryLanguages),
        subject: text().trim().min(1, 'Give the letter a subject').max(300),
        body: text().trim().min(1, 'The letter is empty').max(20_000),
      })
      .strict(),
  }),
  /** One saved letter with its printable page. Audits an auditor's look itself. */
  'requests.letter': method({ access: 'read', output: returns<RequestLetterDto>(), subject: null, selfAudited: true, input: z.object({ id, letterId: id }).strict() }),
} as const satisfies Record<string, AnyEntry>;
