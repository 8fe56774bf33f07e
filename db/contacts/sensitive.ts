/**
 * Sensitive extras (issue 3, DESIGN §5): bank details for reimbursements, identity
 * documents for travel, profile photos and signed attendance sheets. Kept in their own
 * table with the reason they are kept, masked in every list, and revealed only on demand:
 * each reveal is an audit event naming who saw which fields.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { SensitiveItemDto, SensitiveRevealDto } from '../../shared/dto/index';
import { RegistreError } from '../../shared/errors';
import { parseIsoDate } from '../../shared/rules/dates';
import { maskIban, validateBic, validateIban } from '../../shared/rules/iban';
import type { Database } from '../schema';
import { sensitiveFields, sensitiveValues } from './fields';
import { readSettings } from '../settings/settings';
import { assertContact, today, type CallContext } from '../context';

type Row = Selectable<Database['sensitive_extras']>;

const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
const SHEET_MAX_BYTES = 10 * 1024 * 1024;

/** The file's real type from its first bytes; the name or a claimed type is not trusted. */
function sniffType(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

function checkedFile(category: 'photo' | 'signature', base64: string): { content: Buffer; contentType: string } {
  const content = Buffer.from(base64, 'base64');
  const type = sniffType(content);
  const allowed = category === 'photo' ? ['image/png', 'image/jpeg', 'image/webp'] : ['image/png', 'image/jpeg', 'application/pdf'];
  if (!type || !allowed.includes(type)) {
    throw new RegistreError('invalid_input', category === 'photo' ? 'A profile photo must be a PNG, JPEG or WebP image.' : 'A signed sheet must be a PDF, PNG or JPEG file.', { reason: 'file_type' });
  }
  const max = category === 'photo' ? PHOTO_MAX_BYTES : SHEET_MAX_BYTES;
  if (content.length > max) {
    throw new RegistreError('invalid_input', `The file is too large (at most ${max / 1024 / 1024} MB).`, { reason: 'file_too_large' });
  }
  return { content, contentType: type };
}

function maskTail(value: string, keep = 4): string {
  return `${'•'.repeat(Math.max(4, value.length - keep))}${value.slice(-keep)}`;
}

function masked(row: Row, data: Record<string, string>): string {
  switch (row.category) {
    case 'bank':
      return maskIban(data.iban ?? '');
    case 'identity':
      // A date of birth alone has no number to show the tail of: the whole value stays hidden.
      return data.number ? maskTail(data.number) : '••••';
    default:
      return `${row.content_type}, ${Math.ceil((row.content?.length ?? 0) / 1024)} KB`;
  }
}

/** The list shows a detail masked: its values never leave this function. */
const itemDto = (row: Row): SensitiveItemDto => {
  const { values, eventId, createdAt, ...item } = sensitiveFields(row);
  return {
    ...item,
    masked: masked(row, values),
    document: row.category === 'identity' ? ((values as { document?: 'passport' | 'id_card' }).document ?? null) : null,
    eventId,
    createdAt,
    lastPaidOn: row.last_paid_on,
  };
};

export async function addSensitive(ctx: CallContext, input: ParsedInput<'sensitive.add'>): Promise<SensitiveItemDto> {
  let category: Row['category'];
  let data: Record<string, string> = {};
  let file: { content: Buffer; contentType: string } | null = null;
  let lastPaidOn: string | null = null;
  if (input.bank) {
    category = 'bank';
    const iban = validateIban(input.bank.iban);
    if (!iban.ok) throw new RegistreError('invalid_input', 'This IBAN is not valid: check the digits.', { reason: `iban_${iban.reason}`, field: 'iban' });
    data = { iban: iban.iban };
    if (input.bank.bic) {
      const bic = validateBic(input.bank.bic);
      if (!bic.ok) throw new RegistreError('invalid_input', 'This BIC is not valid (8 or 11 letters and digits).', { reason: 'bic_invalid', field: 'bic' });
      data.bic = bic.bic;
    }
    if (input.bank.holder) data.holder = input.bank.holder;
    if (input.bank.lastPaidOn !== undefined) {
      if (input.bank.lastPaidOn > today(ctx)) throw new RegistreError('invalid_input', 'A payment cannot be dated in the future.', { reason: 'date_future', field: 'lastPaidOn' });
      lastPaidOn = input.bank.lastPaidOn;
    }
  } else if (input.identity) {
    category = 'identity';
    for (const field of ['expiry', 'dateOfBirth'] as const) {
      const value = input.identity[field];
      if (value !== undefined && !parseIsoDate(value)) {
        throw new RegistreError('invalid_input', `${value} is not a real date.`, { reason: 'date_invalid', field });
      }
    }
    // A document may expire later, but nobody is born after today (the core's clock).
    if (input.identity.dateOfBirth !== undefined && input.identity.dateOfBirth > today(ctx)) {
      throw new RegistreError('invalid_input', 'The date of birth cannot be in the future.', { reason: 'date_future', field: 'dateOfBirth' });
    }
    data = Object.fromEntries(Object.entries(input.identity).filter(([, v]) => v !== undefined));
  } else {
    category = input.eventId ? 'signature' : 'photo';
    file = checkedFile(category, input.file!.base64);
  }
  return ctx.tx(async (trx, audit) => {
    await assertContact(trx, input.contactId);
    if (input.eventId) {
      const ev = await trx.selectFrom('events').select('id').where('id', '=', input.eventId).executeTakeFirst();
      if (!ev) throw new RegistreError('not_found', 'This event does not exist.', { reason: 'event_absent' });
    }
    const row: Row = {
      id: randomUUID(),
      contact_id: input.contactId,
      category,
      data: JSON.stringify(data),
      content: file?.content ?? null,
      content_type: file?.contentType ?? null,
      event_id: input.eventId ?? null,
      reason: input.reason,
      created_at: ctx.now.toISOString(),
      created_by: ctx.session?.staff.id ?? null,
      last_paid_on: lastPaidOn,
    };
    await trx.insertInto('sensitive_extras').values(row).execute();
    await audit({
      action: 'sensitive.added',
      entityType: 'sensitive_extra',
      entityId: row.id,
      subjectId: row.contact_id,
      fields: [category, ...Object.keys(data), ...(lastPaidOn ? ['lastPaidOn'] : [])],
    });
    return itemDto(row);
  });
}

export async function listSensitive(db: Kysely<Database>, contactId: string): Promise<SensitiveItemDto[]> {
  const rows = await db.selectFrom('sensitive_extras').selectAll().where('contact_id', '=', contactId).orderBy('created_at').execute();
  return rows.map(itemDto);
}

export async function revealSensitive(ctx: CallContext, id: string): Promise<SensitiveRevealDto> {
  if (ctx.session?.staff.role === 'auditor' && !(await readSettings(ctx.db)).auditorsMayReveal) {
    throw new RegistreError('forbidden', 'Auditors see sensitive details masked unless an administrator allows reveals in Settings.', {
      reason: 'reveal_not_allowed',
    });
  }
  return ctx.tx(async (trx, audit) => {
    const row = await trx.selectFrom('sensitive_extras').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new RegistreError('not_found', 'This detail does not exist (it may have been removed).', { reason: 'sensitive_absent' });
    const values = sensitiveValues(row);
    await audit({ action: 'sensitive.revealed', entityType: 'sensitive_extra', entityId: row.id, subjectId: row.contact_id, fields: [row.category, ...Object.keys(values)] });
    return {
      id: row.id,
      category: row.category,
      values,
      file: row.content ? { base64: row.content.toString('base64'), contentType: row.content_type ?? 'application/octet-stream' } : null,
    };
  });
}

export async function removeSensitive(ctx: CallContext, id: string): Promise<null> {
  return ctx.tx(async (trx, audit) => {
    const row = await trx.selectFrom('sensitive_extras').select(['id', 'category', 'contact_id']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new RegistreError('not_found', 'This detail does not exist (it may have been removed).', { reason: 'sensitive_absent' });
    await trx.deleteFrom('sensitive_extras').where('id', '=', id).execute();
    await audit({ action: 'sensitive.removed', entityType: 'sensitive_extra', entityId: id, subjectId: row.contact_id, fields: [row.category] });
    return null;
  });
}
