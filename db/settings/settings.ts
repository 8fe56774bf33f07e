/** Vault-wide settings an admin can change (README lists them). */
import type { Kysely } from 'kysely';
import type { SettingsDto } from '../../shared/dto/index';
import type { Database } from '../schema';
import { DEFAULT_SETTINGS } from '../bootstrap';
import { controllerDetails } from './controller';

export async function readSettings(db: Kysely<Database>): Promise<SettingsDto> {
  // Only the settings' own rows: other keys (remembered import mappings) are large and
  // their own module's business.
  const rows = await db.selectFrom('settings').selectAll().where('key', 'in', Object.keys(DEFAULT_SETTINGS)).execute();
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const pick = <K extends keyof typeof DEFAULT_SETTINGS>(key: K): SettingsDto[K] =>
    typeof stored[key] === typeof DEFAULT_SETTINGS[key] ? (stored[key] as SettingsDto[K]) : (DEFAULT_SETTINGS[key] as SettingsDto[K]);
  return {
    autoLockMinutes: pick('autoLockMinutes'),
    auditorsMayReveal: pick('auditorsMayReveal'),
    minorAgeThreshold: pick('minorAgeThreshold'),
    homeCountry: pick('homeCountry'),
    backupFolder: typeof stored.backupFolder === 'string' ? stored.backupFolder : null,
    backupEveryDays: pick('backupEveryDays'),
    backupKeep: pick('backupKeep'),
    controller: await controllerDetails(db),
  };
}

export async function writeSettings(db: Kysely<Database>, patch: Partial<Omit<SettingsDto, 'controller'>>): Promise<string[]> {
  const changed: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    await db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
      .execute();
    changed.push(key);
  }
  return changed;
}
