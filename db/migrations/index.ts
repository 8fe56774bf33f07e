/**
 * Static migration provider (no file-system discovery, so bundling and asar work) and the
 * runner. Migrations are forward-only; each runs in its own transaction together with its
 * bookkeeping row, so a crash leaves the vault at the previous version or the next.
 */
import { DEFAULT_MIGRATION_TABLE, Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { RegistreError } from '../../shared/errors';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_contact_search';
import * as m0003 from './0003_audit_subject';
import * as m0004 from './0004_contact_order';
import * as m0005 from './0005_consents_and_processors';
import * as m0006 from './0006_register_indexes';
import * as m0007 from './0007_entry_order';
import * as m0008 from './0008_rights_requests';
import * as m0009 from './0009_erasure';
import * as m0010 from './0010_request_work';
import * as m0011 from './0011_erasure_and_list_speed';
import * as m0012 from './0012_import_consent';
import * as m0014 from './0014_policy_dates';
import * as m0015 from './0015_erasure_kinds';
import * as m0016 from './0016_retention';
import * as m0017 from './0017_backups';
import * as m0018 from './0018_audit_indexes';
import * as m0019 from './0019_ropa_fields';
import * as m0020 from './0020_consent_granted_index';
import * as m0021 from './0021_contact_email_cover';
import * as m0022 from './0022_audit_head_by_appender';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_contact_search': m0002,
  '0003_audit_subject': m0003,
  '0004_contact_order': m0004,
  '0005_consents_and_processors': m0005,
  '0006_register_indexes': m0006,
  '0007_entry_order': m0007,
  '0008_rights_requests': m0008,
  '0009_erasure': m0009,
  '0010_request_work': m0010,
  '0011_erasure_and_list_speed': m0011,
  '0012_import_consent': m0012,
  '0014_policy_dates': m0014,
  '0015_erasure_kinds': m0015,
  '0016_retention': m0016,
  '0017_backups': m0017,
  '0018_audit_indexes': m0018,
  '0019_ropa_fields': m0019,
  '0020_consent_granted_index': m0020,
  '0021_contact_email_cover': m0021,
  '0022_audit_head_by_appender': m0022,
};

export const latestSchemaVersion = Object.keys(migrations).sort().at(-1)!;

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function appliedMigrations(db: Kysely<unknown>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === DEFAULT_MIGRATION_TABLE)) return [];
  const rows = await db.withTables<{ [DEFAULT_MIGRATION_TABLE]: { name: string } }>().selectFrom(DEFAULT_MIGRATION_TABLE).select('name').orderBy('name').execute();
  return rows.map((r) => r.name);
}

/** Refuses a vault written by a newer Registre before anything is changed in it. */
export async function assertNotNewer(db: Kysely<unknown>): Promise<void> {
  const unknown = (await appliedMigrations(db)).filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new RegistreError('conflict', `This vault was written by a newer version of Registre (schema ${unknown.sort().at(-1)}). ` + 'Install the latest Registre to open it; nothing was changed.', {
      reason: 'vault_newer',
    });
  }
}

/** Applies pending migrations one by one, each in its own transaction; `target` stops early (tests). */
export async function migrate(db: Kysely<unknown>, target?: string): Promise<string> {
  await assertNotNewer(db);
  const migrator = new Migrator({ db, provider });
  const done = new Set(await appliedMigrations(db));
  for (const name of Object.keys(migrations).sort()) {
    if (done.has(name)) continue;
    const { error } = await migrator.migrateTo(name);
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- Kysely may report a failure that is no Error: its string form is all there is to say
    if (error) throw error instanceof Error ? error : new Error(String(error));
    if (name === target) return name;
  }
  return (await appliedMigrations(db)).at(-1) ?? '';
}
