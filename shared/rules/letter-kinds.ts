/**
 * Which reply letters fit a rights request as it stands (issue 13): the one rule the core
 * enforces when drafting or saving a letter and the request page follows when it offers
 * them. An extension letter needs the extension; a closed request's reply matches how it
 * closed; the letters that ask or acknowledge belong to an open request. Completion and
 * refusal letters may be drafted while the request is still open, as staff write the reply
 * while closing it.
 */
import type { RequestLetterKind, RequestStatus } from '../vocabulary';

export type LetterRefusal = 'letter_not_extended' | 'letter_outcome_mismatch' | 'request_closed';

const asking: readonly RequestLetterKind[] = ['acknowledgement', 'identity_request', 'clarification_request'];

/** Why `kind` makes no sense for a request in `state`, or null when it fits. */
export function letterRefusal(kind: RequestLetterKind, state: RequestStatus, extended: boolean): LetterRefusal | null {
  if (kind === 'extension' && !extended) return 'letter_not_extended';
  if ((kind === 'completion' && state === 'refused') || (kind === 'refusal' && state === 'completed')) return 'letter_outcome_mismatch';
  if (asking.includes(kind) && (state === 'completed' || state === 'refused')) return 'request_closed';
  return null;
}
