/**
 * Carrying a rights request out from its page (issue 13): the rectification through the
 * contact's own update, the restriction, objection and withdrawal through the consent
 * ledger's own recording (db/consents/ledger.ts decides what each purpose allows). Each
 * action runs in one transaction with its request_actions row and its `carried_out` step
 * (action-rows.ts), or changes nothing at all. The bundle and the erasure record theirs
 * in db/export/bundle.ts and db/erasure/erase.ts.
 */
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { ContactConsentsDto, PurposeStateDto } from '../../shared/dto/consents';
import type { ContactDto } from '../../shared/dto/index';
import type { RectificationChangeDto, RequestDetailDto } from '../../shared/dto/requests';
import { RegistreError } from '../../shared/errors';
import type { Channel, ConsentAction, RequestChannel } from '../../shared/vocabulary';
import { consentsForContact, recordConsent } from '../consents/ledger';
import { contactDto, updateContact } from '../contacts/contacts';
import { today, type AuditInput, type CallContext } from '../context';
import type { Database } from '../schema';
import { recordAction, requestToCarryOut, type CarriedRequest } from './action-rows';
import { getRequest } from './requests';

type Audit = (e: AuditInput | readonly AuditInput[]) => Promise<void>;

/**
 * The call's context with its transaction already open: the ledger's and the contacts'
 * own functions then write inside the action's transaction, so the action and its record
 * commit together or not at all (Kysely has no nested transactions).
 */
function joined(ctx: CallContext, trx: Kysely<Database>, audit: Audit): CallContext {
  return { ...ctx, db: trx, tx: (fn) => fn(trx, audit) };
}

/**
 * The ledger's channel for a request's. The ledger has no "post" or "at the desk": both
 * came on paper or were written down on it, and the evidence names the request.
 */
const LEDGER_CHANNEL: Record<RequestChannel, Channel> = { email: 'email', post: 'paper', in_person: 'paper', phone: 'phone', form: 'form' };

const evidenceOf = (r: CarriedRequest) => `Rights request ${r.id}`;

/** Records one ledger event for the request's person, returning the new state and the event's id. */
async function ledgerEvent(ctx: CallContext, r: CarriedRequest, purposeCode: string, action: ConsentAction): Promise<{ state: ContactConsentsDto; eventId: string }> {
  const state = await recordConsent(ctx, { contactId: r.contact_id, purposeCode, action, channel: LEDGER_CHANNEL[r.channel], evidence: evidenceOf(r) });
  // The event just recorded is the newest of its purpose: today, entered now, last in entry order.
  const eventId = state.purposes.find((p) => p.purpose.code === purposeCode)!.history.at(-1)!.id;
  return { state, eventId };
}

// ---------------------------------------------------------------- rectification

/** A contact's value of each field the update audits (db/contacts/contacts.ts), as the rectification records it. */
const RECTIFIABLE: Record<string, (c: ContactDto) => unknown> = {
  fullName: (c) => c.fullName,
  email: (c) => c.emails.find((e) => e.primary)?.address ?? c.emails[0]?.address ?? null,
  otherEmails: (c) => c.emails.filter((e) => !e.primary).map((e) => e.address),
  phone: (c) => c.phones[0] ?? null,
  otherPhones: (c) => c.phones.slice(1),
  jobTitle: (c) => c.jobTitle,
  gender: (c) => c.gender,
  organisationId: (c) => c.organisation,
  country: (c) => c.country,
  language: (c) => c.language,
  notes: (c) => c.notes,
};

/**
 * Corrects the person's contact details (Art. 16) through the contact's own update, and
 * keeps each changed field's before and after in the action row: the request is the
 * person's file, and their erasure clears them. The timeline and the audit name the fields.
 */
