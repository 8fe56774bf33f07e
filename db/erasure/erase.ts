/**
 * Erasing a person (issue 13, DESIGN §5 "Erasure"): every row about them goes, in one
 * transaction, except what a legal hold keeps (shared/rules/legal-holds.ts), which stays
 * tied to the erasure's pseudonym instead of the name. Then nothing is left to find in
 * the file either: freed pages are zeroed (`secure_delete`), the search index forgets the
 * person's terms (db/contacts/search.ts `eraseFromIndex`), and the WAL's old frames are
 * emptied (db/vault/checkpoint.ts).
 *
 * What stays, and why:
 * - consent events are deleted, not pseudonymised: the ledger's triggers allow it under an
 *   erasure permit (0005), and an event without its person proves nothing to anyone;
 * - the audit log keeps its ids and field names (never values), plus one `contact.erased`;
 * - a signed attendance sheet of an event less than 7 years old keeps its file and event;
 * - bank details used for a payment in the last 7 years keep IBAN, BIC and that day (the
 *   holder's name goes);
 * - the person's rights requests stay as proof they were answered (Art. 5(2)), without the
 *   requester's name, the notes, the link to the contact, the files they sent, the
 *   words of the letters saved on them and the evidence staff wrote on each task (the
 *   tasks and their status stay).
 * The schema has no remembered "not a duplicate" pairs and no import leftovers per person
 * (an import's rows live in memory until committed, its remembered mapping holds headers
 * only), so there is nothing of those to remove.
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { ErasedCountsDto, ErasureExportDto, ErasureKeptDto, ErasurePreviewDto, ErasureResultDto } from '../../shared/dto/erasure';
import { RegistreError } from '../../shared/errors';
import type { ErasureKind, SensitiveCategory } from '../../shared/vocabulary';
import { heldUntil } from '../../shared/rules/legal-holds';
import { foldForSearch } from '../../shared/rules/names';
import { subjectAliases } from '../audit/list';
import { eraseFromIndex, indexEntryCount } from '../contacts/search';
import { assertContact, today, type CallContext } from '../context';
import type { Database } from '../schema';
import { reached } from '../steps';
import { truncateWal } from '../vault/checkpoint';
import { syncLedgerFile } from './ledger-file';
import { recordAction, requestToCarryOut } from '../requests/action-rows';

/**
 * The erasure's id in both ledgers: keyed with the vault's audit key, so a restored copy
 * of this vault can tell which of its contacts were erased since, and no one else can
 * tell whom it names.
 */
export function erasurePseudonym(auditKey: Buffer, contactId: string, kind: ErasureKind = 'erased'): string {
  // Its own label per kind: a person anonymised and later erased has one ledger row for each.
  const label = kind === 'erased' ? 'registre erasure v1' : 'registre anonymisation v1';
  return createHmac('sha256', auditKey).update(`${label}\0${contactId}`).digest('hex');
}

/** The tables whose rows only describe the person, each under the name the counts give it. */
export const OWNED = {
  emails: 'contact_emails',
  phones: 'contact_phones',
  participations: 'participations',
  consentEvents: 'consent_events',
  photoPreferences: 'photo_optouts',
  photoTakedowns: 'photo_takedowns',
  sharing: 'partner_sharing',
  systems: 'contact_processors',
} as const satisfies Partial<Record<keyof ErasedCountsDto, keyof Database>>;

export const CATEGORY_COUNT = { bank: 'bankDetails', identity: 'identityDocuments', photo: 'photos', signature: 'signedSheets' } as const;

/** Registers that list people: a copy of one made while the person was in it holds them too. */
const PERSONAL_REGISTERS = ['contacts', 'participations', 'consents', 'photoPreferences', 'sharing', 'requests'];

export interface HeldExtra extends ErasureKeptDto {
  kind: 'signed_attendance_sheet' | 'bank_details';
}

export interface Plan {
  removes: ErasedCountsDto;
  held: HeldExtra[];
  requests: ErasureKeptDto[];
  exports: ErasureExportDto[];
}

