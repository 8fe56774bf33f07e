import type { TFunction, i18n as I18n } from 'i18next';
import type { AuditEventDto } from '../shared/dto/index';

/** Every code the core writes has words (tests/i18n/audit-words.test.ts); a vault from a newer version may hold codes this one does not know, shown as they are. */
function translated(t: TFunction, i18n: I18n, key: string, fallback: string): string {
  return i18n.exists(key) ? (t as unknown as (k: string) => string)(key) : fallback;
}

// Codes such as "staff.added" or "task.status" contain i18next's key separator.
const asKey = (code: string) => code.replace(/\./g, '_');

/** An audit event in the reader's language: what was done, to what, which fields. */
export function auditWords(t: TFunction, i18n: I18n, event: AuditEventDto): { action: string; entity: string; fields: string } {
  return {
    action: translated(t, i18n, `audit.actions.${asKey(event.action)}`, event.action),
    entity: translated(t, i18n, `audit.entities.${asKey(event.entityType)}`, event.entityType),
    fields: event.fields.map((f) => translated(t, i18n, `audit.fieldNames.${asKey(f)}`, f)).join(', '),
  };
}
