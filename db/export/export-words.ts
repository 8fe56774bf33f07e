/**
 * The words of export files written for people (register CSVs in the "people" form, the
 * bundle's CSVs), read from the app's own word lists (shared/i18n) through one i18next
 * instance per language, so the files say what the screens say.
 */
import i18next, { type TFunction } from 'i18next';
import en from '../../shared/i18n/en.json';
import fr from '../../shared/i18n/fr.json';
import type { SummaryLanguage } from './summary-words';

export interface ExportWords {
  /** The key's words, or `fallback` when the lists have none (a code added later, a value typed by a user). */
  word(key: string, fallback: string): string;
  /** A column's title (`exports.columns.<name>`), the name itself when it has none. */
  column(name: string): string;
  /** The key's words with its `{{placeholders}}` filled (reports' sentences). */
  fill(key: string, values?: Record<string, string | number>): string;
}

const instances = new Map<SummaryLanguage, ExportWords>();

export function exportWords(language: SummaryLanguage): ExportWords {
  let words = instances.get(language);
  if (!words) {
    const i18n = i18next.createInstance();
    // Synchronous: the resources are in memory, so the words are ready when init returns.
    void i18n.init({
      lng: language,
      fallbackLng: 'en',
      resources: { en: { translation: en }, fr: { translation: fr } },
      initAsync: false,
      showSupportNotice: false,
      interpolation: { escapeValue: false },
    });
    const t = i18n.t.bind(i18n) as TFunction;
    const word = (key: string, fallback: string) => (i18n.exists(key) ? String(t(key as never)) : fallback);
    const fill = (key: string, values: Record<string, string | number> = {}) => t(key as never, values as never) as unknown as string;
    words = { word, column: (name) => word(`exports.columns.${name}`, name), fill };
    instances.set(language, words);
  }
  return words;
}

/** The office's clock: the secretariat works in Brussels, whatever the computer's zone. */
const OFFICE_TIME_ZONE = 'Europe/Brussels';
const dayTime = new Intl.DateTimeFormat('en-GB', { timeZone: OFFICE_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * A stored date as people read it: a calendar day 2026-12-02 → "02/12/2026"; an instant
 * 2026-12-02T13:05:00.000Z → "02/12/2026 14:05", Brussels time. Anything else is kept.
 */
export function peopleDate(value: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return value;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  const p = Object.fromEntries(dayTime.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

const displayNames = new Map<string, Intl.DisplayNames>();

/** Countries and languages by name in the reader's language (BE → Belgium / Belgique), codes kept when unknown. */
export function displayName(language: string, type: 'region' | 'language', code: string | null): string | null {
  if (!code) return null;
  const key = `${language}:${type}`;
  let names = displayNames.get(key);
  if (!names) displayNames.set(key, (names = new Intl.DisplayNames([language], { type })));
  try {
    return names.of(type === 'region' ? code.toUpperCase() : code) ?? code;
  } catch {
    return code;
  }
}
