/**
 * Under-age contacts (issue 3; the policy: no data of people under 16, age configurable).
 * The date of birth lives in identity extras; a contact younger than the threshold today
 * is flagged on their page and listed for review, so someone erases the record or
 * obtains the consent of a parent.
 */
import type { Kysely } from 'kysely';
import type { MinorDto } from '../../shared/dto/index';
import { ageOn, parseIsoDate } from '../../shared/rules/dates';
import type { Database } from '../schema';
import { sensitiveValues } from './fields';
import { readSettings } from '../settings/settings';

interface Birth {
  contactId: string;
  dateOfBirth: string;
}

async function births(db: Kysely<Database>, contactId?: string): Promise<Birth[]> {
  let q = db.selectFrom('sensitive_extras').select(['contact_id', 'data']).where('category', '=', 'identity');
  if (contactId) q = q.where('contact_id', '=', contactId);
  const out: Birth[] = [];
  for (const r of await q.execute()) {
    const dob = sensitiveValues(r).dateOfBirth;
    if (dob && parseIsoDate(dob)) out.push({ contactId: r.contact_id, dateOfBirth: dob });
  }
  return out;
}

/** The youngest recorded age of one contact, if under the threshold on `today`. */
export async function minorFlag(db: Kysely<Database>, contactId: string, today: string): Promise<{ age: number; threshold: number } | null> {
  const { minorAgeThreshold } = await readSettings(db);
  const ages = (await births(db, contactId)).map((b) => ageOn(b.dateOfBirth, today));
  const youngest = Math.min(...ages);
  return ages.length > 0 && youngest < minorAgeThreshold ? { age: youngest, threshold: minorAgeThreshold } : null;
}

/** Every contact under the threshold on `today`, youngest first. */
export async function listMinors(db: Kysely<Database>, today: string): Promise<MinorDto[]> {
  const { minorAgeThreshold } = await readSettings(db);
  const young = new Map<string, number>();
  for (const b of await births(db)) {
    const age = ageOn(b.dateOfBirth, today);
    if (age < minorAgeThreshold && age < (young.get(b.contactId) ?? Infinity)) young.set(b.contactId, age);
  }
  if (young.size === 0) return [];
  const names = await db
    .selectFrom('contacts')
    .select(['id', 'full_name'])
    .where('id', 'in', [...young.keys()])
    .execute();
  return names.map((n) => ({ id: n.id, fullName: n.full_name, age: young.get(n.id)!, threshold: minorAgeThreshold })).sort((a, b) => a.age - b.age || a.fullName.localeCompare(b.fullName));
}
