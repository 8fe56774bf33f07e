/**
 * Country and language cells as exports write them ("Belgium", "Belgique", "BE", "be";
 * "French", "Français", "fr", "fr-BE") turned into the register's ISO codes. Names come
 * from the ICU data Node ships (Intl.DisplayNames) in English and French.
 */
import { countryCodes } from '../../shared/rules/countries';
import { foldForSearch } from '../../shared/rules/names';

const key = (s: string) =>
  foldForSearch(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

let countries: Map<string, string> | null = null;
let languages: Map<string, string> | null = null;

/** Usual names that are not ICU's display names. */
const COUNTRY_EXTRAS: Record<string, string> = {
  uk: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  usa: 'US',
  'u s a': 'US',
  'united states of america': 'US',
  'etats unis d amerique': 'US',
  holland: 'NL',
  'the netherlands': 'NL',
  'czech republic': 'CZ',
  'republique tcheque': 'CZ',
  'republic of ireland': 'IE',
  'north macedonia': 'MK',
  macedonia: 'MK',
  turkey: 'TR',
  turquie: 'TR',
  'ivory coast': 'CI',
  'cote d ivoire': 'CI',
  russia: 'RU',
  kosovo: 'XK',
};

function countryTable(): Map<string, string> {
  if (countries) return countries;
  const table = new Map<string, string>();
  const names = ['en', 'fr'].map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }));
  for (const code of countryCodes) {
    table.set(code.toLowerCase(), code);
    for (const n of names) {
      const name = n.of(code);
      if (name) table.set(key(name), code);
    }
  }
  for (const [k, code] of Object.entries(COUNTRY_EXTRAS)) table.set(k, code);
  countries = table;
  return table;
}

function languageTable(): Map<string, string> {
  if (languages) return languages;
  const table = new Map<string, string>();
  const names = ['en', 'fr'].map((l) => new Intl.DisplayNames([l], { type: 'language', fallback: 'none' }));
  const own = (code: string) => new Intl.DisplayNames([code], { type: 'language', fallback: 'none' });
  const a = 'a'.charCodeAt(0);
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(a + i, a + j);
      const english = names[0]!.of(code);
      // ICU knows the ISO 639-1 codes; for the rest it gives nothing (fallback none) or the code.
      if (!english || english.toLowerCase() === code) continue;
      table.set(code, code);
      for (const n of names) {
        const name = n.of(code);
        if (name) table.set(key(name), code);
      }
      try {
        const native = own(code).of(code);
        if (native) table.set(key(native), code);
      } catch {
        // No locale data for this language: its own name stays unknown.
      }
    }
  }
  languages = table;
  return table;
}

const YES = new Set([
  'yes',
  'y',
  'true',
  '1',
  'x',
  'checked',
  'ticked',
  'agree',
  'i agree',
  'agreed',
  'accept',
  'accepted',
  'i accept',
  'subscribed',
  'oui',
  'o',
  'vrai',
  'coche',
  'accepte',
  'j accepte',
  'd accord',
  'je suis d accord',
  'inscrit',
  'inscrite',
]);
const NO = new Set(['no', 'n', 'false', '0', 'unchecked', 'not checked', 'decline', 'declined', 'i decline', 'non', 'faux', 'non coche', 'refuse', 'je refuse', 'pas d accord']);

/**
 * A yes/no cell or a ticked box in English or French: "Yes", "Oui", "TRUE", "1", "x",
 * or a form's answer that starts with its yes or no word ("Yes, I agree to…", "Non
 * merci"). Null when the cell says neither.
 */
export function consentAnswer(cell: string): 'yes' | 'no' | null {
  const k = key(cell);
  if (YES.has(k)) return 'yes';
  if (NO.has(k)) return 'no';
  const firstWord = k.split(' ')[0] ?? '';
  if (firstWord === 'yes' || firstWord === 'oui') return 'yes';
  if (firstWord === 'no' || firstWord === 'non') return 'no';
  return null;
}

/** ISO 3166 alpha-2 ("BE"), or null when the cell names no country we know. */
export function countryCode(cell: string): string | null {
  const k = key(cell);
  return k === '' ? null : (countryTable().get(k) ?? null);
}

/** ISO 639-1 ("fr"), or null. Accepts locale tags ("fr-BE", "en_GB"). */
export function languageCode(cell: string): string | null {
  const k = key(cell);
  if (k === '') return null;
  const tag = /^([a-z]{2})(?: [a-z]{2})?$/.exec(k);
  if (tag && languageTable().has(tag[1]!)) return tag[1]!;
  return languageTable().get(k) ?? null;
}
