/**
 * The organisation as a setting (issue 14 §3): the policy's secretariat until an admin
 * changes it, each field falling back on its own, bad input changing nothing, the audit
 * event naming fields and never values, admins only; and a bundle and a letter printing
 * what was set.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../db/export/zip';
import { controllerDetails, POLICY_DEFAULTS } from '../../db/settings/controller';
import en from '../../shared/i18n/en.json';
import fr from '../../shared/i18n/fr.json';
import { call, callError, createdVault, tempDir } from '../helpers';

const ours = {
  name: 'Réseau Vert asbl',
  address: '  Rue du Marché 12\r\n\r\n5000 Namur  \nBelgique',
  email: 'privacy@reseau-vert.example',
  contactPerson: 'Claire Dubois, DPO',
};

async function snapshot(core: Awaited<ReturnType<typeof createdVault>>['core']) {
  const raw = core.context().vault.raw;
  return { settings: raw.prepare('SELECT key, value FROM settings ORDER BY key').all(), audit: raw.prepare('SELECT seq, hash FROM audit_head').get() };
}

describe('settings.setController', () => {
  it('reads the privacy policy’s secretariat and the Belgian authority until an admin changes them', async () => {
    const { core } = await createdVault();
    const { controller } = await call(core, 'settings.get', {});
    expect(controller).toEqual(POLICY_DEFAULTS);
    expect(controller).toMatchObject({ name: 'IMPEL', email: 'info@impel.eu', contactPerson: null, authority: { email: 'contact@apd-gba.be' } });
    expect(controller.address.split('\n')).toEqual(['Secrétariat de l’IMPEL', 'Chemin des deux maisons 73, boîte 3', '1200 Bruxelles', 'Belgique']);
  });

  it('stores what an admin set, tidied, and falls back on the policy field by field', async () => {
    const { core } = await createdVault();
    const s = await call(core, 'settings.setController', { ...ours, authority: { website: '' } });
    expect(s.controller).toEqual({
      name: 'Réseau Vert asbl',
      address: 'Rue du Marché 12\n5000 Namur\nBelgique',
      email: 'privacy@reseau-vert.example',
      contactPerson: 'Claire Dubois, DPO',
      // Emptied: prints nothing; the others are still the policy's.
      authority: { ...POLICY_DEFAULTS.authority, website: '' },
    });
    expect(await controllerDetails(core.context().db)).toEqual(s.controller);
    // A later partial change keeps the rest; an emptied optional field prints nothing.
    const later = await call(core, 'settings.setController', { email: 'dpo@reseau-vert.example', contactPerson: '  ' });
    expect(later.controller).toMatchObject({ name: 'Réseau Vert asbl', email: 'dpo@reseau-vert.example', contactPerson: null, authority: { website: '', email: 'contact@apd-gba.be' } });
    // The other settings are as they were, and survive a lock.
    expect(later.autoLockMinutes).toBe(10);
    await core.lock();
    await call(core, 'vault.unlock', { passphrase: 'correct horse battery staple' });
    expect((await call(core, 'settings.get', {})).controller).toEqual(later.controller);
  });

  it('audits the names of the changed fields only, in the same transaction, and a change of nothing not at all', async () => {
    const { core } = await createdVault();
    await call(core, 'settings.setController', { ...ours, name: 'IMPEL', authority: { name: 'Commission nationale de l’informatique et des libertés', email: 'plaintes@cnil.example' } });
    const [event] = await call(core, 'audit.list', { limit: 1 });
    // The name given as it already read is no change.
    expect(event).toMatchObject({
      action: 'settings.controllerUpdated',
      entityType: 'settings',
      entityId: 'controller',
      fields: ['address', 'email', 'contactPerson', 'authorityName', 'authorityEmail'],
    });
    const raw = core.context().vault.raw;
    for (const value of ['Namur', 'reseau-vert', 'Claire', 'CNIL', 'cnil', 'libertés']) {
      expect(raw.prepare(`SELECT count(*) FROM audit_events WHERE fields LIKE ? OR entity_id LIKE ?`).pluck().get(`%${value}%`, `%${value}%`)).toBe(0);
    }
    const before = await snapshot(core);
    await call(core, 'settings.setController', { email: ours.email, authority: {} });
    await call(core, 'settings.setController', {});
    expect(await snapshot(core)).toEqual(before);
    expect(await call(core, 'audit.verify', {})).toMatchObject({ intact: true });
  });

  it('refuses a bad e-mail or an empty required field, and changes nothing', async () => {
    const { core } = await createdVault();
    await call(core, 'settings.setController', { name: 'Réseau Vert asbl' });
    const before = await snapshot(core);
    const refused = [
      [{ ...ours, email: 'privacy at reseau-vert' }, 'email_invalid', 'email'],
      [{ ...ours, authority: { email: 'cnil@' } }, 'email_invalid', 'authorityEmail'],
      [{ ...ours, name: '   ' }, 'controller_field_empty', 'name'],
      [{ ...ours, address: '\n \n' }, 'controller_field_empty', 'address'],
      [{ email: '' }, 'controller_field_empty', 'email'],
      [{ authority: { name: '' } }, 'controller_field_empty', 'authorityName'],
    ] as const;
    for (const [input, reason, field] of refused) {
      expect(await callError(core, 'settings.setController', input)).toMatchObject({ code: 'invalid_input', detail: { reason, field } });
    }
    expect(await callError(core, 'settings.setController', { name: 'X', city: 'Namur' })).toMatchObject({ code: 'invalid_input' });
    expect(await callError(core, 'settings.setController', { name: 'a\0b' })).toMatchObject({ code: 'invalid_input' });
    expect(await snapshot(core)).toEqual(before);
    expect((await call(core, 'settings.get', {})).controller.name).toBe('Réseau Vert asbl');
  });

  it('is for admins only: staff and auditors read it but cannot change it', async () => {
    const { core } = await createdVault();
    await call(core, 'staff.add', { name: 'Sam Staff', role: 'staff', passphrase: 'staff passphrase 1' });
    await call(core, 'staff.add', { name: 'Alex Auditor', role: 'auditor', passphrase: 'auditor passphrase 1' });
    for (const passphrase of ['staff passphrase 1', 'auditor passphrase 1']) {
      await core.lock();
      await call(core, 'vault.unlock', { passphrase });
      const before = await snapshot(core);
      expect((await call(core, 'settings.get', {})).controller.name).toBe('IMPEL');
      expect(await callError(core, 'settings.setController', { name: 'Taken over' })).toMatchObject({ code: 'forbidden' });
      expect((await snapshot(core)).settings).toEqual(before.settings);
    }
  });
});

describe('what prints the organisation', () => {
  it('an access bundle names the organisation, its e-mail and another authority as set', async () => {
    const { core } = await createdVault();
    await call(core, 'settings.setController', {
      ...ours,
      authority: { name: 'Commission nationale de l’informatique et des libertés', address: '3 place de Fontenoy\n75007 Paris', email: '', website: 'www.cnil.fr' },
    });
    const person = await call(core, 'contacts.add', { fullName: 'Zoé Martin', email: 'zoe@example.org', language: 'en' });
    const out = join(tempDir(), 'bundle.zip');
    const result = await call(core, 'exports.subject', { contactId: person.id, out, mode: 'access' });
    expect(result.outcome).toBe('written');
    const entries = await readZip(out);
    const read = (name: string) => Buffer.from(entries.find((e) => e.name === name)!.bytes).toString('utf8');
    const data = JSON.parse(read('data.json')) as { processing: { controller: { name: string; address: string; email: string } } };
    expect(data.processing.controller).toEqual({ name: 'Réseau Vert asbl', address: 'Rue du Marché 12\n5000 Namur\nBelgique', email: 'privacy@reseau-vert.example' });
    for (const file of ['summary.html', 'README.txt']) {
      const page = read(file);
      expect(page).toContain('Your personal data held by Réseau Vert asbl');
      expect(page).toContain('Rue du Marché 12, 5000 Namur, Belgique');
      expect(page).toContain('privacy@reseau-vert.example');
      expect(page).toContain('Commission nationale de l’informatique et des libertés');
      expect(page).toContain('www.cnil.fr');
      expect(page).not.toMatch(/IMPEL|impel\.eu|Belgian Data Protection Authority|apd-gba/);
    }
  });

  it('a request letter is headed and signed with the organisation as set, and names its authority when refusing', async () => {
    const { core } = await createdVault();
    await call(core, 'settings.setController', { ...ours, authority: { name: 'Commission nationale de l’informatique et des libertés', address: '', email: 'plaintes@cnil.example', website: '' } });
    const r = await call(core, 'requests.add', { type: 'access', receivedOn: '2026-11-02', channel: 'email', requesterName: 'Zoé Martin', requesterEmail: 'zoe@example.org' });
    for (const language of ['en', 'fr'] as const) {
      const ack = await call(core, 'requests.draftLetter', { id: r.id, kind: 'acknowledgement', language });
      expect(ack.body.startsWith('Réseau Vert asbl\nRue du Marché 12\n5000 Namur\nBelgique\nprivacy@reseau-vert.example\n\n')).toBe(true);
      expect(ack.body).toMatch(/\nClaire Dubois, DPO\n.*Réseau Vert asbl$/);
      expect(ack.body).not.toMatch(/IMPEL|impel\.eu/);
      const refusal = await call(core, 'requests.draftLetter', { id: r.id, kind: 'refusal', language, refusalReason: 'excessive' });
      expect(refusal.body).toContain('Commission nationale de l’informatique et des libertés (plaintes@cnil.example), ');
      expect(refusal.body).not.toMatch(/Belgian|belge|apd-gba|\(, /);
    }
  });
});

describe('the under-age banner', () => {
  it('speaks of the organisation’s privacy policy, not Registre’s', () => {
    expect(en.contacts.underAge).toContain('Your organisation’s privacy policy');
    expect(fr.contacts.underAge).toContain('La politique de confidentialité de votre organisation');
    for (const words of [en.contacts.underAge, fr.contacts.underAge]) expect(words).not.toContain('Registre');
  });
});