export async function rectify(ctx: CallContext, input: ParsedInput<'requests.rectify'>): Promise<RequestDetailDto> {
  await ctx.tx(async (trx, audit) => {
    const r = await requestToCarryOut(trx, input.id, ['rectification']);
    const before = await contactDto(trx, r.contact_id, today(ctx));
    const after = await updateContact(joined(ctx, trx, audit), { ...input.changes, id: r.contact_id });
    const changes: RectificationChangeDto[] = Object.entries(RECTIFIABLE).flatMap(([field, value]) => {
      const was = value(before);
      const now = value(after);
      return JSON.stringify(was) === JSON.stringify(now) ? [] : [{ field, before: was, after: now }];
    });
    if (changes.length === 0) {
      throw new RegistreError('invalid_input', 'These values are the ones already recorded: nothing was corrected.', { reason: 'rectification_unchanged', field: 'changes' });
    }
    const fields = changes.map((c) => c.field);
    await recordAction(ctx, trx, audit, r, 'rectification', { fields, changes }, { detail: { fields: fields.join(',') }, fields });
  });
  return getRequest(ctx, input.id);
}

// ---------------------------------------------------------------- restriction

/**
 * The purpose a restriction is recorded on. The ledger treats a person as restricted when
 * the latest event of any one purpose is a restriction (deriveConsents), and the mailing
 * list and partner sharing then leave them out: one event restricts all processing. It
 * goes on a legitimate-interest purpose (the first, in the register's order, that is not
 * objected to), because lifting it restores that purpose with a grant, which for a
 * legitimate interest means what no event means (the basis applies): a consent purpose
 * could not be given back its "never asked".
 */
function restrictionPurpose(state: ContactConsentsDto): PurposeStateDto {
  const li = state.purposes.filter((p) => p.purpose.lawfulBasis === 'legitimate_interest');
  const chosen = li.find((p) => p.state === 'none' || p.state === 'granted') ?? li[0];
  // Migration 0005 creates four legitimate-interest purposes, and purposes are never deleted.
  if (!chosen) throw new Error('The register has no legitimate-interest purpose to record a restriction on.');
  return chosen;
}

/** Restricts the processing of the person's data (Art. 18): out of the mailing list and partner sharing until lifted. */
export async function restrict(ctx: CallContext, id: string): Promise<RequestDetailDto> {
  await ctx.tx(async (trx, audit) => {
    const r = await requestToCarryOut(trx, id, ['restriction']);
    const current = await consentsForContact(trx, r.contact_id);
    if (current.restricted) throw new RegistreError('conflict', 'The processing of this person’s data is already restricted.', { reason: 'already_restricted' });
    const purpose = restrictionPurpose(current);
    const { eventId } = await ledgerEvent(joined(ctx, trx, audit), r, purpose.purpose.code, 'restricted');
    await recordAction(ctx, trx, audit, r, 'restriction', { purposeCode: purpose.purpose.code, consentEventId: eventId, lifted: false, restored: null }, { detail: { purpose: purpose.purpose.code } });
  });
  return getRequest(ctx, id);
}

/**
 * Lifts the restriction this request recorded (Art. 18(3): the person is told first). The
 * ledger is append-only, so lifting is a fresh event on the restricted purpose giving it
 * back what it was before: the action of its event before the restriction (an objection
 * stays an objection), or a grant when it had none (for a legitimate interest, the basis
 * applies again). Allowed on a closed request: a restriction outlasts the reply that
 * confirmed it. Refused when the purpose's latest event is no longer that restriction.
 */
