/**
 * CSV import, step 5: apply a plan all-or-nothing in ONE audited transaction. The plan is
 * rebuilt inside the transaction from the vault as it is then (a contact added between
 * preview and commit is matched, not duplicated); the caller can pass the counts it
 * showed and get a conflict if they no longer hold.
 *
 * Speed: contacts, e-mails, phones and index rows go in as multi-row INSERTs in chunks
 * under SQLite's variable limit; updates are one UPDATE per changed contact; the search
 * index is written in bulk from values already in memory. Audit: one event per created
 * organisation, one per created or updated contact (field names only), and one
 * `import.committed`.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { RegistreError } from '../../shared/errors';
import { emailKey } from '../../shared/rules/email';
import type { CallContext } from '../core';
import type { Database } from '../schema';
import { buildPlan, loadExisting, orgKey, type ImportPlan, type PlanCounts, type PlanOptions } from './plan';
import type { ParsedCsv } from './parse';
import type { ColumnMapping } from './presets';
import { indexContactsBulk, type IndexEntry } from '../search';

export interface CommitOptions extends PlanOptions {
  /** Import the valid rows even though some rows are invalid (they are left out). */
  skipInvalid?: boolean;
  /** The counts the person saw in the preview; a different plan is a conflict. */
  expected?: Partial<PlanCounts>;
}

export interface CommitResult {
  importId: string;
  counts: PlanCounts;
  organisationsCreated: number;
  durationMs: number;
}

/** SQLite allows 32,766 bound values per statement; stay well under it. */
const MAX_VALUES = 30_000;

async function insertChunked<T extends 'contacts' | 'contact_emails' | 'contact_phones' | 'organisations'>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(MAX_VALUES / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += per) {
    // Kysely's generic insert typing cannot follow a table name union; the rows match T.
    await db.insertInto(table).values(rows.slice(i, i + per) as never).execute();
  }
}

const CONTACT_CREATED_FIELDS = (v: NonNullable<ImportPlan['rows'][number]['values']>, orgId: string | null): string[] => {
  const f = ['fullName'];
  if (v.emails.length > 0) f.push('email');
  if (v.emails.length > 1) f.push('otherEmails');
  if (v.phones.length > 0) f.push('phone');
  if (v.phones.length > 1) f.push('otherPhones');
  if (v.jobTitle !== undefined) f.push('jobTitle');
  if (orgId) f.push('organisationId');
  if (v.country !== undefined) f.push('country');
  if (v.language !== undefined) f.push('language');
  if (v.notes !== undefined) f.push('notes');
  return f;
};

function checkExpected(counts: PlanCounts, expected: Partial<PlanCounts> | undefined): void {
  if (!expected) return;
  for (const [k, v] of Object.entries(expected) as [keyof PlanCounts, number][]) {
    if (counts[k] !== v) {
      throw new RegistreError('conflict', 'The register changed since the preview. Preview the file again before importing.', { reason: 'import_plan_changed' });
    }
  }
}

