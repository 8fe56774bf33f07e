/**
 * IBAN / BIC rules (issue 3, DESIGN §5 `bank` extra). Property tests generate IBANs for
 * every country in the table by computing check digits, then show that the validator
 * catches the typos ISO 7064 mod-97-10 is proven to catch. Example tables use
 * published specimen IBANs from the SWIFT registry and banks' documentation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IBAN_LENGTHS, formatIban, ibanCheckDigits, isSepaCountry, maskIban, mod97, normaliseIban, validateBic, validateIban } from '../../../shared/rules/iban';

const DIGITS = '0123456789'.split('');
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const ALNUM = [...DIGITS, ...LETTERS];
const COUNTRIES = Object.keys(IBAN_LENGTHS);

const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** Independent reference: expand letters to 10…35 and let BigInt do the division. */
function bigIntMod97(alnum: string): number {
  const expanded = [...alnum].map((c) => (isDigit(c) ? c : String(c.charCodeAt(0) - 55))).join('');
  return Number(BigInt(expanded) % 97n);
}

const ibanArb = fc
  .constantFrom(...COUNTRIES)
  .chain((country) =>
    fc.string({ unit: fc.constantFrom(...ALNUM), minLength: IBAN_LENGTHS[country]! - 4, maxLength: IBAN_LENGTHS[country]! - 4 }).map((bban) => country + ibanCheckDigits(country, bban) + bban),
  );

/** A different character of the same class (digit for digit, letter for letter). */
function sameClassReplacement(c: string, pick: number): string {
  const pool = (isDigit(c) ? DIGITS : LETTERS).filter((x) => x !== c);
  return pool[pick % pool.length]!;
}

describe('validateIban: real-world specimens', () => {
  const valid: Array<[string, string]> = [
    ['BE71 0961 2345 6769', 'BE'],
    ['BE68 5390 0754 7034', 'BE'],
    ['FR14 2004 1010 0505 0001 3M02 606', 'FR'],
    ['FR76 3000 6000 0112 3456 7890 189', 'FR'],
    ['DE89 3704 0044 0532 0130 00', 'DE'],
    ['NL91 ABNA 0417 1643 00', 'NL'],
    ['LU28 0019 4006 4475 0000', 'LU'],
    ['GB29 NWBK 6016 1331 9268 19', 'GB'],
    ['IT60 X054 2811 1010 0000 0123 456', 'IT'],
    ['ES91 2100 0418 4502 0005 1332', 'ES'],
    ['AT61 1904 3002 3457 3201', 'AT'],
    ['CH93 0076 2011 6238 5295 7', 'CH'],
    ['PL61 1090 1014 0000 0712 1981 2874', 'PL'],
    ['PT50 0002 0123 1234 5678 9015 4', 'PT'],
    ['IE29 AIBK 9311 5212 3456 78', 'IE'],
    ['NO93 8601 1117 947', 'NO'],
    ['MT84 MALT 0110 0001 2345 MTLC AST0 01S', 'MT'],
    ['DK50 0040 0440 1162 43', 'DK'],
    ['FI21 1234 5600 0007 85', 'FI'],
    ['GR16 0110 1250 0000 0001 2300 695', 'GR'],
  ];
  it.each(valid)('%s is a valid %s IBAN', (input, country) => {
    expect(validateIban(input)).toEqual({ ok: true, iban: input.replace(/ /g, ''), country });
  });

  it.each([
    ['be71 0961 2345 6769', 'lower case'],
    ['BE71-0961-2345-6769', 'dashes'],
    ['  BE71\u00a00961\t2345 6769 ', 'odd whitespace'],
    ['IBAN BE71 0961 2345 6769', 'IBAN label'],
    ['IBAN: BE71 0961 2345 6769', 'IBAN: label'],
    ['BE71\u200b0961 2345 6769', 'zero-width space from a web page'],
  ])('%s is accepted (%s)', (input) => {
    expect(validateIban(input)).toEqual({ ok: true, iban: 'BE71096123456769', country: 'BE' });
  });

  const invalid: Array<[string, string]> = [
    ['', 'format'],
    ['BE', 'format'],
    ['BE71', 'format'],
    ['7BE1 0961 2345 6769', 'format'],
    ['BEAB 0961 2345 6769', 'format'],
    ['BE71 0961 2345 676!', 'format'],
    ['BE71 0961 2345 676É', 'format'],
    ['XX71 0961 2345 6769', 'country'],
    ['US64 SVBK US6S 3300 9673 86', 'country'], // the US has no IBANs
    ['BE71 0961 2345 676', 'length'],
    ['BE71 0961 2345 67690', 'length'],
    ['DE89 3704 0044 0532 0130 0', 'length'],
    ['BE71 0961 2345 6768', 'checksum'],
    ['BE17 0961 2345 6769', 'checksum'],
    ['DE89 3704 0044 0532 0130 01', 'checksum'],
    ['FR14 2004 1010 0505 0001 3N02 606', 'checksum'],
    ['GB29 NWBK 6016 1331 9268 91', 'checksum'],
  ];
  it.each(invalid)('%j is refused: %s', (input, reason) => {
    expect(validateIban(input)).toEqual({ ok: false, reason });
  });
});

