/**
 * Folding for search and duplicate detection, so that "eric" finds "Éric", "muller"
 * finds "Müller" and "lodz" finds "Łódź". The same function must fold both the indexed
 * text and the query, so it is deterministic and idempotent (folding twice changes
 * nothing).
 */

/**
 * Letters that Unicode does not decompose into base letter + accent, spelled the way
 * people type them on a keyboard without the letter. Applied after lower-casing.
 */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
  ı: 'i',
  ŧ: 't',
  ŋ: 'n',
  ĸ: 'k',
};
const LETTER_FOLD_RE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');

/** Typographic apostrophes and hyphens, so "O’Brien" matches the "O'Brien" people type. */
const APOSTROPHES = /[\u2018\u2019\u02bc\u0060]/g;
const HYPHENS = /[\u2010-\u2015\u2212]/g;

/**
 * NFKD (not NFD) also unfolds compatibility forms: ligatures "ﬁ", full-width letters,
 * "²", "㎒". It runs before lower-casing because some of those forms unfold to capitals
 * ("ℌ" → "H", "ᴬ" → "A"), which would otherwise survive one pass and make a second pass
 * change the result.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}/gu, '')
    .replace(LETTER_FOLD_RE, (c) => LETTER_FOLDS[c] ?? c)
    .replace(APOSTROPHES, "'")
    .replace(HYPHENS, '-')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Duplicate key for a full name: folded, punctuation removed, tokens sorted, so that
 * "Dupont, Jean-Pierre", "jean pierre DUPONT" and "Jean-Pierre Dupont" share one key.
 * Apostrophes join ("O'Brien" = "OBrien"); other punctuation separates words.
 */
export function nameKey(fullName: string): string {
  return foldForSearch(fullName)
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((t) => t !== '')
    .sort()
    .join(' ');
}

/**
 * True when `a` and `b` differ by at most one inserted, deleted or replaced character:
 * the one typo the near-name checks forgive. Linear, since only one edit is allowed.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  // Past the first difference the rest must match, after a replacement (same lengths) or an insertion.
  return short.length === long.length ? short.slice(i + 1) === long.slice(i + 1) : short.slice(i) === long.slice(i + 1);
}

/**
 * Key of an organisation's name: folded, every run of punctuation (hyphens, apostrophes,
 * dots) a single space, so "bruxelles-environnement " and "Bruxelles Environnement" share
 * one. Word order is kept: an organisation's name is a phrase, not a list of names.
 */
export function organisationKey(name: string): string {
  return foldForSearch(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Organisation keys below this many letters are short enough for one edit to make another name ("IMPEL", "IMPAL"). */
const ORGANISATION_TYPO_LETTERS = 8;

/** The words of the shorter of two word lists are all in the longer one, and there are at least two of them. */
function wordsContained(a: readonly string[], b: readonly string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 2 && short.every((w) => long.includes(w));
}

/**
 * Whether two organisation names are probably one organisation written twice: the same
 * key, one typo in a key of at least eight letters, or every word of the shorter one
 * (two words at least: "IMPEL" alone says too little) in the longer one.
 */
export function similarNames(a: string, b: string): boolean {
  const ka = organisationKey(a);
  const kb = organisationKey(b);
  if (ka === '' || kb === '') return false;
  if (ka === kb) return true;
  const letters = Math.min(ka.replace(/ /g, '').length, kb.replace(/ /g, '').length);
  if (letters >= ORGANISATION_TYPO_LETTERS && withinOneEdit(ka, kb)) return true;
  return wordsContained(ka.split(' '), kb.split(' '));
}

/** Words of a person's name shorter than this must be spelt the same: "Marie" and "Maria" are two people. */
const PERSON_TYPO_LETTERS = 6;

/**
 * The words of a person's name for the near-name check: folded, apostrophes joined, a
 * hyphenated name one word ("Marie-Claire" is not "Marie"), other punctuation a separator.
 */
function personWords(fullName: string): string[] {
  return foldForSearch(fullName)
    .replace(/'/g, '')
    .split(/[^\p{L}\p{N}-]+/u)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter((w) => w !== '');
}

/**
 * Whether two people's names are near enough to be one person written twice: every word
 * of the shorter name (two words at least) is a word of the longer one, in any order
 * ("Marie Dupont" and "Marie Anne Dupont"), one of them allowed one typo if both spellings
 * have six letters or more ("Dupont-Moretti" and "Dupont-Moreti"). Names of two words or
 * more with the same nameKey are near too ("Jean Pierre Dupont" and "Jean-Pierre Dupont").
 */
export function similarPersonNames(a: string, b: string): boolean {
  const ka = nameKey(a);
  if (ka.includes(' ') && ka === nameKey(b)) return true;
  const wa = personWords(a);
  const wb = personWords(b);
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  if (short.length < 2) return false;
  const left = [...long];
  const unmatched = short.filter((w) => {
    const at = left.indexOf(w);
    if (at >= 0) left.splice(at, 1);
    return at < 0;
  });
  if (unmatched.length !== 1) return unmatched.length === 0;
  const typed = unmatched[0]!;
  return left.some((w) => Math.min(w.length, typed.length) >= PERSON_TYPO_LETTERS && withinOneEdit(w, typed));
}
