/**
 * The reply letters of a rights request (issue 13, DESIGN §5 "Rights requests"): drafted in
 * English or French from the request's facts and the controller's details
 * (db/settings/controller.ts), edited by staff, saved on the request, and read back as a
 * standalone printable page.
 *
 * Which letters make sense for a request's state (`letterRefusal`):
 * - acknowledgement, identity and clarification requests ask or promise something, so not
 *   once the request is closed;
 * - an extension letter only once the deadline was extended: it tells the reason and the
 *   new deadline, which do not exist before;
 * - completion and refusal letters also while the request is open, because staff write the
 *   reply while closing it (the refusal's ground is then given with the draft), but not a
 *   completion for a refused request nor a refusal for a completed one.
 *
 * The page is built as summary.ts builds the bundle's: a string template with every value
 * escaped (db/ may not import React, see eslint.config.mjs), a CSP that loads nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Method, ParsedInput } from '../../shared/api/index';
import type { LetterDraftDto, RequestLetterDto } from '../../shared/dto/requests';
import { RegistreError } from '../../shared/errors';
import type { RefusalReason, RequestLetterKind } from '../../shared/vocabulary';
import { logView, today, type CallContext } from '../context';
import { escapeHtml } from '../photos/lists';
import { controllerDetails, isPolicyAuthority, oneLine, type ControllerDetails } from '../settings/controller';
import { letterSummary, lettersQuery } from './letter-rows';
import { LETTER_WORDS, type LetterLanguage } from './letter-words';
import { letterRefusal as letterRefusalReason } from '../../shared/rules/letter-kinds';
import { loadRow, record } from './requests';

type Row = Awaited<ReturnType<typeof loadRow>>;

const fill = (text: string, values: Record<string, string | number>): string => text.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(values[k] ?? ''));

/** 2026-12-02 → "2 December 2026" / "2 décembre 2026". */
export const longDate = (day: string, locale: string): string => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

/** Why this kind of letter makes no sense for the request as it stands (shared/rules/letter-kinds.ts), or null. */
function letterRefusal(r: Row, kind: RequestLetterKind): RegistreError | null {
  const reason = letterRefusalReason(kind, r.status, r.extension_months !== null);
  if (reason === 'letter_not_extended') {
    return new RegistreError('conflict', 'The deadline of this request was never extended: extend it first (with the reason the requester is told), then write the letter.', { reason });
  }
  if (reason === 'letter_outcome_mismatch') {
    return new RegistreError('conflict', `This request was ${r.status}: its reply is a ${r.status === 'refused' ? 'refusal' : 'completion'} letter.`, { reason, state: r.status });
  }
  if (reason === 'request_closed') {
    return new RegistreError('conflict', `This request is already ${r.status} (on ${r.closed_on}); its reply is a ${r.status === 'refused' ? 'refusal' : 'completion'} letter.`, {
      reason,
      state: r.status,
    });
  }
  return null;
}

/** The refusal's ground and text: the request's own once refused, else those given with the draft. */
function refusalOf(r: Row, input: ParsedInput<'requests.draftLetter'>): { reason: RefusalReason; text: string | null } {
  if (r.status === 'refused' && r.refusal_reason) {
    if (input.refusalReason !== undefined || input.refusalText != null) {
      throw new RegistreError('invalid_input', `This request was refused on the ground ${r.refusal_reason}; the letter states the ground and text recorded then.`, {
        reason: 'input_invalid',
        field: input.refusalReason !== undefined ? 'refusalReason' : 'refusalText',
      });
    }
    return { reason: r.refusal_reason, text: r.refusal_text };
  }
  if (!input.refusalReason) {
    throw new RegistreError('invalid_input', 'A refusal letter needs its ground: manifestly_unfounded, excessive, identity_not_proven or legal_obligation.', {
      reason: 'refusal_reason_missing',
      field: 'refusalReason',
    });
  }
  return { reason: input.refusalReason, text: input.refusalText ?? null };
}

function compose(r: Row, kind: RequestLetterKind, language: LetterLanguage, c: ControllerDetails, day: string, refusal: { reason: RefusalReason; text: string | null } | null): LetterDraftDto {
  const w = LETTER_WORDS[language];
  const date = (d: string) => longDate(d, w.locale);
  const values = {
    reference: r.id,
    received: date(r.received_on),
    type: w.types[r.type],
    due: date(r.extended_due_on ?? r.due_on),
    // The day the clock stopped, or today for a letter written before the step is recorded.
    asked: date(r.status === 'awaiting_identity' && r.paused_on ? r.paused_on : day),
    email: c.email,
    controller: c.name,
  };
  const name = r.contact_name || r.requester_name;
  const body: string[] = [[c.name, c.address, c.email].join('\n'), fill(w.dateLine, { date: date(day) }), fill(w.referenceLine, values), name ? fill(w.greeting, { name }) : w.greetingUnnamed];
  body.push(fill(w.received, values));
  switch (kind) {
    case 'acknowledgement':
      body.push(fill(w.acknowledgement, values));
      break;
    case 'identity_request':
      body.push(w.identityRequest, fill(w.suspended, values));
      break;
    case 'clarification_request':
      body.push(w.clarificationRequest, fill(w.suspended, values));
      break;
    case 'extension': {
      const months = r.extension_months === 2 ? 2 : 1;
      body.push(fill(w.extension, { months: w.months[months], reason: r.extension_reason ?? '' }), fill(w.extensionDue, values));
      break;
    }
    case 'completion':
      body.push(w.completionIntro, w.completion[r.type]);
      if (r.status === 'completed' && r.outcome_note) body.push(r.outcome_note);
      break;
    case 'refusal': {
      const { reason, text } = refusal!;
      body.push(w.refusalIntro, w.refusal[reason]);
      if (text) body.push(text);
      const a = c.authority;
      // The authority's address, e-mail and website in brackets, those an admin emptied left out.
      const reach = [oneLine(a.address), a.email, a.website].filter(Boolean).join(', ');
      body.push(fill(isPolicyAuthority(a) ? w.complaint : w.complaintOther, { authority: a.name, reach: reach ? ` (${reach})` : '' }));
      break;
    }
  }
  body.push(fill(w.questions, values), [w.closing, ...(c.contactPerson ? [c.contactPerson] : []), fill(w.signedBy, values)].join('\n'));
  return { kind, language, subject: fill(w.subject, { ...values, title: w.titles[kind] }), body: body.join('\n\n') };
}

