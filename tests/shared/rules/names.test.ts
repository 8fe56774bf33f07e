/**
 * Search folding and name keys (issue 3: "eric" finds "Éric", "muller" finds "Müller";
 * likely duplicates by normalised name). Properties run on generated Latin-1 and Latin
 * Extended-A text, the scripts of the secretariat's European contacts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, nameKey, organisationKey, similarNames, similarPersonNames, withinOneEdit } from '../../../shared/rules/names';

/** Printable Latin-1 Supplement and Latin Extended-A, plus ASCII. */
const latinChar = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0x17f })).map((c) => String.fromCharCode(c));
const latinText = fc.string({ unit: latinChar, maxLength: 40 });
const combiningMark = fc.integer({ min: 0x300, max: 0x36f }).map((c) => String.fromCharCode(c));

describe('foldForSearch: examples', () => {
  it.each([
    ['Éric', 'eric'],
    ['Müller', 'muller'],
    ['MÜLLER', 'muller'],
    ['Straße', 'strasse'],
    ['STRASSE', 'strasse'],
    ['Łódź', 'lodz'],
    ['Søren Kierkegaard', 'soren kierkegaard'],
    ['Ærø', 'aero'],
    ['Œuvre', 'oeuvre'],
    ['Đorđević', 'dordevic'],
    ['Þórunn', 'thorunn'],
    ['Guðrún', 'gudrun'],
    ['Işık', 'isik'],
    ['İstanbul', 'istanbul'],
    ['François-Xavier', 'francois-xavier'],
    ['Jean‑Pierre', 'jean-pierre'], // non-breaking hyphen
    ['O’Brien', "o'brien"],
    ['Ｍüller', 'muller'], // full-width capital M
    ['ﬁnance', 'finance'], // ligature
    ['ℌ ᴬ ㎒', 'h a mhz'], // compatibility forms that unfold to capitals
    ['  Jean \u00a0  Pierre\t ', 'jean pierre'],
    ['Mu\u0308ller', 'muller'], // decomposed input (macOS)
    ['', ''],
  ])('%j → %j', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  it('lets an unaccented, lower-case query find the stored name', () => {
    const stored = foldForSearch('Éric Müller-Łukasiewicz, Société Générale');
    for (const q of ['eric', 'muller', 'lukasiewicz', 'societe generale', 'ÉRIC', 'MULLER-L']) {
      expect(stored.includes(foldForSearch(q)), q).toBe(true);
    }
    expect(stored.includes(foldForSearch('mueller'))).toBe(false);
  });

  it('folds every letter of Latin-1 and Latin Extended-A to plain a–z', () => {
    // Exceptions are letters whose compatibility form keeps a non-letter: "ŉ" is
    // ʼ + n and "ŀ" is l + middle dot.
    const exceptions: Record<string, string> = { ŉ: "'n", Ŀ: 'l·', ŀ: 'l·' };
    for (let c = 0xc0; c <= 0x17f; c++) {
      const ch = String.fromCharCode(c);
      if (ch === '×' || ch === '÷') continue;
      const folded = foldForSearch(ch);
      if (exceptions[ch] !== undefined) expect(folded).toBe(exceptions[ch]);
      else expect(folded, `${ch} U+${c.toString(16)}`).toMatch(/^[a-z]{1,2}$/);
    }
  });
});

describe('foldForSearch: properties', () => {
  it('is idempotent on Latin text', () => {
    fc.assert(
      fc.property(latinText, (s) => {
        const once = foldForSearch(s);
        expect(foldForSearch(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent on any Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        const once = foldForSearch(s);
        expect(foldForSearch(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('is case-insensitive on Latin text', () => {
    fc.assert(
      fc.property(latinText, (s) => {
        const f = foldForSearch(s);
        expect(foldForSearch(s.toUpperCase())).toBe(f);
        expect(foldForSearch(s.toLowerCase())).toBe(f);
      }),
      { numRuns: 3000 },
    );
  });

  it('is accent-insensitive: combining marks and precomposition change nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(latinChar, fc.array(combiningMark, { maxLength: 2 })), { maxLength: 20 }), (parts) => {
        const plain = parts.map(([c]) => c).join('');
        const accented = parts.map(([c, marks]) => c + marks.join('')).join('');
        expect(foldForSearch(accented)).toBe(foldForSearch(plain));
        expect(foldForSearch(accented.normalize('NFC'))).toBe(foldForSearch(plain));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves no upper case, no combining mark and no run of spaces', () => {
    fc.assert(
      fc.property(latinText, (s) => {
        const f = foldForSearch(s);
        expect(f).toBe(f.toLowerCase());
        expect(f).not.toMatch(/\p{M}|\s\s|^\s|\s$/u);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('nameKey', () => {
  it('gives one key to the usual writings of one name', () => {
    const key = nameKey('Jean-Pierre Dupont');
    expect(key).toBe('dupont jean pierre');
    for (const variant of ['Dupont, Jean-Pierre', 'DUPONT Jean Pierre', '  jean   pierre dupont ', 'Jean-Pierre DUPONT.', 'Jéan-Pierre Dupont']) {
      expect(nameKey(variant), variant).toBe(key);
    }
    expect(nameKey("O'Brien")).toBe(nameKey('OBrien'));
    expect(nameKey('O’Brien Seán')).toBe(nameKey('sean obrien'));
    expect(nameKey('Müller')).toBe(nameKey('MULLER'));
  });

  it('keeps different people apart', () => {
    expect(nameKey('Jean Dupont')).not.toBe(nameKey('Jeanne Dupont'));
    expect(nameKey('Jean-Pierre Dupont')).not.toBe(nameKey('Pierre Dupont'));
    expect(nameKey('Anne Marie')).not.toBe(nameKey('Anne-Marie Marie'));
  });

  it('is empty for a name with no letters or digits', () => {
    expect(nameKey('')).toBe('');
    expect(nameKey(' - , . ')).toBe('');
  });

  const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzéèüößłøæ'.split('')), minLength: 1, maxLength: 8 });

  it('ignores word order, case and the punctuation between words', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.array(fc.constantFrom(' ', '-', ', ', '  ', ' . '), { minLength: 4, maxLength: 4 }), (words, seps) => {
        const plain = words.join(' ');
        const reversed = [...words].reverse().map((w, i) => (i % 2 ? w.toUpperCase() : w));
        const punctuated = reversed.map((w, i) => (i === 0 ? w : seps[i]! + w)).join('');
        expect(nameKey(punctuated)).toBe(nameKey(plain));
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent and made of sorted folded tokens', () => {
    fc.assert(
      fc.property(latinText, (s) => {
        const key = nameKey(s);
        expect(nameKey(key)).toBe(key);
        const tokens = key === '' ? [] : key.split(' ');
        expect([...tokens].sort()).toEqual(tokens);
        for (const t of tokens) expect(t).toMatch(/^[\p{L}\p{N}]+$/u);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('withinOneEdit', () => {
  it.each([
    ['dupont', 'dupont', true],
    ['dupont', 'dupond', true],
    ['moretti', 'moreti', true],
    ['moreti', 'moretti', true],
    ['environnement', 'environnment', true],
    ['abc', 'xabc', true],
    ['abc', 'abcx', true],
    ['', 'a', true],
    ['dupont', 'dupnot', false],
    ['dupont', 'dupo', false],
    ['abc', 'xyz', false],
  ])('%j ~ %j: %s', (a, b, near) => {
    expect(withinOneEdit(a, b)).toBe(near);
  });
});

describe('organisationKey and similarNames', () => {
  it('gives one key to the usual writings of one organisation', () => {
    expect(organisationKey('Bruxelles Environnement')).toBe('bruxelles environnement');
    for (const variant of ['bruxelles-environnement ', 'BRUXELLES  ENVIRONNEMENT', 'Bruxelles—Environnement.', 'Bruxélles Environnement']) {
      expect(organisationKey(variant), variant).toBe('bruxelles environnement');
    }
  });

  it.each([
    ['Bruxelles Environnement', 'bruxelles-environnement ', true],
    ['Bruxelles Environnement', 'Bruxelles Environnment', true],
    ['Bruxelles Environnement', 'BruxellesEnvironnement', true],
    ['Environment Agency Austria', 'Environment Agency', true],
    ['Agence wallonne de l’air et du climat', 'Agence wallonne du climat', true],
    ['IMPEL', 'IMPEL network', false], // one word says too little
    ['IMPEL', 'IMPAL', false], // a typo in a short name makes another name
    ['Umweltbundesamt', 'Umweltbundesamt Österreich', false],
    ['European Environment Agency', 'European Environmental Bureau', false],
    ['Bruxelles Environnement', 'Brussels Environment', false],
    ['', '', false],
  ])('%j ~ %j: %s', (a, b, similar) => {
    expect(similarNames(a, b)).toBe(similar);
    expect(similarNames(b, a)).toBe(similar);
  });
});

describe('similarPersonNames', () => {
  it.each([
    ['Marie Dupont', 'Marie Anne Dupont', true],
    ['Marie Dupont', 'dupont, MARIE', true],
    ['Éric Dupont-Moretti', 'Eric Dupont-Moreti', true],
    ['Jean Pierre Dupont', 'Jean-Pierre Dupont', true], // the same name key
    ['Sofia Lindqvist', 'Sofia Lindquist Berg', true],
    ['Marie Dupont', 'Marie-Claire Dupont', false], // a hyphenated first name is one word
    ['Marie Dupont', 'Maria Dupont', false], // no typo in a short word
    ['Marie Dupont', 'Marie Dupond', true],
    ['Jeanne Dupont', 'Jeanny Dupond', false], // one typo, not two
    ['Dupont', 'Dupont Marie', false], // one word says too little
    ['Dupont', 'dupont', false],
    ['Marie Dupont', 'Anne Martin', false],
  ])('%j ~ %j: %s', (a, b, similar) => {
    expect(similarPersonNames(a, b)).toBe(similar);
    expect(similarPersonNames(b, a)).toBe(similar);
  });
});