describe('validateIban: properties', () => {
  it('accepts every IBAN whose check digits were computed, for every country in the table', () => {
    fc.assert(
      fc.property(ibanArb, (iban) => {
        expect(validateIban(iban)).toEqual({ ok: true, iban, country: iban.slice(0, 2) });
      }),
      { numRuns: 2000 },
    );
  });

  it('every country in the table has a length ISO 13616 allows (15–34)', () => {
    for (const [country, length] of Object.entries(IBAN_LENGTHS)) {
      expect(country).toMatch(/^[A-Z]{2}$/);
      expect(length).toBeGreaterThanOrEqual(15);
      expect(length).toBeLessThanOrEqual(34);
    }
  });

  it('accepts the printed, lower-case and dashed forms of a valid IBAN', () => {
    fc.assert(
      fc.property(ibanArb, (iban) => {
        for (const form of [formatIban(iban), iban.toLowerCase(), formatIban(iban).replace(/ /g, '-')]) {
          expect(validateIban(form)).toEqual({ ok: true, iban, country: iban.slice(0, 2) });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every single-character substitution within a class (digit→digit, letter→letter)', () => {
    fc.assert(
      fc.property(ibanArb, fc.nat(), fc.nat(), (iban, posSeed, pick) => {
        const pos = posSeed % iban.length;
        const changed = iban.slice(0, pos) + sameClassReplacement(iban[pos]!, pick) + iban.slice(pos + 1);
        expect(validateIban(changed).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses every adjacent transposition of two different digits or two different letters', () => {
    fc.assert(
      fc.property(ibanArb, fc.nat(), (iban, posSeed) => {
        const pos = posSeed % (iban.length - 1);
        const [a, b] = [iban[pos]!, iban[pos + 1]!];
        fc.pre(a !== b && isDigit(a) === isDigit(b));
        const swapped = iban.slice(0, pos) + b + a + iban.slice(pos + 2);
        expect(validateIban(swapped).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('mod-97 cannot see a letter↔digit swap such as "B1"↔"1B" (known ISO 7064 blind spot)', () => {
    // B expands to "11": "B1" → 111 and "1B" → 111 read the same. Kept as a test so
    // nobody "fixes" the property above by widening it to mixed swaps.
    const bban = '1234567890B123456789A00'; // 23 characters, a French-length BBAN
    const swapped = '12345678901B23456789A00';
    const a = 'FR' + ibanCheckDigits('FR', bban) + bban;
    const b = 'FR' + ibanCheckDigits('FR', swapped) + swapped;
    expect(a.slice(2, 4)).toBe(b.slice(2, 4));
    expect(validateIban(a).ok).toBe(true);
    expect(validateIban(b).ok).toBe(true);
  });

  it('refuses check digits 00, 01 and 99 even where the remainder test would pass', () => {
    // 00 ≡ 97, 01 ≡ 98 and 99 ≡ 02 (mod 97): find BBANs whose real check digits are
    // 97, 98 and 02, then swap in the never-issued alias.
    const aliases: Record<string, string> = { '97': '00', '98': '01', '02': '99' };
    for (const [real, alias] of Object.entries(aliases)) {
      let n = 0;
      let bban = '';
      do bban = String(n++).padStart(12, '0');
      while (ibanCheckDigits('BE', bban) !== real);
      const aliased = `BE${alias}${bban}`;
      expect(validateIban(`BE${real}${bban}`).ok).toBe(true);
      expect(mod97(bban + 'BE' + alias)).toBe(1);
      expect(validateIban(aliased)).toEqual({ ok: false, reason: 'checksum' });
    }
  });

  it('computed check digits are always 02…98', () => {
    fc.assert(
      fc.property(ibanArb, (iban) => {
        const cd = Number(iban.slice(2, 4));
        expect(cd).toBeGreaterThanOrEqual(2);
        expect(cd).toBeLessThanOrEqual(98);
      }),
    );
  });

  it('mod97 agrees with a BigInt reference on any alphanumeric string', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 1, maxLength: 70 }), (s) => {
        expect(mod97(s)).toBe(bigIntMod97(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws, and an accepted value is its own normal form', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = validateIban(s);
        if (r.ok) expect(r.iban).toBe(normaliseIban(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatIban and maskIban', () => {
  it('formats in groups of four', () => {
    expect(formatIban('be71096123456769')).toBe('BE71 0961 2345 6769');
    expect(formatIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(formatIban('NO9386011117947')).toBe('NO93 8601 1117 947');
  });

  it('masks all but country, check digits and the last four, in place', () => {
    expect(maskIban('BE71096123456769')).toBe('BE71 •••• •••• 6769');
    expect(maskIban('BE71 0961 2345 6769')).toBe('BE71 •••• •••• 6769');
    expect(maskIban('DE89370400440532013000')).toBe('DE89 •••• •••• •••• ••30 00');
    expect(maskIban('NO9386011117947')).toBe('NO93 •••• •••7 947');
  });

  it('masks short junk entirely rather than revealing it', () => {
    expect(maskIban('BE71')).toBe('••••');
    expect(maskIban('BE710961')).toBe('•••• ••••');
    expect(maskIban('')).toBe('');
  });

  it('the masked form lines up with the printed form and leaks no middle character', () => {
    fc.assert(
      fc.property(ibanArb, (iban) => {
        const printed = formatIban(iban);
        const masked = maskIban(iban);
        expect(masked.length).toBe(printed.length);
        for (let i = 0; i < printed.length; i++) {
          if (printed[i] === ' ') expect(masked[i]).toBe(' ');
        }
        const compact = masked.replace(/ /g, '');
        expect(compact.slice(0, 4)).toBe(iban.slice(0, 4));
        expect(compact.slice(-4)).toBe(iban.slice(-4));
        expect(compact.slice(4, -4)).toMatch(/^•+$/);
      }),
    );
  });
});

describe('isSepaCountry', () => {
  it('knows the euro area, the EEA and the non-EU SEPA members', () => {
    for (const c of ['BE', 'FR', 'DE', 'NL', 'LU', 'IS', 'NO', 'LI', 'CH', 'GB', 'MC', 'SM', 'VA', 'AD']) {
      expect(isSepaCountry(c)).toBe(true);
    }
    expect(isSepaCountry('be')).toBe(true);
    for (const c of ['TR', 'BR', 'SA', 'UA', 'US']) expect(isSepaCountry(c)).toBe(false);
  });

  it('only names countries that have IBANs', () => {
    for (const c of LETTERS.flatMap((a) => LETTERS.map((b) => a + b))) {
      if (isSepaCountry(c)) expect(IBAN_LENGTHS[c], c).toBeDefined();
    }
  });
});

describe('validateBic', () => {
  it.each(['GEBABEBB', 'GKCCBEBB', 'BBRUBEBB', 'DEUTDEFF', 'DEUTDEFF500', 'BNPAFRPP', 'NWBKGB2L', 'gebabebb', 'GEBA BE BB', 'AXABBE22XXX'])('%s is a valid BIC', (bic) => {
    expect(validateBic(bic)).toEqual({ ok: true, bic: bic.replace(/ /g, '').toUpperCase() });
  });

  it.each([
    ['', 'length'],
    ['GEBABEB', 'length'],
    ['GEBABEBB0', 'length'],
    ['GEBABEBB03', 'length'],
    ['GEBABEBB0366', 'length'],
    ['GEBA12BB', 'format'], // country must be letters
    ['GEBABEB!', 'format'],
    ['GEBABEBÉ', 'format'],
    ['GEBABEBB03!', 'format'],
    ['GEBABEBB-03', 'format'],
  ])('%j is refused: %s', (bic, reason) => {
    expect(validateBic(bic)).toEqual({ ok: false, reason });
  });

  it('accepts every ISO 9362 shape and refuses every other length', () => {
    const alnum = (n: number) => fc.string({ unit: fc.constantFrom(...ALNUM), minLength: n, maxLength: n });
    const letters = (n: number) => fc.string({ unit: fc.constantFrom(...LETTERS), minLength: n, maxLength: n });
    fc.assert(
      fc.property(alnum(4), letters(2), alnum(2), fc.option(alnum(3)), (party, country, location, branch) => {
        const bic = party + country + location + (branch ?? '');
        expect(validateBic(bic)).toEqual({ ok: true, bic });
        expect(validateBic(bic + 'X').ok).toBe(false);
        expect(validateBic(bic.slice(0, -1)).ok).toBe(false);
      }),
    );
  });
});
