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

export function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
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
  const parsed = contract[method].input.safeParse(rawInput ?? {});
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
