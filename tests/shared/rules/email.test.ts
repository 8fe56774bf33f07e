/**
 * E-mail rules (issue 3: one primary e-mail per contact, duplicates warned by e-mail,
 * imports matched by e-mail). Pragmatic validation: what a secretariat meets in
 * Mailchimp, Google Forms and Azavista exports, plus internationalised addresses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailKey, normaliseEmail, sameEmail, validateEmail } from '../../../shared/rules/email';

describe('normaliseEmail', () => {
  it.each([
    ['jean.dupont@example.be', 'jean.dupont@example.be'],
    ['  Jean.Dupont@Example.BE  ', 'Jean.Dupont@example.be'],
    ['mailto:Jean@EXAMPLE.be', 'Jean@example.be'],
    ['MAILTO:jean@example.be', 'jean@example.be'],
    ['jean\u200b@example.be\ufeff', 'jean@example.be'],
    ['\u00a0jean@example.be\u00a0', 'jean@example.be'],
    ['José@BÜCHER.de', 'José@bücher.de'],
    ['Jose\u0301@bu\u0308cher.de', 'José@bücher.de'], // decomposed accents become NFC
    ['no-at-sign', 'no-at-sign'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });
});

describe('validateEmail: examples', () => {
  const sixtyThree = 'd'.repeat(63);
  const longDomain = `${sixtyThree}.${sixtyThree}.${sixtyThree}.${'e'.repeat(57)}.be`; // 252 octets
  const tooLongDomain = `${sixtyThree}.${sixtyThree}.${sixtyThree}.${'e'.repeat(59)}.be`; // 254 octets
  it.each([
    'jean.dupont@example.be',
    'Jean.Dupont@Example.BE',
    'a@b.co',
    'first.last+newsletter@sub.example.co.uk',
    "o'brien@example.ie",
    'user_name-1%x@example-domain.eu',
    'josé@bücher.de',
    'user@xn--bcher-kva.de',
    'info@société.fr',
    'contact@example.museum',
    '用户@例子.广告',
    'x@1example.com',
    ` ${'a'.repeat(64)}@example.be `,
    `x@${longDomain}`, // exactly 254 octets
  ])('%j is accepted', (input) => {
    expect(validateEmail(input)).toEqual({ ok: true, email: normaliseEmail(input) });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['jean dupont@example.be', 'spaces'],
    ['jean@example .be', 'spaces'],
    ['jean@exam\tple.be', 'spaces'],
    ['jean.example.be', 'at_sign'],
    ['jean@@example.be', 'at_sign'],
    ['a@b@example.be', 'at_sign'],
    ['jean@example.be;marie@example.be', 'at_sign'],
    ['@example.be', 'local_part'],
    ['.jean@example.be', 'local_part'],
    ['jean.@example.be', 'local_part'],
    ['jean..dupont@example.be', 'local_part'],
    ['jean,dupont@example.be', 'local_part'],
    ['"jean"@example.be', 'local_part'],
    ['<jean@example.be>', 'local_part'],
    [`${'a'.repeat(65)}@example.be`, 'local_part'],
    ['jean@', 'domain'],
    ['jean@example', 'domain'],
    ['jean@.example.be', 'domain'],
    ['jean@example..be', 'domain'],
    ['jean@example.be.', 'domain'],
    ['jean@-example.be', 'domain'],
    ['jean@example-.be', 'domain'],
    ['jean@exa_mple.be', 'domain'],
    ['jean@1.2.3.4', 'domain'],
    ['jean@[192.168.0.1]', 'domain'],
    [`jean@${'d'.repeat(64)}.be`, 'domain'],
    [`j@${tooLongDomain}`, 'domain'],
    [`${'a'.repeat(10)}@${longDomain}`, 'too_long'], // 263 octets in all
  ])('%j is refused: %s', (input, reason) => {
    expect(validateEmail(input)).toEqual({ ok: false, reason });
  });

  it('counts octets, not characters, for the 64-octet local-part limit', () => {
    expect(validateEmail(`${'é'.repeat(32)}@example.fr`).ok).toBe(true); // 64 octets
    expect(validateEmail(`${'é'.repeat(33)}@example.fr`)).toEqual({ ok: false, reason: 'local_part' });
  });
});

describe('emailKey and sameEmail', () => {
  it('treats addresses differing only in case, spacing and prefix as one', () => {
    expect(emailKey(' Jean.Dupont@Example.BE ')).toBe('jean.dupont@example.be');
    expect(sameEmail('Jean.Dupont@Example.BE', 'mailto:jean.dupont@example.be')).toBe(true);
    expect(sameEmail('ÉLODIE@example.fr', 'élodie@EXAMPLE.FR')).toBe(true);
    expect(sameEmail('jean.dupont@example.be', 'jeandupont@example.be')).toBe(false);
    expect(sameEmail('jean@example.be', 'jean@example.fr')).toBe(false);
  });
});

// Generators for well-formed ASCII addresses.
const atomChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_%+-'.split(''));
const atom = fc.string({ unit: atomChar, minLength: 1, maxLength: 12 });
const localPart = fc.array(atom, { minLength: 1, maxLength: 3 }).map((a) => a.join('.'));
const labelChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''));
const label = fc
  .tuple(fc.string({ unit: labelChar, minLength: 1, maxLength: 10 }), fc.boolean(), fc.string({ unit: labelChar, minLength: 1, maxLength: 5 }))
  .map(([a, hyphen, b]) => (hyphen ? `${a}-${b}` : a + b));
const tld = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')), minLength: 2, maxLength: 6 });
const domain = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld).map(([ls, t]) => [...ls, t].join('.'));
const address = fc.tuple(localPart, domain).map(([l, d]) => `${l}@${d}`);

describe('validateEmail: properties', () => {
  it('accepts every well-formed address, with the domain lower-cased and the local part kept', () => {
    fc.assert(
      fc.property(address, (a) => {
        const r = validateEmail(a);
        const [local, dom] = a.split('@') as [string, string];
        expect(r).toEqual({ ok: true, email: `${local}@${dom.toLowerCase()}` });
      }),
      { numRuns: 2000 },
    );
  });

  it('normalising is idempotent and does not change validity', () => {
    fc.assert(
      fc.property(fc.oneof(address, fc.string({ maxLength: 40 })), (a) => {
        const once = normaliseEmail(a);
        expect(normaliseEmail(once)).toBe(once);
        expect(validateEmail(once)).toEqual(validateEmail(a));
      }),
      { numRuns: 2000 },
    );
  });

  it('emailKey ignores case entirely', () => {
    fc.assert(
      fc.property(address, (a) => {
        expect(emailKey(a.toUpperCase())).toBe(emailKey(a.toLowerCase()));
        expect(sameEmail(a, a.toUpperCase())).toBe(true);
      }),
    );
  });

  it('a space, a second @ or a doubled dot inside an address makes it invalid', () => {
    fc.assert(
      fc.property(address, fc.nat(), fc.constantFrom(' ', '\t', '@'), (a, seed, inserted) => {
        const at = 1 + (seed % (a.length - 1)); // inside, not at either end (those are trimmed)
        expect(validateEmail(a.slice(0, at) + inserted + a.slice(at)).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(address, (a) => {
        const dot = a.indexOf('.');
        fc.pre(dot > 0);
        expect(validateEmail(a.slice(0, dot) + '.' + a.slice(dot)).ok).toBe(false);
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const r = validateEmail(s);
        if (r.ok) {
          expect(r.email.split('@')).toHaveLength(2);
          expect(r.email).not.toMatch(/\s/u);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
