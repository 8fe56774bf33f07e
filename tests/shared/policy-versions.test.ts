/** Which policy version was in effect on a day, the consent dialog's choices, and the order of a language's dates (issue 14 §2). */
import { describe, expect, it } from 'vitest';
import { orderConflict, policyChoices, versionShownOn, versionsInEffectOn } from '../../shared/rules/policy-versions';

const v = (id: string, version: number, language: string, effectiveDate: string) => ({ id, version, language, effectiveDate });
const ARCHIVE = [v('fr1', 1, 'fr', '2018-05-25'), v('fr2', 2, 'fr', '2026-12-03'), v('en1', 1, 'en', '2021-06-01'), v('en2', 2, 'en', '2023-01-01')];
const ids = (list: Array<{ id: string }>) => list.map((x) => x.id);

describe('the version in effect on a day', () => {
  it('is the newest effective date not after the day, per language; the higher number on a shared day', () => {
    expect(ids(versionsInEffectOn(ARCHIVE, '2025-03-10'))).toEqual(['en2', 'fr1']);
    expect(ids(versionsInEffectOn(ARCHIVE, '2026-12-03'))).toEqual(['en2', 'fr2']);
    expect(ids(versionsInEffectOn(ARCHIVE, '2022-12-31'))).toEqual(['en1', 'fr1']);
    expect(ids(versionsInEffectOn(ARCHIVE, '2018-05-24'))).toEqual([]);
    expect(ids(versionsInEffectOn([v('a', 1, 'fr', '2020-01-01'), v('b', 2, 'fr', '2020-01-01')], '2020-01-01'))).toEqual(['b']);
  });

  it('is shown in the first language that has one', () => {
    expect(versionShownOn(ARCHIVE, '2025-03-10', ['en', 'fr'])?.id).toBe('en2');
    expect(versionShownOn(ARCHIVE, '2020-01-01', ['en', 'fr'])?.id).toBe('fr1');
    expect(versionShownOn(ARCHIVE, '2020-01-01', ['de', 'fr'])?.id).toBe('fr1');
    expect(versionShownOn(ARCHIVE, '2017-01-01', ['en', 'fr'])).toBeNull();
  });
});

describe('the consent dialog’s policy picker', () => {
  it('offers only the versions in effect on the chosen date, and defaults to the contact’s language, else French', () => {
    // A consent of March 2025 is never offered version 2, in effect from December 2026.
    expect(policyChoices(ARCHIVE, '2025-03-10', null)).toEqual({ options: [ARCHIVE[3], ARCHIVE[0]], preferred: ARCHIVE[0], earlier: false });
    expect(policyChoices(ARCHIVE, '2025-03-10', 'en').preferred?.id).toBe('en2');
    expect(policyChoices(ARCHIVE, '2025-03-10', 'de').preferred?.id).toBe('fr1');
    expect(ids(policyChoices(ARCHIVE, '2026-12-03', 'fr').options)).toEqual(['en2', 'fr2']);
    expect(policyChoices(ARCHIVE, '2026-12-03', 'fr').preferred?.id).toBe('fr2');
  });

  it('says an earlier policy was shown when the date comes before every version', () => {
    expect(policyChoices(ARCHIVE, '2017-11-02', 'fr')).toEqual({ options: [], preferred: null, earlier: true });
    // English in effect but neither the contact's language nor French: nothing is chosen for them.
    expect(policyChoices([v('en1', 1, 'en', '2015-01-01'), v('fr1', 1, 'fr', '2018-05-25')], '2016-01-01', 'nl')).toMatchObject({ preferred: null, earlier: true });
    // No date typed yet: nothing to offer, nothing claimed.
    expect(policyChoices(ARCHIVE, '', 'fr')).toEqual({ options: [], preferred: null, earlier: false });
  });
});

describe('the order of a language’s dates', () => {
  it('refuses a higher number taking effect before a lower one, either way; other languages are apart', () => {
    expect(orderConflict(ARCHIVE, { version: 3, language: 'fr', effectiveDate: '2026-01-01' })).toEqual({ other: ARCHIVE[1], side: 'before' });
    expect(orderConflict(ARCHIVE, { id: 'fr1', version: 1, language: 'fr', effectiveDate: '2027-01-01' })).toEqual({ other: ARCHIVE[1], side: 'after' });
    expect(orderConflict(ARCHIVE, { id: 'fr2', version: 2, language: 'fr', effectiveDate: '2018-01-01' })).toEqual({ other: ARCHIVE[0], side: 'before' });
    expect(orderConflict(ARCHIVE, { id: 'fr1', version: 1, language: 'fr', effectiveDate: '2026-12-03' })).toBeNull();
    expect(orderConflict(ARCHIVE, { version: 3, language: 'de', effectiveDate: '2000-01-01' })).toBeNull();
  });
});
