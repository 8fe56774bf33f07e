import { describe, expect, it } from 'vitest';
import { call, createdVault } from '../helpers';

describe('settings.update', () => {
  it('an empty update changes nothing and writes no audit event', async () => {
    const { core } = await createdVault();
    const settings = await call(core, 'settings.get', {});
    const before = await call(core, 'audit.list', { limit: 1 });
    expect(await call(core, 'settings.update', {})).toEqual(settings);
    expect(await call(core, 'audit.list', { limit: 1 })).toEqual(before);
    await call(core, 'settings.update', { minorAgeThreshold: 18 });
    const [event] = await call(core, 'audit.list', { limit: 1 });
    expect(event).toMatchObject({ action: 'settings.updated', fields: ['minorAgeThreshold'] });
  });
});
