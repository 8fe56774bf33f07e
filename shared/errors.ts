/** The only error codes that cross the API boundary (DESIGN §3). */
export const errorCodes = ['invalid_input', 'not_found', 'conflict', 'locked', 'forbidden', 'internal'] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * An error meant for the user: its message is safe to show (no personal values, no stack).
 * Anything else thrown inside the core is reported as `internal`.
 */
export class RegistreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Optional machine-readable detail, e.g. seconds to wait after failed unlocks. */
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'RegistreError';
  }
}

export type Result<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; detail?: Record<string, unknown> } };
