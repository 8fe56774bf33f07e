import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../db/export/zip';
import { seededProcessorWords } from '../../db/seed/processor-words';
import { call, callError, createdVault, tempDir } from '../helpers';
import { bundleVault } from './export-bundle-seed';

const CONSENT_COLUMNS = 'id,contactId,contactName,purposeCode,action,lawfulBasis,channel,evidence,policyVersion,policyLanguage,policyEarlier,occurredAt,recordedById,recordedBy,recordedAt';

async function consentVault() {
  const { core } = await createdVault();
  const ana = await call(core, 'contacts.add', { fullName: 'Ana Ruiz', email: 'ana@example.org', country: 'BE', gender: 'female' });
  await call(core, 'consents.record', { contactId: ana.id, purposeCode: 'newsletter', action: 'granted', channel: 'form', occurredOn: '2026-01-10' });
  return { core, ana };
}

describe('register export for people', () => {
  it('writes French titles, codes in words and Brussels times, while the machine form keeps its names', async () => {
    const { core } = await consentVault();
    const dir = tempDir();
    const people = join(dir, 'consents.csv');
    const r = await call(core, 'exports.register', { table: 'consents', format: 'csv', delimiter: ';', bom: true, form: 'people', language: 'fr', out: people });
    expect(r.outcome).toBe('written');
    const [header, row] = parse(readFileSync(people, 'utf8'), { bom: true, delimiter: ';' }) as string[][];
    expect(header!.slice(0, 7)).toEqual(['Identifiant', 'Identifiant du contact', 'Contact', 'Finalité', 'Action', 'Base légale', 'Canal']);
    expect(row).toContain('Consentement donné');
    expect(row).toContain('Formulaire');
    expect(row).toContain('10/01/2026');
    const recordedAt = row![header!.indexOf('Enregistré le')]!;
    expect(recordedAt).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const manifest = JSON.parse(readFileSync(`${people}.manifest.json`, 'utf8')) as { register: Record<string, unknown> };
    expect(manifest.register).toMatchObject({ form: 'people', language: 'fr' });

    const machine = join(dir, 'machine.csv');
    await call(core, 'exports.register', { table: 'consents', format: 'csv', out: machine });
    const text = readFileSync(machine, 'utf8');
    expect(text.split('\r\n')[0]).toBe(CONSENT_COLUMNS);
    expect(text).toContain(',granted,consent,form,');
    expect(JSON.parse(readFileSync(`${machine}.manifest.json`, 'utf8')).register).not.toHaveProperty('form');
  });

  it('reads an instant as Brussels local time and a contact in English words', async () => {
    const { core } = await consentVault();
    const out = join(tempDir(), 'contacts.csv');
    await call(core, 'exports.register', { table: 'contacts', format: 'csv', form: 'people', language: 'en', out });
    const [header, row] = parse(readFileSync(out, 'utf8'), {}) as string[][];
    expect(header).toContain('Full name');
    expect(row![header!.indexOf('Gender')]).toBe('Female');
    expect(row![header!.indexOf('Country')]).toBe('Belgium');
    const { peopleDate } = await import('../../db/export/export-words');
    expect(peopleDate('2026-12-02T13:05:00.000Z')).toBe('02/12/2026 14:05');
    expect(peopleDate('2026-07-02T13:05:00.000Z')).toBe('02/07/2026 15:05');
  });

  it('refuses a JSON file for people', async () => {
    const { core } = await consentVault();
    const e = await callError(core, 'exports.register', { table: 'consents', format: 'json', form: 'people', out: join(tempDir(), 'c.json') });
    expect(e.code).toBe('invalid_input');
  });
});

describe('bundle CSVs and summary in the person’s language', () => {
  it('titles the CSVs in French, puts no JSON in a cell, and describes seeded processors in French', async () => {
    const v = await bundleVault();
    const out = join(tempDir(), 'bundle.zip');
    await call(v.core, 'exports.subject', { contactId: v.a.id, mode: 'access', includeSensitive: true, language: 'fr', out });
    const entries = await readZip(out);
    const text = (name: string) => Buffer.from(entries.find((e) => e.name === name)!.bytes).toString('utf8');
    const [contactHeader] = parse(text('contact.csv'), { bom: true, delimiter: ';' }) as string[][];
    expect(contactHeader!.slice(0, 3)).toEqual(['Identifiant', 'Nom complet', 'Fonction']);
    const [extrasHeader] = parse(text('sensitive-extras.csv'), { bom: true, delimiter: ';' }) as string[][];
    expect(extrasHeader).toContain('IBAN');
    expect(extrasHeader).toContain('Titulaire du compte');
    for (const e of entries.filter((x) => x.name.endsWith('.csv'))) {
      const rows = parse(Buffer.from(e.bytes).toString('utf8'), { bom: true, delimiter: ';' }) as string[][];
      for (const cell of rows.flat()) expect(cell, e.name).not.toMatch(/^'?[{[]/);
    }
    const summary = text('summary.html');
    expect(summary).toContain('Espaces de projet : messages, fichiers, profils');
    expect(summary).toContain('Bouclier de protection des données UE–États-Unis (selon la politique)');
    expect(summary).not.toContain('Project spaces: messages, files, profiles');
    expect(text('README.txt')).toContain('Stockage en ligne');
  });

  it('keeps a processor role an admin typed, and the seed’s English matches what a new vault holds', async () => {
    const { core } = await createdVault();
    const held = await core.context().db.selectFrom('processors').select(['id', 'role', 'transfer_safeguard']).execute();
    for (const [id, words] of Object.entries(seededProcessorWords)) {
      const p = held.find((x) => x.id === id)!;
      expect(p.role, id).toBe(words.role.en);
      expect(p.transfer_safeguard, id).toBe(words.safeguard?.en ?? null);
    }
    const { processorWords } = await import('../../db/seed/processor-words');
    expect(processorWords({ id: 'processor-basecamp', role: 'Our own words', transferSafeguard: null }, 'fr')).toEqual({ role: 'Our own words', transferSafeguard: null });
  });
});
