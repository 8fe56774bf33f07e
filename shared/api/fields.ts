/** Field schemas and the access levels shared by every part of the API contract. */
import { z } from 'zod';

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

export const passphrase = z.string().min(1, 'Enter a passphrase').max(1024);
export const staffName = z.string().trim().min(1, 'Enter a name').max(120);
export const id = z.string().min(1).max(64);
export const empty = z.object({}).strict();
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date written like 2026-03-31');
export const country = z.string().regex(/^[A-Z]{2}$/, 'Use the two-letter country code, like BE or FR');
export const language = z.string().regex(/^[a-z]{2}$/, 'Use the two-letter language code, like fr or en');
export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
export const page = { limit: z.number().int().min(1).max(500).default(100), offset: z.number().int().min(0).default(0) };

/** The contacts list's filters: `contacts.search` and the contacts register's export take the same. */
export const contactListFilters = {
  query: z.string().max(200).optional(),
  organisationId: id.optional(),
  country: country.optional(),
  eventId: id.optional(),
  archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
};