async function countOf(db: Kysely<Database>, table: (typeof OWNED)[keyof typeof OWNED], contactId: string): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contact_id', '=', contactId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The person's sensitive extras a legal hold keeps on `day` (of one category when given), with until when. */
export async function heldExtras(db: Kysely<Database>, contactId: string, day: string, category?: SensitiveCategory): Promise<HeldExtra[]> {
  // No hold keeps identity documents or profile photos.
  if (category === 'identity' || category === 'photo') return [];
  const rows = await db
    .selectFrom('sensitive_extras as x')
    .leftJoin('events as e', 'e.id', 'x.event_id')
    .select(['x.id', 'x.category', 'x.event_id', 'x.last_paid_on', 'x.created_at', 'e.start_date', 'e.end_date'])
    .where('x.contact_id', '=', contactId)
    .where('x.category', 'in', category ? [category] : ['signature', 'bank'])
    .orderBy('x.created_at')
    .orderBy('x.id')
    .execute();
  return rows.flatMap((r): HeldExtra[] => {
    if (r.category === 'signature') {
      // 7 years after the event (its last day); a sheet of no known event, after it was filed.
      const until = heldUntil(r.end_date ?? r.start_date ?? r.created_at.slice(0, 10), day);
      return until ? [{ id: r.id, kind: 'signed_attendance_sheet', hold: 'accounting_and_grants', until, keeps: ['file', 'event'], eventId: r.event_id }] : [];
    }
    const until = heldUntil(r.last_paid_on, day);
    return until ? [{ id: r.id, kind: 'bank_details', hold: 'accounting', until, keeps: ['iban', 'bic', 'lastPaidOn'], eventId: null }] : [];
  });
}

async function exportsOf(db: Kysely<Database>, contactId: string, createdAt: string): Promise<ErasureExportDto[]> {
  const aliases = await subjectAliases(db, contactId);
  const rows = await db
    .selectFrom('audit_events')
    .select(['seq', 'at', 'action', 'entity_type', 'subject_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('subject_id', 'in', aliases), eb('action', 'in', ['export.subject', 'export.register', 'sensitive.disclosed'])]),
        eb.and([
          eb('subject_id', 'is', null),
          eb('at', '>=', createdAt),
          eb.or([eb.and([eb('action', '=', 'export.register'), eb('entity_type', 'in', PERSONAL_REGISTERS)]), eb('action', '=', 'mailing_list.exported')]),
        ]),
      ]),
    )
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ seq: r.seq, at: r.at, action: r.action, entityType: r.entity_type, scope: r.subject_id === null ? 'register' : 'person' }));
}

