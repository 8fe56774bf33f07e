/**
 * The mapping of a successful import is remembered per header set and used by the next
 * preview and commit of a file with the same headers, through the API as the screen calls it.
 */
import { describe, expect, it } from 'vitest';
import { headerSetKey } from '../../db/import/remembered-mappings';
import { call, createdVault } from '../helpers';
import { fixture } from './fixtures';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
// "Qui" and "Entité" are no synonyms the guesser knows: only a person can map them.
const FIRST = base64('Courriel,Qui,Entité\r\nana.silva@example.pt,Ana Silva,APA\r\n');
const SECOND = base64('Entité,Courriel,Qui\r\nEcolex,bo.berg@example.se,Bo Berg\r\nAPA,broken-address,Rui Costa\r\n');
const MAPPING = { Courriel: 'email', Qui: 'fullName', Entité: 'organisationName' } as const;

describe('remembered import mappings', () => {
  it('keys a header set regardless of column order', () => {
    expect(headerSetKey(['a', 'b'])).toBe(headerSetKey(['b', 'a']));
    expect(headerSetKey(['a', 'b'])).not.toBe(headerSetKey(['a', 'b', 'c']));
  });

  it('uses the mapping of the last successful import of a file with the same headers', async () => {
    const { core } = await createdVault();
    const first = await call(core, 'contacts.importPreview', { contentBase64: FIRST });
    expect(first.mappingSource).toBe('guessed');
    expect(first.mapping).toMatchObject({ Courriel: 'email', Qui: 'ignore', Entité: 'ignore' });

    const given = await call(core, 'contacts.importPreview', { contentBase64: FIRST, mapping: MAPPING });
    expect(given.mappingSource).toBe('given');
    await call(core, 'contacts.importCommit', { contentBase64: FIRST, mapping: MAPPING, expected: given.counts });

    const second = await call(core, 'contacts.importPreview', { contentBase64: SECOND });
    expect(second.mappingSource).toBe('remembered');
    expect(second.mapping).toEqual(MAPPING);
    expect(second.counts).toMatchObject({ new: 1, invalid: 1, organisationsToCreate: 1 });

    // The commit reads the file the way the preview did, without being sent the mapping.
    await call(core, 'contacts.importCommit', { contentBase64: SECOND, skipInvalid: true, expected: second.counts });
    const found = await call(core, 'contacts.search', { query: 'Bo Berg' });
    expect(found.items.map((c) => [c.fullName, c.organisationName])).toEqual([['Bo Berg', 'Ecolex']]);

    // An explicit mapping still wins over the remembered one.
    const explicit = await call(core, 'contacts.importPreview', { contentBase64: SECOND, mapping: { Courriel: 'email' } });
    expect(explicit.mappingSource).toBe('given');
    expect(explicit.mapping).toEqual({ Entité: 'ignore', Courriel: 'email', Qui: 'ignore' });
  });

  it('remembers nothing from a refused commit, and keeps presets for other files', async () => {
    const { core } = await createdVault();
    const mapping = { ...MAPPING, Qui: 'notes' } as const;
    await expect(call(core, 'contacts.importCommit', { contentBase64: SECOND, mapping })).rejects.toMatchObject({ detail: { reason: 'import_has_invalid_rows' } });
    expect((await call(core, 'contacts.importPreview', { contentBase64: SECOND })).mappingSource).toBe('guessed');

    const forms = Buffer.from(fixture('google-forms-fr.csv')).toString('base64');
    const preview = await call(core, 'contacts.importPreview', { contentBase64: forms });
    expect(preview).toMatchObject({ preset: 'google_forms', mappingSource: 'preset' });
  });

  it('ignores a remembered entry that names fields this version does not know', async () => {
    const { core } = await createdVault();
    const stale = { [headerSetKey(['Courriel', 'Qui', 'Entité'])]: { mapping: { ...MAPPING, Qui: 'nickname' }, usedAt: '2020-01-01T00:00:00.000Z' } };
    await core
      .context()
      .db.insertInto('settings')
      .values({ key: 'importMappings', value: JSON.stringify(stale) })
      .execute();
    expect((await call(core, 'contacts.importPreview', { contentBase64: FIRST })).mappingSource).toBe('guessed');
  });

  it('an entry remembered before consent columns existed takes the consent and country columns of the preset, which it could only ignore', async () => {
    const { core } = await createdVault();
    const csv = 'Email Address,First Name,OPTIN_TIME,CC,TAGS\r\nana.silva@example.pt,Ana,2024-02-01 10:00:00,PT,\r\n';
    const old = { 'Email Address': 'email', 'First Name': 'firstName', OPTIN_TIME: 'ignore', CC: 'ignore', TAGS: 'ignore' } as const;
    const stored = { [headerSetKey(['Email Address', 'First Name', 'OPTIN_TIME', 'CC', 'TAGS'])]: { mapping: old, usedAt: '2025-01-01T00:00:00.000Z' } };
    await core
      .context()
      .db.insertInto('settings')
      .values({ key: 'importMappings', value: JSON.stringify(stored) })
      .execute();
    const p = await call(core, 'contacts.importPreview', { contentBase64: base64(csv) });
    expect(p).toMatchObject({ mappingSource: 'remembered', mapping: { ...old, OPTIN_TIME: 'consentGranted', CC: 'country' }, counts: { grants: 1 } });
    // Once remembered by this version, a column left out on purpose stays out.
    await call(core, 'contacts.importCommit', { contentBase64: base64(csv), mapping: old });
    const again = await call(core, 'contacts.importPreview', { contentBase64: base64(csv) });
    expect(again).toMatchObject({ mappingSource: 'remembered', mapping: old });
  });
});
