import { describe, expect, it } from 'vitest';
import { call, callError, createdVault } from '../helpers';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);

async function contactVault() {
  const { core } = await createdVault();
  const contact = await call(core, 'contacts.add', { fullName: 'Inès Fontaine', country: 'BE' });
  return { core, contact };
}

describe('sensitive extras', () => {
  it('keeps a checked IBAN masked in lists and audits every reveal', async () => {
    const { core, contact } = await contactVault();
    const item = await call(core, 'sensitive.add', { contactId: contact.id, reason: 'Travel refund', bank: { iban: 'be71 0961 2345 6769', bic: 'GKCCBEBB' } });
    expect(item.masked).toMatch(/^BE71 .*6769$/);
    expect(item.masked).not.toContain('0961');
    const listed = await call(core, 'sensitive.list', { contactId: contact.id });
    expect(JSON.stringify(listed)).not.toContain('096123456');
    const revealed = await call(core, 'sensitive.reveal', { id: item.id });
    expect(revealed.values).toEqual({ iban: 'BE71096123456769', bic: 'GKCCBEBB' });
    const [event] = await call(core, 'audit.list', { limit: 1 });
    expect(event).toMatchObject({ action: 'sensitive.revealed', entityId: item.id, staffName: 'Anna Admin' });
    expect(event!.fields).toEqual(['bank', 'iban', 'bic']);
    expect(JSON.stringify(await call(core, 'audit.list', { limit: 50 }))).not.toContain('BE71');
  });

  it('refuses a wrong IBAN, a claimed image that is not one, and an oversized photo', async () => {
    const { core, contact } = await contactVault();
    expect((await callError(core, 'sensitive.add', { contactId: contact.id, reason: 'Refund', bank: { iban: 'BE71 0961 2345 6768' } })).code).toBe('invalid_input');
    const notImage = Buffer.from('<svg onload="alert(1)"></svg>').toString('base64');
    expect((await callError(core, 'sensitive.add', { contactId: contact.id, reason: 'Badge photo', file: { base64: notImage } })).message).toMatch(/PNG, JPEG or WebP/);
    const huge = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]).toString('base64');
    expect((await callError(core, 'sensitive.add', { contactId: contact.id, reason: 'Badge photo', file: { base64: huge } })).message).toMatch(/too large/);
    expect((await callError(core, 'sensitive.add', { contactId: contact.id, reason: 'x' })).code).toBe('invalid_input');
    expect(await call(core, 'sensitive.list', { contactId: contact.id })).toEqual([]);
  });

  it('stores a photo and a signed sheet for an event, and removes them', async () => {
    const { core, contact } = await contactVault();
    const photo = await call(core, 'sensitive.add', { contactId: contact.id, reason: 'Badge photo', file: { base64: PNG.toString('base64') } });
    expect(photo).toMatchObject({ category: 'photo', masked: expect.stringContaining('image/png') });
    const ev = await call(core, 'events.add', { name: 'Training Day', startDate: '2026-03-10' });
    const pdf = Buffer.from('%PDF-1.7\n…signed attendance list…').toString('base64');
    const sheet = await call(core, 'sensitive.add', { contactId: contact.id, reason: 'Signed attendance list', file: { base64: pdf }, eventId: ev.id });
    expect(sheet).toMatchObject({ category: 'signature', eventId: ev.id });
    expect((await call(core, 'sensitive.reveal', { id: photo.id })).file).toEqual({ base64: PNG.toString('base64'), contentType: 'image/png' });
    await call(core, 'sensitive.remove', { id: photo.id });
    expect((await call(core, 'sensitive.list', { contactId: contact.id })).map((s) => s.id)).toEqual([sheet.id]);
  });

  it('auditors see masked values and may reveal only when an admin allows it', async () => {
    const { core, contact } = await contactVault();
    const item = await call(core, 'sensitive.add', {
      contactId: contact.id,
      reason: 'Flight booking',
      identity: { document: 'passport', number: 'EM1234567', dateOfBirth: '1984-02-29', nationality: 'BE' },
    });
    expect(item).toMatchObject({ masked: '•••••4567', document: 'passport' });
    await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: 'auditor passphrase' });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: 'auditor passphrase' });
    expect((await call(core, 'sensitive.list', { contactId: contact.id }))[0]!.masked).toBe('•••••4567');
    expect((await callError(core, 'sensitive.reveal', { id: item.id })).code).toBe('forbidden');
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: 'correct horse battery staple' });
    await call(core, 'settings.update', { auditorsMayReveal: true });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: 'auditor passphrase' });
    expect((await call(core, 'sensitive.reveal', { id: item.id })).values.number).toBe('EM1234567');
  });

  it('refuses a date of birth after today on an identity document, but not a future expiry', async () => {
    const { core, contact } = await contactVault();
    const later = new Date(Date.now() + 2 * 86_400_000);
    const inTwoDays = `${later.getFullYear()}-${String(later.getMonth() + 1).padStart(2, '0')}-${String(later.getDate()).padStart(2, '0')}`;
    const before = await call(core, 'audit.list', { limit: 1 });
    for (const dateOfBirth of [inTwoDays, '2999-01-01']) {
      const refused = await callError(core, 'sensitive.add', { contactId: contact.id, reason: 'Flight booking', identity: { document: 'passport', number: 'EM1234567', dateOfBirth } });
      expect(refused).toMatchObject({ code: 'invalid_input', detail: { reason: 'date_future', field: 'dateOfBirth' } });
    }
    expect(await call(core, 'sensitive.list', { contactId: contact.id })).toEqual([]);
    expect(await call(core, 'audit.list', { limit: 1 })).toEqual(before);
    const ok = await call(core, 'sensitive.add', {
      contactId: contact.id,
      reason: 'Flight booking',
      identity: { document: 'passport', number: 'EM1234567', dateOfBirth: '1984-02-29', expiry: inTwoDays },
    });
    expect(ok.document).toBe('passport');
  });
});