async function contactLanguage(ctx: CallContext, contactId: string | null): Promise<LetterLanguage> {
  if (!contactId) return 'fr';
  const c = await ctx.db.selectFrom('contacts').select('language').where('id', '=', contactId).executeTakeFirst();
  return c?.language === 'en' || c?.language === 'fr' ? c.language : 'fr';
}

/** An auditor's (or read-only) look is logged in the person's history, which the contract cannot name from a request id. */
const auditorViewed = (ctx: CallContext, entityType: Method, entityId: string, subjectId: string | null): Promise<void> => logView(ctx, { entityType, entityId, subjectId });

export async function draftLetter(ctx: CallContext, input: ParsedInput<'requests.draftLetter'>): Promise<LetterDraftDto> {
  const r = await loadRow(ctx.db, input.id);
  const refused = letterRefusal(r, input.kind);
  if (refused) throw refused;
  if (input.kind !== 'refusal' && (input.refusalReason !== undefined || input.refusalText != null)) {
    throw new RegistreError('invalid_input', 'Only a refusal letter takes a refusal ground or text.', {
      reason: 'input_invalid',
      field: input.refusalReason !== undefined ? 'refusalReason' : 'refusalText',
    });
  }
  const refusal = input.kind === 'refusal' ? refusalOf(r, input) : null;
  const language = input.language ?? (await contactLanguage(ctx, r.contact_id));
  const draft = compose(r, input.kind, language, await controllerDetails(ctx.db), today(ctx), refusal);
  await auditorViewed(ctx, 'requests.draftLetter', r.id, r.contact_id);
  return draft;
}

const CSS = `
body { font: 11pt/1.5 Georgia, "Times New Roman", serif; color: #111; max-width: 42em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.1em; margin: 1.5em 0; }
p { margin: 0 0 1em; white-space: normal; }
@page { size: A4; margin: 2.5cm 2cm; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
`;

/** The letter as one standalone page: escaped text, one <p> per paragraph, line breaks kept. */
export function letterHtml(letter: { language: LetterLanguage; subject: string; body: string }): string {
  const paragraphs = letter.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>')}</p>`);
  return `<!doctype html>
<html lang="${letter.language}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(letter.subject)}</title>
<style>${CSS}</style></head>
<body>
<h1>${escapeHtml(letter.subject)}</h1>
${paragraphs.join('\n')}
</body></html>
`;
}

async function readLetter(ctx: CallContext, requestId: string, letterId: string): Promise<RequestLetterDto> {
  const l = await lettersQuery(ctx.db).where('l.id', '=', letterId).where('l.request_id', '=', requestId).executeTakeFirst();
  if (!l) throw new RegistreError('not_found', 'This letter is not saved on this request.', { reason: 'letter_absent' });
  return { ...letterSummary(l), body: l.body, html: letterHtml(l) };
}

export async function getLetter(ctx: CallContext, input: ParsedInput<'requests.letter'>): Promise<RequestLetterDto> {
  const r = await loadRow(ctx.db, input.id);
  const letter = await readLetter(ctx, r.id, input.letterId);
  await auditorViewed(ctx, 'requests.letter', input.letterId, r.contact_id);
  return letter;
}

export async function saveLetter(ctx: CallContext, input: ParsedInput<'requests.saveLetter'>): Promise<RequestLetterDto> {
  const letterId = randomUUID();
  await ctx.tx(async (trx, audit) => {
    const r = await loadRow(trx, input.id);
    const refused = letterRefusal(r, input.kind);
    if (refused) throw refused;
    await trx
      .insertInto('request_letters')
      .values({
        id: letterId,
        request_id: r.id,
        kind: input.kind,
        language: input.language,
        subject: input.subject,
        body: input.body,
        saved_at: ctx.now.toISOString(),
        saved_by: ctx.session?.staff.id ?? null,
      })
      .execute();
    await record(ctx, trx, audit, r, {
      kind: 'letter_saved',
      from: r.status,
      to: r.status,
      detail: { letterId, kind: input.kind, language: input.language },
      fields: ['kind', 'language', 'subject', 'body'],
    });
  });
  return readLetter(ctx, input.id, letterId);
}
