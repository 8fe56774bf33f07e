/**
 * Helpers for tests that look at a vault folder from the outside: file hashes, raw keyed
 * access with the recovery key, and errors with their machine-readable detail.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import type { RegistreCore } from '../../db/core';
import { dispatch } from '../../db/dispatch';
import type { Database } from '../../db/schema';
import { RegistreSqliteDialect } from '../../db/vault/sqlite-dialect';
import { openKeyed, type RawDb } from '../../db/vault/open-db';
import { decodeRecoveryKey } from '../../db/vault/recovery-key';
import type { Method } from '../../shared/api/index';

export const VAULT_FILES = ['registre.db', 'registre.db-wal', 'registre.keys'] as const;

export function sha256File(path: string): string | null {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;
}

/** sha256 of each named file in the folder (null when absent), to prove "nothing written". */
export function hashes(dir: string, names: readonly string[] = VAULT_FILES): Record<string, string | null> {
  return Object.fromEntries(names.map((n) => [n, sha256File(join(dir, n))]));
}

/** Opens the database file directly with the recovery key (= the data key), as a SQLCipher tool would. */
export function openRaw(dir: string, recoveryKey: string): RawDb {
  const raw = openKeyed(join(dir, 'registre.db'), decodeRecoveryKey(recoveryKey));
  if (!raw) throw new Error('the recovery key did not open registre.db');
  return raw;
}

export function kyselyOver(raw: RawDb): Kysely<Database> {
  return new Kysely<Database>({ dialect: new RegistreSqliteDialect({ database: raw }) });
}

export interface ApiError {
  code: string;
  message: string;
  detail?: Record<string, unknown>;
}

/** Like helpers.callError but keeps `detail` (e.g. retryAfterSeconds). */
export async function apiError(core: RegistreCore, method: Method, input: unknown): Promise<ApiError> {
  const r = await dispatch(core, method, input, () => {});
  if (r.ok) throw new Error(`${method} succeeded but an error was expected`);
  return r.error;
}
