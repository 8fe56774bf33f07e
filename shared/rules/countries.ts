/**
 * The countries Registre knows: ISO 3166-1 alpha-2 as libphonenumber's metadata lists
 * them (so every known country also has its phone numbering), plus Kosovo's XK, which the
 * EU and SEPA use although ISO has not assigned it.
 */
import { getCountries } from 'libphonenumber-js/max';

export const countryCodes: ReadonlySet<string> = new Set<string>([...getCountries(), 'XK']);

export const isCountryCode = (code: string): boolean => countryCodes.has(code);
