/** Shared by the import tests: fixture bytes and a vault-state snapshot. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { RegistreCore } from '../../db/core';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'import');
export const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** Everything an import may change; equal snapshots mean the vault was left as it was. */
export async function snapshot(core: RegistreCore): Promise<{ contacts: number; emails: number; phones: number; organisations: number; indexed: number; auditSeq: number; auditHash: string }> {
  const db = core.context().db;
  const r = await sql<{ contacts: number; emails: number; phones: number; organisations: number; indexed: number; seq: number; hash: string }>`
    SELECT (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM contact_emails) AS emails,
           (SELECT count(*) FROM contact_phones) AS phones, (SELECT count(*) FROM organisations) AS organisations,
           (SELECT count(*) FROM contact_search) AS indexed,
           (SELECT seq FROM audit_head WHERE id = 1) AS seq, (SELECT hash FROM audit_head WHERE id = 1) AS hash`.execute(db);
  const row = r.rows[0]!;
  return { contacts: row.contacts, emails: row.emails, phones: row.phones, organisations: row.organisations, indexed: row.indexed, auditSeq: row.seq, auditHash: row.hash };
}
