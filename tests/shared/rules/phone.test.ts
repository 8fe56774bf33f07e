/**
 * Phone rules (issue 3: "phones validated, stored E.164, shown national"). The
 * examples are the ways Belgian, French and German numbers are written on business
 * cards, e-mail signatures and registration forms; the properties use the library's
 * own example numbers for every country it knows.
 */
import fc from 'fast-check';
import examples from 'libphonenumber-js/examples.mobile.json';
import { describe, expect, it } from 'vitest';
import { formatPhoneForDisplay, formatPhoneInternational, formatPhoneNational, normalisePhone } from '../../../shared/rules/phone';

describe('normalisePhone: how people write numbers', () => {
  const valid: Array<[string, string | undefined, string]> = [
    // Belgium
    ['+32 2 299 11 11', undefined, '+3222991111'],
    ['02 299 11 11', 'BE', '+3222991111'],
    ['02/299.11.11', 'BE', '+3222991111'],
    ['+32 (0)2 299 11 11', undefined, '+3222991111'],
    ['(+32) 2 299 11 11', undefined, '+3222991111'],
    ['+32.2.299.11.11', undefined, '+3222991111'],
    ['0032 2 299 11 11', undefined, '+3222991111'],
    ['0032 2 299 11 11', 'FR', '+3222991111'],
    ['0470 12 34 56', 'BE', '+32470123456'],
    ['0470/12.34.56', 'BE', '+32470123456'],
    ['+32 470 12 34 56', 'DE', '+32470123456'],
    ['0800 12 345', 'BE', '+3280012345'],
    ['tel:+32-2-299-11-11', undefined, '+3222991111'],
    ['02 299 11 11', 'be', '+3222991111'],
    // France
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['06.12.34.56.78', 'FR', '+33612345678'],
    ['+33 (0)6 12 34 56 78', undefined, '+33612345678'],
    ['+33 6 12 34 56 78', 'BE', '+33612345678'],
    ['01 23 45 67 89', 'FR', '+33123456789'],
    ['0033 1 23 45 67 89', 'BE', '+33123456789'],
    // Germany
    ['030 123456', 'DE', '+4930123456'],
    ['030/1234567', 'DE', '+49301234567'],
    ['+49 (0)30 1234567', undefined, '+49301234567'],
    ['01512 3456789', 'DE', '+4915123456789'],
    ['+49 1512 3456789', undefined, '+4915123456789'],
    ['+49-151-23456789', undefined, '+4915123456789'],
    // Full-width digits typed with an East Asian input method
    ['+32 ２ ２９９ １１ １１', undefined, '+3222991111'],
  ];
  it.each(valid)('%j (default %s) → %s', (input, country, e164) => {
    const r = normalisePhone(input, country);
    expect(r.ok && r.e164).toBe(e164);
  });

  it('reports the country the number belongs to, not the default', () => {
    expect(normalisePhone('+33 6 12 34 56 78', 'BE')).toEqual({ ok: true, e164: '+33612345678', country: 'FR' });
  });

  it('keeps an extension apart, since E.164 cannot hold one', () => {
    for (const input of ['+32 2 299 11 11 ext. 12', '+32 2 299 11 11 x12', '+32 2 299 11 11 #12']) {
      expect(normalisePhone(input)).toEqual({ ok: true, e164: '+3222991111', country: 'BE', ext: '12' });
    }
  });

  const invalid: Array<[string, string | undefined, string]> = [
    ['', 'BE', 'empty'],
    ['   ', 'BE', 'empty'],
    ['abc', 'BE', 'not_a_number'],
    ['+', undefined, 'not_a_number'],
    ['call +32 2 299 11 11 after 5pm', undefined, 'not_a_number'],
    ['+32 2 299 11 11 (office)', undefined, 'not_a_number'],
    ['02 299 11 11', undefined, 'country'],
    ['02 299 11 11', 'ZZ', 'country'],
    ['+999 123456', undefined, 'country'],
    ['0470', 'BE', 'too_short'],
    ['+32 2 299 11 11 11 11 11 11 11', undefined, 'too_long'],
    ['+32 2 199 11 11', undefined, 'invalid'], // right length, no such Brussels range
    // One digit missing: the library then keeps the leading 0 as part of a 9-digit
    // number, which has a possible length but is in no range, hence "invalid".
    ['06 12 34 56 7', 'FR', 'invalid'],
    ['06 12 34 56 789', 'FR', 'too_long'],
  ];
  it.each(invalid)('%j (default %s) is refused: %s', (input, country, reason) => {
    expect(normalisePhone(input, country)).toEqual({ ok: false, reason });
  });
});

