/**
 * The European Economic Area: the EU's 27 and Iceland, Liechtenstein, Norway. Personal data
 * sent to a recipient anywhere else is a transfer that needs a safeguard (GDPR Chapter V).
 */
const EEA = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
]); // prettier-ignore

/** A known country outside the EEA (ISO 3166-1 alpha-2, any case); an unknown one is not called a transfer here. */
export const outsideEea = (country: string | null): country is string => country !== null && !EEA.has(country.toUpperCase());
