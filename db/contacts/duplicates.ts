/**
 * Likely duplicates (issue 3). A contact is a likely duplicate when it shares an e-mail
 * address, or the same name (any order, accents, case, punctuation) within the same
 * organisation, or a near name in any organisation (similarPersonNames). Merging them is
 * in merge.ts.
 */
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { DuplicateDto } from '../../shared/dto/index';
import { emailKey } from '../../shared/rules/email';
import { nameKey, similarPersonNames } from '../../shared/rules/names';
import type { Database } from '../schema';
import { anyMatching, anyWordQuery, bestMatching, matchQuery } from './search';

/** Contacts read per name check: enough for any real register, bounded for a very common name. */
const CANDIDATES = 200;
const REASON_ORDER: Record<DuplicateDto['reason'], number> = { same_email: 0, same_name_and_organisation: 1, similar_name: 2 };

export async function findDuplicates(db: Kysely<Database>, input: ParsedInput<'contacts.duplicates'>): Promise<DuplicateDto[]> {
  const found = new Map<string, DuplicateDto['reason']>();
  const emails = [input.email, ...(input.otherEmails ?? [])].filter((e): e is string => !!e && e.trim() !== '').map(emailKey);
  if (emails.length > 0) {
    const rows = await db
      .selectFrom('contact_emails')
      .select('contact_id')
      .where((eb) => eb(eb.fn('lower', ['email']), 'in', emails))
      .execute();
    for (const r of rows) found.set(r.contact_id, 'same_email');
  }
  const match = input.fullName ? matchQuery(input.fullName) : null;
  if (input.fullName && match) {
    const key = nameKey(input.fullName);
    const candidates = await db.selectFrom('contacts').select(['id', 'full_name', 'organisation_id']).where('sort_rank', 'in', anyMatching(db, match)).limit(CANDIDATES).execute();
    for (const c of candidates) {
      if (found.has(c.id) || nameKey(c.full_name) !== key) continue;
      if ((c.organisation_id ?? null) === (input.organisationId ?? null)) found.set(c.id, 'same_name_and_organisation');
    }
  }
  const anyWord = input.fullName ? anyWordQuery(input.fullName) : null;
  if (input.fullName && anyWord) {
    // Any organisation: the panel names it, and the person at the form judges.
    const candidates = await db
      .selectFrom('contacts')
      .select(['id', 'full_name'])
      .where('sort_rank', 'in', bestMatching(db, anyWord, CANDIDATES))
      .execute();
    for (const c of candidates) if (!found.has(c.id) && similarPersonNames(c.full_name, input.fullName)) found.set(c.id, 'similar_name');
  }
  if (input.excludeId) found.delete(input.excludeId);
  if (found.size === 0) return [];
  const rows = await db
    .selectFrom('contacts as c')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('contact_emails as e', (j) => j.onRef('e.contact_id', '=', 'c.id').on('e.is_primary', '=', 1))
    .select(['c.id', 'c.full_name', 'o.name as org', 'e.email', 'c.archived_at'])
    .where('c.id', 'in', [...found.keys()])
    .orderBy('c.full_name')
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      fullName: r.full_name,
      organisationName: r.org,
      primaryEmail: r.email,
      archived: r.archived_at !== null,
      reason: found.get(r.id)!,
    }))
    .sort((a, b) => REASON_ORDER[a.reason] - REASON_ORDER[b.reason]);
}
