/**
 * The home-country setting (issue 3): phone numbers typed or imported without a country
 * code are read as that country's; display is national for it, international otherwise.
 */
import { describe, expect, it } from 'vitest';
import { formatPhoneForDisplay } from '../../shared/rules/phone';
import { call, callError, createdVault } from '../helpers';

describe('home country', () => {
  it('reads national numbers as the home country’s, for new contacts, edits and imports', async () => {
    const { core } = await createdVault();
    expect((await call(core, 'settings.get', {})).homeCountry).toBe('BE');
    const be = await call(core, 'contacts.add', { fullName: 'Lotte Peeters', phone: '02 299 11 11' });
    expect(be.phones).toEqual(['+3222991111']);

    expect((await call(core, 'settings.update', { homeCountry: 'FR' })).homeCountry).toBe('FR');
    const fr = await call(core, 'contacts.add', { fullName: 'Claire Martin', phone: '01 42 68 53 00' });
    expect(fr.phones).toEqual(['+33142685300']);
    // The contact's own country wins over the home country.
    const nl = await call(core, 'contacts.add', { fullName: 'Sanne de Vries', country: 'NL', phone: '020 555 0100' });
    expect(nl.phones[0]).toMatch(/^\+3120/);
    const edited = await call(core, 'contacts.update', { id: be.id, phone: '06 12 34 56 78' });
    expect(edited.phones).toEqual(['+33612345678']);

    const csv = Buffer.from('Email,Name,Phone\r\nmarc@example.fr,Marc Durand,04 72 10 30 30\r\n').toString('base64');
    const preview = await call(core, 'contacts.importPreview', { contentBase64: csv, mapping: { Email: 'email', Name: 'fullName', Phone: 'phone' } });
    expect(preview.counts).toMatchObject({ new: 1, invalid: 0 });
    await call(core, 'contacts.importCommit', { contentBase64: csv, mapping: { Email: 'email', Name: 'fullName', Phone: 'phone' } });
    const marc = (await call(core, 'contacts.search', { query: 'marc durand' })).items[0]!;
    expect((await call(core, 'contacts.get', { id: marc.id })).phones).toEqual(['+33472103030']);

    expect((await callError(core, 'settings.update', { homeCountry: 'France' })).code).toBe('invalid_input');
    expect((await call(core, 'settings.get', {})).homeCountry).toBe('FR');
  });

  it('shows home numbers nationally and the others with their country code', () => {
    expect(formatPhoneForDisplay('+3222991111', 'BE')).toBe('02 299 11 11');
    expect(formatPhoneForDisplay('+33142685300', 'BE')).toBe('+33 1 42 68 53 00');
    expect(formatPhoneForDisplay('+33142685300', 'fr')).toBe('01 42 68 53 00');
    expect(formatPhoneForDisplay('not a number', 'BE')).toBe('not a number');
  });
});
