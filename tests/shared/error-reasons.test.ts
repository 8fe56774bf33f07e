import { describe, expect, it } from 'vitest';
import en from '../../shared/i18n/en.json';
import fr from '../../shared/i18n/fr.json';
import { errorReasons } from '../../shared/vocabulary';
import { reasonWords } from '../../renderer/error-words';

/** The text at a dotted key of a translation file, or undefined. */
function wordsAt(resources: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), resources);
}

describe('error reasons', () => {
  it('are listed once each', () => {
    expect(new Set(errorReasons).size).toBe(errorReasons.length);
  });

  it.each(errorReasons)('%s has words in English and in French', (reason) => {
    const key = reasonWords[reason];
    for (const resources of [en, fr]) {
      const words = wordsAt(resources, key);
      expect(typeof words, `${key} in ${resources === en ? 'en' : 'fr'}.json`).toBe('string');
      expect((words as string).trim()).not.toBe('');
    }
  });

  it('has no words for a reason the core does not give', () => {
    expect(Object.keys(reasonWords).sort()).toEqual([...errorReasons].sort());
  });
});
