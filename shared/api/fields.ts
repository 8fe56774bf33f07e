/** Field schemas and the access levels shared by every part of the API contract. */
import { z } from 'zod';
import { isCountryCode } from '../rules/countries';
import { parseIsoDate } from '../rules/dates';

/**
 * Who may call a method:
 * - `public`: works while the vault is locked (status, create, unlock, recover);
 * - `recovering`: only between a recovery-key unlock and choosing a new passphrase;
 * - `read`: any signed-in role (auditor reads are themselves audited);
 * - `self`: any signed-in role, acting on their own profile (not a view of records);
 * - `write`: admin and staff;
 * - `admin`: admin only.
 */
export type Access = 'public' | 'recovering' | 'read' | 'self' | 'write' | 'admin';

/**
 * The contract's one text type: every string field is built on it, so none can forget
 * that a NUL byte or a lone surrogate (which UTF-8 cannot encode) is never stored.
 */
export const text = () =>
  z.string().refine((s) => !/[\0\uD800-\uDFFF]/u.test(s), {
    message: 'This text holds an invisible NUL or a broken character: retype it',
    params: { reason: 'text_invalid' },
  });

/** Calendar days the records can hold: real dates (no 30 February), years 1900 to 2999. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

export const passphrase = text().min(1, 'Enter a passphrase').max(1024);
export const staffName = text().trim().min(1, 'Enter a name').max(120);
export const id = text().min(1).max(64);
export const empty = z.object({}).strict();
export const isoDate = text()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date written like 2026-03-31')
  .refine(
    (day) => {
      const d = parseIsoDate(day);
      return d !== null && d.year >= FIRST_YEAR && d.year <= LAST_YEAR;
    },
    { message: `This is not a real date: use a day from ${FIRST_YEAR} to ${LAST_YEAR}, written like 2026-03-31`, params: { reason: 'date_invalid' } },
  );
export const country = text()
  .regex(/^[A-Z]{2}$/, 'Use the two-letter country code, like BE or FR')
  .refine(isCountryCode, { message: 'This is not a country code (ISO 3166-1), like BE or FR', params: { reason: 'country_unknown' } });
export const language = text().regex(/^[a-z]{2}$/, 'Use the two-letter language code, like fr or en');
export const optionalText = (max: number) => text().trim().max(max).nullable().optional();
export const page = { limit: z.number().int().min(1).max(500).default(100), offset: z.number().int().min(0).default(0) };

/** The contacts list's filters: `contacts.search` and the contacts register's export take the same. */
export const contactListFilters = {
  query: text().max(200).optional(),
  organisationId: id.optional(),
  country: country.optional(),
  eventId: id.optional(),
  archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
};

/** Standard base64 (RFC 4648 §4), padded, of at most `maxBytes`; a stray character is refused rather than skipped. */
export const base64 = (maxBytes: number) =>
  text()
    .max(Math.ceil(maxBytes / 3) * 4 + 1024)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content must be base64');
