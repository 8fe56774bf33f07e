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

  it('count a date of birth recorded on its own, masked until revealed', async () => {
    const today = new Date('2026-11-26T10:00:00Z');
    const core = new RegistreCore({ vaultDir: join(tempDir(), 'vault'), allowFolderChange: false, now: () => today });
    try {
      await call(core, 'vault.create', { passphrase: PASS, staffName: 'Ana' });
      const child = await call(core, 'contacts.add', { fullName: 'Zoé Child' });
      const adult = await call(core, 'contacts.add', { fullName: 'Marc Adult' });
      const item = await call(core, 'sensitive.add', { contactId: child.id, reason: 'Youth exchange', identity: { dateOfBirth: '2014-05-01' } });
      await call(core, 'sensitive.add', { contactId: adult.id, reason: 'Youth exchange', identity: { dateOfBirth: '1996-05-01' } });
      expect(item).toMatchObject({ category: 'identity', document: null, masked: '••••' });
      expect(await call(core, 'contacts.minors', {})).toEqual([{ id: child.id, fullName: 'Zoé Child', age: 12, threshold: 16 }]);
      expect((await call(core, 'sensitive.reveal', { id: item.id })).values).toEqual({ dateOfBirth: '2014-05-01' });
      // A document still needs its kind and number together, and an identity extra needs one or the other.
      for (const identity of [{}, { number: 'X1234567', dateOfBirth: '2014-05-01' }, { document: 'passport' as const, dateOfBirth: '2014-05-01' }]) {
        expect((await callError(core, 'sensitive.add', { contactId: adult.id, reason: 'Trip', identity })).code).toBe('invalid_input');
      }
    } finally {
      await core.lock();
    }
  });
});
