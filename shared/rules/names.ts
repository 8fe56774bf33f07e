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
