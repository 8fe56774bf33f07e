import type { TFunction, i18n as I18n } from 'i18next';
import type { AuditAboutDto, AuditBreakCode, AuditEventDto, AuditVerifyDto } from '../shared/dto/index';
import { formatDateMinute, formatDay, formatNumber } from './format';

/** Every code the core writes has words (tests/i18n/audit-words.test.ts); a vault from a newer version may hold codes this one does not know, shown as they are. */
function translated(t: TFunction, i18n: I18n, key: string, fallback: string, values?: Record<string, string>): string {
  return i18n.exists(key) ? (t as unknown as (k: string, v?: Record<string, string>) => string)(key, values) : fallback;
}

// Codes such as "staff.added" or "task.status" contain i18next's key separator.
const asKey = (code: string) => code.replace(/\./g, '_');

export const actionWords = (t: TFunction, i18n: I18n, action: string) => translated(t, i18n, `audit.actions.${asKey(action)}`, action);
export const entityWords = (t: TFunction, i18n: I18n, type: string) => translated(t, i18n, `audit.entities.${asKey(type)}`, type);

/** An audit event in the reader's language: what was done, to what, which fields. */
export function auditWords(t: TFunction, i18n: I18n, event: AuditEventDto): { action: string; entity: string; fields: string } {
  return {
    action: actionWords(t, i18n, event.action),
    entity: entityWords(t, i18n, event.entityType),
    fields: event.fields.map((f) => translated(t, i18n, `audit.fieldNames.${asKey(f)}`, f)).join(', '),
  };
}

/** What an event is about, as a person says it: a name looked up today, never one kept in the log. */
export function aboutWords(t: TFunction, i18n: I18n, about: AuditAboutDto): string {
  const type = entityWords(t, i18n, about.type);
  switch (about.state) {
    case 'erased':
      return t('audit.about.erased');
    case 'anonymised':
      return t('audit.about.anonymised');
    case 'merged':
      return about.name ? t('audit.about.merged', { name: about.name }) : t('audit.about.mergedUnnamed');
    case 'gone':
      return t('audit.about.gone', { type });
    case 'none':
      return type;
    case 'named':
      break;
  }
  const name = about.name ?? '';
  switch (about.type) {
    case 'rights_request': {
      const words = { type: translated(t, i18n, `requests.types.${about.detail}`, about.detail ?? ''), day: about.day ? formatDay(about.day, false) : '' };
      return about.name ? t('audit.about.requestOf', { ...words, name }) : t('audit.about.request', words);
    }
    case 'policy_version':
      return t('audit.about.policy', { version: name, language: about.detail ?? '' });
    case 'backup':
      return t('audit.about.backup', { name });
    default:
      return about.day ? t('audit.about.dated', { name, day: formatDay(about.day, false) }) : name;
  }
}

/** The chain check in words: how many events are intact, or where it broke, why, and what that means. */
export function verifyWords(t: TFunction, i18n: I18n, v: AuditVerifyDto): string {
  if (v.intact || !v.firstBroken) return t('audit.intactWords', { count: v.events, formattedCount: formatNumber(v.events) });
  const b = v.firstBroken;
  const reason = translated(t, i18n, `audit.breaks.${b.code satisfies AuditBreakCode}`, b.reason);
  return t('audit.brokenWords', { seq: formatNumber(b.seq), when: b.at ? t('audit.brokenWhen', { when: formatDateMinute(b.at) }) : '', reason });
}
