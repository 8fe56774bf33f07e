/**
 * Phone numbers are stored in E.164 ("+3222991111") and shown in national or
 * international format. Parsing and validation are libphonenumber-js with the "max"
 * metadata: "min" only checks lengths, so "+32 2 199 11 11" (no such Brussels range)
 * would pass; "max" checks the number ranges of each type too.
 */
import { isSupportedCountry, parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max';

export type PhoneProblem = 'empty' | 'not_a_number' | 'country' | 'too_short' | 'too_long' | 'invalid';

/**
 * `ext` is set when the input carried an extension ("… ext. 12", "… x12"): E.164 has no
 * room for one, so the caller decides whether to keep it elsewhere or refuse it.
 */
export type PhoneResult = { ok: true; e164: string; country?: string; ext?: string } | { ok: false; reason: PhoneProblem };

/** `country` is an ISO 3166 alpha-2 code in any case; unknown codes count as none. */
function asCountry(country: string | undefined): CountryCode | undefined {
  if (!country) return undefined;
  const upper = country.trim().toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}

/**
 * Writings seen in address books and exports that the library's strict mode refuses:
 * a "tel:" link, "(+32) 2 …" with the calling code in brackets, and "0032 …" when no
 * default country is known (00 is the international prefix in all of Europe; with a
 * default country the library applies that country's own prefix).
 */
function preClean(input: string, country: CountryCode | undefined): string {
  let text = input.trim().replace(/^tel:/i, '');
  text = text.replace(/^\(\s*\+\s*(\d{1,3})\s*\)/, '+$1');
  if (!country) text = text.replace(/^00(?=\s*[1-9])/, '+');
  return text;
}

const LENGTH_PROBLEMS: Record<string, PhoneProblem> = {
  NOT_A_NUMBER: 'not_a_number',
  INVALID_COUNTRY: 'country',
  TOO_SHORT: 'too_short',
  TOO_LONG: 'too_long',
  INVALID_LENGTH: 'invalid',
};

/**
 * Parse what a person typed (or an import cell) into E.164. National numbers need
 * `defaultCountry` (the contact's country); international ones ignore it. Strict:
 * surrounding text ("call +32 … after 5pm") is refused rather than guessed around.
 */
export function normalisePhone(input: string, defaultCountry?: string): PhoneResult {
  const country = asCountry(defaultCountry);
  const text = preClean(input, country);
  if (text === '') return { ok: false, reason: 'empty' };
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: country, extract: false });
  if (parsed?.isValid()) {
    return {
      ok: true,
      e164: parsed.number,
      ...(parsed.country ? { country: parsed.country } : {}),
      ...(parsed.ext ? { ext: parsed.ext } : {}),
    };
  }
  const lengthProblem = validatePhoneNumberLength(text, country);
  return { ok: false, reason: (lengthProblem && LENGTH_PROBLEMS[lengthProblem]) || (parsed ? 'invalid' : 'not_a_number') };
}

/**
 * Display helpers take a stored E.164 value. They never throw: a value that no longer
 * parses (older metadata, hand-edited data) is shown as stored rather than hidden.
 */
export function formatPhoneNational(e164: string): string {
  return parsePhoneNumberFromString(e164, { extract: false })?.formatNational() ?? e164;
}

export function formatPhoneInternational(e164: string): string {
  return parsePhoneNumberFromString(e164, { extract: false })?.formatInternational() ?? e164;
}

/**
 * What a list shows: national format for numbers of the secretariat's own country,
 * international for the rest, since "06 12 34 56 78" alone does not say it is French.
 */
export function formatPhoneForDisplay(e164: string, homeCountry: string): string {
  const parsed = parsePhoneNumberFromString(e164, { extract: false });
  if (!parsed) return e164;
  return parsed.country === homeCountry.trim().toUpperCase() ? parsed.formatNational() : parsed.formatInternational();
}
