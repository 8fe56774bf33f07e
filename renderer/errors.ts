/**
 * The core speaks English (its messages also serve the CLI and logs). Errors the user can
 * meet in these screens are recognised here and shown in the user's language; anything
 * unrecognised falls back to the core's own message, which is written to be readable.
 */
import type { TFunction } from 'i18next';
import { MIN_PASSPHRASE_LENGTH } from '../shared/rules/passphrase';
import { ApiError } from './api';
import { isErrorReason } from '../shared/vocabulary';
import { reasonWords, type ReasonKey } from './error-words';

/** The form field an error is about (`detail.field`), so the form can mark it. */
export function errorField(e: unknown): string | null {
  return e instanceof ApiError && typeof e.detail.field === 'string' ? e.detail.field : null;
}

export function isWrongPassphrase(e: unknown): boolean {
  return e instanceof ApiError && e.detail.reason === 'wrong_passphrase';
}

export function isThrottled(e: unknown): boolean {
  return e instanceof ApiError && e.code === 'locked' && e.retryAfterSeconds > 0;
}

export function describeError(e: unknown, t: TFunction): string {
  if (!(e instanceof ApiError)) return t('errors.internal');
  if (e.code === 'bridge') return t(e.detail.reason === 'unauthorised' ? 'errors.unauthorised' : 'errors.bridgeDown');
  // The wait itself is shown live next to the message (AttemptFeedback), not frozen in it.
  if (isThrottled(e)) return t('errors.throttled');
  if (isWrongPassphrase(e)) return t('errors.wrongPassphrase');
  const reason = e.detail.reason;
  // A field's own problem: the contract's message names it exactly (and the form outlines the field).
  if (reason === 'input_invalid' && e.message) return e.message;
  const known: ReasonKey | undefined = reason !== undefined && isErrorReason(reason) ? reasonWords[reason] : undefined;
  if (known) return t(known, { min: MIN_PASSPHRASE_LENGTH });
  switch (e.code) {
    case 'locked':
      return t('errors.locked');
    case 'forbidden':
      return e.message || t('errors.forbidden');
    case 'not_found':
      return e.message || t('errors.notFound');
    case 'internal':
      return t('errors.internal');
    default:
      return e.message;
  }
}

/** Text for a problem found in the form before anything was sent. */
export function describeProblem(problem: 'blank' | 'tooShort' | 'tooWeak' | 'mismatch', t: TFunction): string {
  return t(`errors.${problem}`, { min: MIN_PASSPHRASE_LENGTH });
}
