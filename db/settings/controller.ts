/**
 * The controller (DESIGN §5 "The controller"): who is responsible for the register's data,
 * how to reach them, and the supervisory authority a person may complain to. The one
 * source bundles, letters and reports read it from.
 *
 * Admins set it in Settings → Organisation (issue 14 §3). It is kept in the `settings`
 * table under one key, `controller`, holding only the fields an admin set; every other
 * field is the privacy policy's own secretariat (db/seed, §6 "Comment nous contacter"), so
 * a vault nobody configured still names the policy's controller. The policy names no
 * supervisory authority: the Belgian one is competent for a controller established in
 * Brussels (GDPR Art. 55–56), and a person may also complain where they live or work
 * (Art. 77).
 */
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { ControllerDto } from '../../shared/dto/index';
import { RegistreError } from '../../shared/errors';
import { validateEmail } from '../../shared/rules/email';
import type { Database } from '../schema';

export type ControllerDetails = ControllerDto;

export const CONTROLLER_KEY = 'controller';

export const POLICY_DEFAULTS: ControllerDetails = {
  name: 'IMPEL',
  address: 'Secrétariat de l’IMPEL\nChemin des deux maisons 73, boîte 3\n1200 Bruxelles\nBelgique',
  email: 'info@impel.eu',
  contactPerson: null,
  authority: {
    name: 'Autorité de protection des données / Gegevensbeschermingsautoriteit',
    address: 'Rue de la Presse 35, 1000 Bruxelles',
    email: 'contact@apd-gba.be',
    website: 'www.autoriteprotectiondonnees.be',
  },
};

/** Whether the authority is still the Belgian one, which bundles and letters name in the reader's language. */
export const isPolicyAuthority = (a: ControllerDetails['authority']): boolean => a.name === POLICY_DEFAULTS.authority.name;

/** A multi-line postal address on one line ("…, 1200 Bruxelles, Belgique"), for a sentence. */
export const oneLine = (address: string): string =>
  address
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(', ');

/** What an admin set: the stored fields, each kept only if it has the right type. */
interface Stored {
  name?: string;
  address?: string;
  email?: string;
  contactPerson?: string | null;
  authority?: { name?: string; address?: string | null; email?: string | null; website?: string | null };
}

async function readStored(db: Kysely<Database>): Promise<Stored> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', CONTROLLER_KEY).executeTakeFirst();
  if (!row) return {};
  try {
    const value = JSON.parse(row.value) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

const required = (stored: unknown, fallback: string): string => (typeof stored === 'string' && stored.trim() ? stored : fallback);
/** An optional field an admin emptied is stored as null: "use nothing", not the default. */
const optional = (stored: unknown, fallback: string | null): string | null => (stored === null ? null : typeof stored === 'string' && stored.trim() ? stored : fallback);

/** The controller as bundles, letters and reports print it: what an admin set, else the policy's, field by field. */
export async function controllerDetails(db: Kysely<Database>): Promise<ControllerDetails> {
  const s = await readStored(db);
  const a = s.authority && typeof s.authority === 'object' ? s.authority : {};
  const d = POLICY_DEFAULTS;
  return {
    name: required(s.name, d.name),
    address: required(s.address, d.address),
    email: required(s.email, d.email),
    contactPerson: optional(s.contactPerson, d.contactPerson),
    authority: {
      name: required(a.name, d.authority.name),
      address: optional(a.address, d.authority.address) ?? '',
      email: optional(a.email, d.authority.email) ?? '',
      website: optional(a.website, d.authority.website) ?? '',
    },
  };
}

/** Trimmed lines, no blank line at either end or in between, CRLF read as LF. */
const tidyAddress = (text: string): string =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');

function checkedEmail(value: string, field: string): string {
  const checked = validateEmail(value);
  if (!checked.ok) throw new RegistreError('invalid_input', `"${value}" is not a valid e-mail address.`, { reason: 'email_invalid', field });
  return checked.email;
}

function requiredText(value: string, field: string, what: string): string {
  const v = /address$/i.test(field) ? tidyAddress(value) : value.trim();
  if (!v) throw new RegistreError('invalid_input', `The ${what} cannot be empty: bundles and letters print it.`, { reason: 'controller_field_empty', field });
  return v;
}

/** An optional field: empty means "print nothing" (null). */
function optionalText(value: string | null, field: string, check?: (v: string, field: string) => string): string | null {
  const v = value === null ? '' : /address$/i.test(field) ? tidyAddress(value) : value.trim();
  return v ? (check ? check(v, field) : v) : null;
}

/**
 * Checks the whole change before anything is written (a refusal changes nothing), then
 * merges it into what was stored. Answers the names of the fields it changed, for the
 * audit event: never their values.
 */
export async function writeController(db: Kysely<Database>, input: ParsedInput<'settings.setController'>): Promise<string[]> {
  const now = await controllerDetails(db);
  const patch: Stored = {};
  const fields: string[] = [];
  // A field given as it already reads is no change: not stored (it keeps following the policy's default) nor logged.
  const set = <K extends 'name' | 'address' | 'email' | 'contactPerson'>(key: K, value: Stored[K]) => {
    if (value === now[key]) return;
    patch[key] = value;
    fields.push(key);
  };
  if (input.name !== undefined) set('name', requiredText(input.name, 'name', 'organisation’s name'));
  if (input.address !== undefined) set('address', requiredText(input.address, 'address', 'postal address'));
  if (input.email !== undefined) set('email', checkedEmail(requiredText(input.email, 'email', 'contact e-mail address'), 'email'));
  if (input.contactPerson !== undefined) set('contactPerson', optionalText(input.contactPerson, 'contactPerson'));
  const authority: NonNullable<Stored['authority']> = {};
  const ia = input.authority ?? {};
  const setAuthority = <K extends keyof ControllerDetails['authority']>(key: K, value: string | null) => {
    if ((value ?? '') === now.authority[key]) return;
    authority[key] = value as string;
    fields.push(`authority${key[0]!.toUpperCase()}${key.slice(1)}`);
  };
  if (ia.name !== undefined) setAuthority('name', requiredText(ia.name, 'authorityName', 'supervisory authority’s name'));
  if (ia.address !== undefined) setAuthority('address', optionalText(ia.address, 'authorityAddress'));
  if (ia.email !== undefined) setAuthority('email', optionalText(ia.email, 'authorityEmail', checkedEmail));
  if (ia.website !== undefined) setAuthority('website', optionalText(ia.website, 'authorityWebsite'));
  if (!fields.length) return [];

  const stored = await readStored(db);
  const value = JSON.stringify({ ...stored, ...patch, authority: { ...(stored.authority ?? {}), ...authority } });
  await db
    .insertInto('settings')
    .values({ key: CONTROLLER_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  return fields;
}