describe('formatting a stored number', () => {
  it.each([
    ['+3222991111', '02 299 11 11', '+32 2 299 11 11'],
    ['+32470123456', '0470 12 34 56', '+32 470 12 34 56'],
    ['+33612345678', '06 12 34 56 78', '+33 6 12 34 56 78'],
    ['+33123456789', '01 23 45 67 89', '+33 1 23 45 67 89'],
    ['+4930123456', '030 123456', '+49 30 123456'],
    ['+4915123456789', '01512 3456789', '+49 1512 3456789'],
  ])('%s is shown as %j / %j', (e164, national, international) => {
    expect(formatPhoneNational(e164)).toBe(national);
    expect(formatPhoneInternational(e164)).toBe(international);
  });

  it('shows home-country numbers nationally and foreign ones internationally', () => {
    expect(formatPhoneForDisplay('+3222991111', 'BE')).toBe('02 299 11 11');
    expect(formatPhoneForDisplay('+3222991111', 'be')).toBe('02 299 11 11');
    expect(formatPhoneForDisplay('+33612345678', 'BE')).toBe('+33 6 12 34 56 78');
  });

  it('shows a value that does not parse as stored instead of throwing', () => {
    for (const junk of ['', 'n/a', '+']) {
      expect(formatPhoneNational(junk)).toBe(junk);
      expect(formatPhoneInternational(junk)).toBe(junk);
      expect(formatPhoneForDisplay(junk, 'BE')).toBe(junk);
    }
  });
});

/** The library's example mobile number of every country, as E.164. */
const exampleNumbers: Array<[string, string]> = Object.entries(examples as Record<string, string>).flatMap(([country, national]) => {
  const r = normalisePhone(national, country);
  return r.ok ? [[country, r.e164] as [string, string]] : [];
});

describe('normalisePhone: properties', () => {
  it("accepts the library's example number for (almost) every country", () => {
    // A handful of territories share a calling code and their national form is not
    // unique; everything else must parse.
    expect(exampleNumbers.length).toBeGreaterThan(Object.keys(examples).length - 10);
  });

  it('both display forms of a stored number parse back to it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...exampleNumbers), ([country, e164]) => {
        const intl = normalisePhone(formatPhoneInternational(e164));
        expect(intl.ok && intl.e164).toBe(e164);
        const national = normalisePhone(formatPhoneNational(e164), country);
        expect(national.ok && national.e164).toBe(e164);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent: a stored E.164 value normalises to itself', () => {
    fc.assert(
      fc.property(fc.constantFrom(...exampleNumbers), ([, e164]) => {
        const r = normalisePhone(e164);
        expect(r.ok && r.e164).toBe(e164);
      }),
      { numRuns: 500 },
    );
  });

  it('ignores the separators people put between digits', () => {
    const separator = fc.constantFrom('', ' ', '-', '.', '/', '  ');
    fc.assert(
      fc.property(fc.constantFrom(...exampleNumbers), fc.array(separator, { minLength: 20, maxLength: 20 }), ([country, e164], seps) => {
        const digits = formatPhoneNational(e164).replace(/\D/g, '');
        const noisy = [...digits].map((d, i) => (i === 0 ? d : seps[i % seps.length] + d)).join('');
        const r = normalisePhone(noisy, country);
        expect(r.ok && r.e164).toBe(e164);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, and anything accepted is E.164 and round-trips', () => {
    const countries = fc.constantFrom<string | undefined>(undefined, 'BE', 'FR', 'DE', 'NL', 'LU', 'GB', 'US', 'xx');
    const phoneish = fc.string({ unit: fc.constantFrom(...'0123456789 +-()./'.split('')), maxLength: 20 });
    fc.assert(
      fc.property(fc.oneof(phoneish, fc.string({ maxLength: 30 })), countries, (input, country) => {
        const r = normalisePhone(input, country);
        if (!r.ok) return;
        // E.164: a country code, then at most 15 digits in all (German numbers can be short: +49 1640).
        expect(r.e164).toMatch(/^\+[1-9]\d{1,14}$/);
        const again = normalisePhone(formatPhoneInternational(r.e164));
        expect(again.ok && again.e164).toBe(r.e164);
      }),
      { numRuns: 3000 },
    );
  });
});