export async function commitImport(ctx: CallContext, source: ParsedCsv, mapping: ColumnMapping, options: CommitOptions = {}): Promise<{ plan: ImportPlan; result: CommitResult }> {
  const started = performance.now();
  return ctx.tx(async (trx, audit) => {
    const existing = await loadExisting(trx);
    const plan = buildPlan(source, mapping, existing, options);
    checkExpected(plan.counts, options.expected);
    if (plan.counts.invalid > 0 && !options.skipInvalid) {
      throw new RegistreError('invalid_input', `${plan.counts.invalid} row(s) are invalid. Fix them, or choose to import the other rows without them.`, {
        reason: 'import_has_invalid_rows',
        invalid: plan.counts.invalid,
      });
    }
    if (plan.counts.new + plan.counts.update === 0) {
      throw new RegistreError('invalid_input', 'Nothing to import: every row is skipped or invalid.', { reason: 'import_nothing' });
    }
    const stamp = ctx.now.toISOString();

    // Organisations first, so contacts can point at them.
    const orgIds = new Map<string, { id: string; name: string }>();
    for (const [k, o] of existing.organisations) orgIds.set(k, o);
    const orgRows: Insertable<Database['organisations']>[] = plan.newOrganisations.map((name) => {
      const row = { id: randomUUID(), name, country: null, type: 'other' as const, legal_name: null, vat_number: null, billing_address: null, billing_email: null, created_at: stamp, updated_at: stamp, archived_at: null };
      orgIds.set(orgKey(name), { id: row.id, name });
      return row;
    });
    await insertChunked(trx, 'organisations', orgRows);
    for (const o of orgRows) await audit({ action: 'organisation.created', entityType: 'organisation', entityId: o.id, fields: ['name', 'type'] });
    const orgOf = (name: string | undefined) => (name ? (orgIds.get(orgKey(name)) ?? null) : null);

    const contacts: Insertable<Database['contacts']>[] = [];
    const emails: Insertable<Database['contact_emails']>[] = [];
    const phones: Insertable<Database['contact_phones']>[] = [];
    const index: IndexEntry[] = [];
    const reindex: IndexEntry[] = [];
    const events: { action: string; id: string; fields: string[] }[] = [];

    for (const r of plan.rows) {
      const v = r.values;
      if (!v) continue;
      const org = orgOf(v.organisationName);
      if (r.status === 'new') {
        const id = randomUUID();
        contacts.push({
          id,
          full_name: v.fullName!,
          job_title: v.jobTitle ?? null,
          gender: null,
          organisation_id: org?.id ?? null,
          country: v.country ?? null,
          language: v.language ?? null,
          notes: v.notes ?? null,
          created_at: stamp,
          updated_at: stamp,
          archived_at: null,
        });
        v.emails.forEach((email, i) => emails.push({ id: randomUUID(), contact_id: id, email, is_primary: i === 0 ? 1 : 0 }));
        for (const e164 of v.phones) phones.push({ id: randomUUID(), contact_id: id, e164, label: null });
        index.push({ id, fullName: v.fullName!, emails: v.emails, organisationName: org?.name ?? null, jobTitle: v.jobTitle ?? null });
        events.push({ action: 'contact.created', id, fields: CONTACT_CREATED_FIELDS(v, org?.id ?? null) });
      } else if (r.status === 'update') {
        const c = existing.contacts.get(r.contactId!)!;
        const changes = new Set(r.changes);
        const set: Partial<Database['contacts']> = { updated_at: stamp };
        if (changes.has('fullName')) set.full_name = v.fullName!;
        if (changes.has('jobTitle')) set.job_title = v.jobTitle ?? null;
        if (changes.has('organisationId')) set.organisation_id = org?.id ?? null;
        if (changes.has('country')) set.country = v.country ?? null;
        if (changes.has('language')) set.language = v.language ?? null;
        if (changes.has('notes')) set.notes = v.notes ?? null;
        await trx.updateTable('contacts').set(set).where('id', '=', c.id).execute();
        // New addresses and numbers are added after the ones the contact has; nothing is removed.
        const known = new Set(c.emails.map(emailKey));
        const addedEmails = v.emails.filter((e) => !known.has(emailKey(e)));
        addedEmails.forEach((email, i) => emails.push({ id: randomUUID(), contact_id: c.id, email, is_primary: c.emails.length === 0 && i === 0 ? 1 : 0 }));
        const addedPhones = v.phones.filter((p) => !c.phones.includes(p));
        for (const e164 of addedPhones) phones.push({ id: randomUUID(), contact_id: c.id, e164, label: null });
        const orgName = changes.has('organisationId') ? (org?.name ?? null) : c.organisationId ? (existing.organisationNames.get(c.organisationId) ?? null) : null;
        reindex.push({
          id: c.id,
          fullName: set.full_name ?? c.fullName,
          emails: [...c.emails, ...addedEmails],
          organisationName: orgName,
          jobTitle: changes.has('jobTitle') ? (set.job_title ?? null) : c.jobTitle,
        });
        events.push({ action: 'contact.updated', id: c.id, fields: [...changes] });
      }
    }
    await insertChunked(trx, 'contacts', contacts);
    await insertChunked(trx, 'contact_emails', emails);
    await insertChunked(trx, 'contact_phones', phones);
    await indexContactsBulk(trx, [...index, ...reindex]);
    for (const e of events) await audit({ action: e.action, entityType: 'contact', entityId: e.id, fields: e.fields });
    const importId = randomUUID();
    const mapped = [...new Set(Object.values(mapping).filter((t) => t !== 'ignore'))];
    await audit({ action: 'import.committed', entityType: 'import', entityId: importId, fields: mapped });
    return {
      plan,
      result: { importId, counts: plan.counts, organisationsCreated: orgRows.length, durationMs: Math.round(performance.now() - started) },
    };
  });
}
