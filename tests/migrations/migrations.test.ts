/**
 * Migrations (issue 2, DESIGN §4): each migration is tested from the previous version
 * with seeded rows, checking the tables, columns, triggers and constraints it promises;
 * each runs in one transaction; a vault written by a newer Registre is refused untouched.
 *
 * Adding a migration without adding its entry to `specs` fails the first test.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanPolicyText, SEEDED_V1 } from '../../db/migrations/0014_policy_dates';
import { appliedMigrations, assertNotNewer, latestSchemaVersion, migrate, migrations } from '../../db/migrations/index';
import { POLICY_FR_V1 } from '../../db/seed/privacy-policy-fr-v1';
import { openKeyed, type RawDb } from '../../db/vault/open-db';
import { call, createdVault, tempDir } from '../helpers';
import { apiError, hashes, kyselyOver, openRaw } from '../vault/vault-files';

const open: RawDb[] = [];
afterEach(() => {
  for (const raw of open.splice(0)) if (raw.open) raw.close();
});

/** A new, empty encrypted database, opened with the vault's pragmas. */
function emptyDb(): { raw: RawDb; db: Kysely<unknown> } {
  const raw = openKeyed(join(tempDir(), 'registre.db'), randomBytes(32), { create: true })!;
  open.push(raw);
  return { raw, db: kyselyOver(raw) as unknown as Kysely<unknown> };
}

