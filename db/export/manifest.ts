/**
 * The end of every export: log it in the audit chain (one event, ids and column or
 * section names only), then build the manifest that carries the chain's new head, which is
 * that very event, so whoever holds the file can show the export is on record.
 */
import type { ExportManifest } from '../../shared/export-manifest';
import type { ExportedFileDto } from '../../shared/dto/exports';
import type { AuditEntry } from '../audit/chain';
import type { CallContext } from '../context';

export type ExportAuditEntry = Omit<AuditEntry, 'staffId'>;

/** Appends the export's audit event(s) and returns the chain's head after them. */
export async function logExport(ctx: CallContext, entries: ExportAuditEntry | readonly ExportAuditEntry[]): Promise<{ seq: number; hash: string }> {
  return ctx.tx(async (trx, audit) => {
    await audit(entries);
    const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    return { seq: Number(head.seq), hash: head.hash };
  });
}

/** Who is exporting, as the manifest names them. */
export function exportedBy(ctx: CallContext): ExportManifest['createdBy'] {
  const staff = ctx.session?.staff;
  return { staffId: staff?.id ?? 'unknown', name: staff?.name ?? 'unknown' };
}

export function buildManifest(
  ctx: CallContext,
  parts: Pick<ExportManifest, 'kind' | 'subject' | 'register'> & { files: ExportedFileDto[]; auditChain: { seq: number; hash: string } },
): ExportManifest {
  return {
    format: 'registre-export-manifest',
    version: 1,
    kind: parts.kind,
    createdAt: ctx.now.toISOString(),
    createdBy: exportedBy(ctx),
    ...(parts.subject ? { subject: parts.subject } : {}),
    ...(parts.register ? { register: parts.register } : {}),
    files: parts.files,
    auditChain: parts.auditChain,
  };
}

/** Manifests are read by people too: two-space indentation, trailing newline. */
export function manifestText(manifest: ExportManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
