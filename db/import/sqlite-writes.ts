/**
 * The import's row writes as prepared better-sqlite3 statements on the vault's own
 * connection, which is the one the commit's Kysely transaction holds, so they are part of
 * that transaction. Measured on 100k rows: building a Kysely query per row, or a few huge
 * multi-row INSERTs (compiled, then prepared once each by SQLite), cost more than the
 * writes themselves. SQLite-only, like search.ts (DESIGN §1): on Postgres the same writes
 * would go back to Kysely's multi-row inserts.
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Insertable } from 'kysely';
import type { Database } from '../schema';
import type { RawDb } from '../vault/open-db';

type Row<T extends keyof Database> = Insertable<Database[T]>;

/** The contact columns an import may change. */
export type ContactChanges = Partial<Pick<Database['contacts'], 'full_name' | 'job_title' | 'organisation_id' | 'country' | 'language' | 'notes'>> & {
  updated_at: string;
};

export class ImportWrites {
  private readonly organisation: Statement;
  private readonly contact: Statement;
  private readonly email: Statement;
  private readonly phone: Statement;
  private readonly consent: Statement;
  /** One UPDATE per combination of changed columns (a file yields a handful). */
  private readonly updates = new Map<string, Statement>();

  constructor(private readonly raw: RawDb) {
    if (!raw.inTransaction) throw new Error('import writes run inside the commit transaction');
    this.organisation = raw.prepare(
      `INSERT INTO organisations (id, name, country, type, legal_name, vat_number, billing_address, billing_email, created_at, updated_at, archived_at)
       VALUES (?, ?, NULL, ?, NULL, NULL, NULL, NULL, ?, ?, NULL)`,
    );
    this.contact = raw.prepare(
      `INSERT INTO contacts (id, full_name, job_title, gender, organisation_id, country, language, notes, created_at, updated_at, archived_at, sort_name, sort_rank)
       VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
    );
    this.email = raw.prepare('INSERT INTO contact_emails (id, contact_id, email, is_primary) VALUES (?, ?, ?, ?)');
    this.phone = raw.prepare('INSERT INTO contact_phones (id, contact_id, e164, label) VALUES (?, ?, ?, NULL)');
    // entry_seq is numbered by the database (0007).
    this.consent = raw.prepare(
      `INSERT INTO consent_events (id, contact_id, purpose_id, action, lawful_basis, channel, evidence, policy_version_id, policy_earlier, occurred_at, recorded_by, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  insertConsentEvent(e: Omit<Row<'consent_events'>, 'entry_seq'>): void {
    this.consent.run(
      e.id,
      e.contact_id,
      e.purpose_id,
      e.action,
      e.lawful_basis,
      e.channel,
      e.evidence ?? null,
      e.policy_version_id ?? null,
      e.policy_earlier ?? 0,
      e.occurred_at,
      e.recorded_by ?? null,
      e.recorded_at,
    );
  }

  insertOrganisation(o: Pick<Row<'organisations'>, 'id' | 'name' | 'type' | 'created_at' | 'updated_at'>): void {
    this.organisation.run(o.id, o.name, o.type, o.created_at, o.updated_at);
  }

  /** With its place in the register's order (search.ts labelsForNew). */
  insertContact(
    c: Pick<Row<'contacts'>, 'id' | 'full_name' | 'job_title' | 'organisation_id' | 'country' | 'language' | 'notes' | 'created_at' | 'updated_at'> & { sort_name: string; sort_rank: number },
  ): void {
    this.contact.run(c.id, c.full_name, c.job_title ?? null, c.organisation_id ?? null, c.country ?? null, c.language ?? null, c.notes ?? null, c.created_at, c.updated_at, c.sort_name, c.sort_rank);
  }

  insertEmail(e: Row<'contact_emails'>): void {
    this.email.run(e.id, e.contact_id, e.email, e.is_primary ?? 0);
  }

  insertPhone(p: Pick<Row<'contact_phones'>, 'id' | 'contact_id' | 'e164'>): void {
    this.phone.run(p.id, p.contact_id, p.e164);
  }

  updateContact(id: string, changes: ContactChanges): void {
    const columns = Object.keys(changes) as (keyof ContactChanges)[];
    const key = columns.join(',');
    let statement = this.updates.get(key);
    if (!statement) {
      // Column names come from the ContactChanges type, never from the file.
      statement = this.raw.prepare(`UPDATE contacts SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
      this.updates.set(key, statement);
    }
    statement.run(...columns.map((c) => changes[c] ?? null), id);
  }
}
