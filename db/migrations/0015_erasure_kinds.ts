/**
 * 0015 — erasing less than the whole person (issue 15, DESIGN §5 "Erasure").
 *
 * - `erasures.kind`: an anonymisation keeps the contact row for statistics (organisation,
 *   country, participations) and erases the rest; a restored backup must re-apply it as an
 *   anonymisation, not as an erasure, so the ledger says which it was. Rows written before
 *   were all whole erasures.
 * - `category_erasures`: one row per erasure of a single sensitive category of a contact
 *   (bank details, identity documents, photos, signed sheets), with the day, the request it
 *   answered, why and how many items went and stayed. The audit log keeps field names
 *   only, so the reason is kept here; it names no one (checked before writing). The rows go
 *   with the contact when the whole person is erased.
 * Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  // ADD COLUMN fires no trigger: the ledger's append-only triggers stay as they are.
  `ALTER TABLE erasures ADD COLUMN kind TEXT NOT NULL DEFAULT 'erased' CHECK (kind IN ('erased','anonymised'))`,
  `CREATE TABLE category_erasures (
    seq INTEGER PRIMARY KEY,
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    category TEXT NOT NULL CHECK (category IN ('bank','identity','photo','signature')),
    erased_on TEXT NOT NULL,
    request_id TEXT,
    reason TEXT NOT NULL,
    removed_count INTEGER NOT NULL CHECK (removed_count >= 0),
    kept_count INTEGER NOT NULL CHECK (kept_count >= 0)
  )`,
  `CREATE INDEX category_erasures_contact ON category_erasures(contact_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
