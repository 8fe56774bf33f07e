/** Kysely's view of the vault's tables (snake_case, as stored). Never sent to the renderer. */
import type { Generated } from 'kysely';
import type { RetentionAction, RetentionRuleCode, RetentionUnit } from '../shared/rules/retention';
import type {
  ErasureKind,
  IdentityMethod,
  RefusalReason,
  RequestActionKind,
  RequestChannel,
  RequestEventKind,
  RequestLetterKind,
  RequestStatus,
  RequestType,
  SensitiveCategory,
} from '../shared/vocabulary';

type Role = 'admin' | 'staff' | 'auditor';
type Channel = 'form' | 'email' | 'event_registration' | 'unsubscribe_link' | 'phone' | 'paper';
/** The consent ledger also records `import` (0012). */
type LedgerChannel = Channel | 'import';
type LawfulBasis = 'consent' | 'legitimate_interest' | 'contract' | 'legal_obligation';

export interface Database {
  vault_meta: { key: string; value: string };
  staff: {
    id: string;
    name: string;
    role: Role;
    key_slot_id: string | null;
    created_at: string;
    removed_at: string | null;
  };
  settings: { key: string; value: string };
  organisations: {
    id: string;
    name: string;
    country: string | null;
    type: 'governmental_agency' | 'partner_network' | 'other';
    legal_name: string | null;
    vat_number: string | null;
    billing_address: string | null;
    billing_email: string | null;
    created_at: string;
    updated_at: string;
    archived_at: string | null;
  };
  contacts: {
    id: string;
    full_name: string;
    job_title: string | null;
    gender: 'female' | 'male' | 'non_binary' | 'other' | 'prefer_not_to_say' | null;
    organisation_id: string | null;
    country: string | null;
    language: string | null;
    notes: string | null;
    created_at: string;
    updated_at: string;
    archived_at: string | null;
    /** Folded full name and its place in the register's order: written by db/contacts/search.ts only. */
    sort_name: string | null;
    sort_rank: number | null;
  };
  /** entry_seq: the order of entry, numbered by the database on insert (0007). */
  contact_emails: { id: string; contact_id: string; email: string; is_primary: number; entry_seq: Generated<number> };
  contact_phones: { id: string; contact_id: string; e164: string; label: string | null; entry_seq: Generated<number> };
  sensitive_extras: {
    id: string;
    contact_id: string;
    category: 'bank' | 'identity' | 'photo' | 'signature';
    data: string;
    content: Buffer | null;
    content_type: string | null;
    event_id: string | null;
    reason: string;
    created_at: string;
    created_by: string | null;
    /** Bank details: the last day they were used for a payment (0009), which starts the accounting hold. */
    last_paid_on: Generated<string | null>;
  };
  projects: {
    id: string;
    name: string;
    type: string | null;
    start_date: string | null;
    end_date: string | null;
    description: string | null;
    created_at: string;
  };
  events: {
    id: string;
    project_id: string | null;
    name: string;
    type: string | null;
    start_date: string;
    end_date: string | null;
    location: string | null;
    organiser: string | null;
    created_at: string;
  };
  participations: {
    id: string;
    contact_id: string;
    event_id: string | null;
    project_id: string | null;
    role: 'participant' | 'speaker' | 'organiser';
    travel_booked: number;
    participated_on: string;
    created_at: string;
  };
  purposes: {
    id: string;
    code: string;
    name_en: string;
    name_fr: string;
    lawful_basis: LawfulBasis;
    retention: string | null;
    description: string | null;
    created_at: string;
    retention_fr: string | null;
    description_fr: string | null;
    /** Display order in the register. */
    position: Generated<number>;
    /** JSON list of shared/vocabulary.ts dataSubjectKinds: whose data it is about. */
    data_subjects: Generated<string>;
  };
  purpose_processors: { purpose_id: string; processor_id: string };
  policy_versions: {
    id: string;
    version: number;
    language: string;
    effective_date: string;
    text: string;
    material_change: number;
    created_at: string;
    summary: string | null;
  };
  /** Each correction of a policy version's effective date, with its reason (0014). */
  policy_date_changes: {
    seq: Generated<number>;
    policy_version_id: string;
    from_date: string;
    to_date: string;
    reason: string;
    changed_by: string | null;
    changed_at: string;
  };
  consent_events: {
    id: string;
    contact_id: string;
    purpose_id: string;
    action: 'granted' | 'withdrawn' | 'objected' | 'restricted';
    lawful_basis: LawfulBasis;
    channel: LedgerChannel;
    evidence: string | null;
    policy_version_id: string | null;
    /** 1: dated before every archived version when entered, an earlier policy whose text is not kept (0014). */
    policy_earlier: Generated<number>;
    occurred_at: string;
    recorded_by: string | null;
    recorded_at: string;
    /** The order of entry, numbered by the database on insert and never changed (0007): breaks ties of day and instant. */
    entry_seq: Generated<number>;
  };
  photo_optouts: {
    id: string;
    contact_id: string;
    event_id: string | null;
    state: 'opted_out' | 'allowed' | 'unknown';
    channel: Channel;
    decided_on: string;
    recorded_by: string | null;
    recorded_at: string;
    withdrawn_at: string | null;
  };
  processors: {
    id: string;
    name: string;
    role: string;
    country: string | null;
    transfer_safeguard: string | null;
    dpa_status: 'signed' | 'pending' | 'none' | 'unknown';
    /** The day the DPA was signed (YYYY-MM-DD); only with status signed. */
    dpa_signed_on: string | null;
    data_categories: string;
    policy_url: string | null;
    created_at: string;
    kind: 'processor' | 'third_party_account';
    notes: string | null;
  };
  contact_processors: { contact_id: string; processor_id: string; since: string };
  partner_sharing: {
    id: string;
    contact_id: string;
    partner: string;
    mou_reference: string | null;
    data_categories: string;
    shared_on: string;
    recorded_by: string | null;
    recorded_at: string;
    joint_activity: string | null;
  };
  /** Lets one transaction move (merge) or delete (erasure) a contact's consent events. */
  ledger_permits: { contact_id: string; reason: 'merge' | 'erasure' };
  photo_publications: {
    id: string;
    event_id: string;
    location: string;
    published_on: string;
    description: string | null;
    recorded_by: string | null;
    recorded_at: string;
  };
  photo_takedowns: { contact_id: string; publication_id: string; done_on: string; note: string | null; done_by: string | null };
  rights_requests: {
    id: string;
    contact_id: string | null;
    /** Null when the request is linked to a contact and gave no other name. */
    requester_name: string | null;
    requester_email: string | null;
    type: RequestType;
    status: RequestStatus;
    channel: RequestChannel;
    request_text: string | null;
    /** 0 or 1 (SQLite has no boolean). */
    is_test: Generated<number>;
    received_on: string;
    /** The day the clock (re)started: receipt, or the arrival of the identity proof asked for. */
    clock_started_on: string;
    /** One month from clock_started_on (shared/rules/deadline.ts). */
    due_on: string;
    /** The day identity or clarification was last asked for (the clock paused). */
    paused_on: string | null;
    identity_checked_on: string | null;
    identity_method: IdentityMethod | null;
    /** What was seen, in words; never a copy of a document. */
    identity_seen: string | null;
    extension_months: number | null;
    extended_due_on: string | null;
    extension_reason: string | null;
    closed_on: string | null;
    outcome: 'completed' | 'refused' | null;
    refusal_reason: RefusalReason | null;
    refusal_text: string | null;
    outcome_note: string | null;
    notes: string | null;
    created_by: string | null;
    created_at: string;
  };
  /** A request's timeline (0008): one row per step, in the order of entry. */
  request_events: {
    seq: Generated<number>;
    request_id: string;
    at: string;
    staff_id: string | null;
    kind: RequestEventKind;
    from_state: RequestStatus | null;
    to_state: RequestStatus;
    /** JSON object of ids and dates only. */
    detail: string;
  };
  /** One per place that holds the person's data (0010), numbered within its request. */
  request_tasks: {
    id: string;
    request_id: string;
    seq: number;
    kind: 'system' | 'partner';
    processor_id: string | null;
    partner: string | null;
    status: 'open' | 'done' | 'nothing_found';
    evidence: string | null;
    done_at: string | null;
    done_by: string | null;
    /** 0 or 1: the recipient is owed an Art. 19 notice. */
    notice_due: Generated<number>;
    notice_sent_on: string | null;
    notice_confirmed_on: string | null;
    created_at: string;
  };
  /** What the requester sent (0010), stored in the encrypted vault. */
  request_attachments: {
    seq: Generated<number>;
    id: string;
    request_id: string;
    file_name: string;
    content_type: string;
    size: number;
    sha256: string;
    content: Buffer;
    added_at: string;
    added_by: string | null;
  };
  /** Replies as saved (0010). */
  request_letters: {
    seq: Generated<number>;
    id: string;
    request_id: string;
    kind: RequestLetterKind;
    language: 'en' | 'fr';
    subject: string;
    body: string;
    saved_at: string;
    saved_by: string | null;
  };
  /** What was done to carry a request out (0010); `detail` is JSON and may hold the person's values. */
  request_actions: {
    seq: Generated<number>;
    id: string;
    request_id: string;
    action: RequestActionKind;
    detail: string;
    done_at: string;
    done_by: string | null;
  };
  /** One row per rule (0015): its period and what happens once it is due (shared/rules/retention.ts). */
  retention_rules: {
    code: RetentionRuleCode;
    period_value: number;
    period_unit: RetentionUnit;
    action: RetentionAction;
    updated_at: string;
    updated_by: string | null;
  };
  /** A person frozen against retention by an admin until a day (0015); lifting keeps the row. */
  legal_holds: {
    id: string;
    contact_id: string;
    reason: string;
    until: string;
    set_at: string;
    set_by: string | null;
    lifted_at: string | null;
    lifted_by: string | null;
  };
  /** The office's own days (0010): closures added to the legal holidays, holidays it works. */
  office_calendar: { day: string; kind: 'closure' | 'holiday_removed'; note: string | null; set_by: string | null; set_at: string };
  /** The erasure ledger (0009): pseudonymous ids only; append-only. */
  /** kind (0015): a whole erasure, or an anonymisation that kept the row for statistics. */
  erasures: { id: string; erased_on: string; request_id: string | null; reason: string; kept_count: number; entry_seq: Generated<number>; kind: Generated<ErasureKind> };
  /** One erasure of a single sensitive category of a contact (0015). */
  category_erasures: {
    seq: Generated<number>;
    contact_id: string;
    category: SensitiveCategory;
    erased_on: string;
    request_id: string | null;
    reason: string;
    removed_count: number;
    kept_count: number;
  };
  /** The backups this vault wrote (0017); a deleted one keeps its row, with when and why. */
  backups: {
    name: string;
    folder: string;
    created_at: string;
    bytes: number;
    erasures_at_backup: number;
    deleted_at: string | null;
    deleted_reason: 'rotation' | null;
  };
  /** What a legal hold keeps of an erased person, tied to the erasure's pseudonym, never to a name. */
  erasure_holds: {
    id: string;
    erasure_id: string;
    kind: 'signed_attendance_sheet' | 'bank_details';
    event_id: string | null;
    data: string;
    content: Buffer | null;
    content_type: string | null;
    held_until: string;
  };
  audit_events: {
    seq: Generated<number>;
    at: string;
    staff_id: string | null;
    action: string;
    entity_type: string;
    entity_id: string | null;
    /** The contact the event is about (0003); null for events about no one, or older ones. */
    subject_id: string | null;
    fields: string;
    prev_hash: string;
    hash: string;
  };
  audit_head: { id: number; seq: number; hash: string };
  /** FTS5 index of folded contact text (db/contacts/search.ts). */
  contact_search: { rowid: Generated<number>; contact_id: string; text: string; tags: string };
}
