/**
 * The one envelope every transport uses (IPC, preview HTTP, CLI): parse the input with the
 * contract's zod schema, call the core, and turn any failure into `{ code, message }`.
 * Stack traces go to the local log only.
 */
import type { z } from 'zod';
import { contract, isMethod } from '../shared/api/index';
import { RegistreError, type Result } from '../shared/errors';
import { isErrorReason, type ErrorReason } from '../shared/vocabulary';
import type { RegistreCore } from './core';

/**
 * Plain words for a check the contract left to zod's defaults ("Invalid input: expected
 * string, received number" is no sentence for a person). Messages the contract wrote itself
 * (a field type's own, such as a date's) take precedence over this map and are kept.
 */
const plainWords: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'This is missing.' : 'This has the wrong kind of value.';
    case 'unrecognized_keys':
      return 'The request has a field it does not take.';
    case 'too_big':
      return issue.origin === 'string' ? 'This is too long.' : issue.origin === 'array' || issue.origin === 'set' ? 'There are too many of these.' : 'This is too large.';
    case 'too_small':
      return issue.origin === 'string'
        ? issue.minimum === 1
          ? 'This cannot be empty.'
          : 'This is too short.'
        : issue.origin === 'array' || issue.origin === 'set'
          ? 'There are too few of these.'
          : 'This is too small.';
    case 'invalid_value':
      return 'This is not one of the values Registre accepts here.';
    case 'invalid_format':
      return 'This is not written the way Registre expects.';
    default:
      return 'This is not valid.';
  }
};

/** At most this many characters of a message: enough for any sentence the contract writes. */
const MAX_MESSAGE = 300;

/**
 * One line for a refused input: its first problem (a form outlines that field), prefixed by
 * the field's name. Line breaks and control characters a message may carry from the input
 * become spaces, so the answer stays one line.
 */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is not valid.';
  const line = (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message).replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}

export function errorResult(e: unknown, log: (message: string) => void = (m) => console.error(m)): Result<never> {
  if (e instanceof RegistreError) {
    return { ok: false, error: { code: e.code, message: e.message, ...(e.detail ? { detail: e.detail } : {}) } };
  }
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Registre. The details are in the log.' } };
}

export async function dispatch(core: RegistreCore, method: string, rawInput: unknown, log?: (message: string) => void): Promise<Result<unknown>> {
  if (!isMethod(method)) return { ok: false, error: { code: 'not_found', message: `Unknown method: ${method}` } };
  const parsed = contract[method].input.safeParse(rawInput ?? {}, { error: plainWords });
  if (!parsed.success) {
    // The first field at fault, so a form can outline it, and why when the contract says
    // (a field type's own reason, such as date_invalid), else input_invalid.
    const issue = parsed.error.issues[0];
    const field = issue?.path[0];
    const given = issue?.code === 'custom' ? (issue.params as { reason?: unknown } | undefined)?.reason : undefined;
    const reason: ErrorReason | undefined = typeof given === 'string' && isErrorReason(given) ? given : field !== undefined ? 'input_invalid' : undefined;
    const detail = reason ? { detail: { reason, ...(field !== undefined ? { field: String(field) } : {}) } } : {};
    return { ok: false, error: { code: 'invalid_input', message: describeZodError(parsed.error), ...detail } };
  }
  try {
    const data = await core.call(method, parsed.data);
    return { ok: true, data };
  } catch (e) {
    return errorResult(e, log);
  }
}
