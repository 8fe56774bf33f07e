/**
 * Which privacy-policy version was in effect on a day, and whether a version's effective
 * date keeps the archive in order (issue 14 §2). Pure: the core, the CLI's checks and the
 * consent dialog's picker all choose with these.
 *
 * A version is in effect from its effective date until the next version of the same
 * language takes effect. Within a language, a higher version number never takes effect
 * before a lower one; two may share a day (a same-day correction: the higher one is the
 * one in effect).
 */

export interface DatedVersion {
  id: string;
  version: number;
  language: string;
  effectiveDate: string;
}

/** The version of each language in effect on `day`, ordered by language. */
export function versionsInEffectOn<T extends DatedVersion>(versions: readonly T[], day: string): T[] {
  const best = new Map<string, T>();
  for (const v of versions) {
    if (v.effectiveDate > day) continue;
    const b = best.get(v.language);
    if (!b || v.effectiveDate > b.effectiveDate || (v.effectiveDate === b.effectiveDate && v.version > b.version)) best.set(v.language, v);
  }
  return [...best.values()].sort((a, b) => a.language.localeCompare(b.language));
}

/**
 * The version shown on `day` to someone reading `languages` (in order of preference): the
 * one in effect in the first language that has one; null when the day comes before every
 * version of those languages (an earlier policy, whose text is not kept).
 */
export function versionShownOn<T extends DatedVersion>(versions: readonly T[], day: string, languages: readonly string[]): T | null {
  const inEffect = versionsInEffectOn(versions, day);
  for (const language of languages) {
    const found = inEffect.find((v) => v.language === language);
    if (found) return found;
  }
  return null;
}

/** Whether `day` comes before every version of these languages. */
export function beforeEveryVersion(versions: readonly DatedVersion[], day: string, languages: readonly string[]): boolean {
  return !versions.some((v) => languages.includes(v.language) && v.effectiveDate <= day);
}

export interface OrderConflict<T> {
  /** The version of the same language the date would put out of order. */
  other: T;
  /** `before`: `other` has a lower number and would take effect later; `after`: a higher number, earlier. */
  side: 'before' | 'after';
}

/**
 * The first version of the same language that `candidate`'s effective date would put out
 * of order, or null. `candidate.id` is left out of the comparison (a date being changed).
 */
export function orderConflict<T extends DatedVersion>(versions: readonly T[], candidate: Omit<DatedVersion, 'id'> & { id?: string }): OrderConflict<T> | null {
  const same = versions.filter((v) => v.language === candidate.language && v.id !== candidate.id).sort((a, b) => a.version - b.version);
  const before = same.filter((v) => v.version < candidate.version && v.effectiveDate > candidate.effectiveDate).at(-1);
  if (before) return { other: before, side: 'before' };
  const after = same.find((v) => v.version > candidate.version && v.effectiveDate < candidate.effectiveDate);
  if (after) return { other: after, side: 'after' };
  return null;
}

/**
 * What the consent dialog offers for a consent dated `day`: the versions in effect that day
 * (one per language), the one Registre would choose (in effect in the contact's language,
 * else French), and whether nothing can be chosen because the day comes before every
 * version (an earlier policy, whose text is not kept).
 */
export function policyChoices<T extends DatedVersion>(versions: readonly T[], day: string, contactLanguage: string | null): { options: T[]; preferred: T | null; earlier: boolean } {
  const languages = [...new Set([contactLanguage, 'fr'].filter((l): l is string => !!l))];
  const options = day ? versionsInEffectOn(versions, day) : [];
  const preferred = day ? versionShownOn(versions, day, languages) : null;
  return { options, preferred, earlier: !!day && preferred === null };
}
