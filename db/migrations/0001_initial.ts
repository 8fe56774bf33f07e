/**
 * 0001 — the initial register: every entity of DESIGN §5, so later issues add behaviour
 * with small migrations instead of reshaping tables. Frozen: imports only kysely.
 *
 * Conventions: ids are random UUID text; timestamps are ISO 8601 UTC text; dates are
 * YYYY-MM-DD text; JSON columns are text. CHECK constraints hold the closed vocabularies
 * so a bug in a later layer cannot store a state the domain does not know.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  // Vault-internal secrets and identity (e.g. the audit MAC key), never exported.
  `CREATE TABLE vault_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,

  `CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin','staff','auditor')),
    key_slot_id TEXT UNIQUE,
    created_at TEXT NOT NULL,
    removed_at TEXT
  )`,

  `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,

  `CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT,
    type TEXT NOT NULL CHECK (type IN ('governmental_agency','partner_network','other')),
    legal_name TEXT,
    vat_number TEXT,
    billing_address TEXT,
    billing_email TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT
  )`,

  `CREATE TABLE contacts (
    id TEXT PRIMARY KEY,
    full_name TEXT NOT NULL,
    job_title TEXT,
    gender TEXT CHECK (gender IN ('female','male','non_binary','other','prefer_not_to_say')),
    organisation_id TEXT REFERENCES organisations(id),
    country TEXT,
    language TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT
  )`,
  `CREATE INDEX contacts_organisation ON contacts(organisation_id)`,

  `CREATE TABLE contact_emails (
    id TEXT PRIMARY KEY,
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0,1))
  )`,
  `CREATE INDEX contact_emails_contact ON contact_emails(contact_id)`,
  `CREATE INDEX contact_emails_email ON contact_emails(email COLLATE NOCASE)`,

  `CREATE TABLE contact_phones (
    id TEXT PRIMARY KEY,
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    e164 TEXT NOT NULL,
    label TEXT
  )`,
  `CREATE INDEX contact_phones_contact ON contact_phones(contact_id)`,

  // Bank, identity, photo and signature data live apart so they can be masked, audited
  // on reveal and erased on their own (shorter) retention clocks.
  `CREATE TABLE sensitive_extras (
    id TEXT PRIMARY KEY,
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    category TEXT NOT NULL CHECK (category IN ('bank','identity','photo','signature')),
    data TEXT NOT NULL DEFAULT '{}',
    content BLOB,
    content_type TEXT,
    event_id TEXT REFERENCES events(id),
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT REFERENCES staff(id)
  )`,
  `CREATE INDEX sensitive_extras_contact ON sensitive_extras(contact_id)`,

  `CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT,
    start_date TEXT,
    end_date TEXT,
    description TEXT,
    created_at TEXT NOT NULL
  )`,

  `CREATE TABLE events (
    id TEXT PRIMARY KEY,
    project_id TEXT REFERENCES projects(id),
    name TEXT NOT NULL,
    type TEXT,
    start_date TEXT NOT NULL,
    end_date TEXT,
    location TEXT,
    organiser TEXT,
    created_at TEXT NOT NULL
  )`,

  // A participation starts the retention clock (policy: up to 7 years after the last one).
  `CREATE TABLE participations (
    id TEXT PRIMARY KEY,
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    event_id TEXT REFERENCES events(id),
    project_id TEXT REFERENCES projects(id),
    role TEXT NOT NULL CHECK (role IN ('participant','speaker','organiser')),
    travel_booked INTEGER NOT NULL DEFAULT 0 CHECK (travel_booked IN (0,1)),
    participated_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK (event_id IS NOT NULL OR project_id IS NOT NULL)
  )`,
  `CREATE INDEX participations_contact ON participations(contact_id)`,
  `CREATE INDEX participations_event ON participations(event_id)`,

  `CREATE TABLE purposes (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    lawful_basis TEXT NOT NULL CHECK (lawful_basis IN ('consent','legitimate_interest','contract','legal_obligation')),
    retention TEXT,
    description TEXT,
    created_at TEXT NOT NULL
  )`,

  `CREATE TABLE policy_versions (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    language TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    text TEXT NOT NULL,
    material_change INTEGER NOT NULL DEFAULT 0 CHECK (material_change IN (0,1)),
    created_at TEXT NOT NULL,
    UNIQUE (version, language)
  )`,

  // Append-only: the current state per purpose is the latest event, never stored apart.
  `CREATE TABLE consent_events (
    id TEXT PRIMARY KEY,
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    purpose_id TEXT NOT NULL REFERENCES purposes(id),
    action TEXT NOT NULL CHECK (action IN ('granted','withdrawn','objected','restricted')),
    lawful_basis TEXT NOT NULL CHECK (lawful_basis IN ('consent','legitimate_interest','contract','legal_obligation')),
    channel TEXT NOT NULL CHECK (channel IN ('form','email','event_registration','unsubscribe_link','phone','paper')),
    evidence TEXT,
    policy_version_id TEXT REFERENCES policy_versions(id),
    occurred_at TEXT NOT NULL,
    recorded_by TEXT REFERENCES staff(id),
    recorded_at TEXT NOT NULL
  )`,
  `CREATE INDEX consent_events_contact_purpose ON consent_events(contact_id, purpose_id, occurred_at)`,

  `CREATE TABLE photo_optouts (
    id TEXT PRIMARY KEY,
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    event_id TEXT REFERENCES events(id),
    state TEXT NOT NULL CHECK (state IN ('opted_out','allowed','unknown')),
    channel TEXT NOT NULL CHECK (channel IN ('form','email','event_registration','unsubscribe_link','phone','paper')),
    decided_on TEXT NOT NULL,
    recorded_by TEXT REFERENCES staff(id),
    recorded_at TEXT NOT NULL,
    withdrawn_at TEXT
  )`,
  `CREATE INDEX photo_optouts_contact ON photo_optouts(contact_id)`,

  `CREATE TABLE processors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    country TEXT,
    transfer_safeguard TEXT,
    dpa_status TEXT NOT NULL DEFAULT 'unknown' CHECK (dpa_status IN ('signed','pending','none','unknown')),
    data_categories TEXT NOT NULL DEFAULT '[]',
    policy_url TEXT,
    created_at TEXT NOT NULL
  )`,

  // Which external systems hold a person's data: drives one task per system per request.
  `CREATE TABLE contact_processors (
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    processor_id TEXT NOT NULL REFERENCES processors(id),
    since TEXT NOT NULL,
    PRIMARY KEY (contact_id, processor_id)
  )`,

  `CREATE TABLE partner_sharing (
    id TEXT PRIMARY KEY,
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    partner TEXT NOT NULL,
    mou_reference TEXT,
    data_categories TEXT NOT NULL DEFAULT '[]',
    shared_on TEXT NOT NULL,
    recorded_by TEXT REFERENCES staff(id),
    recorded_at TEXT NOT NULL
  )`,

  `CREATE TABLE rights_requests (
    id TEXT PRIMARY KEY,
    contact_id TEXT REFERENCES contacts(id),
    requester_name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('access','rectification','erasure','portability','restriction','objection','consent_withdrawal')),
    status TEXT NOT NULL CHECK (status IN ('received','awaiting_identity','in_progress','on_hold','completed','refused')),
    received_on TEXT NOT NULL,
    clock_started_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    extended_due_on TEXT,
    extension_reason TEXT,
    closed_on TEXT,
    refusal_reason TEXT,
    notes TEXT,
    created_by TEXT REFERENCES staff(id),
    created_at TEXT NOT NULL,
    CHECK (status <> 'refused' OR refusal_reason IS NOT NULL),
    CHECK (extended_due_on IS NULL OR extension_reason IS NOT NULL)
  )`,
  `CREATE INDEX rights_requests_contact ON rights_requests(contact_id)`,

  `CREATE TABLE request_tasks (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES rights_requests(id) ON DELETE CASCADE,
    processor_id TEXT REFERENCES processors(id),
    partner TEXT,
    status TEXT NOT NULL CHECK (status IN ('open','done','nothing_found')),
    note TEXT,
    done_at TEXT,
    done_by TEXT REFERENCES staff(id)
  )`,

  `CREATE TABLE retention_rules (
    id TEXT PRIMARY KEY,
    category TEXT NOT NULL UNIQUE,
    period_months INTEGER,
    starts_from TEXT NOT NULL,
    description TEXT,
    updated_at TEXT NOT NULL
  )`,

  // Public holidays that push a legal deadline to the next working day (Art. 12(3)).
  `CREATE TABLE public_holidays (day TEXT PRIMARY KEY, name TEXT NOT NULL)`,

  // Pseudonymous only, so a restored backup can replay erasures made after it was taken.
  `CREATE TABLE erasure_ledger (
    id TEXT PRIMARY KEY,
    subject_pseudonym TEXT NOT NULL,
    erased_at TEXT NOT NULL,
    erased_by TEXT REFERENCES staff(id),
    kept TEXT NOT NULL DEFAULT '[]'
  )`,

  // Tamper-evident log: never personal values, only ids and field names (DESIGN §5).
  `CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    staff_id TEXT,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT,
    fields TEXT NOT NULL DEFAULT '[]',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  )`,
  // The head is kept apart so that deleting the newest events is detectable too.
  `CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
  )`,
  // Kept by a trigger so an append is one statement from the application's side.
  `CREATE TRIGGER audit_events_advance_head AFTER INSERT ON audit_events
    BEGIN INSERT INTO audit_head (id, seq, hash) VALUES (1, NEW.seq, NEW.hash)
      ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash; END`,
  `CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
    BEGIN SELECT RAISE(ABORT, 'the audit head cannot be removed'); END`,
  `CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END`,
  `CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
