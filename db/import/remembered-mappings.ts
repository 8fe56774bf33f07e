/**
 * The column mapping of the last successful import of each kind of file, so the next
 * export from the same tool (same headers) needs no mapping again. Kept in the vault's
 * `settings` table under one key: headers are not personal data, but they are the
 * organisation's own form questions, so they stay inside the encrypted file.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { importTargets, type ColumnMapping } from './presets';

const SETTINGS_KEY = 'importMappings';
/** Enough for every form and audience a secretariat exports from; the oldest go first. */
const MAX_REMEMBERED = 50;

interface Remembered {
  mapping: ColumnMapping;
  usedAt: string;
  /** Written by a version that could map consent columns (issue 14); older entries could only ignore them. */
  consent?: true;
}

/** Fields an entry written before the consent columns existed could not have chosen (CC was ignored by the preset then). */
const LATER_TARGETS = new Set<string>(['consentGranted', 'consentWithdrawn', 'consentAnswer', 'consentDate', 'country']);
type Store = Record<string, Remembered>;

/** The same set of headers in any order is the same kind of file. */
export function headerSetKey(headers: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify([...headers].sort()))
    .digest('hex');
}

async function load(db: Kysely<Database>): Promise<Store> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return {};
  try {
    const parsed = JSON.parse(row.value) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Store) : {};
  } catch {
    // A damaged entry only costs the user a guessed mapping; it must not block imports.
    return {};
  }
}

const validTarget = (t: unknown): boolean => t === 'ignore' || importTargets.includes(t as never);

export interface RememberedMappings {
  /**
   * The mapping last used for exactly these headers, or null. An entry from before the
   * consent columns takes `guessed`'s consent (and country) choices for the columns it ignored.
   */
  lookup(headers: readonly string[], guessed?: ColumnMapping): ColumnMapping | null;
}

export async function loadRememberedMappings(db: Kysely<Database>): Promise<RememberedMappings> {
  const store = await load(db);
  return {
    lookup(headers, guessed) {
      const entry = store[headerSetKey(headers)];
      if (!entry || typeof entry.mapping !== 'object') return null;
      // Written by an older version with other fields: better guess afresh than fail.
      if (!headers.every((h) => validTarget(entry.mapping[h]))) return null;
      const later = (h: string) => (!entry.consent && entry.mapping[h] === 'ignore' && guessed?.[h] && LATER_TARGETS.has(guessed[h]) ? guessed[h] : undefined);
      return Object.fromEntries(headers.map((h) => [h, later(h) ?? entry.mapping[h]!]));
    },
  };
}

export async function rememberMapping(db: Kysely<Database>, headers: readonly string[], mapping: ColumnMapping, now: Date): Promise<void> {
  const store = await load(db);
  store[headerSetKey(headers)] = { mapping: Object.fromEntries(headers.map((h) => [h, mapping[h] ?? 'ignore'])), usedAt: now.toISOString(), consent: true };
  const kept = Object.entries(store)
    .sort(([, a], [, b]) => (a.usedAt < b.usedAt ? 1 : a.usedAt > b.usedAt ? -1 : 0))
    .slice(0, MAX_REMEMBERED);
  const value = JSON.stringify(Object.fromEntries(kept));
  await db
    .insertInto('settings')
    .values({ key: SETTINGS_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
