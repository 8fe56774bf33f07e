/**
 * The manifest of every export: what it holds, who made it, and the audit chain's head
 * that is the export's own event (ids and column or section names only), so whoever holds
 * the file can show the export is on record. That head is foreseen before the event is
 * appended (delivery.ts): the event goes on record only once the files are in place.
 */
import type { ExportManifest } from '../../shared/export-manifest';
import type { ExportedFileDto } from '../../shared/dto/exports';
import type { AuditEntry } from '../audit/chain';
import type { CallContext } from '../context';

export type ExportAuditEntry = Omit<AuditEntry, 'staffId'>;

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
