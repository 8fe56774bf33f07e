/**
 * CSV import, step 5: apply a plan all-or-nothing in ONE audited transaction. The plan is
 * rebuilt inside the transaction from the vault as it is then (a contact added between
 * preview and commit is matched, not duplicated); the caller can pass the counts it
 * showed and get a conflict if they no longer hold.
 *
 * Speed: every row is written with prepared statements (sqlite-writes.ts), new contacts
 * with their place in the register's order, the search index from values already in
 * memory (search.ts indexNewContacts, indexContactsBulk), and audit events
 * are appended in batches with the chain read once per batch. Audit: one event per
 * created organisation, one per created or updated contact (field names only), and one
 * `import.committed`. The column mapping is remembered for files with the same headers in
 * the same transaction, so a failure there cannot report a committed import as failed.
 * The plan and write loops tick `progress`, which yields to the event loop now and then so
 * the progress bar can ask how far the import has got.
 */
// Ids of imported rows are UUIDs of version 7 (RFC 9562), which start with the time: a
// batch of new contacts, e-mails and phones lands at the end of each id index instead of
// on random pages of it (measured: the 100k-row commit about 30% faster than with v4).
import { v7 as orderedUuid } from 'uuid';
import type { AuditAction } from '../../shared/audit-vocabulary';
import { RegistreError } from '../../shared/errors';
import { emailKey } from '../../shared/rules/email';
import { buildPlan, type ImportPlan, type PlanCounts, type PlanOptions } from './plan';
import { orgKey, registerLookup } from './existing';
import type { ParsedCsv } from './parse';
import type { ColumnMapping } from './presets';
import type { ImportProgress } from './progress';
import { rememberMapping } from './remembered-mappings';
import { ImportWrites, type ContactChanges } from './sqlite-writes';
import { indexContactsBulk, indexNewContacts, labelsForNew, type IndexEntry, type NewIndexEntry } from '../contacts/search';
import { today, type AuditInput, type CallContext } from '../context';
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { ConsentPurpose, ConsentState } from './consent';
import { FALLBACK_POLICY_LANGUAGE } from '../consents/ledger';
import { policyInEffectOn } from '../register/policies';
import { reached } from '../steps';
import type { KeptPreview } from './kept-preview';
import { chainSeq } from '../audit/chain';

export interface CommitOptions extends PlanOptions {
  /** The import's purpose, read inside the transaction (null: no consent column). */
  purpose?: (db: Kysely<Database>) => Promise<ConsentPurpose | null>;
  /** Import the valid rows even though some rows are invalid (they are left out). */
  skipInvalid?: boolean;
  /** The counts the person saw in the preview; a different plan is a conflict. */
  expected?: Partial<PlanCounts>;
  /** The preview's plan (kept-preview.ts), taken when nothing was written since it was made on this day. */
  planned?: KeptPreview['planned'] | undefined;
}

