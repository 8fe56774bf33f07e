import { describe, expect, it } from 'vitest';
import { citesPrivacyShield, privacyShieldSentences } from '../../db/processors';
import { call, callError, createdVault } from '../helpers';

describe('processors and compliance warnings', () => {
  it('a new vault lists the policy processors with their purposes, and flags the Privacy Shield', async () => {
    const { core } = await createdVault();
    const { processors, warnings } = await call(core, 'processors.list', {});
    expect(processors).toHaveLength(10);
    const mailchimp = processors.find((p) => p.name === 'Mailchimp')!;
    expect(mailchimp).toMatchObject({ kind: 'processor', country: 'US', citesPrivacyShield: true, contactCount: 0 });
    expect(mailchimp.purposes.map((p) => p.code)).toEqual(['newsletter']);
    expect(processors.find((p) => p.name === 'TravelPerk')).toMatchObject({ kind: 'third_party_account', citesPrivacyShield: false });

    const [v1] = await call(core, 'policies.list', {});
    const inPolicy = warnings.find((w) => w.code === 'privacy_shield_in_policy')!;
    expect(inPolicy.policyVersion).toEqual({ id: v1!.id, version: 1, language: 'fr' });
    expect(inPolicy.excerpt).toBe(
      "Les services situés en dehors de l'EEE offrent des garanties en matière de protection des données via le bouclier de protection de la vie privée aux États-Unis.",
    );
    const safeguards = warnings.find((w) => w.code === 'privacy_shield_safeguard')!;
    expect(safeguards.processors.map((p) => p.name).sort()).toEqual(processors.filter((p) => p.country === 'US').map((p) => p.name).sort());
  });

  it('the policy warning goes once a current version no longer cites it', async () => {
    const { core } = await createdVault();
    const [v1] = await call(core, 'policies.list', {});
    // A future version does not count yet.
    await call(core, 'policies.add', { version: 3, language: 'fr', effectiveDate: '2999-01-01', text: 'Les transferts reposent sur les clauses contractuelles types.' });
    expect((await call(core, 'processors.list', {})).warnings.map((w) => w.code)).toContain('privacy_shield_in_policy');
    await call(core, 'policies.add', { version: 2, language: 'fr', effectiveDate: v1!.effectiveDate, text: 'Les transferts reposent sur les clauses contractuelles types.' });
    const { warnings } = await call(core, 'processors.list', {});
    expect(warnings.map((w) => w.code)).toEqual(['privacy_shield_safeguard']);
  });

  it('recognises the Privacy Shield whatever the case, accents or language', () => {
    expect(citesPrivacyShield('EU–US PRIVACY  SHIELD')).toBe(true);
    expect(citesPrivacyShield('Bouclier de protection de la vie PRIVEE')).toBe(true);
    expect(citesPrivacyShield('Standard contractual clauses (2021/914)')).toBe(false);
    expect(citesPrivacyShield(null)).toBe(false);
    expect(privacyShieldSentences('Title\nFirst one. Data goes via the Privacy Shield. Last one.', 'en')).toEqual(['Data goes via the Privacy Shield.']);
  });

  it('admins add and update processors; names are unique; changes are audited by field name', async () => {
    const { core } = await createdVault();
    const added = await call(core, 'processors.add', {
      name: 'Zoom',
      kind: 'processor',
      role: 'Online meetings',
      country: 'US',
      transferSafeguard: 'EU–US Data Privacy Framework',
      dataCategories: ['name', 'e-mail address', 'name'],
      policyUrl: 'https://zoom.us/privacy',
    });
    expect(added).toMatchObject({ dpaStatus: 'unknown', dataCategories: ['name', 'e-mail address'], citesPrivacyShield: false, purposes: [] });
    expect((await call(core, 'audit.list', { limit: 1 }))[0]).toMatchObject({
      action: 'processor.added',
      entityId: added.id,
      fields: ['name', 'kind', 'role', 'country', 'transferSafeguard', 'dpaStatus', 'dataCategories', 'policyUrl'],
    });
    expect(await callError(core, 'processors.add', { name: 'MAILCHIMP', kind: 'processor', role: 'X' })).toMatchObject({
      code: 'conflict',
      detail: { reason: 'processor_name_taken' },
    });
    expect((await callError(core, 'processors.add', { name: 'Bad', kind: 'processor', role: 'X', policyUrl: 'zoom.us' })).code).toBe('invalid_input');

    const { processors } = await call(core, 'processors.list', {});
    const mailchimp = processors.find((p) => p.name === 'Mailchimp')!;
    const updated = await call(core, 'processors.update', {
      id: mailchimp.id,
      name: 'Mailchimp',
      transferSafeguard: 'EU–US Data Privacy Framework (certified)',
      dpaStatus: 'signed',
    });
    expect(updated).toMatchObject({ citesPrivacyShield: false, dpaStatus: 'signed' });
    const event = (await call(core, 'audit.list', { limit: 1 }))[0]!;
    expect(event).toMatchObject({ action: 'processor.updated', entityId: mailchimp.id, fields: ['transferSafeguard', 'dpaStatus'] });
    await call(core, 'processors.update', { id: mailchimp.id, dpaStatus: 'signed' });
    expect((await call(core, 'audit.list', { limit: 1 }))[0]!.seq).toBe(event.seq);
    expect((await callError(core, 'processors.update', { id: mailchimp.id, name: 'zoom' })).code).toBe('conflict');
    expect((await callError(core, 'processors.update', { id: 'nope', name: 'Other' })).code).toBe('not_found');
    const after = await call(core, 'processors.list', {});
    expect(after.processors.find((p) => p.id === mailchimp.id)!.name).toBe('Mailchimp');
    expect(after.warnings.find((w) => w.code === 'privacy_shield_safeguard')!.processors.map((p) => p.name)).not.toContain('Mailchimp');
  });
});
