/**
 * 0010 — working a rights request through (issue 13, DESIGN §5 "Rights requests").
 *
 * - `request_events` is rebuilt with the steps that change no state: linking the request
 *   to a contact, its tasks, the Art. 19 notices, attachments, letters and the actions
 *   carried out. A CHECK cannot be altered in SQLite; the rows are copied over with their
 *   numbers, so the timeline keeps its order.
 * - `request_tasks` (0001, never written) is rebuilt STRICT: one task per place that holds
 *   the person's data (a system ticked in the processors register, or a partner in the
 *   sharing log), numbered within its request (`seq`, what staff type on the command line),
 *   ticked off with evidence ("searched, nothing found" is evidence too). `notice_due`
 *   marks a recipient owed an Art. 19 notice (rectification, erasure, restriction), with
 *   the day it was sent and the day its confirmation came back. Should a vault hold a
 *   0001 task anyway, copying it fails on `seq` and the whole migration rolls back.
 * - `request_attachments`: what the requester sent, encrypted with the vault like every
 *   page; the content goes with the request or with the person's erasure.
 * - `request_letters`: the replies as saved, in the language they were written in.
 * - `request_actions`: what was done to carry the request out (a bundle with its manifest
 *   hash, a rectification's before and after, a restriction, an objection, a withdrawal,
 *   an erasure). `detail` may hold the person's values (a rectification's before/after),
 *   which is why erasure clears it; the timeline and the audit log keep ids only.
 * - `office_calendar`: the office's own days, edited by admins in Settings: closure days
 *   added to the Belgian legal holidays, and legal holidays the office works. It replaces
 *   `public_holidays` (0001, never written), since the holidays themselves are computed
 *   for any year rather than stored.
 * Every new table is STRICT and numbers its rows (`INTEGER PRIMARY KEY`, never rowid).
 * Frozen: imports only kysely.
 */
import { sql, type Kysely } from 'kysely';

const states = `'received','awaiting_identity','in_progress','on_hold','completed','refused'`;
const kinds = [
  'received',
  'identity_requested',
  'identity_received',
  'started',
  'held',
  'resumed',
  'extended',
  'completed',
  'refused',
  'linked',
  'tasks_added',
  'task_done',
  'notice_sent',
  'notice_confirmed',
  'attached',
  'attachment_removed',
  'letter_saved',
  'carried_out',
]
  .map((k) => `'${k}'`)
  .join(',');

const statements = [
  `CREATE TABLE request_events_0010 (
    seq INTEGER PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES rights_requests(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    staff_id TEXT REFERENCES staff(id),
    kind TEXT NOT NULL CHECK (kind IN (${kinds})),
    from_state TEXT CHECK (from_state IN (${states})),
    to_state TEXT NOT NULL CHECK (to_state IN (${states})),
    detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail) AND json_type(detail) = 'object'),
    CHECK ((kind = 'received') = (from_state IS NULL))
  ) STRICT`,
  `INSERT INTO request_events_0010 (seq, request_id, at, staff_id, kind, from_state, to_state, detail)
    SELECT seq, request_id, at, staff_id, kind, from_state, to_state, detail FROM request_events ORDER BY seq`,
  `DROP TABLE request_events`,
  `ALTER TABLE request_events_0010 RENAME TO request_events`,
  `CREATE INDEX request_events_request ON request_events(request_id, seq)`,
  `CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
    BEGIN SELECT RAISE(ABORT, 'request events are append-only'); END`,

  `CREATE TABLE request_tasks_0010 (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES rights_requests(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    kind TEXT NOT NULL CHECK (kind IN ('system','partner')),
    processor_id TEXT REFERENCES processors(id),
    partner TEXT,
    status TEXT NOT NULL CHECK (status IN ('open','done','nothing_found')),
    evidence TEXT,
    done_at TEXT,
    done_by TEXT REFERENCES staff(id),
    notice_due INTEGER NOT NULL DEFAULT 0 CHECK (notice_due IN (0,1)),
    notice_sent_on TEXT,
    notice_confirmed_on TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (request_id, seq),
    CHECK ((kind = 'system') = (processor_id IS NOT NULL) AND (kind = 'partner') = (partner IS NOT NULL)),
    CHECK ((status = 'open') = (done_at IS NULL) AND (status = 'open' OR evidence IS NOT NULL)),
    CHECK (notice_sent_on IS NULL OR notice_due = 1),
    CHECK (notice_confirmed_on IS NULL OR notice_confirmed_on >= notice_sent_on)
  ) STRICT`,
  `INSERT INTO request_tasks_0010 (id, request_id, seq, kind, processor_id, partner, status, evidence, done_at, done_by, created_at)
    SELECT id, request_id, NULL, CASE WHEN processor_id IS NULL THEN 'partner' ELSE 'system' END, processor_id, partner, status, note, done_at, done_by, '' FROM request_tasks`,
  `DROP TABLE request_tasks`,
  `ALTER TABLE request_tasks_0010 RENAME TO request_tasks`,

  `CREATE TABLE request_attachments (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    request_id TEXT NOT NULL REFERENCES rights_requests(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    content BLOB NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT REFERENCES staff(id)
  ) STRICT`,
  `CREATE INDEX request_attachments_request ON request_attachments(request_id, seq)`,

  `CREATE TABLE request_letters (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    request_id TEXT NOT NULL REFERENCES rights_requests(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('acknowledgement','identity_request','clarification_request','extension','completion','refusal')),
    language TEXT NOT NULL CHECK (language IN ('en','fr')),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    saved_by TEXT REFERENCES staff(id)
  ) STRICT`,
  `CREATE INDEX request_letters_request ON request_letters(request_id, seq)`,

  `CREATE TABLE request_actions (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    request_id TEXT NOT NULL REFERENCES rights_requests(id) ON DELETE CASCADE,
    action TEXT NOT NULL CHECK (action IN ('bundle','rectification','restriction','objection','withdrawal','erasure')),
    detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail) AND json_type(detail) = 'object'),
    done_at TEXT NOT NULL,
    done_by TEXT REFERENCES staff(id)
  ) STRICT`,
  `CREATE INDEX request_actions_request ON request_actions(request_id, seq)`,

  `DROP TABLE public_holidays`,
  `CREATE TABLE office_calendar (
    day TEXT PRIMARY KEY CHECK (length(day) = 10),
    kind TEXT NOT NULL CHECK (kind IN ('closure','holiday_removed')),
    note TEXT,
    set_by TEXT REFERENCES staff(id),
    set_at TEXT NOT NULL
  ) STRICT`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