export interface CommitResult {
  importId: string;
  counts: PlanCounts;
  organisationsCreated: number;
  durationMs: number;
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

/**
 * The consent events, audited like the ledger's own (`consent.recorded`, field names only):
 * the lawful basis is the purpose's (consent), the policy shown the version in effect on
 * the event's day in the contact's language or else the published one (none before the
 * first version).
 */
async function recordConsents(
  trx: Kysely<Database>,
  writes: ImportWrites,
  audit: (e: readonly AuditInput[]) => Promise<void>,
  state: ConsentState | null,
  consents: readonly { contactId: string; language: string | null; consent: { action: 'granted' | 'withdrawn'; day: string; evidence: string } }[],
  at: { stamp: string; staffId: string | null },
): Promise<void> {
  if (!state || consents.length === 0) return;
  const policies = new Map<string, string | null>();
  let pending: AuditInput[] = [];
  for (const { contactId, language, consent } of consents) {
    const languages = [...new Set([language, FALLBACK_POLICY_LANGUAGE].filter((l): l is string => !!l))];
    const policyKey = `${consent.day}\u0000${languages.join(',')}`;
    let policyVersionId = policies.get(policyKey);
    if (policyVersionId === undefined) {
      policyVersionId = (await policyInEffectOn(trx, consent.day, languages))?.id ?? null;
      policies.set(policyKey, policyVersionId);
    }
    const id = orderedUuid();
    writes.insertConsentEvent({
      id,
      contact_id: contactId,
      purpose_id: state.purposeId,
      action: consent.action,
      lawful_basis: 'consent',
      channel: 'import',
      evidence: consent.evidence,
      policy_version_id: policyVersionId,
      // Dated before every version the archive holds: an earlier policy, whose text is not kept.
      policy_earlier: policyVersionId ? 0 : 1,
      occurred_at: consent.day,
      recorded_by: at.staffId,
      recorded_at: at.stamp,
    });
    const fields = ['purposeId', 'action', 'channel', 'occurredOn', 'evidence', ...(policyVersionId ? ['policyVersionId'] : ['policyEarlier'])];
    pending.push({ action: 'consent.recorded', entityType: 'consent_event', entityId: id, subjectId: contactId, fields });
    if (pending.length === AUDIT_BATCH) {
      await audit(pending);
      pending = [];
    }
  }
  await audit(pending);
}

/** Rows written between two audit appends: bounds the pending events and the time between yields. */
const AUDIT_BATCH = 1000;

export async function commitImport(ctx: CallContext, source: ParsedCsv, mapping: ColumnMapping, options: CommitOptions, progress: ImportProgress): Promise<{ plan: ImportPlan; result: CommitResult }> {
  const started = performance.now();
  return ctx.tx(async (trx, audit) => {
    const planned = options.planned?.day === today(ctx) && options.planned.seq === (await chainSeq(trx)) ? options.planned : null;
    if (!planned) progress.begin('checking', source.rows.length);
    const { plan, existing } = planned ?? (await buildPlan(source, mapping, registerLookup(trx, (await options.purpose?.(trx)) ?? null), { ...options, today: today(ctx) }, progress));
    checkExpected(plan.counts, options.expected);
    if (plan.counts.invalid > 0 && !options.skipInvalid) {
      throw new RegistreError('invalid_input', `${plan.counts.invalid} row(s) are invalid. Fix them, or choose to import the other rows without them.`, {
        reason: 'import_has_invalid_rows',
        invalid: plan.counts.invalid,
      });
    }
    if (plan.counts.new + plan.counts.update + plan.counts.grants + plan.counts.withdrawals === 0) {
      throw new RegistreError('invalid_input', 'Nothing to import: every row is skipped or invalid.', { reason: 'import_nothing' });
    }
    progress.begin('writing', plan.counts.new + plan.counts.update);
    const stamp = ctx.now.toISOString();
    const writes = new ImportWrites(ctx.vault.raw);
    const updatedEntries: IndexEntry[] = [];

    // Organisations first, so contacts can point at them.
    const orgIds = new Map<string, { id: string; name: string }>(existing.organisations);
    const orgEvents = plan.newOrganisations.map((name) => {
      const id = orderedUuid();
      writes.insertOrganisation({ id, name, type: 'other', created_at: stamp, updated_at: stamp });
      orgIds.set(orgKey(name), { id, name });
      return { action: 'organisation.created' as const, entityType: 'organisation' as const, entityId: id, fields: ['name', 'type'] };
    });
    await audit(orgEvents);
    const orgOf = (name: string | undefined) => (name ? (orgIds.get(orgKey(name)) ?? null) : null);

    // The new contacts' ids first, so their places in the register's order are known before their rows are written.
    const newIds = new Map(plan.rows.flatMap((r) => (r.status === 'new' && r.values ? [[r, orderedUuid()] as const] : [])));
    const labels = await labelsForNew(
      trx,
      [...newIds].map(([r, id]) => ({ id, fullName: r.values!.fullName! })),
    );
    const newEntries: NewIndexEntry[] = [];

    let events: { action: AuditAction; entityType: 'contact'; entityId: string; fields: string[] }[] = [];
    /** Rows with a consent to record, with their contact (and its language, for the policy shown). */
    const consents: { contactId: string; language: string | null; consent: NonNullable<ImportPlan['rows'][number]['consent']> }[] = [];
    for (const r of plan.rows) {
      if (r.consent && r.status === 'skipped' && r.contactId) consents.push({ contactId: r.contactId, language: existing.contacts.get(r.contactId)?.language ?? null, consent: r.consent });
      const v = r.values;
      if (!v || (r.status !== 'new' && r.status !== 'update')) continue;
      const org = orgOf(v.organisationName);
      if (r.status === 'new') {
        const id = newIds.get(r)!;
        const { sortName, sortRank } = labels.get(id)!;
        if (r.consent) consents.push({ contactId: id, language: v.language ?? null, consent: r.consent });
        writes.insertContact({
          id,
          full_name: v.fullName!,
          job_title: v.jobTitle ?? null,
          organisation_id: org?.id ?? null,
          country: v.country ?? null,
          language: v.language ?? null,
          notes: v.notes ?? null,
          created_at: stamp,
          updated_at: stamp,
          sort_name: sortName,
          sort_rank: sortRank,
        });
        v.emails.forEach((email, i) => writes.insertEmail({ id: orderedUuid(), contact_id: id, email, is_primary: i === 0 ? 1 : 0 }));
        for (const e164 of v.phones) writes.insertPhone({ id: orderedUuid(), contact_id: id, e164 });
        newEntries.push({
          id,
          rank: sortRank,
          fullName: v.fullName!,
          emails: v.emails,
          organisationName: org?.name ?? null,
          jobTitle: v.jobTitle ?? null,
          organisationId: org?.id ?? null,
          country: v.country ?? null,
        });
        events.push({ action: 'contact.created', entityType: 'contact', entityId: id, fields: CONTACT_CREATED_FIELDS(v, org?.id ?? null) });
      } else {
        const c = existing.contacts.get(r.contactId!)!;
        const changes = new Set(r.changes);
        const set: ContactChanges = { updated_at: stamp };
        if (changes.has('fullName')) set.full_name = v.fullName!;
        if (changes.has('jobTitle')) set.job_title = v.jobTitle ?? null;
        if (changes.has('organisationId')) set.organisation_id = org?.id ?? null;
        if (changes.has('country')) set.country = v.country ?? null;
        if (changes.has('language')) set.language = v.language ?? null;
        if (changes.has('notes')) set.notes = v.notes ?? null;
        writes.updateContact(c.id, set);
        // New addresses and numbers are added after the ones the contact has; nothing is removed.
        const known = new Set(c.emails.map(emailKey));
        const addedEmails = v.emails.filter((e) => !known.has(emailKey(e)));
        addedEmails.forEach((email, i) => writes.insertEmail({ id: orderedUuid(), contact_id: c.id, email, is_primary: c.emails.length === 0 && i === 0 ? 1 : 0 }));
        for (const e164 of v.phones) if (!c.phones.includes(e164)) writes.insertPhone({ id: orderedUuid(), contact_id: c.id, e164 });
        const orgName = changes.has('organisationId') ? (org?.name ?? null) : c.organisationId ? (existing.organisationNames.get(c.organisationId) ?? null) : null;
        updatedEntries.push({
          id: c.id,
          fullName: set.full_name ?? c.fullName,
          emails: [...c.emails, ...addedEmails],
          organisationName: orgName,
          jobTitle: changes.has('jobTitle') ? (set.job_title ?? null) : c.jobTitle,
        });
        events.push({ action: 'contact.updated', entityType: 'contact', entityId: c.id, fields: r.changes! });
        if (r.consent) consents.push({ contactId: c.id, language: set.language ?? c.language, consent: r.consent });
      }
      if (events.length === AUDIT_BATCH) {
        await audit(events);
        events = [];
      }
      await progress.tick();
    }
    await audit(events);
    await recordConsents(trx, writes, audit, existing.consent, consents, { stamp, staffId: ctx.session?.staff.id ?? null });
    reached('import', 'rows-written');
    await indexNewContacts(trx, newEntries);
    // After the rows exist: a renamed contact takes its new place in the register's order.
    await indexContactsBulk(trx, updatedEntries);
    await rememberMapping(trx, source.headers, mapping, ctx.now);
    const importId = orderedUuid();
    const mapped = [...new Set(Object.values(mapping).filter((t) => t !== 'ignore'))];
    await audit({ action: 'import.committed', entityType: 'import', entityId: importId, fields: mapped });
    reached('import', 'audited');
    return {
      plan,
      result: { importId, counts: plan.counts, organisationsCreated: plan.newOrganisations.length, durationMs: Math.round(performance.now() - started) },
    };
  });
}
