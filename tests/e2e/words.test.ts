/**
 * End-to-end: the screens speak words, not codes. A person's history after a bundle and a
 * reveal, a revealed identity document and photo, the primary e-mail, a count of one, a
 * dialog giving focus back, Settings confirming a save, and an unlock starting at home.
 * Build first: `node scripts/build.mjs`. Screenshots: tests/e2e/screenshots/words-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaffThroughSettings, createVaultThroughScreens, openPreviewInChromium, previewCall, shotsAtOfficeSizes, unlockAs, type E2eSession } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };
const AUDITOR = { name: 'Paul Verhoeven', passphrase: 'quarry ember violet compass' };
const PERSON = 'Marie Lambert';
// An 80×80 blue PNG, as a profile photo.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAFAAAABQCAIAAAABc2X6AAAAaElEQVR42u3PAQ0AAAgDoBezmMmMZw9lowCpnlciLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsfMkCeCXZDjoIl2QAAAAASUVORK5CYII=';

let session: E2eSession | null = null;
let page: Page;
const ids: Record<string, string> = {};

const api = <T>(method: string, input: unknown) => previewCall<T>(session!, method, input);
const heading = () => page.locator('h1');
const nav = (route: string) => page.locator(`nav [data-route="${route}"]`).click();
const history = () => page.getByTestId('contact-history');
const sensitive = () => page.getByTestId('sensitive-section');
// Codes the core writes, which must never reach the page as they are.
const RAW_CODES = /export\.subject|sensitive\.disclosed|sensitive_disclosed|sensitiveExtras|photoPreferences|sensitive_extra/;

async function openPerson(): Promise<void> {
  await nav('contacts');
  await page.getByRole('button', { name: PERSON, exact: true }).click();
  await expect.poll(() => heading().textContent()).toBe(PERSON);
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-words-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('words a person understands', () => {
  it('starts from a person with an identity document, a photo and a bundle made for them', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    const contact = await api<{ id: string }>('contacts.add', { fullName: PERSON, email: 'marie@example.org', otherEmails: ['m.lambert@example.be'] });
    ids.contact = contact.id;
    const event = await api<{ id: string }>('events.add', { name: 'IMPEL Conference 2026', startDate: '2026-05-12' });
    ids.event = event.id;
    await api('participations.add', { contactId: contact.id, eventId: event.id });
    await api('sensitive.add', {
      contactId: contact.id,
      reason: 'Hotel booking for the conference',
      identity: { document: 'passport', number: 'EM1234567890123456789', nationality: 'BE', dateOfBirth: '1984-03-07', expiry: '2031-11-30' },
    });
    await api('sensitive.add', { contactId: contact.id, reason: 'Badge photo', file: { base64: PNG } });
    // As the export dialog does: the preview hands out where the file goes, then the bundle is made.
    const { path } = await api<{ path: string }>('shell.chooseExportPath', { suggestedName: 'marie.zip' });
    await api('exports.subject', { contactId: contact.id, mode: 'access', includeSensitive: true, out: path });
    await page.reload();
    await expect.poll(() => heading().textContent(), { timeout: 15_000 }).toBe('Contacts');
  });

  it('shows the primary e-mail as primary and the others apart', async () => {
    await openPerson();
    const facts = page.locator('.facts--record');
    await expect.poll(() => facts.locator('div', { hasText: 'Primary e-mail' }).locator('dd').textContent()).toBe('marie@example.org');
    expect(await facts.locator('div', { hasText: 'Other e-mail addresses' }).locator('dd').textContent()).toBe('m.lambert@example.be');
  });

  it('reveals a document in words, dates the local way and a photo as a picture', async () => {
    const items = sensitive().getByTestId('sensitive-item');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(1).getByTestId('masked').textContent()).toMatch(/^PNG image, \d+ KB$/);
    await items.nth(0).getByRole('button', { name: 'Reveal' }).click();
    const revealed = items.nth(0).getByTestId('revealed');
    await expect.poll(() => revealed.textContent()).toContain('Passport');
    const text = (await revealed.textContent())!;
    expect(text).toContain('Belgium');
    expect(text).toContain('7 March 1984');
    expect(text).not.toMatch(/passport|\bBE\b|\d{4}-\d{2}-\d{2}/);
    await items.nth(1).getByRole('button', { name: 'Reveal' }).click();
    const photo = items.nth(1).getByRole('img', { name: /photo/i });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(80);
    // The masked number stays left of the buttons at the office laptop's size.
    await page.setViewportSize({ width: 1093, height: 560 });
    const masked = await items.nth(0).getByTestId('masked').boundingBox();
    const button = await items.nth(0).getByRole('button', { name: 'Hide' }).boundingBox();
    expect(masked!.x + masked!.width).toBeLessThanOrEqual(button!.x);
    await sensitive().scrollIntoViewIfNeeded();
    await shotsAtOfficeSizes(page, 'words-01-sensitive');
  });

  it('tells the history in words in English and in French', async () => {
    await expect.poll(() => history().textContent()).toContain('Made an access/portability bundle');
    const en = (await history().textContent())!;
    expect(en).toContain('Included sensitive details in a bundle');
    expect(en).toContain('sensitive details');
    expect(en).not.toMatch(RAW_CODES);
    await history().scrollIntoViewIfNeeded();
    await shotsAtOfficeSizes(page, 'words-02-history-en');
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => history().textContent()).toContain('A préparé un dossier d’accès/portabilité');
    const fr = (await history().textContent())!;
    expect(fr).toContain('A inclus des données sensibles');
    expect(fr).not.toMatch(RAW_CODES);
    await history().scrollIntoViewIfNeeded();
    await shotsAtOfficeSizes(page, 'words-03-history-fr');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('counts one attendee in the singular', async () => {
    const file = await api<{ content: string }>('photos.eventListFile', { eventId: ids.event, format: 'html', language: 'en' });
    expect(file.content).toContain('1 attendee<');
  });

  it('gives focus back to the button that opened a dialog', async () => {
    const opener = page.getByRole('button', { name: 'Record…', exact: true });
    await opener.click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => opener.evaluate((b) => b === document.activeElement)).toBe(true);
  });

  it('says a settings save was saved', async () => {
    await nav('settings');
    const lock = page.getByLabel('Minutes without activity');
    await lock.fill('12');
    await lock.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
  });

  it('starts at home when someone else unlocks, not on the screen the last person left', async () => {
    await addStaffThroughSettings(page, AUDITOR, 'auditor');
    expect(await heading().textContent()).toBe('Settings');
    await unlockAs(page, AUDITOR.passphrase);
    await expect.poll(() => heading().textContent()).toBe('Today');
  });
});
