import type { ErrorReason } from './vocabulary';

/** The only error codes that cross the API boundary (DESIGN §3). */
export const errorCodes = ['invalid_input', 'not_found', 'conflict', 'locked', 'forbidden', 'internal'] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** What an error says besides its code and message, for the screens to act on. */
export interface ErrorDetail {
  /** Why, in a word the renderer translates (shared/vocabulary.ts errorReasons). */
  reason?: ErrorReason;
  /** The input field at fault, so a form can outline it. */
  field?: string;
  /** Seconds to wait after failed unlock attempts. */
  retryAfterSeconds?: number;
  /** The consent action that stands in the way (sharing_objected). */
  action?: string;
  /** Other facts about the failure (counts, line numbers), never personal values. */
  [context: string]: unknown;
}

/**
 * An error meant for the user: its message is safe to show (no personal values, no stack).
 * Anything else thrown inside the core is reported as `internal`.
 */
export class RegistreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: ErrorDetail,
  ) {
    super(message);
    this.name = 'RegistreError';
  }
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string; detail?: ErrorDetail } };
