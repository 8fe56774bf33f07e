/** Brings an opened vault's schema up to date and loads its internal secrets. */
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { appliedMigrations, migrate } from './migrations/index';
import { newAuditKey } from './audit/chain';
import { reindexIfIncomplete } from './contacts/search';
import { POLICY_FR_V1 } from './seed/privacy-policy-fr-v1';
import { randomUUID } from 'node:crypto';

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
  /** Where backups go (a local folder outside the vault's); none until an admin chooses one. */
  backupFolder: null as string | null,
  /** A backup is due this many days after the last one (checked at every unlock of the app). */
  backupEveryDays: 7,
  /** How many of this vault's backups a folder keeps; older ones are deleted after each backup. */
  backupKeep: 8,
} as const;

/** Runs pending migrations (refusing a newer vault) and returns the audit MAC key. */
export async function prepareVault(db: Kysely<Database>): Promise<Buffer> {
  const untyped = db as unknown as Kysely<unknown>;
  const before = (await appliedMigrations(untyped)).length;
  await migrate(untyped);
  const migrated = (await appliedMigrations(untyped)).length !== before;
  const row = await db.selectFrom('vault_meta').select('value').where('key', '=', 'audit_key').executeTakeFirst();
  // Only a migration leaves the search index short (some empty it for the next open to
  // rebuild); every write of the core keeps it whole. Counting it at every unlock read
  // pages in proportion to the register: 0.27 s of the unlock at a million contacts.
  if (migrated) await reindexIfIncomplete(db);
  await loadFirstPolicy(db);
  if (row) return Buffer.from(row.value, 'base64');
  // First open of a new vault. The audit key is random and kept inside the encrypted
  // vault rather than derived from the data key, so a rekey does not break the chain.
  const key = newAuditKey();
  await db
    .insertInto('vault_meta')
    .values({ key: 'audit_key', value: key.toString('base64') })
    .execute();
  return key;
}

/**
 * The archive starts with the French policy the secretariat publishes, as version 1,
 * effective from the day the vault is created (the published text carries no date).
 */
async function loadFirstPolicy(db: Kysely<Database>): Promise<void> {
  const any = await db.selectFrom('policy_versions').select('id').limit(1).executeTakeFirst();
  if (any) return;
  const now = new Date().toISOString();
  await db
    .insertInto('policy_versions')
    .values({
      id: randomUUID(),
      version: 1,
      language: 'fr',
      effective_date: now.slice(0, 10),
      text: POLICY_FR_V1,
      material_change: 0,
      summary: 'Text published on the website when Registre was set up.',
      created_at: now,
    })
    .execute();
}