const tables = (raw: RawDb): string[] => raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
const columns = (raw: RawDb, table: string): string[] => (raw.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
const now = '2025-03-01T10:00:00.000Z';

interface MigrationSpec {
  /** Rows written at the previous version that the migration must carry over. */
  seed(raw: RawDb): void;
  /** What the migration promises, checked after it ran (seeded rows included). */
  check(raw: RawDb): void;
}

const specs: Record<string, MigrationSpec> = {
  '0001_initial': {
    seed: () => {
      // Previous version is the empty file: nothing to carry over.
    },
    check: (raw) => {
      expect(tables(raw)).toEqual(
        [
          'audit_events',
          'audit_head',
          'consent_events',
          'contact_emails',
          'contact_phones',
          'contact_processors',
          'contacts',
          'erasure_ledger',
          'events',
          'kysely_migration',
          'kysely_migration_lock',
          'organisations',
          'participations',
          'partner_sharing',
          'photo_optouts',
          'policy_versions',
          'processors',
          'projects',
          'public_holidays',
          'purposes',
          'request_tasks',
          'retention_rules',
          'rights_requests',
          'sensitive_extras',
          'settings',
          'staff',
          'vault_meta',
        ].sort(),
      );
      expect(columns(raw, 'staff')).toEqual(['id', 'name', 'role', 'key_slot_id', 'created_at', 'removed_at']);
      expect(columns(raw, 'audit_events')).toEqual(['seq', 'at', 'staff_id', 'action', 'entity_type', 'entity_id', 'fields', 'prev_hash', 'hash']);
      expect(columns(raw, 'consent_events')).toEqual(
        expect.arrayContaining(['contact_id', 'purpose_id', 'action', 'lawful_basis', 'channel', 'evidence', 'policy_version_id', 'occurred_at', 'recorded_by']),
      );
      expect(columns(raw, 'rights_requests')).toEqual(expect.arrayContaining(['type', 'status', 'received_on', 'clock_started_on', 'due_on', 'extended_due_on', 'extension_reason', 'refusal_reason']));
      expect(columns(raw, 'sensitive_extras')).toEqual(expect.arrayContaining(['category', 'data', 'content', 'reason']));
      const triggers = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).pluck().all();
      expect(triggers).toEqual(['audit_events_advance_head', 'audit_events_no_delete', 'audit_events_no_update', 'audit_head_no_delete']);
      expect(raw.pragma('foreign_key_check')).toEqual([]);
      checkConstraints0001(raw);
    },
  },
  '0002_contact_search': {
    seed: (raw) => {
      raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at) VALUES (?, 'Éric Müller', ?, ?)`).run(randomUUID(), now, now);
    },
    check: (raw) => {
      expect(tables(raw)).toContain('contact_search');
      expect(raw.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(1);
      const indexes = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'`).pluck().all();
      expect(indexes).toEqual(expect.arrayContaining(['contacts_name', 'contacts_country', 'organisations_name', 'events_start']));
      // The index takes folded text and finds it by prefix; the app fills it (db/contacts/search.ts).
      raw.prepare(`INSERT INTO contact_search (contact_id, text) VALUES ('c1', 'eric muller')`).run();
      expect(raw.prepare(`SELECT contact_id FROM contact_search WHERE contact_search MATCH '"mul"*'`).pluck().all()).toEqual(['c1']);
    },
  },
  '0003_audit_subject': {
    seed: (raw) => {
      raw
        .prepare(`INSERT INTO audit_events (seq, at, staff_id, action, entity_type, entity_id, fields, prev_hash, hash) VALUES (1, ?, NULL, 'vault.created', 'vault', 'v', '[]', ?, ?)`)
        .run(now, '0'.repeat(64), 'a'.repeat(64));
    },
    check: (raw) => {
      expect(columns(raw, 'audit_events')).toContain('subject_id');
      // The event from before keeps every value, and no subject.
      expect(raw.prepare('SELECT seq, entity_id, subject_id, hash FROM audit_events').all()).toEqual([{ seq: 1, entity_id: 'v', subject_id: null, hash: 'a'.repeat(64) }]);
      expect(() => raw.exec(`UPDATE audit_events SET subject_id = 'x'`)).toThrow(/append-only/);
      const plan = raw.prepare(`EXPLAIN QUERY PLAN SELECT seq FROM audit_events WHERE subject_id = 'x' ORDER BY seq DESC`).all() as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/audit_events_subject/);
    },
  },
  '0004_contact_order': {
    seed: (raw) => {
      const id = randomUUID();
      raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at) VALUES (?, 'Éric Müller', ?, ?)`).run(id, now, now);
      raw.prepare(`INSERT INTO contact_search (rowid, contact_id, text) SELECT rowid, id, 'eric muller' FROM contacts`).run();
    },
    check: (raw) => {
      expect(columns(raw, 'contacts')).toEqual(expect.arrayContaining(['sort_name', 'sort_rank']));
      // Labels are the application's to give: left empty, and the index recreated empty,
      // so the next open rebuilds both (db/contacts/search.ts reindexIfIncomplete).
      expect(raw.prepare('SELECT sort_name, sort_rank FROM contacts').all()).toEqual([{ sort_name: null, sort_rank: null }]);
      expect(raw.prepare('SELECT count(*) FROM contact_search').pluck().get()).toBe(0);
      expect(columns(raw, 'contact_search')).toEqual(['contact_id', 'text', 'tags']);
      const indexes = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contacts'`).pluck().all();
      expect(indexes).toEqual(expect.arrayContaining(['contacts_sort_name', 'contacts_rank', 'contacts_active_rank', 'contacts_archived']));
      expect(indexes).not.toContain('contacts_name');
      // A page of current contacts walks the partial index: the offset never reads the table.
      const plan = raw.prepare('EXPLAIN QUERY PLAN SELECT id FROM contacts WHERE archived_at IS NULL ORDER BY sort_rank LIMIT 100 OFFSET 500').all() as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/INDEX contacts_active_rank/);
      // Search matches are read in rowid order and filtered by tag inside the index.
      raw.prepare(`INSERT INTO contact_search (rowid, contact_id, text, tags) VALUES (20, 'b', 'eric muller', 'current cde'), (10, 'a', 'erika', 'archived cde')`).run();
      expect(raw.prepare(`SELECT contact_id FROM contact_search WHERE contact_search MATCH 'text : ("eri"*) AND tags : ("cde")' ORDER BY rowid`).pluck().all()).toEqual(['a', 'b']);
      expect(raw.prepare(`SELECT contact_id FROM contact_search WHERE contact_search MATCH 'text : ("eri"*) AND tags : ("current")'`).pluck().all()).toEqual(['b']);
      // One contact per label.
      raw.prepare('UPDATE contacts SET sort_rank = 1').run();
      expect(() => raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at, sort_rank) VALUES ('x', 'X', ?, ?, 1)`).run(now, now)).toThrow(/UNIQUE/);
    },
  },
  '0005_consents_and_processors': {
    seed: (raw) => {
      raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at) VALUES ('c1', 'Ana', ?, ?), ('c2', 'Ben', ?, ?)`).run(now, now, now, now);
    },
    check: (raw) => {
      // The register comes pre-filled from the policy, purposes linked to their processors.
      expect(raw.prepare('SELECT code FROM purposes ORDER BY position').pluck().all()).toEqual(['newsletter', 'collaboration', 'event_logistics', 'basecamp', 'payments', 'photos', 'partner_sharing']);
      expect(raw.prepare(`SELECT lawful_basis FROM purposes WHERE code = 'newsletter'`).pluck().get()).toBe('consent');
      const names = raw.prepare('SELECT name FROM processors ORDER BY name').pluck().all();
      for (const n of ['Basecamp', 'TravelPerk', 'OneDrive', 'Google Drive', 'SurveyMonkey', 'Mailchimp', 'Azavista', 'Google Forms', 'Tawk.to', 'Google Analytics']) expect(names).toContain(n);
      expect(
        raw.prepare(`SELECT pr.name FROM purpose_processors pp JOIN purposes pu ON pu.id = pp.purpose_id JOIN processors pr ON pr.id = pp.processor_id WHERE pu.code = 'newsletter'`).pluck().all(),
      ).toEqual(['Mailchimp']);
      expect(raw.prepare(`SELECT kind FROM processors WHERE name = 'TravelPerk'`).pluck().get()).toBe('third_party_account');
      expect(columns(raw, 'partner_sharing')).toContain('joint_activity');
      expect(tables(raw)).toEqual(expect.arrayContaining(['ledger_permits', 'purpose_processors', 'photo_publications', 'photo_takedowns']));

      // The consent ledger refuses changes and removals...
      const insert = raw.prepare(
        `INSERT INTO consent_events (id, contact_id, purpose_id, action, lawful_basis, channel, occurred_at, recorded_at) VALUES (?, ?, 'purpose-newsletter', 'granted', 'consent', 'form', ?, ?)`,
      );
      insert.run('e1', 'c1', now, now);
      expect(() => raw.exec(`UPDATE consent_events SET action = 'withdrawn'`)).toThrow(/append-only/);
      expect(() => raw.exec(`UPDATE consent_events SET contact_id = 'c2'`)).toThrow(/append-only/);
      expect(() => raw.exec(`DELETE FROM consent_events`)).toThrow(/append-only/);
      expect(() => raw.exec(`DELETE FROM contacts WHERE id = 'c1'`)).toThrow(/append-only/);
      // ...except the two moves a permit allows: a merge moves events, an erasure deletes them.
      raw.exec(`INSERT INTO ledger_permits VALUES ('c1', 'merge')`);
      expect(() => raw.exec(`UPDATE consent_events SET evidence = 'x', contact_id = 'c2'`)).toThrow(/append-only/);
      raw.exec(`UPDATE consent_events SET contact_id = 'c2'`);
      raw.exec(`INSERT INTO ledger_permits VALUES ('c2', 'erasure')`);
      raw.exec(`DELETE FROM contacts WHERE id = 'c2'`);
      expect(raw.prepare('SELECT count(*) FROM consent_events').pluck().get()).toBe(0);
      const plan = raw.prepare(`EXPLAIN QUERY PLAN SELECT contact_id FROM consent_events WHERE purpose_id = 'p' ORDER BY contact_id, occurred_at`).all() as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/consent_events_purpose/);
    },
  },
  '0006_register_indexes': {
    seed: () => {},
    check: (raw) => {
      const plan = (q: string) => (raw.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as Array<{ detail: string }>).map((p) => p.detail).join(' ');
      expect(plan(`SELECT id FROM partner_sharing WHERE partner = 'ENPE' ORDER BY shared_on DESC`)).toMatch(/partner_sharing_partner/);
      expect(plan(`SELECT DISTINCT contact_id FROM consent_events WHERE action = 'restricted'`)).toMatch(/consent_events_restricted/);
    },
  },
  '0007_entry_order': {
    seed: (raw) => {
      raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at) VALUES ('c1', 'Ana', ?, ?), ('c2', 'Ben', ?, ?)`).run(now, now, now, now);
      // Entered in an order that neither the ids nor the statements follow, with the gaps deletions leave.
      const event = raw.prepare(
        `INSERT INTO consent_events (rowid, id, contact_id, purpose_id, action, lawful_basis, channel, occurred_at, recorded_at) VALUES (?, ?, 'c1', 'purpose-newsletter', ?, 'consent', 'form', '2025-02-01', ?)`,
      );
      event.run(12, 'e-m', 'granted', now);
      event.run(3, 'e-z', 'granted', now);
      event.run(8, 'e-a', 'withdrawn', now);
      const email = raw.prepare(`INSERT INTO contact_emails (rowid, id, contact_id, email, is_primary) VALUES (?, ?, ?, ?, ?)`);
      email.run(7, 'm-a', 'c1', 'second@example.org', 0);
      email.run(2, 'm-z', 'c1', 'ana@example.org', 1);
      email.run(9, 'm-m', 'c1', 'third@example.org', 0);
      email.run(4, 'm-b', 'c2', 'ben@example.org', 1);
      const phone = raw.prepare(`INSERT INTO contact_phones (rowid, id, contact_id, e164) VALUES (?, ?, ?, ?)`);
      phone.run(20, 'p-a', 'c1', '+32470000002');
      phone.run(5, 'p-z', 'c1', '+32470000001');
      phone.run(6, 'p-m', 'c2', '+32470000009');
    },
    check: (raw) => {
      for (const t of ['consent_events', 'contact_emails', 'contact_phones']) expect(columns(raw, t), t).toContain('entry_seq');
      const inOrder = () => ({
        events: raw.prepare('SELECT id, entry_seq FROM consent_events ORDER BY entry_seq').all(),
        emails: raw.prepare(`SELECT email FROM contact_emails WHERE contact_id = 'c1' ORDER BY entry_seq`).pluck().all(),
        phones: raw.prepare('SELECT contact_id, e164 FROM contact_phones ORDER BY contact_id, entry_seq').all(),
      });
      // Every row keeps its place: its rowid became its number.
      const expected = {
        events: [
          { id: 'e-z', entry_seq: 3 },
          { id: 'e-a', entry_seq: 8 },
          { id: 'e-m', entry_seq: 12 },
        ],
        emails: ['ana@example.org', 'second@example.org', 'third@example.org'],
        phones: [
          { contact_id: 'c1', e164: '+32470000001' },
          { contact_id: 'c1', e164: '+32470000002' },
          { contact_id: 'c2', e164: '+32470000009' },
        ],
      };
      expect(inOrder()).toEqual(expected);
      raw.exec('VACUUM');
      expect(inOrder()).toEqual(expected);
      expect(raw.pragma('foreign_key_check')).toEqual([]);

      const indexes = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'`).pluck().all();
      expect(indexes).toEqual(
        expect.arrayContaining(['consent_events_contact_purpose', 'consent_events_purpose', 'consent_events_restricted', 'contact_emails_contact', 'contact_emails_email', 'contact_phones_contact']),
      );
      const plan = (q: string) => (raw.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as Array<{ detail: string }>).map((p) => p.detail).join(' ');
      // A contact's phones come out of the contact index already in order; the ledger lists still find their indexes.
      expect(plan(`SELECT e164 FROM contact_phones WHERE contact_id = 'c1' ORDER BY entry_seq`)).toMatch(/contact_phones_contact/);
      expect(plan(`SELECT e164 FROM contact_phones WHERE contact_id = 'c1' ORDER BY entry_seq`)).not.toMatch(/TEMP B-TREE/);
      expect(plan(`SELECT contact_id FROM consent_events WHERE purpose_id = 'p' ORDER BY contact_id, occurred_at`)).toMatch(/consent_events_purpose/);
      expect(plan(`SELECT DISTINCT contact_id FROM consent_events WHERE action = 'restricted'`)).toMatch(/consent_events_restricted/);

      // A new row is numbered by the database, above every other; ids stay unique and required.
      raw
        .prepare(
          `INSERT INTO consent_events (id, contact_id, purpose_id, action, lawful_basis, channel, occurred_at, recorded_at) VALUES ('e-new', 'c1', 'purpose-newsletter', 'granted', 'consent', 'form', '2025-02-01', ?)`,
        )
        .run(now);
      raw.prepare(`INSERT INTO contact_phones (id, contact_id, e164) VALUES ('p-new', 'c1', '+32470000003')`).run();
      raw.prepare(`INSERT INTO contact_emails (id, contact_id, email) VALUES ('m-new', 'c1', 'fourth@example.org')`).run();
      expect(raw.prepare(`SELECT entry_seq FROM consent_events WHERE id = 'e-new'`).pluck().get()).toBe(13);
      expect(raw.prepare(`SELECT entry_seq FROM contact_phones WHERE id = 'p-new'`).pluck().get()).toBe(21);
      expect(raw.prepare(`SELECT entry_seq FROM contact_emails WHERE id = 'm-new'`).pluck().get()).toBe(10);
      expect(() => raw.prepare(`INSERT INTO contact_phones (id, contact_id, e164) VALUES ('p-new', 'c1', '+32470000004')`).run()).toThrow(/UNIQUE/);
      expect(() => raw.prepare(`INSERT INTO contact_emails (contact_id, email) VALUES ('c1', 'x@example.org')`).run()).toThrow(/NOT NULL/);
      expect(() => raw.prepare(`INSERT INTO contact_emails (id, contact_id, email, is_primary) VALUES ('m-bad', 'c1', 'x@example.org', 2)`).run()).toThrow(/CHECK/);

      // The ledger is still append-only, its order included; a merge moves events without renumbering them.
      expect(() => raw.exec(`UPDATE consent_events SET action = 'withdrawn'`)).toThrow(/append-only/);
      expect(() => raw.exec(`UPDATE consent_events SET entry_seq = entry_seq + 100`)).toThrow(/append-only/);
      expect(() => raw.exec(`UPDATE consent_events SET contact_id = 'c2'`)).toThrow(/append-only/);
      expect(() => raw.exec(`DELETE FROM consent_events`)).toThrow(/append-only/);
      raw.exec(`INSERT INTO ledger_permits VALUES ('c1', 'merge')`);
      raw.exec(`UPDATE consent_events SET contact_id = 'c2'`);
      expect(raw.prepare(`SELECT entry_seq FROM consent_events WHERE contact_id = 'c2' ORDER BY entry_seq`).pluck().all()).toEqual([3, 8, 12, 13]);
      raw.exec(`INSERT INTO ledger_permits VALUES ('c2', 'erasure')`);
      // Erasing a contact still cascades to its events, e-mails and phones.
      raw.exec(`DELETE FROM contacts WHERE id = 'c2'`);
      expect(raw.prepare('SELECT count(*) FROM consent_events').pluck().get()).toBe(0);
      expect(raw.prepare(`SELECT count(*) FROM contact_emails WHERE contact_id = 'c2'`).pluck().get()).toBe(0);
      expect(raw.prepare(`SELECT count(*) FROM contact_phones WHERE contact_id = 'c2'`).pluck().get()).toBe(0);
    },
  },
  '0008_rights_requests': {
    seed: (raw) => {
      raw.prepare(`INSERT INTO staff VALUES ('s1', 'Anna', 'admin', NULL, ?, NULL)`).run(now);
      raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at) VALUES ('c1', 'Ana', ?, ?)`).run(now, now);
    },
    check: (raw) => {
      expect(columns(raw, 'rights_requests')).toEqual(
        expect.arrayContaining([
          'channel',
          'requester_email',
          'request_text',
          'is_test',
          'paused_on',
          'identity_checked_on',
          'identity_method',
          'identity_seen',
          'extension_months',
          'outcome',
          'refusal_text',
        ]),
      );
      expect(columns(raw, 'request_events')).toEqual(['seq', 'request_id', 'at', 'staff_id', 'kind', 'from_state', 'to_state', 'detail']);
      const strict = raw.prepare(`SELECT name, strict FROM pragma_table_list WHERE name IN ('rights_requests', 'request_events') ORDER BY name`).all();
      expect(strict).toEqual([
        { name: 'request_events', strict: 1 },
        { name: 'rights_requests', strict: 1 },
      ]);
      const run = (q: string, ...params: unknown[]) => raw.prepare(q).run(...params);
      const request = (values: Record<string, unknown>) => {
        const row = {
          id: randomUUID(),
          contact_id: 'c1',
          type: 'access',
          status: 'received',
          channel: 'email',
          received_on: '2025-01-31',
          clock_started_on: '2025-01-31',
          due_on: '2025-02-28',
          created_at: now,
          ...values,
        };
        run(
          `INSERT INTO rights_requests (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row)
            .map(() => '?')
            .join(', ')})`,
          ...Object.values(row),
        );
        return row.id;
      };
      // The closed lists and the rules that hold columns together.
      expect(() => request({ channel: 'pigeon' })).toThrow(/CHECK/);
      expect(() => request({ channel: null })).toThrow(/NOT NULL/);
      expect(() => request({ type: 'complaint' })).toThrow(/CHECK/);
      expect(() => request({ contact_id: null })).toThrow(/CHECK/);
      expect(() => request({ is_test: 2 })).toThrow(/CHECK/);
      expect(() => request({ is_test: 'yes' })).toThrow(/cannot store TEXT value in INTEGER column/);
      expect(() => request({ due_on: '2025-01-31' })).toThrow(/CHECK/);
      expect(() => request({ identity_checked_on: '2025-02-03' })).toThrow(/CHECK/);
      expect(() => request({ identity_method: 'photocopy', identity_checked_on: '2025-02-03' })).toThrow(/CHECK/);
      expect(() => request({ extension_months: 3, extended_due_on: '2025-05-30', extension_reason: 'complex' })).toThrow(/CHECK/);
      expect(() => request({ extension_months: 2, extended_due_on: '2025-04-30' })).toThrow(/CHECK/);
      expect(() => request({ status: 'refused', closed_on: '2025-02-10', outcome: 'refused' })).toThrow(/CHECK/);
      expect(() => request({ status: 'refused', closed_on: '2025-02-10', outcome: 'refused', refusal_reason: 'vexatious' })).toThrow(/CHECK/);
      expect(() => request({ status: 'completed', closed_on: '2025-02-10', outcome: 'refused' })).toThrow(/CHECK/);
      expect(() => request({ status: 'completed' })).toThrow(/CHECK/);
      expect(() => request({ status: 'in_progress', refusal_reason: 'excessive' })).toThrow(/CHECK/);
      request({ contact_id: null, requester_name: 'R', is_test: 1 });
      request({ identity_checked_on: '2025-02-03', identity_method: 'document_shown', clock_started_on: '2025-02-03', due_on: '2025-03-03', status: 'in_progress' });
      request({ extension_months: 2, extended_due_on: '2025-04-30', extension_reason: 'complex' });
      const refused = request({ status: 'refused', closed_on: '2025-02-10', outcome: 'refused', refusal_reason: 'manifestly_unfounded', refusal_text: 'Told' });
      request({ status: 'completed', closed_on: '2025-02-10', outcome: 'completed' });

      // The timeline: numbered by the database, only ids and dates as a JSON object, never changed.
      const event = (values: Record<string, unknown>) => {
        const row = { request_id: refused, at: now, staff_id: 's1', kind: 'received', from_state: null, to_state: 'received', ...values };
        return run(
          `INSERT INTO request_events (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row)
            .map(() => '?')
            .join(', ')})`,
          ...Object.values(row),
        );
      };
      event({ detail: '{"dueDate":"2025-02-28"}' });
      event({ kind: 'refused', from_state: 'received', to_state: 'refused' });
      expect(raw.prepare(`SELECT seq, kind, detail FROM request_events ORDER BY seq`).all()).toEqual([
        { seq: 1, kind: 'received', detail: '{"dueDate":"2025-02-28"}' },
        { seq: 2, kind: 'refused', detail: '{}' },
      ]);
      expect(() => event({ kind: 'reopened' })).toThrow(/CHECK/);
      expect(() => event({ kind: 'started', to_state: 'in_progress' })).toThrow(/CHECK/);
      expect(() => event({ from_state: 'received' })).toThrow(/CHECK/);
      expect(() => event({ detail: 'not json' })).toThrow(/CHECK/);
      expect(() => event({ detail: '["a"]' })).toThrow(/CHECK/);
      expect(() => event({ request_id: 'nope' })).toThrow(/FOREIGN KEY/);
      expect(() => raw.exec(`UPDATE request_events SET detail = '{}'`)).toThrow(/append-only/);
      // Tasks still point at the rebuilt table; a request's tasks and timeline go with it.
      run(`INSERT INTO request_tasks (id, request_id, status) VALUES ('t1', ?, 'open')`, refused);
      expect(() => run(`INSERT INTO request_tasks (id, request_id, status) VALUES ('t2', 'nope', 'open')`)).toThrow(/FOREIGN KEY/);
      run(`DELETE FROM rights_requests WHERE id = ?`, refused);
      expect(raw.prepare('SELECT count(*) FROM request_events').pluck().get()).toBe(0);
      expect(raw.prepare('SELECT count(*) FROM request_tasks').pluck().get()).toBe(0);
      // A person with a request cannot be deleted from under it.
      expect(() => run(`DELETE FROM contacts WHERE id = 'c1'`)).toThrow(/FOREIGN KEY/);
      expect(raw.pragma('foreign_key_check')).toEqual([]);
      const plan = (q: string) => (raw.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as Array<{ detail: string }>).map((p) => p.detail).join(' ');
      expect(plan(`SELECT seq FROM request_events WHERE request_id = 'x' ORDER BY seq`)).toMatch(/request_events_request/);
      expect(plan(`SELECT status, count(*) FROM rights_requests GROUP BY status`)).toMatch(/rights_requests_status/);
    },
  },
  '0009_erasure': {
    seed: (raw) => {
      raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at) VALUES ('c1', 'Ana', ?, ?)`).run(now, now);
      raw.prepare(`INSERT INTO sensitive_extras (id, contact_id, category, data, reason, created_at) VALUES ('x1', 'c1', 'bank', '{"iban":"BE71096123456769"}', 'r', ?)`).run(now);
    },
    check: (raw) => {
      // Bank details carried over, with no payment day yet.
      expect(raw.prepare(`SELECT data, last_paid_on FROM sensitive_extras WHERE id = 'x1'`).get()).toEqual({ data: '{"iban":"BE71096123456769"}', last_paid_on: null });
      expect(tables(raw)).not.toContain('erasure_ledger');
      expect(columns(raw, 'erasures')).toEqual(['id', 'erased_on', 'request_id', 'reason', 'kept_count', 'entry_seq']);
      expect(columns(raw, 'erasure_holds')).toEqual(['id', 'erasure_id', 'kind', 'event_id', 'data', 'content', 'content_type', 'held_until']);

      // The ledger numbers its rows in order and refuses every change and removal.
      const erasure = raw.prepare(`INSERT INTO erasures (id, erased_on, request_id, reason, kept_count) VALUES (?, '2026-01-05', NULL, 'request', ?)`);
      erasure.run('p1', 1);
      erasure.run('p2', 0);
      expect(raw.prepare('SELECT id FROM erasures ORDER BY entry_seq').pluck().all()).toEqual(['p1', 'p2']);
      expect(() => erasure.run('p1', 0)).toThrow(/UNIQUE/);
      expect(() => erasure.run('p3', -1)).toThrow(/CHECK/);
      expect(() => raw.exec(`UPDATE erasures SET reason = 'x'`)).toThrow(/append-only/);
      expect(() => raw.exec(`DELETE FROM erasures`)).toThrow(/append-only/);

      // A hold belongs to a recorded erasure and is one of the two kinds; it may go when its hold ends.
      const hold = raw.prepare(`INSERT INTO erasure_holds (id, erasure_id, kind, held_until) VALUES (?, ?, ?, '2033-01-05')`);
      expect(() => hold.run('h0', 'nobody', 'bank_details')).toThrow(/FOREIGN KEY/);
      expect(() => hold.run('h0', 'p1', 'photo')).toThrow(/CHECK/);
      hold.run('h1', 'p1', 'bank_details');
      expect(raw.prepare(`SELECT data FROM erasure_holds WHERE id = 'h1'`).pluck().get()).toBe('{}');
      raw.exec(`DELETE FROM erasure_holds WHERE held_until < '2034-01-01'`);
      expect(raw.prepare('SELECT count(*) FROM erasure_holds').pluck().get()).toBe(0);
      const plan = (raw.prepare(`EXPLAIN QUERY PLAN SELECT id FROM erasure_holds WHERE held_until < '2034-01-01'`).all() as Array<{ detail: string }>).map((p) => p.detail).join(' ');
      expect(plan).toMatch(/erasure_holds_until/);
    },
  },
  '0010_request_work': {
    seed: (raw) => {
      raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at) VALUES ('c1', 'Ana', ?, ?)`).run(now, now);
      raw
        .prepare(
          `INSERT INTO rights_requests (id, contact_id, type, status, channel, received_on, clock_started_on, due_on, created_at) VALUES ('r1', 'c1', 'erasure', 'received', 'email', '2025-01-31', '2025-01-31', '2025-02-28', ?)`,
        )
        .run(now);
      const event = raw.prepare(`INSERT INTO request_events (request_id, at, kind, from_state, to_state, detail) VALUES ('r1', ?, ?, ?, ?, ?)`);
      event.run(now, 'received', null, 'received', '{"dueDate":"2025-02-28"}');
      event.run(now, 'started', 'received', 'in_progress', '{}');
    },
    check: (raw) => {
      // The timeline is carried over in its order, and takes the new kinds; it still refuses changes.
      expect(raw.prepare(`SELECT seq, kind, detail FROM request_events ORDER BY seq`).all()).toEqual([
        { seq: 1, kind: 'received', detail: '{"dueDate":"2025-02-28"}' },
        { seq: 2, kind: 'started', detail: '{}' },
      ]);
      const run = (q: string, ...params: unknown[]) => raw.prepare(q).run(...params);
      run(`INSERT INTO request_events (request_id, at, kind, from_state, to_state) VALUES ('r1', ?, 'task_done', 'in_progress', 'in_progress')`, now);
      expect(() => run(`INSERT INTO request_events (request_id, at, kind, from_state, to_state) VALUES ('r1', ?, 'reopened', 'in_progress', 'in_progress')`, now)).toThrow(/CHECK/);
      expect(() => raw.exec(`UPDATE request_events SET detail = '{}'`)).toThrow(/append-only/);
      expect(tables(raw)).not.toContain('public_holidays');
      const strict = raw
        .prepare(
          `SELECT name FROM pragma_table_list WHERE strict = 1 AND name IN ('request_events', 'request_tasks', 'request_attachments', 'request_letters', 'request_actions', 'office_calendar') ORDER BY name`,
        )
        .pluck()
        .all();
      expect(strict).toEqual(['office_calendar', 'request_actions', 'request_attachments', 'request_events', 'request_letters', 'request_tasks']);

      // A task names a system or a partner, numbered once per request; done needs evidence; a notice is sent before it is confirmed.
      const task = (values: Record<string, unknown>) => {
        const row = { id: randomUUID(), request_id: 'r1', seq: 1, kind: 'system', processor_id: 'p1', status: 'open', created_at: now, ...values };
        run(
          `INSERT INTO request_tasks (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row)
            .map(() => '?')
            .join(', ')})`,
          ...Object.values(row),
        );
      };
      run(`INSERT INTO processors (id, name, role, data_categories, created_at) VALUES ('p1', 'Test system 0010', 'newsletter', '[]', ?)`, now);
      task({});
      expect(() => task({})).toThrow(/UNIQUE/);
      expect(() => task({ seq: 2, processor_id: null })).toThrow(/CHECK/);
      expect(() => task({ seq: 2, kind: 'partner', partner: 'ENPE' })).toThrow(/CHECK/);
      expect(() => task({ seq: 2, status: 'done', done_at: now })).toThrow(/CHECK/);
      expect(() => task({ seq: 2, kind: 'partner', processor_id: null, partner: 'ENPE', notice_sent_on: '2025-02-01' })).toThrow(/CHECK/);
      expect(() => task({ seq: 2, kind: 'partner', processor_id: null, partner: 'ENPE', notice_due: 1, notice_sent_on: '2025-02-03', notice_confirmed_on: '2025-02-01' })).toThrow(/CHECK/);
      task({ seq: 2, kind: 'partner', processor_id: null, partner: 'ENPE', status: 'nothing_found', evidence: 'Searched their list', done_at: now, notice_due: 1, notice_sent_on: '2025-02-01' });

      const attach = raw.prepare(
        `INSERT INTO request_attachments (id, request_id, file_name, content_type, size, sha256, content, added_at) VALUES (?, 'r1', 'letter.pdf', 'application/pdf', 3, ?, ?, ?)`,
      );
      expect(() => attach.run('a0', 'short', Buffer.from('pdf'), now)).toThrow(/CHECK/);
      attach.run('a1', 'a'.repeat(64), Buffer.from('pdf'), now);
      const letter = raw.prepare(`INSERT INTO request_letters (id, request_id, kind, language, subject, body, saved_at) VALUES (?, 'r1', ?, ?, 'S', 'B', ?)`);
      expect(() => letter.run('l0', 'love_letter', 'en', now)).toThrow(/CHECK/);
      expect(() => letter.run('l0', 'refusal', 'de', now)).toThrow(/CHECK/);
      letter.run('l1', 'refusal', 'fr', now);
      const action = raw.prepare(`INSERT INTO request_actions (id, request_id, action, detail, done_at) VALUES (?, 'r1', ?, ?, ?)`);
      expect(() => action.run('x0', 'teleport', '{}', now)).toThrow(/CHECK/);
      expect(() => action.run('x0', 'bundle', '[]', now)).toThrow(/CHECK/);
      action.run('x1', 'rectification', '{"field":"email"}', now);
      const day = raw.prepare(`INSERT INTO office_calendar (day, kind, set_at) VALUES (?, ?, ?)`);
      expect(() => day.run('2025-12-24', 'party', now)).toThrow(/CHECK/);
      day.run('2025-12-24', 'closure', now);
      expect(() => day.run('2025-12-24', 'holiday_removed', now)).toThrow(/UNIQUE/);

      // Everything of a request goes with it.
      run(`DELETE FROM rights_requests WHERE id = 'r1'`);
      for (const t of ['request_events', 'request_tasks', 'request_attachments', 'request_letters', 'request_actions']) {
        expect(raw.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0);
      }
      expect(raw.pragma('foreign_key_check')).toEqual([]);
    },
  },
  '0011_erasure_and_list_speed': {
    seed: (raw) => {
      // Index entries written before 0011: one kept, one deleted and one rewritten, whose old terms stay in the segments.
      const entry = raw.prepare(`INSERT INTO contact_search (rowid, contact_id, text, tags) VALUES (?, ?, ?, 'current')`);
      entry.run(1, 'c1', 'akept0011 person');
      entry.run(2, 'c2', 'bgone0011 person');
      entry.run(3, 'c3', 'cbefore0011 person');
      raw.exec(`DELETE FROM contact_search WHERE rowid = 2`);
      raw.exec(`UPDATE contact_search SET text = 'dafter0011 person' WHERE rowid = 3`);
      expect(indexHolds(raw, 'bgone0011')).toBe(true);
      expect(indexHolds(raw, 'cbefore0011')).toBe(true);
      raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at) VALUES ('c1', 'Ana', ?, ?)`).run(now, now);
      const request = raw.prepare(
        `INSERT INTO rights_requests (id, contact_id, type, status, channel, is_test, received_on, clock_started_on, due_on, extension_months, extended_due_on, extension_reason, created_at)
         VALUES (?, 'c1', 'access', ?, 'email', ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      request.run('r1', 'in_progress', 0, '2025-01-10', '2025-01-10', '2025-02-10', 2, '2025-04-10', 'many places', now);
      request.run('r2', 'received', 0, '2025-02-01', '2025-02-01', '2025-03-03', null, null, null, now);
      request.run('r3', 'received', 1, '2025-01-20', '2025-01-20', '2025-02-20', null, null, null, now);
    },
    check: (raw) => {
      // Secure-delete is on, kept in the index's config; the merge dropped what earlier deletes and rewrites had left.
      expect(raw.prepare(`SELECT v FROM contact_search_config WHERE k = 'secure-delete'`).pluck().get()).toBe(1);
      expect(indexHolds(raw, 'bgone0011')).toBe(false);
      expect(indexHolds(raw, 'cbefore0011')).toBe(false);
      expect(indexHolds(raw, 'akept0011')).toBe(true);
      const find = (term: string) => raw.prepare(`SELECT rowid FROM contact_search WHERE contact_search MATCH ?`).pluck().all(term);
      expect(find('akept0011')).toEqual([1]);
      expect(find('dafter0011')).toEqual([3]);
      // From now on a delete and a rewrite take their terms out of the segments at once, without a merge.
      raw.prepare(`INSERT INTO contact_search (rowid, contact_id, text, tags) VALUES (4, 'c4', 'elater0011 person', 'current')`).run();
      raw.exec(`UPDATE contact_search SET text = 'frenamed0011 person' WHERE rowid = 1`);
      raw.exec(`DELETE FROM contact_search WHERE rowid = 4`);
      expect(indexHolds(raw, 'elater0011')).toBe(false);
      expect(indexHolds(raw, 'akept0011')).toBe(false);
      expect(find('frenamed0011')).toEqual([1]);
      expect(find('person').sort()).toEqual([1, 3]);

      // The list's page walks the deadline index and stops after it; the counts read indexes only.
      const plan = (q: string) => (raw.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as Array<{ detail: string }>).map((p) => p.detail).join(' | ');
      const order = `ORDER BY coalesce("r"."extended_due_on", "r"."due_on"), "r"."received_on", "r"."id" LIMIT 100 OFFSET 0`;
      for (const where of [`"r"."is_test" = 0`, `1 = 1`]) {
        expect(plan(`SELECT "r"."id" FROM "rights_requests" AS "r" WHERE ${where} ${order}`)).toMatch(/^SCAN r USING COVERING INDEX rights_requests_deadline$/);
      }
      expect(plan(`SELECT "r"."id" FROM "rights_requests" AS "r" WHERE "r"."is_test" = 0 AND "r"."status" = 'received' ${order}`)).toMatch(
        /^SEARCH r USING COVERING INDEX rights_requests_state \(status=\? AND is_test=\?\)$/,
      );
      const due = plan(
        `SELECT "r"."id" FROM "rights_requests" AS "r" WHERE "r"."is_test" = 0 AND "r"."status" IN ('received', 'in_progress') AND coalesce("r"."extended_due_on", "r"."due_on") < '2025-03-01' ${order}`,
      );
      // The open states' requests past a day: a range of the state index each, their ids sorted.
      expect(due).toMatch(/^SEARCH r USING COVERING INDEX rights_requests_state \(status=\? AND is_test=\? AND <expr><\?\) \| USE TEMP B-TREE FOR ORDER BY$/);
      const counts = (where: string) => plan(`SELECT "r"."status", count(*) AS "n" FROM "rights_requests" AS "r" ${where} GROUP BY "r"."status"`);
      expect(counts(`WHERE "r"."is_test" = 0`)).toMatch(/^SCAN r USING COVERING INDEX rights_requests_state$/);
      // Test entries included: 0008's narrower index is enough.
      expect(counts('')).toMatch(/^SCAN r USING COVERING INDEX rights_requests_status$/);
      expect(plan(`SELECT count(*) AS "n" FROM "rights_requests" AS "r" WHERE "r"."is_test" = 0 AND "r"."status" = 'received'`)).toMatch(/COVERING INDEX rights_requests_state/);
      const ids = (where: string) => raw.prepare(`SELECT "r"."id" FROM "rights_requests" AS "r" WHERE ${where} ${order}`).pluck().all();
      // By the extended deadline where there is one.
      expect(ids('1 = 1')).toEqual(['r3', 'r2', 'r1']);
      expect(ids(`"r"."is_test" = 0`)).toEqual(['r2', 'r1']);
    },
  },
  '0014_policy_dates': {
    seed: (raw) => {
      // Version 1 as seeded before (byte for byte), and a consent entered without a version.
      raw.prepare(`INSERT INTO policy_versions (id, version, language, effective_date, text, created_at) VALUES ('p1', 1, 'fr', '2026-01-15', ?, ?)`).run(SEEDED_V1, now);
      raw.prepare(`INSERT INTO policy_versions (id, version, language, effective_date, text, created_at) VALUES ('p2', 1, 'en', '2026-01-15', ?, ?)`).run(SEEDED_V1, now);
      raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at) VALUES ('c1', 'Ana', ?, ?)`).run(now, now);
      raw
        .prepare(
          `INSERT INTO consent_events (id, contact_id, purpose_id, action, lawful_basis, channel, occurred_at, recorded_at) VALUES ('e1', 'c1', 'purpose-newsletter', 'granted', 'consent', 'form', '2025-03-10', ?)`,
        )
        .run(now);
    },
    check: (raw) => {
      const run = (q: string, ...params: unknown[]) => raw.prepare(q).run(...params);
      // The seeded French version 1 is now the clean text; nothing else is touched.
      expect(raw.prepare(`SELECT text FROM policy_versions WHERE id = 'p1'`).pluck().get()).toBe(POLICY_FR_V1);
      expect(raw.prepare(`SELECT text FROM policy_versions WHERE id = 'p2'`).pluck().get()).toBe(SEEDED_V1);
      expect(cleanPolicyText(SEEDED_V1)).toBe(POLICY_FR_V1);
      // The event carried over says nothing it did not record: no earlier policy claimed.
      expect(raw.prepare(`SELECT policy_version_id, policy_earlier FROM consent_events WHERE id = 'e1'`).get()).toEqual({ policy_version_id: null, policy_earlier: 0 });
      const event = (id: string, version: string | null, earlier: number) =>
        run(
          `INSERT INTO consent_events (id, contact_id, purpose_id, action, lawful_basis, channel, policy_version_id, policy_earlier, occurred_at, recorded_at) VALUES (?, 'c1', 'purpose-newsletter', 'granted', 'consent', 'form', ?, ?, '2025-03-10', ?)`,
          id,
          version,
          earlier,
          now,
        );
      expect(() => event('e2', 'p1', 1)).toThrow(/CHECK/);
      expect(() => event('e2', null, 2)).toThrow(/CHECK/);
      event('e2', null, 1);
      expect(() => run(`UPDATE consent_events SET policy_earlier = 0 WHERE id = 'e2'`)).toThrow(/append-only/);
      expect(() => run(`UPDATE consent_events SET evidence = 'x' WHERE id = 'e2'`)).toThrow(/append-only/);

      expect(columns(raw, 'policy_date_changes')).toEqual(['seq', 'policy_version_id', 'from_date', 'to_date', 'reason', 'changed_by', 'changed_at']);
      const change = raw.prepare(`INSERT INTO policy_date_changes (policy_version_id, from_date, to_date, reason, changed_at) VALUES (?, '2026-01-15', '2018-05-25', ?, ?)`);
      expect(() => change.run('p1', '  ', now)).toThrow(/CHECK/);
      expect(() => change.run('nope', 'Published then', now)).toThrow(/FOREIGN KEY/);
      expect(() => raw.prepare(`INSERT INTO policy_date_changes (policy_version_id, from_date, to_date, reason, changed_at) VALUES ('p1', x'01', '2018-05-25', 'r', ?)`).run(now)).toThrow(
        /cannot store/,
      );
      change.run('p1', 'Published then', now);
      expect(raw.pragma('foreign_key_check')).toEqual([]);
    },
  },
  '0016_retention': {
    seed: (raw) => {
      raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at) VALUES ('c1', 'Ana', ?, ?)`).run(now, now);
    },
    check: (raw) => {
      // The policy's defaults, one row per rule.
      expect(raw.prepare(`SELECT code, period_value, period_unit, action, updated_by FROM retention_rules ORDER BY code`).all()).toEqual([
        { code: 'bank', period_value: 7, period_unit: 'years', action: 'erase_category', updated_by: null },
        { code: 'closed_requests', period_value: 3, period_unit: 'years', action: 'erase_request', updated_by: null },
        { code: 'contact_activity', period_value: 7, period_unit: 'years', action: 'erase_contact', updated_by: null },
        { code: 'identity', period_value: 30, period_unit: 'days', action: 'erase_category', updated_by: null },
        { code: 'minor', period_value: 0, period_unit: 'days', action: 'erase_contact', updated_by: null },
        { code: 'newsletter_only', period_value: 30, period_unit: 'days', action: 'erase_contact', updated_by: null },
        { code: 'signature', period_value: 7, period_unit: 'years', action: 'erase_category', updated_by: null },
      ]);
      const rule = (set: string) => () => raw.exec(`UPDATE retention_rules SET ${set} WHERE code = 'bank'`);
      expect(rule(`period_unit = 'months'`)).toThrow(/CHECK/);
      expect(rule(`period_value = -1`)).toThrow(/CHECK/);
      expect(rule(`action = 'shred'`)).toThrow(/CHECK/);
      expect(() => raw.exec(`INSERT INTO retention_rules (code, period_value, period_unit, action, updated_at) VALUES ('photos', 1, 'days', 'erase_category', 'x')`)).toThrow(/CHECK/);

      expect(columns(raw, 'legal_holds')).toEqual(['id', 'contact_id', 'reason', 'until', 'set_at', 'set_by', 'lifted_at', 'lifted_by']);
      const hold = raw.prepare(`INSERT INTO legal_holds (id, contact_id, reason, until, set_at) VALUES (?, ?, ?, '2027-01-01', ?)`);
      expect(() => hold.run('h1', 'c1', ' ', now)).toThrow(/CHECK/);
      expect(() => hold.run('h1', 'nobody', 'Grant audit', now)).toThrow(/FOREIGN KEY/);
      hold.run('h1', 'c1', 'Grant audit', now);
      expect(raw.pragma('foreign_key_check')).toEqual([]);
    },
  },
  '0017_backups': {
    seed: () => {
      // A new table: nothing to carry over.
    },
    check: (raw) => {
      expect(columns(raw, 'backups')).toEqual(['name', 'folder', 'created_at', 'bytes', 'erasures_at_backup', 'deleted_at', 'deleted_reason']);
      const add = raw.prepare(`INSERT INTO backups (name, folder, created_at, bytes, erasures_at_backup, deleted_at, deleted_reason) VALUES (?, '/b', ?, 10, 0, ?, ?)`);
      add.run('b1', now, null, null);
      add.run('b2', now, now, 'rotation');
      expect(() => add.run('b1', now, null, null)).toThrow(/UNIQUE/);
      expect(() => add.run('b3', now, now, null)).toThrow(/CHECK/);
      expect(() => add.run('b3', now, null, 'rotation')).toThrow(/CHECK/);
      expect(() => add.run('b3', now, now, 'by hand')).toThrow(/CHECK/);
      expect(() => raw.prepare(`INSERT INTO backups (name, folder, created_at, bytes, erasures_at_backup) VALUES ('b4', '/b', ?, -1, 0)`).run(now)).toThrow(/CHECK/);
    },
  },
  '0018_audit_indexes': {
    seed: (raw) => {
      raw
        .prepare(
          `INSERT INTO audit_events (seq, at, staff_id, action, entity_type, entity_id, subject_id, fields, prev_hash, hash) VALUES (1, ?, 's1', 'vault.created', 'vault', 'v', NULL, '[]', ?, ?)`,
        )
        .run(now, '0'.repeat(64), 'a'.repeat(64));
    },
    check: (raw) => {
      // Indexes only: the event from before is untouched and the log still append-only.
      expect(raw.prepare('SELECT seq, staff_id, action, hash FROM audit_events').all()).toEqual([{ seq: 1, staff_id: 's1', action: 'vault.created', hash: 'a'.repeat(64) }]);
      expect(() => raw.exec(`DELETE FROM audit_events`)).toThrow(/append-only/);
      const plan = (where: string) =>
        (raw.prepare(`EXPLAIN QUERY PLAN SELECT seq FROM audit_events WHERE ${where} ORDER BY seq DESC LIMIT 50`).all() as Array<{ detail: string }>).map((p) => p.detail).join(' ');
      expect(plan(`staff_id = 's1'`)).toMatch(/audit_events_staff/);
      expect(plan(`action = 'contact.updated'`)).toMatch(/audit_events_action/);
      expect(plan(`entity_type = 'contact'`)).toMatch(/audit_events_entity/);
      expect(plan(`subject_id = 'c1'`)).toMatch(/audit_events_subject/);
    },
  },
  '0019_ropa_fields': {
    seed: (raw) => {
      raw.prepare(`INSERT INTO purposes (id, code, name_en, name_fr, lawful_basis, created_at) VALUES ('p1', 'surveys', 'Surveys', 'Enquêtes', 'consent', ?)`).run(now);
      raw.prepare(`INSERT INTO processors (id, name, role, dpa_status, data_categories, created_at, kind) VALUES ('x1', 'Acme', 'Mail', 'signed', '[]', ?, 'processor')`).run(now);
    },
    check: (raw) => {
      // The policy's purposes say whose data they are about; one added later says nothing yet.
      const subjects = (code: string) => JSON.parse(raw.prepare(`SELECT data_subjects FROM purposes WHERE code = ?`).pluck().get(code) as string) as string[];
      expect(subjects('newsletter')).toEqual(['subscribers']);
      expect(subjects('payments')).toEqual(['payees', 'event_participants']);
      expect(subjects('surveys')).toEqual([]);
      expect(() => raw.exec(`UPDATE purposes SET data_subjects = 'not json' WHERE code = 'surveys'`)).toThrow(/CHECK/);
      // A signed agreement starts with no day; only a signed one may have one, written as a day.
      expect(raw.prepare(`SELECT dpa_signed_on FROM processors WHERE id = 'x1'`).pluck().get()).toBeNull();
      raw.exec(`UPDATE processors SET dpa_signed_on = '2021-03-12' WHERE id = 'x1'`);
      expect(() => raw.exec(`UPDATE processors SET dpa_signed_on = '12/03/2021' WHERE id = 'x1'`)).toThrow(/CHECK/);
      expect(() => raw.exec(`UPDATE processors SET dpa_status = 'pending' WHERE id = 'x1'`)).toThrow(/CHECK/);
    },
  },
  '0020_consent_granted_index': {
    seed: (raw) => {
      raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at) VALUES ('c1', 'Ana', ?, ?)`).run(now, now);
      const newsletter = raw.prepare(`SELECT id FROM purposes WHERE code = 'newsletter'`).pluck().get();
      raw
        .prepare(
          `INSERT INTO consent_events (id, contact_id, purpose_id, action, lawful_basis, channel, occurred_at, recorded_at) VALUES ('e1', 'c1', ?, 'granted', 'consent', 'form', '2024-01-01', ?)`,
        )
        .run(newsletter, now);
    },
    check: (raw) => {
      // An index only: the ledger is untouched, and the latest consent per person is read from it alone.
      expect(raw.prepare(`SELECT contact_id, action, occurred_at FROM consent_events`).all()).toEqual([{ contact_id: 'c1', action: 'granted', occurred_at: '2024-01-01' }]);
      const plan = (raw.prepare(`EXPLAIN QUERY PLAN SELECT contact_id, max(occurred_at) FROM consent_events WHERE action = 'granted' GROUP BY contact_id`).all() as Array<{ detail: string }>)
        .map((p) => p.detail)
        .join(' ');
      expect(plan).toMatch(/COVERING INDEX consent_events_granted/);
    },
  },
  '0021_contact_email_cover': {
    seed: (raw) => {
      raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at) VALUES ('c1', 'Ana', ?, ?)`).run(now, now);
      raw.exec(`INSERT INTO contact_emails (id, contact_id, email, is_primary) VALUES ('m1', 'c1', 'ana@example.org', 1), ('m2', 'c1', 'ana.other@example.org', 0)`);
    },
    check: (raw) => {
      // An index only: the addresses are untouched, and a contact's are read from it alone, in the order they were entered.
      expect(raw.prepare(`SELECT email FROM contact_emails WHERE contact_id = 'c1' ORDER BY entry_seq`).pluck().all()).toEqual(['ana@example.org', 'ana.other@example.org']);
      const plan = (sql: string) => (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((p) => p.detail).join(' ');
      expect(plan(`SELECT email FROM contact_emails WHERE contact_id = 'c1' AND is_primary = 1`)).toMatch(/COVERING INDEX contact_emails_contact/);
      expect(plan(`SELECT contact_id, email, is_primary FROM contact_emails WHERE contact_id IN ('c1', 'c2') ORDER BY contact_id, entry_seq`)).toMatch(/COVERING INDEX contact_emails_contact/);
    },
  },
  '0022_audit_head_by_appender': {
    seed: (raw) => {
      raw.exec(`INSERT INTO audit_events (seq, at, action, entity_type, fields, prev_hash, hash) VALUES (1, '2024-01-01T00:00:00.000Z', 'vault.created', 'vault', '[]', 'g', 'h1')`);
    },
    check: (raw) => {
      // The head stays where the last event before the migration put it; an insert no longer moves it (the appender does).
      expect(raw.prepare('SELECT seq, hash FROM audit_head').get()).toEqual({ seq: 1, hash: 'h1' });
      raw.exec(`INSERT INTO audit_events (seq, at, action, entity_type, fields, prev_hash, hash) VALUES (2, '2024-01-01T00:00:01.000Z', 'session.unlocked', 'session', '[]', 'h1', 'h2')`);
      expect(raw.prepare('SELECT seq, hash FROM audit_head').get()).toEqual({ seq: 1, hash: 'h1' });
      expect(raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('audit_events', 'audit_head') ORDER BY name`).pluck().all()).toEqual([
        'audit_events_no_delete',
        'audit_events_no_update',
        'audit_head_no_delete',
      ]);
    },
  },
  '0012_import_consent': {
    seed: (raw) => {
      raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at) VALUES ('c1', 'Ana', ?, ?)`).run(now, now);
      raw.prepare(`INSERT INTO purposes (id, code, name_en, name_fr, lawful_basis, created_at) VALUES ('p1', 'test_0012', 'Test', 'Test', 'consent', ?)`).run(now);
      const consent = raw.prepare(
        `INSERT INTO consent_events (id, contact_id, purpose_id, action, lawful_basis, channel, evidence, occurred_at, recorded_at) VALUES (?, 'c1', 'p1', ?, 'consent', ?, ?, '2024-01-01', ?)`,
      );
      consent.run('e1', 'granted', 'form', 'signed up', now);
      consent.run('e2', 'withdrawn', 'unsubscribe_link', null, now);
    },
    check: (raw) => {
      // The rows come over with their order of entry.
      expect(raw.prepare(`SELECT id, action, channel, evidence, entry_seq FROM consent_events ORDER BY entry_seq`).all()).toEqual([
        { id: 'e1', action: 'granted', channel: 'form', evidence: 'signed up', entry_seq: 1 },
        { id: 'e2', action: 'withdrawn', channel: 'unsubscribe_link', evidence: null, entry_seq: 2 },
      ]);
      const consent = (id: string, channel: string) =>
        raw
          .prepare(`INSERT INTO consent_events (id, contact_id, purpose_id, action, lawful_basis, channel, occurred_at, recorded_at) VALUES (?, 'c1', 'p1', 'granted', 'consent', ?, '2024-02-01', ?)`)
          .run(id, channel, now);
      consent('e3', 'import');
      expect(raw.prepare(`SELECT entry_seq FROM consent_events WHERE id = 'e3'`).pluck().get()).toBe(3);
      expect(() => consent('e4', 'pigeon')).toThrow(/CHECK/);
      expect(() => consent('e1', 'form')).toThrow(/UNIQUE/);
      // Still append-only: no change, no move, no removal without a permit.
      expect(() => raw.exec(`UPDATE consent_events SET evidence = 'x'`)).toThrow(/append-only/);
      expect(() => raw.exec(`UPDATE consent_events SET channel = 'paper'`)).toThrow(/append-only/);
      raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at) VALUES ('c2', 'Bo', ?, ?)`).run(now, now);
      expect(() => raw.exec(`UPDATE consent_events SET contact_id = 'c2'`)).toThrow(/append-only/);
      expect(() => raw.exec(`DELETE FROM consent_events`)).toThrow(/append-only/);
      expect(() => raw.exec(`DELETE FROM contacts WHERE id = 'c1'`)).toThrow(/append-only/);
      const names = raw.prepare(`SELECT type, name FROM sqlite_master WHERE tbl_name = 'consent_events' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`).all();
      expect(names).toEqual([
        { type: 'index', name: 'consent_events_contact_purpose' },
        { type: 'index', name: 'consent_events_purpose' },
        { type: 'index', name: 'consent_events_restricted' },
        { type: 'trigger', name: 'consent_events_no_delete' },
        { type: 'trigger', name: 'consent_events_no_move' },
        { type: 'trigger', name: 'consent_events_no_update' },
      ]);
      expect(tables(raw)).not.toContain('consent_events_0012');
      // Photo preferences keep their own list: an import never records one.
      expect(() => raw.prepare(`INSERT INTO photo_optouts (id, contact_id, state, channel, decided_on, recorded_at) VALUES ('o1', 'c1', 'allowed', 'import', '2024-01-01', ?)`).run(now)).toThrow(
        /CHECK/,
      );
      expect(raw.pragma('foreign_key_check')).toEqual([]);
    },
  },
  '0015_erasure_kinds': {
    seed: (raw) => {
      raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at) VALUES ('c1', 'Ana', ?, ?)`).run(now, now);
      raw.prepare(`INSERT INTO erasures (id, erased_on, request_id, reason, kept_count) VALUES ('p1', '2026-01-05', NULL, 'request', 0)`).run();
    },
    check: (raw) => {
      const run = (q: string, ...params: unknown[]) => raw.prepare(q).run(...params);
      // Every erasure written before was a whole one; the ledger stays append-only.
      expect(raw.prepare(`SELECT kind FROM erasures WHERE id = 'p1'`).pluck().get()).toBe('erased');
      run(`INSERT INTO erasures (id, kind, erased_on, reason, kept_count) VALUES ('p2', 'anonymised', '2026-01-06', 'request', 0)`);
      expect(() => run(`INSERT INTO erasures (id, kind, erased_on, reason, kept_count) VALUES ('p3', 'forgotten', '2026-01-06', 'request', 0)`)).toThrow(/CHECK/);
      expect(() => run(`UPDATE erasures SET kind = 'erased' WHERE id = 'p2'`)).toThrow(/append-only/);

      expect(columns(raw, 'category_erasures')).toEqual(['seq', 'contact_id', 'category', 'erased_on', 'request_id', 'reason', 'removed_count', 'kept_count']);
      const erased = raw.prepare(`INSERT INTO category_erasures (contact_id, category, erased_on, reason, removed_count, kept_count) VALUES (?, ?, '2026-01-06', 'request', 1, 0)`);
      erased.run('c1', 'identity');
      expect(() => erased.run('c1', 'travel')).toThrow(/CHECK/);
      expect(() => erased.run('nobody', 'bank')).toThrow(/FOREIGN KEY/);
      // They go with the person.
      run(`DELETE FROM contacts WHERE id = 'c1'`);
      expect(raw.prepare('SELECT count(*) FROM category_erasures').pluck().get()).toBe(0);
    },
  },
};

/** Whether the search index's segments hold a term (stored after the part it shares with the term before: test words share none). */
function indexHolds(raw: RawDb, term: string): boolean {
  const blocks = raw.prepare(`SELECT block FROM contact_search_data`).pluck().all() as Buffer[];
  const idx = raw.prepare(`SELECT term FROM contact_search_idx WHERE term IS NOT NULL`).pluck().all() as Buffer[];
  return [...blocks, ...idx].some((b) => Buffer.from(b).includes(term));
}

/** Each closed vocabulary and rule of 0001 refuses a bad row and accepts a good one. */
function checkConstraints0001(raw: RawDb): void {
  const run = (q: string, ...params: unknown[]) => raw.prepare(q).run(...params);
  const staff = randomUUID();
  expect(() => run(`INSERT INTO staff VALUES (?, 'Eve', 'root', NULL, ?, NULL)`, randomUUID(), now)).toThrow(/CHECK/);
  run(`INSERT INTO staff VALUES (?, 'Anna', 'admin', NULL, ?, NULL)`, staff, now);

  const org = randomUUID();
  expect(() => run(`INSERT INTO organisations (id, name, type, created_at, updated_at) VALUES (?, 'X', 'company', ?, ?)`, randomUUID(), now, now)).toThrow(/CHECK/);
  run(`INSERT INTO organisations (id, name, type, created_at, updated_at) VALUES (?, 'Agency', 'governmental_agency', ?, ?)`, org, now, now);

  const contact = randomUUID();
  expect(() => run(`INSERT INTO contacts (id, full_name, gender, created_at, updated_at) VALUES (?, 'C', 'unknown', ?, ?)`, randomUUID(), now, now)).toThrow(/CHECK/);
  // Foreign keys are enforced (pragma on every open): no contact in a missing organisation.
  expect(() => run(`INSERT INTO contacts (id, full_name, organisation_id, created_at, updated_at) VALUES (?, 'C', ?, ?, ?)`, randomUUID(), randomUUID(), now, now)).toThrow(/FOREIGN KEY/);
  run(`INSERT INTO contacts (id, full_name, gender, organisation_id, created_at, updated_at) VALUES (?, 'C', 'prefer_not_to_say', ?, ?, ?)`, contact, org, now, now);
  run(`INSERT INTO contact_emails (id, contact_id, email) VALUES (?, ?, 'c@example.org')`, randomUUID(), contact);
  expect(() => run(`INSERT INTO contact_emails (id, contact_id, email, is_primary) VALUES (?, ?, 'd@example.org', 2)`, randomUUID(), contact)).toThrow(/CHECK/);

  expect(() => run(`INSERT INTO sensitive_extras (id, contact_id, category, reason, created_at) VALUES (?, ?, 'blood_type', 'r', ?)`, randomUUID(), contact, now)).toThrow(/CHECK/);
  expect(() => run(`INSERT INTO sensitive_extras (id, contact_id, category, created_at) VALUES (?, ?, 'bank', ?)`, randomUUID(), contact, now)).toThrow(/NOT NULL/);
  run(`INSERT INTO sensitive_extras (id, contact_id, category, reason, created_at, created_by) VALUES (?, ?, 'bank', 'reimbursement', ?, ?)`, randomUUID(), contact, now, staff);

  // A participation must point at an event or a project.
  expect(() => run(`INSERT INTO participations (id, contact_id, role, participated_on, created_at) VALUES (?, ?, 'participant', '2024-05-01', ?)`, randomUUID(), contact, now)).toThrow(/CHECK/);
  const event = randomUUID();
  run(`INSERT INTO events (id, name, start_date, created_at) VALUES (?, 'Conference', '2024-05-01', ?)`, event, now);
  expect(() => run(`INSERT INTO participations (id, contact_id, event_id, role, participated_on, created_at) VALUES (?, ?, ?, 'guest', '2024-05-01', ?)`, randomUUID(), contact, event, now)).toThrow(
    /CHECK/,
  );
  run(`INSERT INTO participations (id, contact_id, event_id, role, participated_on, created_at) VALUES (?, ?, ?, 'speaker', '2024-05-01', ?)`, randomUUID(), contact, event, now);

  const purpose = randomUUID();
  expect(() => run(`INSERT INTO purposes (id, code, name_en, name_fr, lawful_basis, created_at) VALUES (?, 'x', 'X', 'X', 'vibes', ?)`, randomUUID(), now)).toThrow(/CHECK/);
  run(`INSERT INTO purposes (id, code, name_en, name_fr, lawful_basis, created_at) VALUES (?, 'newsletter', 'Newsletter', 'Lettre', 'consent', ?)`, purpose, now);
  expect(() => run(`INSERT INTO purposes (id, code, name_en, name_fr, lawful_basis, created_at) VALUES (?, 'newsletter', 'N', 'N', 'consent', ?)`, randomUUID(), now)).toThrow(/UNIQUE/);
  const consent = (action: string, channel: string) =>
    run(
      `INSERT INTO consent_events (id, contact_id, purpose_id, action, lawful_basis, channel, occurred_at, recorded_at) VALUES (?, ?, ?, ?, 'consent', ?, ?, ?)`,
      randomUUID(),
      contact,
      purpose,
      action,
      channel,
      now,
      now,
    );
  expect(() => consent('maybe', 'form')).toThrow(/CHECK/);
  expect(() => consent('granted', 'pigeon')).toThrow(/CHECK/);
  consent('withdrawn', 'unsubscribe_link');
  expect(() => run(`INSERT INTO photo_optouts (id, contact_id, state, channel, decided_on, recorded_at) VALUES (?, ?, 'maybe', 'form', '2024-01-01', ?)`, randomUUID(), contact, now)).toThrow(/CHECK/);

  // A refusal needs its reason; an extension needs the reason the requester is told.
  const request = (status: string, extra: { refusal?: string; extended?: string; extReason?: string; type?: string } = {}) =>
    run(
      `INSERT INTO rights_requests (id, contact_id, requester_name, type, status, received_on, clock_started_on, due_on, extended_due_on, extension_reason, refusal_reason, created_at)
       VALUES (?, ?, 'R', ?, ?, '2025-01-31', '2025-01-31', '2025-02-28', ?, ?, ?, ?)`,
      randomUUID(),
      contact,
      extra.type ?? 'access',
      status,
      extra.extended ?? null,
      extra.extReason ?? null,
      extra.refusal ?? null,
      now,
    );
  expect(() => request('refused')).toThrow(/CHECK/);
  expect(() => request('pending')).toThrow(/CHECK/);
  expect(() => request('received', { type: 'complaint' })).toThrow(/CHECK/);
  expect(() => request('in_progress', { extended: '2025-04-28' })).toThrow(/CHECK/);
  request('refused', { refusal: 'manifestly unfounded' });
  request('in_progress', { extended: '2025-04-28', extReason: 'complex request' });
  expect(() => run(`INSERT INTO request_tasks (id, request_id, status) VALUES (?, ?, 'started')`, randomUUID(), randomUUID())).toThrow(/CHECK|FOREIGN KEY/);

  expect(() => run(`INSERT INTO processors (id, name, role, dpa_status, created_at) VALUES (?, 'Basecamp', 'project space', 'maybe', ?)`, randomUUID(), now)).toThrow(/CHECK/);
  run(`INSERT INTO processors (id, name, role, created_at) VALUES (?, 'Basecamp', 'project space', ?)`, randomUUID(), now);
  expect(raw.prepare(`SELECT dpa_status FROM processors WHERE name = 'Basecamp'`).pluck().get()).toBe('unknown');

  // Erasing a contact cascades to the rows that only describe them.
  run('DELETE FROM consent_events WHERE contact_id = ?', contact);
  run('DELETE FROM rights_requests WHERE contact_id = ?', contact);
  run('DELETE FROM contacts WHERE id = ?', contact);
  for (const t of ['contact_emails', 'sensitive_extras', 'participations']) {
    expect(raw.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(0);
  }

  // The audit log: one head row, moved by every append; events can be neither changed nor removed.
  expect(() => run(`INSERT INTO audit_head VALUES (2, 1, 'x')`)).toThrow(/CHECK/);
  run(`INSERT INTO audit_events (seq, at, action, entity_type, prev_hash, hash) VALUES (1, ?, 'test', 'test', 'p', 'h1')`, now);
  expect(raw.prepare('SELECT seq, hash FROM audit_head').get()).toEqual({ seq: 1, hash: 'h1' });
  expect(() => run(`UPDATE audit_events SET action = 'x'`)).toThrow(/append-only/);
  expect(() => run(`DELETE FROM audit_events`)).toThrow(/append-only/);
}

/** The migration that comes before `name`, or null for the first one. */
function previous(name: string): string | null {
  const names = Object.keys(migrations).sort();
  return names[names.indexOf(name) - 1] ?? null;
}

describe('migrations', () => {
  it('every migration has a test spec, and the latest is the schema version', () => {
    expect(Object.keys(specs).sort()).toEqual(Object.keys(migrations).sort());
    expect(latestSchemaVersion).toBe(Object.keys(migrations).sort().at(-1));
    for (const name of Object.keys(migrations)) expect(name).toMatch(/^\d{4}_[a-z0-9_]+$/);
  });

  for (const name of Object.keys(specs).sort()) {
    it(`${name} from the previous version, with seeded rows`, async () => {
      const { raw, db } = emptyDb();
      const prev = previous(name);
      if (prev) expect(await migrate(db, prev)).toBe(prev);
      specs[name]!.seed(raw);
      expect(await migrate(db, name)).toBe(name);
      expect((await appliedMigrations(db)).at(-1)).toBe(name);
      specs[name]!.check(raw);
    });
  }

  it('migrating an up-to-date vault again changes nothing', async () => {
    const { raw, db } = emptyDb();
    await migrate(db);
    const schema = raw.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all();
    expect(await migrate(db)).toBe(latestSchemaVersion);
    expect(raw.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all()).toEqual(schema);
    expect(await appliedMigrations(db)).toEqual(Object.keys(migrations).sort());
  });

  it('0008 rolls back rather than drop a request row it cannot carry over', async () => {
    const { raw, db } = emptyDb();
    await migrate(db, '0007_entry_order');
    raw
      .prepare(
        `INSERT INTO rights_requests (id, requester_name, type, status, received_on, clock_started_on, due_on, created_at) VALUES ('r1', 'R', 'access', 'received', '2025-01-31', '2025-01-31', '2025-02-28', ?)`,
      )
      .run(now);
    await expect(migrate(db)).rejects.toThrow(/NOT NULL constraint failed: rights_requests_0008.channel/);
    expect(await appliedMigrations(db)).not.toContain('0008_rights_requests');
    expect(raw.prepare('SELECT id FROM rights_requests').pluck().all()).toEqual(['r1']);
    expect(tables(raw)).not.toContain('request_events');
  });

  it('0014 leaves an edited version 1 as the admin left it', async () => {
    const { raw, db } = emptyDb();
    await migrate(db, '0010_request_work');
    const edited = SEEDED_V1.replace('IMPEL Logo\n', '');
    raw.prepare(`INSERT INTO policy_versions (id, version, language, effective_date, text, created_at) VALUES ('p1', 1, 'fr', '2026-01-15', ?, ?)`).run(edited, now);
    await migrate(db, '0014_policy_dates');
    expect(raw.prepare(`SELECT text FROM policy_versions WHERE id = 'p1'`).pluck().get()).toBe(edited);
  });

  it('a migration that fails half-way leaves nothing of itself (one transaction)', async () => {
    const { raw, db } = emptyDb();
    // A stray table makes 0001 fail at its 'projects' statement, after it created others.
    raw.exec('CREATE TABLE projects (stray TEXT)');
    await expect(migrate(db)).rejects.toThrow(/already exists/);
    expect(tables(raw).filter((t) => !t.startsWith('kysely_'))).toEqual(['projects']);
    expect(await appliedMigrations(db)).toEqual([]);
  });
});

describe('a vault written by a newer Registre', () => {
  it('is refused with a clear conflict message and left byte for byte as it was', async () => {
    const { core, recoveryKey } = await createdVault();
    await call(core, 'vault.lock', {});
    const dir = core.vaultDir;
    const raw = openRaw(dir, recoveryKey);
    raw.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('9999_from_the_future', now);
    raw.close();
    const before = hashes(dir);
    expect(before['registre.db-wal']).toBeNull();

    const e = await apiError(core, 'vault.unlock', { passphrase: 'correct horse battery staple' });
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/newer version of Registre/);
    expect(e.message).toContain('9999_from_the_future');
    expect(e.message).toMatch(/nothing was changed/);
    expect(core.status().state).toBe('locked');
    expect(hashes(dir)).toEqual(before);

    // The recovery key is refused the same way, and changes nothing either.
    const r = await apiError(core, 'vault.recover', { recoveryKey });
    expect(r.code).toBe('conflict');
    expect(core.status().state).toBe('locked');
    expect(hashes(dir)).toEqual(before);

    const again = openRaw(dir, recoveryKey);
    try {
      await expect(assertNotNewer(kyselyOver(again) as unknown as Kysely<unknown>)).rejects.toThrow(/newer version/);
      await expect(migrate(kyselyOver(again) as unknown as Kysely<unknown>)).rejects.toThrow(/newer version/);
      expect(again.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all()).toEqual([...Object.keys(migrations).sort(), '9999_from_the_future']);
    } finally {
      again.close();
    }
    expect(hashes(dir)).toEqual(before);
  });
});