export async function liftRestriction(ctx: CallContext, id: string): Promise<RequestDetailDto> {
  await ctx.tx(async (trx, audit) => {
    const r = await requestToCarryOut(trx, id, ['restriction'], { open: false });
    const rows = await trx.selectFrom('request_actions').select('detail').where('request_id', '=', r.id).where('action', '=', 'restriction').orderBy('seq', 'desc').execute();
    const last = rows.map((x) => JSON.parse(x.detail) as { purposeCode: string; consentEventId: string; lifted: boolean })[0];
    const state = await consentsForContact(trx, r.contact_id);
    const purpose = last && !last.lifted ? state.purposes.find((p) => p.purpose.code === last.purposeCode) : undefined;
    const history = purpose?.history ?? [];
    if (!last || !purpose || history.at(-1)?.id !== last.consentEventId) {
      throw new RegistreError('conflict', 'The restriction this request recorded is no longer in force: there is nothing to lift.', { reason: 'not_restricted' });
    }
    const restored: ConsentAction = history.at(-2)?.action ?? 'granted';
    const { eventId } = await ledgerEvent(joined(ctx, trx, audit), r, last.purposeCode, restored === 'restricted' ? 'granted' : restored);
    await recordAction(ctx, trx, audit, r, 'restriction', { purposeCode: last.purposeCode, consentEventId: eventId, lifted: true, restored }, { detail: { purpose: last.purposeCode, lifted: 1 } });
  });
  return getRequest(ctx, id);
}

// ---------------------------------------------------------------- objection and withdrawal

/**
 * Records `action` on each chosen purpose that is not in that state already, through the
 * ledger (which refuses an objection to a consent purpose and a withdrawal from anything
 * but consent), then the action row. Refused with `nothingLeft` when every chosen purpose
 * already is. A withdrawal where no consent was recorded is recorded all the same: it is
 * the person's own "no", and keeps them off the list should a grant be entered late.
 */
async function recordOnPurposes(
  ctx: CallContext,
  trx: Kysely<Database>,
  audit: Audit,
  r: CarriedRequest,
  kind: 'objection' | 'withdrawal',
  codes: readonly string[],
  state: ContactConsentsDto,
): Promise<void> {
  const action = kind === 'objection' ? 'objected' : 'withdrawn';
  const inner = joined(ctx, trx, audit);
  const done: string[] = [];
  const events: string[] = [];
  for (const code of [...new Set(codes)]) {
    const now = state.purposes.find((p) => p.purpose.code === code);
    // An unknown code goes to the ledger, which refuses it (purpose_absent); so does a purpose of the wrong basis.
    if (now?.state === action) continue;
    const { eventId } = await ledgerEvent(inner, r, code, action);
    done.push(code);
    events.push(eventId);
  }
  if (done.length === 0) {
    throw kind === 'objection'
      ? new RegistreError('conflict', 'The objection to these purposes is already recorded.', { reason: 'already_objected' })
      : new RegistreError('conflict', 'The consent to these purposes is already withdrawn.', { reason: 'consent_already_withdrawn' });
  }
  await recordAction(ctx, trx, audit, r, kind, { purposeCodes: done, consentEventIds: events }, { detail: { purposes: done.join(',') } });
}

/**
 * The objection (Art. 21): every legitimate-interest purpose stops for the person, or the
 * chosen ones (a consent purpose is refused by the ledger: withdrawal is the route there).
 */
export async function object(ctx: CallContext, input: ParsedInput<'requests.object'>): Promise<RequestDetailDto> {
  await ctx.tx(async (trx, audit) => {
    const r = await requestToCarryOut(trx, input.id, ['objection']);
    const state = await consentsForContact(trx, r.contact_id);
    const codes = input.purposeCodes ?? state.purposes.filter((p) => p.purpose.lawfulBasis === 'legitimate_interest').map((p) => p.purpose.code);
    await recordOnPurposes(ctx, trx, audit, r, 'objection', codes, state);
  });
  return getRequest(ctx, input.id);
}

/** The withdrawal of consent (Art. 7(3)) for the chosen consent purposes. */
export async function withdraw(ctx: CallContext, input: ParsedInput<'requests.withdraw'>): Promise<RequestDetailDto> {
  await ctx.tx(async (trx, audit) => {
    const r = await requestToCarryOut(trx, input.id, ['consent_withdrawal']);
    await recordOnPurposes(ctx, trx, audit, r, 'withdrawal', input.purposeCodes, await consentsForContact(trx, r.contact_id));
  });
  return getRequest(ctx, input.id);
}
