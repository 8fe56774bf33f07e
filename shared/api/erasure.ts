/**
 * Erasing a person (issue 13, DESIGN §5 "Erasure"): what would go and what would stay,
 * then the erasure itself, which leaves nothing of the person in the vault file but what
 * a legal hold keeps.
 */
import { z } from 'zod';
import type { AnonymisationResultDto, CategoryErasurePreviewDto, CategoryErasureResultDto, ErasurePreviewDto, ErasureResultDto } from '../dto/erasure';
import { sensitiveCategories } from '../vocabulary';
import { id, text } from './fields';
import { method, returns, type AnyEntry } from './method';

/** A rights request's id as the erasure stores it (the requests work will check that it exists). */
export const requestId = id.regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'Give the id of the rights request');

export const erasureContract = {
  /** Changes nothing: counts per kind, the legal holds with their end, and the exports already made. */
  'contacts.erasePreview': method({ access: 'read', output: returns<ErasurePreviewDto>(), subject: (i) => i.contactId, input: z.object({ contactId: id }).strict() }),
  'contacts.erase': method({
    access: 'write',
    output: returns<ErasureResultDto>(),
    input: z
      .object({
        contactId: id,
        /** Kept in the vault's erasure ledger: say why, never who (no name, no e-mail). */
        reason: text().trim().min(3, 'Say why the person is erased').max(200),
        /** The rights request this answers (one the register holds). */
        requestId: requestId.optional(),
      })
      .strict(),
  }),
  /** Changes nothing: how many items of the category would go, and which a legal hold keeps, until when. */
  'contacts.eraseCategoryPreview': method({
    access: 'read',
    output: returns<CategoryErasurePreviewDto>(),
    subject: (i) => i.contactId,
    input: z.object({ contactId: id, category: z.enum(sensitiveCategories) }).strict(),
  }),
  /** Erases one sensitive category of the person (its values and files), but what a legal hold keeps; the rest of the contact stays. */
  'contacts.eraseCategory': method({
    access: 'write',
    output: returns<CategoryErasureResultDto>(),
    input: z
      .object({
        contactId: id,
        category: z.enum(sensitiveCategories),
        /** Kept with the category erasure: say why, never who. */
        reason: text().trim().min(3, 'Say why these details are erased').max(200),
        requestId: requestId.optional(),
      })
      .strict(),
  }),
  /** Changes nothing: what an anonymisation would remove (the contact row and its participations stay) and what the holds keep. */
  'contacts.anonymisePreview': method({ access: 'read', output: returns<ErasurePreviewDto>(), subject: (i) => i.contactId, input: z.object({ contactId: id }).strict() }),
  /** Keeps the contact for statistics (organisation, country, participations) under a numbered name, and erases everything else as `contacts.erase` does. */
  'contacts.anonymise': method({
    access: 'write',
    output: returns<AnonymisationResultDto>(),
    input: z
      .object({
        contactId: id,
        /** Kept in the vault's erasure ledger: say why, never who. */
        reason: text().trim().min(3, 'Say why the person is anonymised').max(200),
        requestId: requestId.optional(),
      })
      .strict(),
  }),
} as const satisfies Record<string, AnyEntry>;
