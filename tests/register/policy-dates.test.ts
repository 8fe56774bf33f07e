/**
 * Policy versions that tell the truth (issue 14 §2): version 1's text as the organisation
 * publishes it, effective dates that admins set and correct (audited, with a reason kept
 * beside the change), in order within a language, and consents that cite only the version
 * in effect on their date, or say that an earlier policy was shown.
 */
import { describe, expect, it } from 'vitest';
import { POLICY_FR_V1 } from '../../db/seed/privacy-policy-fr-v1';
import { localDay } from '../../shared/rules/dates';
import { call, callError, createdVault, storedAuditEvents } from '../helpers';

const tomorrow = () => localDay(new Date(Date.now() + 24 * 3600 * 1000));

/** What the web page left in the text it was copied from. */
const DEBRIS: Array<[string, RegExp]> = [
  ['the logo caption', /IMPEL Logo/],
  ['the newsletter box', /Subscribe to our newsletter/],
  ['an empty numbered item ("2. .")', /^\s*\d+\.\s*\.\s*$/m],
  ['an empty bullet ("• .")', /^\s*•\s*\.\s*$/m],
  ['a stray "." line', /^\s*\.\s*$/m],
  ['an HTML entity (named or numeric, with or without a space)', /&(?:[a-z]+|#\d+|#x[0-9a-f]+)\s?;/i],
  ['three line breaks in a row', /\n\s*\n\s*\n/],
  ['a line ending in spaces', /[ \t]+$/m],
];

describe('the seeded version 1', () => {
  it('is the published text without the web page’s debris', async () => {
    for (const [what, pattern] of DEBRIS) expect(pattern.test(POLICY_FR_V1), what).toBe(false);
    // The words are the published ones.
    expect(POLICY_FR_V1.startsWith('Politique de confidentialité\n')).toBe(true);
    expect(POLICY_FR_V1).toContain('des ‘cookies’, qui sont');
    expect(POLICY_FR_V1).toContain('IMPEL est un réseau – ce qui signifie');
    expect(POLICY_FR_V1).toContain('le bouton Twitter “tweet” ou');
    expect(POLICY_FR_V1).toMatch(/ {2}1\. Quelles sont[^\n]*\n {2}2\. Pourquoi[^\n]*\n {2}3\. Comment nous partageons[^\n]*\n {2}4\. [^\n]*\n {2}5\. [^\n]*\n {2}6\. Comment nous contacter/);
    expect(POLICY_FR_V1.endsWith('Belgique')).toBe(true);

    const { core } = await createdVault();
    const [v1] = await call(core, 'policies.list', {});
    expect((await call(core, 'policies.get', { id: v1!.id })).text).toBe(POLICY_FR_V1);
  });
});

describe('effective dates', () => {
  it('an admin sets a version’s date: audited with field names only, the reason kept with the change', async () => {
    const { core } = await createdVault();
    const [v1] = await call(core, 'policies.list', {});
    const created = v1!.effectiveDate;
    const reason = 'Published on impel.eu on 25 May 2018 (web archive)';
    const set = await call(core, 'policies.setEffectiveDate', { id: v1!.id, effectiveDate: '2018-05-25', reason });
    expect(set).toMatchObject({ id: v1!.id, effectiveDate: '2018-05-25', current: true });
    const [event] = await call(core, 'audit.list', { limit: 1 });
    expect(event).toMatchObject({ action: 'policy.effective_date_set', entityType: 'policy_version', entityId: v1!.id, fields: ['effectiveDate', 'reason'] });
    const [stored] = await storedAuditEvents(core, 1);
    expect(JSON.stringify(stored)).not.toContain('2018-05-25');
    expect(JSON.stringify(stored)).not.toContain('web archive');
    const full = await call(core, 'policies.get', { id: v1!.id });
    expect(full.dateChanges).toEqual([{ fromDate: created, toDate: '2018-05-25', reason, changedBy: { id: expect.any(String), name: 'Anna Admin' }, changedAt: expect.any(String) }]);

    // The same day again changes nothing and writes nothing.
    await call(core, 'policies.setEffectiveDate', { id: v1!.id, effectiveDate: '2018-05-25', reason: 'again' });
    expect((await call(core, 'audit.list', { limit: 1 }))[0]!.seq).toBe(event!.seq);
    expect((await call(core, 'policies.get', { id: v1!.id })).dateChanges).toHaveLength(1);

    // A reason is required; a real date; an existing version.
    expect((await callError(core, 'policies.setEffectiveDate', { id: v1!.id, effectiveDate: '2018-05-01', reason: '  ' })).code).toBe('invalid_input');
    expect(await callError(core, 'policies.setEffectiveDate', { id: v1!.id, effectiveDate: '2018-02-30', reason: 'x' })).toMatchObject({ detail: { reason: 'date_invalid' } });
    expect(await callError(core, 'policies.setEffectiveDate', { id: 'nope', effectiveDate: '2018-05-01', reason: 'x' })).toMatchObject({ code: 'not_found' });
  });

  it('only admins set dates', async () => {
    const { core } = await createdVault();
    const [v1] = await call(core, 'policies.list', {});
    await call(core, 'staff.add', { name: 'Sam Staff', role: 'staff', passphrase: 'staff passphrase 1' });
    await call(core, 'vault.unlock', { passphrase: 'staff passphrase 1' });
    expect((await callError(core, 'policies.setEffectiveDate', { id: v1!.id, effectiveDate: '2018-05-25', reason: 'x' })).code).toBe('forbidden');
    expect((await call(core, 'policies.list', {}))[0]!.effectiveDate).toBe(v1!.effectiveDate);
  });

  it('refuses a date that would put a language’s versions out of order, and changes nothing', async () => {
    const { core } = await createdVault();
    const [v1] = await call(core, 'policies.list', {});
    await call(core, 'policies.setEffectiveDate', { id: v1!.id, effectiveDate: '2018-05-25', reason: 'Published then' });
    const v2 = await call(core, 'policies.add', { version: 2, language: 'fr', effectiveDate: '2022-01-01', text: 'Version 2.' });
    await call(core, 'policies.add', { version: 1, language: 'en', effectiveDate: '2023-01-01', text: 'English.' });
    const before = (await call(core, 'audit.list', { limit: 1 }))[0]!.seq;

    const late = await callError(core, 'policies.setEffectiveDate', { id: v1!.id, effectiveDate: '2022-06-01', reason: 'typo' });
    expect(late).toMatchObject({ code: 'conflict', detail: { reason: 'policy_dates_out_of_order', field: 'effectiveDate' } });
    expect(late.message).toContain('version 2 (fr), which replaced it, took effect on 2022-01-01');
    const early = await callError(core, 'policies.setEffectiveDate', { id: v2.id, effectiveDate: '2017-01-01', reason: 'typo' });
    expect(early.message).toContain('version 1 (fr), which came before it, took effect on 2018-05-25');
    expect(await callError(core, 'policies.add', { version: 3, language: 'fr', effectiveDate: '2021-01-01', text: 'Version 3.' })).toMatchObject({
      detail: { reason: 'policy_dates_out_of_order' },
    });

    // Another language is another order; the same day as the neighbour is allowed.
    await call(core, 'policies.setEffectiveDate', { id: v2.id, effectiveDate: '2018-05-25', reason: 'Same-day correction' });
    expect((await call(core, 'audit.list', { limit: 1 }))[0]!.seq).toBe(before + 1);
    const list = await call(core, 'policies.list', {});
    expect(list.filter((p) => p.language === 'fr').map((p) => [p.version, p.effectiveDate])).toEqual([
      [2, '2018-05-25'],
      [1, '2018-05-25'],
    ]);
  });

  it('refuses a date that would leave a recorded consent citing a version not in effect on its day', async () => {
    const { core } = await createdVault();
    const [v1] = await call(core, 'policies.list', {});
    await call(core, 'policies.setEffectiveDate', { id: v1!.id, effectiveDate: '2018-05-25', reason: 'Published then' });
    const contact = await call(core, 'contacts.add', { fullName: 'Marie Dubois' });
    await call(core, 'consents.record', { contactId: contact.id, purposeCode: 'newsletter', action: 'granted', channel: 'form', occurredOn: '2019-03-10' });
    const e = await callError(core, 'policies.setEffectiveDate', { id: v1!.id, effectiveDate: '2019-04-01', reason: 'later' });
    expect(e).toMatchObject({ code: 'conflict', detail: { reason: 'policy_dates_out_of_order' } });
    expect(e.message).toContain('A consent dated 2019-03-10 cites version 1 (fr)');
    const v2 = await call(core, 'policies.add', { version: 2, language: 'fr', effectiveDate: '2020-01-01', text: 'Version 2.' });
    // Version 2 moved before that consent would take version 1's place on its day.
    expect((await callError(core, 'policies.setEffectiveDate', { id: v2.id, effectiveDate: '2019-01-01', reason: 'earlier' })).message).toContain('cites version 1 (fr)');
    expect((await call(core, 'policies.get', { id: v2.id })).effectiveDate).toBe('2020-01-01');
    // Moving it within the free days is fine.
    expect((await call(core, 'policies.setEffectiveDate', { id: v2.id, effectiveDate: '2019-03-11', reason: 'Published the day after' })).effectiveDate).toBe('2019-03-11');
  });
});

describe('the policy a consent cites', () => {
  it('refuses a version not yet in effect on the consent’s date, and records nothing', async () => {
    const { core } = await createdVault();
    const [v1] = await call(core, 'policies.list', {});
    await call(core, 'policies.setEffectiveDate', { id: v1!.id, effectiveDate: '2018-05-25', reason: 'Published then' });
    const v2 = await call(core, 'policies.add', { version: 2, language: 'fr', effectiveDate: tomorrow(), text: 'Version 2.' });
    const contact = await call(core, 'contacts.add', { fullName: 'Marie Dubois' });
    const seq = (await call(core, 'audit.list', { limit: 1 }))[0]!.seq;
    const base = { contactId: contact.id, purposeCode: 'newsletter', action: 'granted', channel: 'form', occurredOn: '2025-03-10' } as const;
    for (const cite of [{ policyVersionId: v2.id }, { policyVersion: 2 }]) {
      const e = await callError(core, 'consents.record', { ...base, ...cite });
      expect(e).toMatchObject({ code: 'invalid_input', detail: { reason: 'policy_not_in_effect' } });
      expect(e.message).toContain(`Version 2 (fr) of the privacy policy takes effect on ${tomorrow()}: a consent dated 2025-03-10 cannot cite it.`);
      expect(e.message).toContain('The version in effect on 2025-03-10 was version 1.');
    }
    expect((await call(core, 'consents.forContact', { contactId: contact.id })).purposes.every((p) => p.history.length === 0)).toBe(true);
    expect((await call(core, 'audit.list', { limit: 1 }))[0]!.seq).toBe(seq);
    // The version in effect is accepted, given or chosen.
    const state = await call(core, 'consents.record', { ...base, policyVersionId: v1!.id });
    expect(state.purposes[0]!.history[0]).toMatchObject({ policyVersion: { id: v1!.id, version: 1 }, policyEarlier: false });
  });

  it('a consent dated before every archived version records an earlier policy, whose text is not kept', async () => {
    const { core } = await createdVault();
    const [v1] = await call(core, 'policies.list', {});
    await call(core, 'policies.setEffectiveDate', { id: v1!.id, effectiveDate: '2018-05-25', reason: 'Published then' });
    const contact = await call(core, 'contacts.add', { fullName: 'Marie Dubois', language: 'en' });
    const base = { contactId: contact.id, purposeCode: 'newsletter', action: 'granted', channel: 'paper' } as const;
    const state = await call(core, 'consents.record', { ...base, occurredOn: '2017-11-02' });
    expect(state.purposes[0]!.history[0]).toMatchObject({ occurredOn: '2017-11-02', policyVersion: null, policyEarlier: true });
    const [event] = await call(core, 'audit.list', { limit: 1 });
    expect(event!.fields).toEqual(['purposeId', 'action', 'channel', 'occurredOn', 'policyEarlier']);
    // Citing version 1 for that day is refused with what to do.
    const e = await callError(core, 'consents.record', { ...base, occurredOn: '2017-11-02', policyVersion: 1, policyLanguage: 'fr' });
    expect(e.message).toContain('No archived version in fr was in effect on 2017-11-02: leave the version out');
    // A later consent cites version 1, not an earlier policy.
    const later = await call(core, 'consents.record', { ...base, occurredOn: '2019-01-01' });
    expect(later.purposes[0]!.history.at(-1)).toMatchObject({ policyVersion: { version: 1, language: 'fr' }, policyEarlier: false });
  });
});
