/**
 * IBAN and BIC checks for the `bank` sensitive extra (reimbursements).
 *
 * An IBAN is checked for shape, a known country, that country's length and the
 * ISO 13616 / ISO 7064 mod-97-10 checksum. National BBAN structures and national check
 * digits are not checked: the checksum already catches every single-character typo and
 * every adjacent swap of two digits or two letters, and a wrong structure table would
 * reject real accounts, which is worse than letting a rare typo through.
 */

/**
 * Total IBAN length per country, from the SWIFT IBAN registry (ISO 13616). Territories
 * that use their parent's code (Åland → FI, Guernsey/Jersey/Isle of Man → GB, French
 * overseas departments → FR) are covered by the parent.
 */
// Ten countries a row, as the registry is read.
// prettier-ignore
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27,
  BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28,
  EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27,
  JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25,
  MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24,
  SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23,
  TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/**
 * Countries in the SEPA schemes (EU, EEA, CH, GB, the micro-states, and the four
 * countries that joined in 2024–2025). Reimbursements outside SEPA need a different
 * transfer, so the UI can warn; validity does not depend on it.
 */
// Grouped as the comment says.
// prettier-ignore
const SEPA_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
  'IS', 'LI', 'NO', 'CH', 'GB', 'GI', 'AD', 'MC', 'SM', 'VA', 'AL', 'MD', 'ME', 'MK',
]);

export type IbanResult = { ok: true; iban: string; country: string } | { ok: false; reason: 'format' | 'country' | 'length' | 'checksum' };

/**
 * Electronic form: no spaces, dashes or dots, upper case. A leading "IBAN" label (as
 * printed on statements and copied with the number, "IBAN: BE71…") is dropped; no
 * country code is "IB", so this never eats a real number.
 */
export function normaliseIban(input: string): string {
  const compact = input.replace(/[\s\-.\u200b-\u200d\ufeff]/g, '').toUpperCase();
  return compact.replace(/^IBAN:?/, '');
}

/** Value of one IBAN character in the mod-97 expansion: 0-9 stay, A=10 … Z=35. */
function charValue(code: number): number {
  return code <= 57 ? code - 48 : code - 55;
}

/**
 * Remainder mod 97 of the decimal number obtained by replacing letters with 10…35,
 * computed digit by digit so it never needs more than a double's exact integer range.
 * Input must be [0-9A-Z] only.
 */
export function mod97(alnum: string): number {
  let r = 0;
  for (let i = 0; i < alnum.length; i++) {
    const v = charValue(alnum.charCodeAt(i));
    r = v >= 10 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
  }
  return r;
}

/** The two check digits for a country and BBAN (ISO 13616: 98 − (BBAN+country+"00") mod 97). */
export function ibanCheckDigits(country: string, bban: string): string {
  const cd = 98 - mod97(bban + country + '00');
  return cd < 10 ? `0${cd}` : String(cd);
}

export function validateIban(input: string): IbanResult {
  const iban = normaliseIban(input);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban)) return { ok: false, reason: 'format' };
  const country = iban.slice(0, 2);
  const length = IBAN_LENGTHS[country];
  if (length === undefined) return { ok: false, reason: 'country' };
  if (iban.length !== length) return { ok: false, reason: 'length' };
  // Check digits 00, 01 and 99 are never issued (98 − r is always 02…98) but would
  // still satisfy the remainder test, so they are refused explicitly.
  const cd = iban.slice(2, 4);
  if (cd === '00' || cd === '01' || cd === '99') return { ok: false, reason: 'checksum' };
  if (mod97(iban.slice(4) + iban.slice(0, 4)) !== 1) return { ok: false, reason: 'checksum' };
  return { ok: true, iban, country };
}

export function isSepaCountry(country: string): boolean {
  return SEPA_COUNTRIES.has(country.toUpperCase());
}

function groupsOfFour(s: string): string {
  return s.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Print form: normalised, in groups of four ("BE71 0961 2345 6769"). */
export function formatIban(input: string): string {
  return groupsOfFour(normaliseIban(input));
}

const MASK = '•';

/**
 * Masked print form for lists: country, check digits and the last four characters stay,
 * everything else becomes "•" in place, so the masked and revealed forms line up
 * ("BE71 •••• •••• 6769"). A value too short to have a hidden middle is masked whole.
 */
export function maskIban(input: string): string {
  const iban = normaliseIban(input);
  if (iban.length <= 8) return groupsOfFour(MASK.repeat(iban.length));
  return groupsOfFour(iban.slice(0, 4) + MASK.repeat(iban.length - 8) + iban.slice(-4));
}

export type BicResult = { ok: true; bic: string } | { ok: false; reason: 'format' | 'length' };

/**
 * ISO 9362 BIC: 4-character party prefix, 2-letter country, 2-character location,
 * optional 3-character branch. ISO 9362:2014 allows digits in the prefix, so it is not
 * restricted to letters.
 */
export function validateBic(input: string): BicResult {
  const bic = input.replace(/[\s\u200b-\u200d\ufeff]/g, '').toUpperCase();
  if (bic.length !== 8 && bic.length !== 11) return { ok: false, reason: 'length' };
  if (!/^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) return { ok: false, reason: 'format' };
  return { ok: true, bic };
}
