/**
 * Erasing a person (issue 13, DESIGN §5 "Erasure"): what would go and what would stay,
 * then the erasure itself, which leaves nothing of the person in the vault file but what
 * a legal hold keeps.
 */
import { z } from 'zod';
import type { ErasurePreviewDto, ErasureResultDto } from '../dto/erasure';
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
} as const satisfies Record<string, AnyEntry>;
