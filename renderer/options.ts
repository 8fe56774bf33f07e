/** Choices offered in record forms. Names come from Intl, so they follow the interface language. */
import { currentLanguage, locales } from './i18n';

/** EU member states first, then the countries the network works with most (one row each). */
// prettier-ignore
export const countryCodes = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'AL', 'BA', 'CH', 'GB', 'IS', 'LI', 'MD', 'ME', 'MK', 'NO', 'RS', 'TR', 'UA', 'XK', 'CA', 'US', 'MA', 'TN',
] as const;

export const languageCodes = ['en', 'fr', 'nl', 'de', 'it', 'es', 'pt', 'pl', 'ro', 'el', 'hu', 'cs', 'sv', 'fi', 'da', 'bg', 'hr', 'sk', 'sl', 'lt', 'lv', 'et', 'mt', 'ga'] as const;

function displayName(type: 'region' | 'language', code: string): string {
  try {
    return new Intl.DisplayNames([locales[currentLanguage()]], { type }).of(code) ?? code;
  } catch {
    return code;
  }
}

export const countryName = (code: string | null): string => (code ? displayName('region', code) : '');
export const languageName = (code: string | null): string => (code ? displayName('language', code) : '');

/** Options sorted by their translated name; a value recorded elsewhere (CLI, import) is kept. */
export function sortedOptions(codes: readonly string[], name: (c: string) => string, current?: string | null): Array<{ value: string; label: string }> {
  const all = current && !codes.includes(current) ? [...codes, current] : codes;
  return all.map((value) => ({ value, label: name(value) })).sort((a, b) => a.label.localeCompare(b.label, locales[currentLanguage()]));
}