export async function plan(db: Kysely<Database>, contactId: string, day: string): Promise<Plan> {
  const contact = await db.selectFrom('contacts').select('created_at').where('id', '=', contactId).executeTakeFirstOrThrow();
  const held = await heldExtras(db, contactId, day);
  const heldIds = new Set(held.map((h) => h.id));
  const removes: ErasedCountsDto = {
    contact: 1,
    emails: 0,
    phones: 0,
    bankDetails: 0,
    identityDocuments: 0,
    photos: 0,
    signedSheets: 0,
    participations: 0,
    consentEvents: 0,
    photoPreferences: 0,
    photoTakedowns: 0,
    sharing: 0,
    systems: 0,
    searchEntries: await indexEntryCount(db, contactId),
    requestAttachments: Number(
      (
        await db
          .selectFrom('request_attachments as a')
          .innerJoin('rights_requests as r', 'r.id', 'a.request_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('r.contact_id', '=', contactId)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  };
  for (const [name, table] of Object.entries(OWNED) as Array<[keyof typeof OWNED, (typeof OWNED)[keyof typeof OWNED]]>) removes[name] = await countOf(db, table, contactId);
  for (const x of await db.selectFrom('sensitive_extras').select(['id', 'category']).where('contact_id', '=', contactId).execute()) {
    if (!heldIds.has(x.id)) removes[CATEGORY_COUNT[x.category]] += 1;
  }
  const requests = await db.selectFrom('rights_requests').select('id').where('contact_id', '=', contactId).orderBy('received_on').orderBy('id').execute();
  return {
    removes,
    held,
    requests: requests.map((r) => ({
      id: r.id,
      kind: 'rights_request',
      hold: 'proof_of_reply',
      until: null,
      keeps: ['type', 'status', 'dates', 'refusalReason', 'extensionReason', 'tasks'],
      eventId: null,
    })),
    exports: await exportsOf(db, contactId, contact.created_at),
  };
}

export async function previewErasure(ctx: CallContext, contactId: string): Promise<ErasurePreviewDto> {
  await assertContact(ctx.db, contactId);
  const p = await plan(ctx.db, contactId, today(ctx));
  return { contactId, removes: p.removes, keeps: [...p.held, ...p.requests], exports: p.exports };
}

/** The reason is kept in the ledger for good: it must say why, never who. */
export async function assertReasonNamesNoOne(db: Kysely<Database>, contactId: string, reason: string): Promise<void> {
  const contact = await db.selectFrom('contacts').select('full_name').where('id', '=', contactId).executeTakeFirstOrThrow();
  const emails = await db.selectFrom('contact_emails').select('email').where('contact_id', '=', contactId).execute();
  const folded = foldForSearch(reason);
  const name = foldForSearch(contact.full_name);
  if ((name.length > 0 && folded.includes(name)) || emails.some((e) => folded.includes(foldForSearch(e.email)))) {
    throw new RegistreError('invalid_input', 'The reason is kept after the erasure: say why the person is erased, without their name or e-mail.', {
      reason: 'erasure_reason_personal',
      field: 'reason',
    });
  }
}

/**
 * The values the actions carried out under the person's requests hold go with them: a
 * rectification's before and after, a bundle's file name (it carries the name). What was
 * done stays: the fields, the hashes, the purposes.
 */
async function clearActionValues(db: Kysely<Database>, requestIds: readonly string[]): Promise<void> {
  const rows = await db.selectFrom('request_actions').select(['id', 'action', 'detail']).where('request_id', 'in', requestIds).where('action', 'in', ['rectification', 'bundle']).execute();
  for (const r of rows) {
    const detail = JSON.parse(r.detail) as Record<string, unknown>;
    const cleared = r.action === 'rectification' ? { fields: detail.fields ?? [], changes: null } : { ...detail, fileName: null };
    await db
      .updateTable('request_actions')
      .set({ detail: JSON.stringify(cleared) })
      .where('id', '=', r.id)
      .execute();
  }
}

/** The values a hold keeps of a sensitive extra: IBAN and BIC of bank details (the holder's name goes); nothing of a sheet's. */
export function keptValues(x: Pick<Database['sensitive_extras'], 'category' | 'data'>): Record<string, string> {
  if (x.category !== 'bank') return {};
  const values = JSON.parse(x.data) as Record<string, string>;
  return { iban: values.iban!, ...(values.bic ? { bic: values.bic } : {}) };
}

/** What `erasure_holds` keeps of an extra: its kept values and, for bank details, the last payment (no column of its own there). */
function keptData(x: Pick<Database['sensitive_extras'], 'category' | 'data'> & { last_paid_on: string | null }): string {
  return JSON.stringify({ ...keptValues(x), ...(x.category === 'bank' && x.last_paid_on ? { lastPaidOn: x.last_paid_on } : {}) });
}

/** Moves what the holds keep of the person's extras to `erasure_holds`, under the erasure's pseudonym (the extras themselves are deleted after). */
export async function holdUnderErasure(trx: Kysely<Database>, erasureId: string, held: readonly HeldExtra[]): Promise<void> {
  for (const h of held) {
    const x = await trx.selectFrom('sensitive_extras').selectAll().where('id', '=', h.id).executeTakeFirstOrThrow();
    await trx
      .insertInto('erasure_holds')
      .values({
        id: x.id,
        erasure_id: erasureId,
        kind: h.kind,
        event_id: x.event_id,
        data: keptData(x),
        content: h.kind === 'signed_attendance_sheet' ? x.content : null,
        content_type: h.kind === 'signed_attendance_sheet' ? x.content_type : null,
        held_until: h.until!,
      })
      .execute();
  }
}

/** The person's rights requests stay as proof they were answered, without a word of the person or about them. */
export async function clearRequests(trx: Kysely<Database>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  // What the person sent goes with them; the request keeps that it was answered.
  await trx.deleteFrom('request_attachments').where('request_id', 'in', ids).execute();
  await clearActionValues(trx, ids);
  // Staff's words about what they found go; that each place was searched stays.
  await trx.updateTable('request_tasks').set({ evidence: '' }).where('request_id', 'in', ids).where('evidence', 'is not', null).execute();
  // A saved reply names the person and quotes what they asked: its words go, its kind,
  // language and day stay, as proof the reply was sent.
  await trx.updateTable('request_letters').set({ subject: '', body: '' }).where('request_id', 'in', ids).execute();
  // Kept as proof the request was answered: its type, dates, states and outcome. Every
  // word the requester or staff wrote about them goes; the extension's reason stays,
  // as the legal ground the requester was told (the table requires it once extended).
  await trx
    .updateTable('rights_requests')
    .set({ contact_id: null, requester_name: '', requester_email: null, request_text: null, identity_seen: null, refusal_text: null, outcome_note: null, notes: null })
    .where('id', 'in', ids)
    .execute();
}

/** Deletes the person's rows of `tables`; the consent ledger refuses deletes unless this transaction holds the erasure permit. */
export async function deleteOwnedRows(trx: Kysely<Database>, contactId: string, tables: ReadonlyArray<(typeof OWNED)[keyof typeof OWNED]>): Promise<void> {
  await trx.insertInto('ledger_permits').values({ contact_id: contactId, reason: 'erasure' }).execute();
  for (const table of tables) await trx.deleteFrom(table).where('contact_id', '=', contactId).execute();
  await trx.deleteFrom('ledger_permits').where('contact_id', '=', contactId).where('reason', '=', 'erasure').execute();
}

/**
 * After the commit, outside any transaction: the WAL's old frames still hold every erased
 * value, so they go; then the ledger's copy beside the vault catches up (a category
 * erasure writes no ledger row, so it stops after the checkpoint).
 */
export async function afterErasureCommit(ctx: CallContext, ledger: boolean): Promise<void> {
  reached('erase', 'committed');
  truncateWal(ctx.vault.raw);
  reached('erase', 'checkpointed');
  if (!ledger) return;
  await syncLedgerFile(ctx.db, ctx.vault.paths.erasures);
  reached('erase', 'ledger-appended');
}

export async function eraseContact(ctx: CallContext, auditKey: Buffer, input: ParsedInput<'contacts.erase'>): Promise<ErasureResultDto> {
  const contactId = input.contactId;
  const day = today(ctx);
  const erasureId = erasurePseudonym(auditKey, contactId);
  reached('erase', 'before-transaction');
  const result = await ctx.tx(async (trx, audit) => {
    await assertContact(trx, contactId);
    await assertReasonNamesNoOne(trx, contactId, input.reason);
    // An erasure request of this person, still open: the link the erasure blanks is checked, and its action recorded, first.
    const request = input.requestId === undefined ? null : await requestToCarryOut(trx, input.requestId, ['erasure'], { contactId });
    const p = await plan(trx, contactId, day);
    const kept = [...p.held, ...p.requests];
    await trx
      .insertInto('erasures')
      .values({ id: erasureId, erased_on: day, request_id: input.requestId ?? null, reason: input.reason, kept_count: kept.length })
      .execute();
    if (request) await recordAction(ctx, trx, audit, request, 'erasure', { erasureId, keptCount: kept.length });

    await holdUnderErasure(trx, erasureId, p.held);
    await trx.deleteFrom('sensitive_extras').where('contact_id', '=', contactId).execute();
    await clearRequests(
      trx,
      p.requests.map((r) => r.id),
    );
    await deleteOwnedRows(trx, contactId, Object.values(OWNED));
    await eraseFromIndex(trx, contactId);
    await trx.deleteFrom('contacts').where('id', '=', contactId).execute();
    reached('erase', 'rows-deleted');

    await audit({
      action: 'contact.erased',
      entityType: 'contact',
      entityId: contactId,
      fields: (Object.keys(p.removes) as Array<keyof ErasedCountsDto>).filter((k) => p.removes[k] > 0),
    });
    reached('erase', 'audited');
    return { erasureId, erasedOn: day, requestId: input.requestId ?? null, removed: p.removes, kept, exports: p.exports };
  });
  await afterErasureCommit(ctx, true);
  return result;
}
