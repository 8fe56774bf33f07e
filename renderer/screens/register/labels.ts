/** Small helpers the register's screens share: texts in the UI language, today's date. */
import { currentLanguage } from '../../i18n';
import { localDay } from '../../../shared/rules/dates';

/** The English or French variant of a bilingual register text, following the UI language. */
export function inUiLanguage(en: string | null, fr: string | null): string | null {
  return currentLanguage() === 'fr' ? (fr ?? en) : (en ?? fr);
}

/** Today in the secretariat's own calendar (not UTC), as the core means it. */
export const today = (): string => localDay(new Date());

/** "contact details, e-mail" → ["contact details", "e-mail"]: categories are typed as a list. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
