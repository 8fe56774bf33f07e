/**
 * End-to-end: photo preferences as the secretariat records them on contact pages, the
 * photographer's list for an event (on screen, printed, exported), publications and the
 * takedowns a later opt-out makes owed.
 * Build first: `node scripts/build.mjs`. Screenshots: tests/e2e/screenshots/photos-*.png.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultThroughScreens, openPreviewInChromium, type E2eSession, unlockAs, typed } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };

let session: E2eSession | null = null;
let page: Page;
const ids: Record<string, string> = {};

const shot = (name: string) => session!.shot(`photos-${name}`);
const heading = () => page.locator('h1.screen-title');
const nav = (route: string) => page.locator(`nav [data-route="${route}"]`).click();

/** Sets up records straight through the preview's API (the screens for these are tested elsewhere). */
async function api<T>(method: string, input: unknown): Promise<T> {
  const url = new URL(session!.previewUrl);
  const res = await fetch(`${url.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-registre-token': url.searchParams.get('token')! },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; data: T; error?: unknown };
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.data;
}

async function openContact(name: string): Promise<void> {
  await nav('contacts');
  await page.getByRole('button', { name, exact: true }).click();
  await expect.poll(() => heading().textContent()).toBe(name);
}

async function setPreference(scope: string, state: string, channel: string): Promise<void> {
  const section = page.getByTestId('contact-photos');
  await section.getByRole('button', { name: 'Set preference…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Applies to').selectOption({ label: scope });
  await dialog.getByLabel('Preference').selectOption({ label: state });
  await dialog.getByLabel('How they told us').selectOption({ label: channel });
  await dialog.getByRole('button', { name: 'Save preference' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-photos-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('photo opt-outs', () => {
  it('starts from a vault with an event and its attendees', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    const org = await api<{ id: string }>('organisations.add', { name: 'Inspection de l’environnement (Wallonie)', type: 'governmental_agency', country: 'BE' });
    const ev = await api<{ id: string }>('events.add', { name: 'IMPEL Conference 2026', startDate: '2026-05-12', location: 'Brussels' });
    const other = await api<{ id: string }>('events.add', { name: 'Waste Shipment Training', startDate: '2026-03-10', location: 'Ghent' });
    ids.event = ev.id;
    // A real picture, drawn by the browser, as a profile photo.
    const png = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 120;
      c.height = 120;
      const g = c.getContext('2d')!;
      g.fillStyle = '#3d7ab8';
      g.fillRect(0, 0, 120, 120);
      g.fillStyle = '#f2c9a0';
      g.beginPath();
      g.arc(60, 48, 26, 0, Math.PI * 2);
      g.fill();
      g.fillRect(24, 84, 72, 40);
      return c.toDataURL('image/png').split(',')[1]!;
    });
    for (const name of ['Marie Lambert', 'Jonas Vermeulen', 'Sofia Rossi', 'Piotr Nowak', '<b>Ève</b> "Test" & Co']) {
      const c = await api<{ id: string }>('contacts.add', { fullName: name, organisationId: org.id });
      ids[name] = c.id;
      await api('participations.add', { contactId: c.id, eventId: ev.id });
      if (name === 'Jonas Vermeulen') await api('participations.add', { contactId: c.id, eventId: other.id });
    }
    await api('sensitive.add', { contactId: ids['Marie Lambert'], reason: 'Badge photo', file: { base64: png } });
    await page.reload();
    await expect.poll(() => heading().textContent(), { timeout: 15_000 }).toBe('Contacts');
  });

  it('records preferences on the contact page: for all events and for one event', async () => {
    await openContact('Marie Lambert');
    const section = page.getByTestId('contact-photos');
    await expect.poll(() => section.textContent()).toContain('No photo preference recorded: they never answered.');
    await setPreference('All events', 'Opted out', 'E-mail');
    await expect.poll(() => section.locator('.photo-standing').first().textContent()).toBe('Must not be photographed');

    await openContact('Jonas Vermeulen');
    await setPreference('All events', 'Opted out', 'Paper');
    await setPreference('IMPEL Conference 2026 (12 May 2026)', 'Allowed', 'Event registration');
    const facts = page.getByTestId('photo-standings');
    await expect.poll(() => facts.textContent()).toContain('IMPEL Conference 2026');
    expect(await facts.textContent()).toMatch(/IMPEL Conference 2026.*Allowed for this event/);
    expect(await facts.textContent()).toMatch(/Waste Shipment Training.*Must not be photographed for all events/);
    await shot('01-contact-section');

    // Withdrawn, the event record stops counting: the global opt-out applies again.
    const records = page.getByTestId('photo-records');
    await records.locator('li', { hasText: 'IMPEL Conference 2026' }).getByRole('button', { name: 'Withdraw' }).click();
    await expect.poll(() => facts.textContent()).toMatch(/IMPEL Conference 2026.*Must not be photographed for all events/);
    await expect.poll(() => records.textContent()).toContain('withdrawn on');

    await openContact('Sofia Rossi');
    await setPreference('IMPEL Conference 2026 (12 May 2026)', 'Not decided yet', 'Phone');
    await openContact('Piotr Nowak');
    await setPreference('All events', 'Allowed', 'Form');
  });

  it('shows the event lists, prints them with photos, and exports them as CSV', async () => {
    await nav('photoOptOuts');
    await expect.poll(() => heading().textContent()).toBe('Photo opt-outs');
    await page.getByLabel('Event').selectOption({ label: 'IMPEL Conference 2026 (12 May 2026)' });
    const optedOut = page.getByTestId('list-opted-out');
    await expect.poll(() => optedOut.locator('tr').allTextContents()).toEqual([expect.stringContaining('Jonas Vermeulen'), expect.stringContaining('Marie Lambert')]);
    expect(await page.getByTestId('list-never-answered').textContent()).toContain('<b>Ève</b> "Test" & Co');
    expect(await page.getByTestId('list-undecided').textContent()).toContain('Sofia Rossi');
    expect(await page.getByTestId('list-allowed').isVisible()).toBe(false);
    await shot('02-screen');

    // Headless Chromium has no printer: count the calls to print() instead of opening its dialog.
    await page.evaluate(() => {
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => void w.printed++;
    });
    await page.getByRole('button', { name: 'Print the list' }).click();
    const sheet = page.getByTestId('photo-print');
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await expect.poll(() => sheet.locator('h1').textContent()).toBe('Photo list — IMPEL Conference 2026');
    expect(await sheet.locator('.list--opted_out .name').allTextContents()).toEqual(['Jonas Vermeulen', 'Marie Lambert']);
    expect(await sheet.locator('.list--never_answered .name').allTextContents()).toEqual(['<b>Ève</b> "Test" & Co']);
    expect(await sheet.locator('b').count()).toBe(0);
    expect(await sheet.locator('img.photo').count()).toBe(1);
    expect(await sheet.locator('img.photo').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(120);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: 'tests/e2e/screenshots/photos-03-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    // Once the print dialog closes, the sheet (names and photos) leaves the page.
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await expect.poll(() => sheet.count()).toBe(0);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('photo-list 2026-05-12 IMPEL Conference 2026.csv');
    const rows = parse(readFileSync(await file.path(), 'utf8'), { bom: true }) as string[][];
    expect(rows.map((r) => [r[0], r[2]])).toEqual([
      ['name', 'list'],
      ['Jonas Vermeulen', 'Must not be photographed'],
      ['Marie Lambert', 'Must not be photographed'],
      ['<b>Ève</b> "Test" & Co', 'Never answered'],
      ['Sofia Rossi', 'Not decided yet (ask again)'],
    ]);
  });

  it('makes a standalone page that prints the same list on A4 (the CLI and file export)', async () => {
    const file = await api<{ content: string }>('photos.eventListFile', { eventId: ids.event, format: 'html', language: 'fr' });
    const standalone = await page.context().newPage();
    try {
      await standalone.setContent(file.content);
      expect(await standalone.title()).toBe('Liste photo — IMPEL Conference 2026');
      expect(await standalone.locator('.list--opted_out .name').allTextContents()).toEqual(['Jonas Vermeulen', 'Marie Lambert']);
      await standalone.emulateMedia({ media: 'print' });
      await standalone.screenshot({ path: 'tests/e2e/screenshots/photos-03b-standalone-fr.png', fullPage: true });
      const pdf = await standalone.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await standalone.close();
    }
  });

  it('records a publication and lists the takedowns it makes owed until they are marked done', async () => {
    const pubs = page.getByTestId('publications');
    await pubs.getByRole('button', { name: 'Add a publication' }).click();
    await pubs.getByLabel('Where').fill('Newsletter May 2026');
    await pubs.getByLabel('Published on').fill(typed('2026-05-20'));
    await pubs.getByRole('button', { name: 'Save publication' }).click();
    await expect.poll(() => pubs.textContent()).toContain('Newsletter May 2026');
    const owed = page.getByTestId('takedowns-owed');
    await expect.poll(() => owed.locator('li').count()).toBe(2);
    await shot('04-takedowns');
    await owed.locator('li', { hasText: 'Marie Lambert' }).getByRole('button', { name: 'Mark done' }).click();
    await expect.poll(() => owed.locator('li').allTextContents()).toEqual([expect.stringContaining('Jonas Vermeulen')]);
  });

  it('shows the screen and the contact section in French', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => heading().textContent()).toBe('Refus de photos');
    await page.getByLabel('Événement').selectOption({ label: 'IMPEL Conference 2026 (12 mai 2026)' });
    await expect.poll(() => page.getByTestId('photo-counts').textContent()).toContain('Ne pas photographier');
    await shot('05-screen-fr');
    await nav('contacts');
    await page.getByRole('button', { name: 'Jonas Vermeulen', exact: true }).click();
    await expect.poll(() => page.getByTestId('contact-photos').textContent()).toContain('Préférences photo');
    await shot('06-contact-fr');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('lets an auditor see the lists and print them, with nothing to change', async () => {
    await api('staff.add', { name: 'Paul Verhoeven', role: 'auditor', passphrase: 'quarry ember violet compass' });
    await unlockAs(page, 'quarry ember violet compass');
    await expect.poll(() => page.getByTestId('signed-in').textContent(), { timeout: 15_000 }).toContain('Paul Verhoeven');
    await nav('photoOptOuts');
    await page.getByLabel('Event').selectOption({ label: 'IMPEL Conference 2026 (12 May 2026)' });
    await expect.poll(() => page.getByTestId('list-opted-out').locator('tr').count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Print the list' }).isVisible()).toBe(true);
    // Reveals are off for auditors (the default): the printed list has names but no photos.
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await page.getByRole('button', { name: 'Print the list' }).click();
    const sheet = page.getByTestId('photo-print');
    await expect.poll(() => sheet.locator('.list--opted_out .name').allTextContents()).toEqual(['Jonas Vermeulen', 'Marie Lambert']);
    expect(await sheet.locator('img').count()).toBe(0);
    expect(await sheet.textContent()).toContain('Profile photos are not shown');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: 'tests/e2e/screenshots/photos-07-print-auditor.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await expect.poll(() => sheet.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add a publication' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Mark done' }).count()).toBe(0);
    await openContact('Jonas Vermeulen');
    await expect.poll(() => page.getByTestId('photo-records').locator('li').count()).toBe(2);
    expect(await page.getByTestId('contact-photos').getByRole('button').count()).toBe(0);
  });

  it('logged no errors in the console', () => {
    expect(session!.consoleProblems).toEqual([]);
  });
});
