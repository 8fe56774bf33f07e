/** Organisations with almost the same name: the check the form and the CLI make before adding or renaming one. */
import { describe, expect, it } from 'vitest';
import { call, createdVault } from '../helpers';

describe('organisations.similar', () => {
  it('lists the organisations a new name is close to, the same key first, never the one renamed', async () => {
    const { core } = await createdVault();
    const be = await call(core, 'organisations.add', { name: 'Bruxelles Environnement', type: 'governmental_agency', country: 'BE' });
    const typo = await call(core, 'organisations.add', { name: 'Bruxelles Environnment', type: 'governmental_agency' });
    const longer = await call(core, 'organisations.add', { name: 'Bruxelles Environnement Agence', type: 'governmental_agency' });
    await call(core, 'organisations.add', { name: 'IMPEL network', type: 'partner_network' });
    await call(core, 'organisations.add', { name: 'Brussels Environment', type: 'governmental_agency' });

    const names = async (name: string, excludeId?: string) => (await call(core, 'organisations.similar', { name, ...(excludeId ? { excludeId } : {}) })).map((o) => o.name);
    expect(await names('bruxelles-environnement ')).toEqual([be.name, longer.name, typo.name]);
    expect((await call(core, 'organisations.similar', { name: 'BRUXELLES ENVIRONNEMENT' }))[0]).toEqual(be);
    expect(await names('IMPEL')).toEqual([]);
    expect(await names('Vlaamse Milieumaatschappij')).toEqual([]);
    // Renaming one: it is not its own near name.
    expect(await names('Bruxelles Environnement', be.id)).toEqual([longer.name, typo.name]);
  });

  it('lists five at most', async () => {
    const { core } = await createdVault();
    for (const suffix of ['A', 'B', 'C', 'D', 'E', 'F']) await call(core, 'organisations.add', { name: `Agence wallonne ${suffix}`, type: 'governmental_agency' });
    expect(await call(core, 'organisations.similar', { name: 'Agence wallonne' })).toHaveLength(5);
  });
});
