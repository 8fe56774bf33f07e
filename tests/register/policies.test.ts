import { describe, expect, it } from 'vitest';
import { POLICY_FR_V1 } from '../../db/seed/privacy-policy-fr-v1';
import { call, callError, createdVault } from '../helpers';

describe('privacy-policy archive', () => {
  it('a new vault holds the French policy as version 1, in effect, with its full text', async () => {
    const { core } = await createdVault();
    const list = await call(core, 'policies.list', {});
    expect(list).toHaveLength(1);
    const v1 = list[0]!;
    expect(v1).toMatchObject({ version: 1, language: 'fr', current: true, materialChange: false });
    // Effective from the day the vault was made (the published text carries no date).
    expect(v1.effectiveDate).toBe(v1.createdAt.slice(0, 10));
    expect(v1).not.toHaveProperty('text');
    const full = await call(core, 'policies.get', { id: v1.id });
    // The published text cleaned of the web page's debris (tests/register/policy-dates.test.ts).
    expect(full.text).toBe(POLICY_FR_V1);
    expect(full.dateChanges).toEqual([]);
    expect(full.characters).toBe(full.text.length);
  });

  it('adds versions: newest first, the current one per language, unique version and language', async () => {
    const { core } = await createdVault();
    const [v1] = await call(core, 'policies.list', {});
    // Version 2 cannot take effect before version 1 (the vault's creation day) …
    expect(await callError(core, 'policies.add', { version: 2, language: 'fr', effectiveDate: '2020-01-01', text: 'Texte.' })).toMatchObject({
      code: 'conflict',
      detail: { reason: 'policy_dates_out_of_order', field: 'effectiveDate' },
    });
    // … until version 1's real date is set.
    await call(core, 'policies.setEffectiveDate', { id: v1!.id, effectiveDate: '2019-06-01', reason: 'Published on the website in June 2019' });
    const v2 = await call(core, 'policies.add', { version: 2, language: 'fr', effectiveDate: '2020-01-01', text: 'Texte suivant.', summary: 'Back-filled' });
    expect(v2.current).toBe(true);
    const en = await call(core, 'policies.add', { version: 1, language: 'en', effectiveDate: '2021-06-01', text: 'English text.' });
    expect(en.current).toBe(true);
    const future = await call(core, 'policies.add', { version: 3, language: 'fr', effectiveDate: '2999-01-01', text: 'Texte futur.', materialChange: true });
    expect(future).toMatchObject({ current: false, materialChange: true, characters: 'Texte futur.'.length });
    const list = await call(core, 'policies.list', {});
    expect(list.map((p) => `${p.version}${p.language}`)).toEqual(['3fr', '1en', '2fr', '1fr']);
    expect(list.filter((p) => p.current).map((p) => `${p.version}${p.language}`)).toEqual(['1en', '2fr']);
    const audit = await call(core, 'audit.list', { limit: 1 });
    expect(audit[0]).toMatchObject({ action: 'policy.added', entityType: 'policy_version', entityId: future.id });
    expect(audit[0]!.fields).toEqual(['version', 'language', 'effectiveDate', 'text', 'materialChange']);

    const dup = await callError(core, 'policies.add', { version: 2, language: 'fr', effectiveDate: '2020-01-01', text: 'Encore.' });
    expect(dup).toMatchObject({ code: 'conflict', detail: { reason: 'policy_version_taken' } });
    expect((await callError(core, 'policies.add', { version: 4, language: 'fr', effectiveDate: '2020-02-30', text: 'X' })).code).toBe('invalid_input');
    expect((await callError(core, 'policies.add', { version: 4, language: 'fr', effectiveDate: '2020-02-01', text: '   ' })).code).toBe('invalid_input');
    expect(await call(core, 'policies.list', {})).toHaveLength(4);
    expect((await callError(core, 'policies.get', { id: 'nope' })).code).toBe('not_found');
  });

  it('marks a version as a material change, audited; a no-op writes nothing', async () => {
    const { core } = await createdVault();
    const [v1] = await call(core, 'policies.list', {});
    const marked = await call(core, 'policies.setMaterialChange', { id: v1!.id, materialChange: true });
    expect(marked.materialChange).toBe(true);
    const [event] = await call(core, 'audit.list', { limit: 1 });
    expect(event).toMatchObject({ action: 'policy.material_change_set', entityId: v1!.id, fields: ['materialChange'] });
    await call(core, 'policies.setMaterialChange', { id: v1!.id, materialChange: true });
    expect((await call(core, 'audit.list', { limit: 1 }))[0]!.seq).toBe(event!.seq);
    expect((await call(core, 'policies.get', { id: v1!.id })).materialChange).toBe(true);
    expect((await callError(core, 'policies.setMaterialChange', { id: 'nope', materialChange: true })).code).toBe('not_found');
  });

  it('refuses control characters in the text (tab, CR and LF are text)', async () => {
    const { core } = await createdVault();
    for (const text of ['Texte\u0007 sonore.', 'Texte \u001b[31mrouge', 'Texte\u007f.', 'Texte\u0085.']) {
      expect(await callError(core, 'policies.add', { version: 2, language: 'fr', effectiveDate: '2020-01-01', text })).toMatchObject({
        code: 'invalid_input',
        detail: { reason: 'text_invalid', field: 'text' },
      });
    }
    expect(await call(core, 'policies.list', {})).toHaveLength(1);
    expect((await call(core, 'policies.add', { version: 2, language: 'fr', effectiveDate: '2999-01-01', text: 'Ligne\tun.\r\nLigne deux.\n' })).version).toBe(2);
  });

  it('only admins add versions', async () => {
    const { core } = await createdVault();
    await call(core, 'staff.add', { name: 'Sam Staff', role: 'staff', passphrase: 'staff passphrase 1' });
    await call(core, 'vault.unlock', { passphrase: 'staff passphrase 1' });
    const refused = await callError(core, 'policies.add', { version: 2, language: 'fr', effectiveDate: '2020-01-01', text: 'X' });
    expect(refused.code).toBe('forbidden');
    expect(await call(core, 'policies.list', {})).toHaveLength(1);
  });
});
