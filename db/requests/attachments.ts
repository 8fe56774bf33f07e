/**
 * What the requester sent with a request (a letter, a scan of the request, an e-mail),
 * kept in the vault's encrypted pages (DESIGN §5). The detail lists them without their
 * content; reading one is about the person, so an auditor's look is logged in their
 * history. The content goes with the person's erasure (db/erasure/erase.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../shared/api/index';
import { ATTACHMENT_MAX_BYTES } from '../../shared/api/request-work';
import type { RequestAttachmentContentDto, RequestAttachmentDto, RequestDetailDto } from '../../shared/dto/requests';
import { RegistreError } from '../../shared/errors';
import { logView, today, type CallContext } from '../context';
import { loadOpenRow, loadRow, record, requestDetail } from './requests';

/**
 * The name as kept: its last part only (no folder, whichever the separator), without
 * control or invisible format characters, trimmed. Refused when nothing is left.
 */
export function cleanFileName(typed: string): string {
  const base = typed.split(/[/\\]/).at(-1) ?? '';
  const name = base
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^\.+$/, '');
  if (!name) throw new RegistreError('invalid_input', 'Give the file a name (letters, digits, punctuation), without its folder.', { reason: 'file_name_invalid', field: 'fileName' });
  return name;
}

function decoded(base64: string): Buffer {
  // The contract admits standard base64 only; its length must be whole groups of four.
  if (base64.length % 4 !== 0) throw new RegistreError('invalid_input', 'The file content is not valid base64.', { reason: 'input_invalid', field: 'contentBase64' });
  const content = Buffer.from(base64, 'base64');
  if (content.length === 0) throw new RegistreError('invalid_input', 'The file is empty.', { reason: 'file_empty', field: 'contentBase64' });
  if (content.length > ATTACHMENT_MAX_BYTES) {
    throw new RegistreError('invalid_input', `The file is too large (at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB).`, { reason: 'file_too_large', field: 'contentBase64' });
  }
  return content;
}

export async function attach(ctx: CallContext, input: ParsedInput<'requests.attach'>): Promise<RequestAttachmentDto> {
  const fileName = cleanFileName(input.fileName);
  const content = decoded(input.contentBase64);
  const row = {
    id: randomUUID(),
    request_id: input.id,
    file_name: fileName,
    content_type: input.contentType.toLowerCase(),
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    content,
    added_at: ctx.now.toISOString(),
    added_by: ctx.session?.staff.id ?? null,
  };
  return ctx.tx(async (trx, audit) => {
    // Something the requester sends after the reply is kept too.
    const r = await loadRow(trx, input.id);
    await trx.insertInto('request_attachments').values(row).execute();
    await record(ctx, trx, audit, r, {
      kind: 'attached',
      from: r.status,
      to: r.status,
      detail: { attachmentId: row.id, size: row.size },
      fields: ['attachment.fileName', 'attachment.contentType', 'attachment.content'],
    });
    return { id: row.id, fileName: row.file_name, contentType: row.content_type, size: row.size, sha256: row.sha256, addedAt: row.added_at };
  });
}

const absent = () => new RegistreError('not_found', 'This attachment does not exist (it may have been removed).', { reason: 'attachment_absent' });

export async function readAttachment(ctx: CallContext, input: ParsedInput<'requests.attachment'>): Promise<RequestAttachmentContentDto> {
  const r = await loadRow(ctx.db, input.id);
  const a = await ctx.db.selectFrom('request_attachments').selectAll().where('id', '=', input.attachmentId).where('request_id', '=', r.id).executeTakeFirst();
  if (!a) throw absent();
  // An auditor's (or read-only) look is logged in the person's history, which the contract cannot name from a request id.
  await logView(ctx, { entityType: 'requests.attachment', entityId: a.id, subjectId: r.contact_id });
  return { id: a.id, fileName: a.file_name, contentType: a.content_type, contentBase64: a.content.toString('base64') };
}

/** Not once the request is closed: what it holds then is part of the proof it was answered. */
export async function removeAttachment(ctx: CallContext, input: ParsedInput<'requests.removeAttachment'>): Promise<RequestDetailDto> {
  return ctx.tx(async (trx, audit) => {
    const r = await loadOpenRow(trx, input.id);
    const a = await trx.selectFrom('request_attachments').select('id').where('id', '=', input.attachmentId).where('request_id', '=', r.id).executeTakeFirst();
    if (!a) throw absent();
    await trx.deleteFrom('request_attachments').where('id', '=', a.id).execute();
    await record(ctx, trx, audit, r, { kind: 'attachment_removed', from: r.status, to: r.status, detail: { attachmentId: a.id }, fields: ['attachment'] });
    return requestDetail(trx, r.id, today(ctx));
  });
}
