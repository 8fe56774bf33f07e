import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citesPrivacyShield, privacyShieldSentences } from '../../db/register/processors';
import { registerContract } from '../../shared/api/register';
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
    expect(inPolicy.excerpt).toBe("Les services situés en dehors de l'EEE offrent des garanties en matière de protection des données via le bouclier de protection de la vie privée aux États-Unis.");
    const safeguards = warnings.find((w) => w.code === 'privacy_shield_safeguard')!;
    expect(safeguards.processors.map((p) => p.name).sort()).toEqual(
      processors
        .filter((p) => p.country === 'US')
        .map((p) => p.name)
        .sort(),
    );
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
    expect(citesPrivacyShield('Certifié au titre du bouclier de protection des données UE-États-Unis')).toBe(true);
    expect(citesPrivacyShield('Standard contractual clauses (2021/914)')).toBe(false);
    expect(citesPrivacyShield(null)).toBe(false);
    expect(privacyShieldSentences('Title\nFirst one. Data goes via the Privacy Shield. Last one.', 'en')).toEqual(['Data goes via the Privacy Shield.']);
  });

  it('finds the citation inside any text, in any case, and never in a text without it', () => {
    const filler = fc.string({ maxLength: 40 }).filter((t) => !/shield|bouclier/i.test(t));
    fc.assert(
      fc.property(filler, filler, fc.boolean(), (before, after, upper) => {
        const name = upper ? 'BOUCLIER DE PROTECTION DE LA VIE PRIVÉE' : 'Privacy Shield';
        expect(citesPrivacyShield(`${before} ${name} ${after}`)).toBe(true);
        expect(citesPrivacyShield(`${before} ${after}`)).toBe(false);
      }),
    );
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

  it('a partial update keeps every other field and audits only what it changed', async () => {
    const { core } = await createdVault();
    const { processors } = await call(core, 'processors.list', {});
    const mailchimp = processors.find((p) => p.name === 'Mailchimp')!;
    const signed = await call(core, 'processors.update', { id: mailchimp.id, dpaStatus: 'signed', notes: 'Signed in March' });
    expect(signed.dpaStatus).toBe('signed');

    // Only the notes: the DPA status (which has a default when adding) must not fall back to it.
    const noted = await call(core, 'processors.update', { id: mailchimp.id, notes: 'Renewed in June' });
    expect(noted).toEqual({ ...signed, notes: 'Renewed in June' });
    expect((await call(core, 'audit.list', { limit: 1 }))[0]).toMatchObject({ action: 'processor.updated', entityId: mailchimp.id, fields: ['notes'] });
  });

  it('no update schema of the register fills a field the caller left out', () => {
    const updates = Object.entries(registerContract).filter(([method]) => method.endsWith('.update'));
    expect(updates.map(([method]) => method).sort()).toEqual(['processors.update', 'purposes.update']);
    for (const [, { input }] of updates) expect(input.parse({ id: 'x' })).toEqual({ id: 'x' });
    // The default stays where it belongs: a new processor with no DPA status recorded.
    expect(registerContract['processors.add'].input.parse({ name: 'X', kind: 'processor', role: 'Y' })).toMatchObject({ dpaStatus: 'unknown' });
  });
});

describe('the day a data-processing agreement was signed', () => {
  const zoom = { name: 'Zoom', kind: 'processor', role: 'Online meetings', country: 'US' } as const;

  it('is kept with a signed agreement, audited as its own field, and cleared when the status changes', async () => {
    const { core } = await createdVault();
    const added = await call(core, 'processors.add', { ...zoom, dpaStatus: 'signed', dpaSignedOn: '2021-03-12' });
    expect(added).toMatchObject({ dpaStatus: 'signed', dpaSignedOn: '2021-03-12' });
    expect((await call(core, 'audit.list', { limit: 1 }))[0]!.fields).toContain('dpaSignedOn');

    const corrected = await call(core, 'processors.update', { id: added.id, dpaSignedOn: '2021-03-15' });
    expect(corrected.dpaSignedOn).toBe('2021-03-15');
    expect((await call(core, 'audit.list', { limit: 1 }))[0]).toMatchObject({ action: 'processor.updated', fields: ['dpaSignedOn'] });

    // The agreement is being renegotiated: its old day no longer stands for a signed one.
    const pending = await call(core, 'processors.update', { id: added.id, dpaStatus: 'pending' });
    expect(pending).toMatchObject({ dpaStatus: 'pending', dpaSignedOn: null });
    expect((await call(core, 'audit.list', { limit: 1 }))[0]!.fields).toEqual(['dpaStatus', 'dpaSignedOn']);
  });

  it('is refused with a status other than signed, or in the future, and nothing changes', async () => {
    const { core } = await createdVault();
    expect(await callError(core, 'processors.add', { ...zoom, dpaStatus: 'pending', dpaSignedOn: '2021-03-12' })).toMatchObject({
      code: 'invalid_input',
      detail: { reason: 'dpa_date_unsigned', field: 'dpaSignedOn' },
    });
    expect((await call(core, 'processors.list', {})).processors.map((p) => p.name)).not.toContain('Zoom');

    const added = await call(core, 'processors.add', { ...zoom, dpaStatus: 'signed' });
    expect(added.dpaSignedOn).toBeNull();
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(await callError(core, 'processors.update', { id: added.id, dpaSignedOn: future })).toMatchObject({ code: 'invalid_input', detail: { reason: 'date_future', field: 'dpaSignedOn' } });
    expect(await callError(core, 'processors.update', { id: added.id, dpaStatus: 'none', dpaSignedOn: '2020-01-01' })).toMatchObject({ detail: { reason: 'dpa_date_unsigned' } });
    expect(await callError(core, 'processors.update', { id: added.id, dpaSignedOn: '2021-02-30' })).toMatchObject({ code: 'invalid_input' });
    const after = (await call(core, 'processors.list', {})).processors.find((p) => p.id === added.id)!;
    expect(after).toMatchObject({ dpaStatus: 'signed', dpaSignedOn: null });
  });
});
