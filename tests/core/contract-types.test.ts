/**
 * One date type, one text type and one country type for the whole contract: bad values are
 * refused with a reason before any handler runs, and nothing is written.
 */
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { call, callError, createdVault } from '../helpers';

const IMPOSSIBLE_DAYS = ['2026-02-30', '2026-04-31', '2026-13-01', '0000-00-00', '9999-99-99', '1899-12-31', '3000-01-01'];

/** What a refused call must leave as it was: the record counts and the audit chain's head. */
async function footprint(core: RegistreCore) {
  const info = await call(core, 'vault.info', {});
  return { counts: info.counts, head: info.auditHead };
}

describe('the contract refuses', () => {
  it.each(IMPOSSIBLE_DAYS)('the impossible or out-of-range day %s in every dated write, and writes nothing', async (day) => {
    const { core } = await createdVault();
    const event = await call(core, 'events.add', { name: 'Plenary', startDate: '2026-03-02' });
    const contact = await call(core, 'contacts.add', { fullName: 'Ana Lima' });
    const project = await call(core, 'projects.add', { name: 'Peer reviews' });
    const before = await footprint(core);
    const attempts: Array<[Parameters<typeof callError>[1], Record<string, unknown>, string]> = [
      ['events.add', { name: 'Workshop', startDate: day }, 'startDate'],
      ['events.add', { name: 'Workshop', startDate: '2026-03-02', endDate: day }, 'endDate'],
      ['projects.add', { name: 'Network', startDate: day }, 'startDate'],
      ['events.update', { id: event.id, endDate: day }, 'endDate'],
      ['projects.update', { id: project.id, startDate: day }, 'startDate'],
      ['participations.add', { contactId: contact.id, eventId: event.id, participatedOn: day }, 'participatedOn'],
    ];
    for (const [method, input, field] of attempts) {
      expect(await callError(core, method, input), `${method} ${field}`).toMatchObject({ code: 'invalid_input', detail: { reason: 'date_invalid', field } });
    }
    expect(await footprint(core)).toEqual(before);
  });

  it('accepts real days, 29 February of a leap year included', async () => {
    const { core } = await createdVault();
    const event = await call(core, 'events.add', { name: 'Leap day meeting', startDate: '2028-02-29', endDate: '2028-03-01' });
    expect(event.startDate).toBe('2028-02-29');
    expect(await callError(core, 'events.add', { name: 'Not leap', startDate: '2027-02-29' })).toMatchObject({ detail: { reason: 'date_invalid' } });
  });

  it.each([
    ['a lone high surrogate', 'Ana \ud800Lima'],
    ['a lone low surrogate', 'Ana \udc00Lima'],
    ['a NUL byte', 'Ana\u0000Lima'],
  ])('text with %s, in every text field, and writes nothing', async (_what, bad) => {
    const { core } = await createdVault();
    const before = await footprint(core);
    expect(await callError(core, 'contacts.add', { fullName: bad })).toMatchObject({ code: 'invalid_input', detail: { reason: 'text_invalid', field: 'fullName' } });
    expect(await callError(core, 'contacts.add', { fullName: 'Ana Lima', notes: bad })).toMatchObject({ detail: { reason: 'text_invalid', field: 'notes' } });
    expect(await callError(core, 'organisations.add', { name: bad, type: 'other' })).toMatchObject({ detail: { reason: 'text_invalid', field: 'name' } });
    expect(await callError(core, 'events.add', { name: 'Plenary', startDate: '2026-03-02', location: bad })).toMatchObject({ detail: { reason: 'text_invalid' } });
    expect(await footprint(core)).toEqual(before);
  });

  it('keeps characters outside the basic plane, written as surrogate pairs', async () => {
    const { core } = await createdVault();
    const contact = await call(core, 'contacts.add', { fullName: 'Ana 🌿 Lima 𝒜' });
    expect((await call(core, 'contacts.get', { id: contact.id })).fullName).toBe('Ana 🌿 Lima 𝒜');
  });

  it('two letters that name no country, for the home country and a contact', async () => {
    const { core } = await createdVault();
    const before = await footprint(core);
    expect(await callError(core, 'settings.update', { homeCountry: 'XX' })).toMatchObject({ code: 'invalid_input', detail: { reason: 'country_unknown', field: 'homeCountry' } });
    expect(await callError(core, 'contacts.add', { fullName: 'Ana Lima', country: 'ZZ' })).toMatchObject({ detail: { reason: 'country_unknown', field: 'country' } });
    expect(await footprint(core)).toEqual(before);
    expect((await call(core, 'contacts.add', { fullName: 'Ana Lima', country: 'XK' })).country).toBe('XK');
    expect((await call(core, 'settings.update', { homeCountry: 'LU' })).homeCountry).toBe('LU');
  });
});

describe('a malformed recovery key', () => {
  it('is refused without signing the person out', async () => {
    const { core } = await createdVault();
    const contact = await call(core, 'contacts.add', { fullName: 'Ana Lima' });
    expect(await callError(core, 'vault.recover', { recoveryKey: 'garbage' })).toMatchObject({ code: 'invalid_input' });
    expect(core.status().state).toBe('unlocked');
    expect((await call(core, 'contacts.get', { id: contact.id })).fullName).toBe('Ana Lima');
  });
});
