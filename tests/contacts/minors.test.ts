import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegistreCore } from '../../db/core';
import { call, callError, PASS, tempDir } from '../helpers';

describe('under-age contacts', () => {
  it('are flagged from a recorded date of birth, by the configured age', async () => {
    const today = new Date('2026-11-26T10:00:00Z');
    const core = new RegistreCore({ vaultDir: join(tempDir(), 'vault'), allowFolderChange: false, now: () => today });
    try {
      await call(core, 'vault.create', { passphrase: PASS, staffName: 'Ana' });
      const young = await call(core, 'contacts.add', { fullName: 'Lina Young' });
      const adult = await call(core, 'contacts.add', { fullName: 'Omar Adult' });
      const birth = (contactId: string, dateOfBirth: string) => call(core, 'sensitive.add', { contactId, reason: 'Trip booking', identity: { document: 'id_card', number: 'X1234567', dateOfBirth } });
      await birth(young.id, '2010-11-27'); // 15 until tomorrow
      await birth(adult.id, '2010-11-26'); // 16 today
      expect((await call(core, 'contacts.get', { id: young.id })).underAge).toEqual({ age: 15, threshold: 16 });
      expect((await call(core, 'contacts.get', { id: adult.id })).underAge).toBeNull();
      expect((await call(core, 'contacts.minors', {})).map((m) => m.fullName)).toEqual(['Lina Young']);
      await call(core, 'settings.update', { minorAgeThreshold: 18 });
      expect((await call(core, 'contacts.minors', {})).map((m) => [m.fullName, m.age])).toEqual([
        ['Lina Young', 15],
        ['Omar Adult', 16],
      ]);
      expect((await callError(core, 'sensitive.add', { contactId: adult.id, reason: 'Trip', identity: { document: 'passport', number: 'P999', dateOfBirth: '2011-02-30' } })).code).toBe(
        'invalid_input',
      );
    } finally {
      await core.lock();
    }
  });
});
