/** What every CLI command module shares: option types, the vault session and the contract call. */
import type { ParseArgsConfig } from 'node:util';
import { RegistreCore, dispatch, defaultVaultDir } from '../db/index';
import type { Input, Method, Output } from '../shared/api/index';
import { RegistreError } from '../shared/errors';
import { makeOut, type Out } from './output';
import { readSecret } from './secrets';

export type Values = Record<string, string | boolean | undefined>;
export interface Command {
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Values, positionals: string[]): Promise<number>;
}

export const common = {
  vault: { type: 'string' },
  'passphrase-file': { type: 'string' },
  json: { type: 'boolean' },
  /** Look only: the vault, or the backup copy --vault names, opened through vault.openReadOnly. */
  'read-only': { type: 'boolean' },
} as const;

export async function call<M extends Method>(core: RegistreCore, method: M, input: Input<M>): Promise<Output<M>> {
  const r = await dispatch(core, method, input, (m) => process.stderr.write(`${m}\n`));
  if (!r.ok) throw new RegistreError(r.error.code, r.error.message, r.error.detail);
  return r.data as Output<M>;
}

export const str = (v: Values[string]): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The option `--name` as a whole number from `min` to `max` (`fallback` when absent): anything
 * else (negative, fraction, word) is a usage error here rather than NaN or a zod message.
 */
export function numberOption(v: Values, name: string, min: number, max: number, fallback: number): number;
export function numberOption(v: Values, name: string, min: number, max: number): number | undefined;
export function numberOption(v: Values, name: string, min: number, max: number, fallback?: number): number | undefined {
  const value = str(v[name]);
  if (value === undefined) return fallback;
  const n = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) {
    throw new RegistreError('invalid_input', `--${name} takes a whole number ${max === Number.MAX_SAFE_INTEGER ? `from ${min} up` : `from ${min} to ${max}`}.`);
  }
  return n;
}

/** `--limit N --offset N`, as the contract's page (shared/api/fields.ts `page`). */
export const pageOf = (v: Values) => ({ limit: numberOption(v, 'limit', 1, 500, 100), offset: numberOption(v, 'offset', 0, Number.MAX_SAFE_INTEGER, 0) });

/** The option `--name`, required, as one of the values the contract allows. */
export function oneOf<T extends string>(v: Values, name: string, allowed: readonly T[]): T {
  const value = str(v[name]);
  if (!value || !(allowed as readonly string[]).includes(value)) throw new RegistreError('invalid_input', `--${name} must be one of ${allowed.join(', ')}.`);
  return value as T;
}
export const passphrase = (v: Values) => readSecret({ file: str(v['passphrase-file']), env: 'REGISTRE_PASSPHRASE', what: 'Passphrase needed' });
export const newPassphrase = (v: Values) => readSecret({ file: str(v['new-passphrase-file']), env: 'REGISTRE_NEW_PASSPHRASE', what: 'New passphrase needed' });

/** For the commands that change the vault without going through withVault (init, demo, restore). */
export function refuseReadOnly(v: Values): void {
  if (v['read-only'] === true) throw new RegistreError('forbidden', 'This command changes the vault: it cannot run with --read-only.', { reason: 'read_only' });
}

/**
 * Unlocks (with --read-only, opens to look only: a backup copy when --vault names one), runs
 * `fn`, and locks again whatever happens.
 */
export async function withVault<T>(v: Values, fn: (core: RegistreCore, out: Out) => Promise<T>): Promise<T> {
  // A page out of range is refused before the vault opens (opening it is logged).
  if (v.limit !== undefined || v.offset !== undefined) pageOf(v);
  const vaultDir = str(v.vault) ?? defaultVaultDir();
  const core = new RegistreCore({ vaultDir, allowFolderChange: false });
  if (v['read-only'] === true) await call(core, 'vault.openReadOnly', { folder: vaultDir, passphrase: passphrase(v) });
  else await call(core, 'vault.unlock', { passphrase: passphrase(v) });
  try {
    return await fn(core, makeOut(v.json === true));
  } finally {
    await core.lock();
  }
}
