/**
 * 0019 — what the record of processing (Art. 30, issue 16) needs from the register and
 * could not yet be typed in:
 * - `processors.dpa_signed_on`: the day the data-processing agreement was signed, so the
 *   record states it and its check can ask for it (a status "signed" with no day is not
 *   evidence). Only a signed agreement has a day.
 * - `purposes.data_subjects`: whose data the purpose is about (JSON list of the fixed
 *   words of shared/vocabulary.ts dataSubjectKinds), seeded from the policy's §2–3 for the
 *   purposes 0005 created; a purpose added later starts with none and the check says so.
 * Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

const SEEDED_SUBJECTS: Record<string, string[]> = {
  newsletter: ['subscribers'],
  collaboration: ['member_staff', 'experts'],
  event_logistics: ['event_participants'],
  basecamp: ['member_staff', 'experts'],
  payments: ['payees', 'event_participants'],
  photos: ['photographed', 'event_participants'],
  partner_sharing: ['partner_contacts', 'member_staff'],
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `ALTER TABLE processors ADD COLUMN dpa_signed_on TEXT
        CHECK (dpa_signed_on IS NULL OR (dpa_status = 'signed' AND dpa_signed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'))`,
    )
    .execute(db);
  await sql.raw(`ALTER TABLE purposes ADD COLUMN data_subjects TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(data_subjects))`).execute(db);
  for (const [code, subjects] of Object.entries(SEEDED_SUBJECTS)) {
    await sql`UPDATE purposes SET data_subjects = ${JSON.stringify(subjects)} WHERE code = ${code}`.execute(db);
  }
}
