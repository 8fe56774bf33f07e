/** Brings an opened vault's schema up to date and loads its internal secrets. */
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { migrate } from './migrations/index';
import { newAuditKey } from './audit';
import { reindexIfIncomplete } from './search';

export const DEFAULT_SETTINGS = {
  autoLockMinutes: 10,
  /** Auditors see sensitive extras masked unless an admin allows reveals. */
  auditorsMayReveal: false,
  /** The policy's age under which a contact is flagged for removal. */
  minorAgeThreshold: 16,
  /**
   * The secretariat's own country: phone numbers typed without a country code are read as
   * this country's, and its numbers are shown in national format (others international).
   */
  homeCountry: 'BE',
} as const;

/** Runs pending migrations (refusing a newer vault) and returns the audit MAC key. */
export async function prepareVault(db: Kysely<Database>): Promise<Buffer> {
  await migrate(db as unknown as Kysely<unknown>);
  const row = await db.selectFrom('vault_meta').select('value').where('key', '=', 'audit_key').executeTakeFirst();
  await reindexIfIncomplete(db);
  if (row) return Buffer.from(row.value, 'base64');
  // First open of a new vault. The audit key is random and kept inside the encrypted
  // vault rather than derived from the data key, so a rekey does not break the chain.
  const key = newAuditKey();
  await db.insertInto('vault_meta').values({ key: 'audit_key', value: key.toString('base64') }).execute();
  return key;
}
