/**
 * 0008 — rights requests from intake to reply (issue 13, DESIGN §5).
 *
 * `rights_requests` is rebuilt rather than altered: SQLite cannot add NOT NULL columns
 * without a default nor change a CHECK, and nothing has written the table yet. Should a
 * vault hold a row anyway, copying it fails on `channel` (NOT NULL, never recorded before)
 * and the whole migration rolls back: a row is never dropped silently.
 * What the rebuilt table adds:
 * - how the request came in (`channel`), the requester's address and words, and whether it
 *   is a test entry (kept out of the lists and counts unless asked for);
 * - how identity was checked: the day, the method and what was seen, never a copy of a
 *   document (data minimisation: the proof is the check, not the paper);
 * - the day the clock was last paused (identity or clarification asked for); its restart
 *   is `clock_started_on`, from which `due_on` is computed;
 * - the one extension: its months (1 or 2), reason and deadline, all three or none;
 * - how it ended: the outcome (the final state again, so a closed request says it in one
 *   column), the refusal ground from Art. 12(5)/(6) and the words the requester is told.
 * `request_events` is the timeline: one row per step, numbered by the database
 * (`INTEGER PRIMARY KEY`: the order of entry, never rowid), `detail` holding ids and dates
 * only. Rows are never changed; they go with their request.
 * Both tables are STRICT: they are new or empty, so no stored value can fail the types.
 * The closed lists are those of shared/vocabulary.ts as of this migration.
 * Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

const states = `'received','awaiting_identity','in_progress','on_hold','completed','refused'`;

const statements = [
  `CREATE TABLE rights_requests_0008 (
    id TEXT PRIMARY KEY,
    contact_id TEXT REFERENCES contacts(id),
    requester_name TEXT,
    requester_email TEXT,
    type TEXT NOT NULL CHECK (type IN ('access','rectification','erasure','portability','restriction','objection','consent_withdrawal')),
    status TEXT NOT NULL CHECK (status IN (${states})),
    channel TEXT NOT NULL CHECK (channel IN ('email','post','in_person','phone','form')),
    request_text TEXT,
    is_test INTEGER NOT NULL DEFAULT 0 CHECK (is_test IN (0,1)),
    received_on TEXT NOT NULL,
    clock_started_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    paused_on TEXT,
    identity_checked_on TEXT,
    identity_method TEXT CHECK (identity_method IN ('document_shown','video_call','known_contact_details','verification_questions','other')),
    identity_seen TEXT,
    extension_months INTEGER CHECK (extension_months IN (1,2)),
    extended_due_on TEXT,
    extension_reason TEXT,
    closed_on TEXT,
    outcome TEXT CHECK (outcome IN ('completed','refused')),
    refusal_reason TEXT CHECK (refusal_reason IN ('manifestly_unfounded','excessive','identity_not_proven','legal_obligation')),
    refusal_text TEXT,
    outcome_note TEXT,
    notes TEXT,
    created_by TEXT REFERENCES staff(id),
    created_at TEXT NOT NULL,
    CHECK (contact_id IS NOT NULL OR requester_name IS NOT NULL),
    CHECK (clock_started_on >= received_on AND due_on > clock_started_on),
    CHECK ((identity_checked_on IS NULL) = (identity_method IS NULL)),
    CHECK ((extension_months IS NULL) = (extended_due_on IS NULL) AND (extended_due_on IS NULL) = (extension_reason IS NULL)),
    CHECK ((status IN ('completed','refused')) = (closed_on IS NOT NULL) AND (closed_on IS NULL) = (outcome IS NULL) AND (outcome IS NULL OR outcome = status)),
    CHECK ((status = 'refused') = (refusal_reason IS NOT NULL))
  ) STRICT`,
  `INSERT INTO rights_requests_0008 (id, contact_id, requester_name, type, status, channel, received_on, clock_started_on, due_on, created_by, created_at)
    SELECT id, contact_id, requester_name, type, status, NULL, received_on, clock_started_on, due_on, created_by, created_at FROM rights_requests`,
  `DROP TABLE rights_requests`,
  // Renamed into the old name, so request_tasks' reference (by name) points at it again.
  `ALTER TABLE rights_requests_0008 RENAME TO rights_requests`,
  `CREATE INDEX rights_requests_contact ON rights_requests(contact_id)`,
  // The list reads one state's requests by deadline, and the counts per state.
  `CREATE INDEX rights_requests_status ON rights_requests(status, due_on)`,

  `CREATE TABLE request_events (
    seq INTEGER PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES rights_requests(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    staff_id TEXT REFERENCES staff(id),
    kind TEXT NOT NULL CHECK (kind IN ('received','identity_requested','identity_received','started','held','resumed','extended','completed','refused')),
    from_state TEXT CHECK (from_state IN (${states})),
    to_state TEXT NOT NULL CHECK (to_state IN (${states})),
    detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail) AND json_type(detail) = 'object'),
    CHECK ((kind = 'received') = (from_state IS NULL))
  ) STRICT`,
  `CREATE INDEX request_events_request ON request_events(request_id, seq)`,
  `CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
    BEGIN SELECT RAISE(ABORT, 'request events are append-only'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
