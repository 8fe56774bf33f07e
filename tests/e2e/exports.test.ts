/**
 * End-to-end: exports as the secretariat makes them — a person's access bundle from their
 * contact page (with and without a password), its summary.html read in Chromium in English
 * and in French, the contacts register as CSV for French Excel from the Exports screen,
 * and an auditor who may export registers but not a person's bundle.
 * Build first: `node scripts/build.mjs`. Screenshots: tests/e2e/screenshots/exports-*.png.
 */
import { parse } from 'csv-parse/sync';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip, type ZipEntryContent } from '../../db/export/zip';
import { addStaffThroughSettings, createVaultThroughScreens, openPreviewInChromium, shotsAtOfficeSizes, unlockAs, VIEWPORT, type E2eSession, typed } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };
const AUDITOR = { name: 'Paul Verhoeven', passphrase: 'quarry ember violet compass' };
const MARIE = { name: 'Marie Lambert', email: 'marie.lambert@example.be' };
const ZIP_PASSWORD = 'kingfisher meadow 42';

let session: E2eSession | null = null;
let page: Page;

const shot = (name: string) => session!.shot(`exports-${name}`);
const heading = () => page.locator('h1');
const nav = (route: string) => page.locator(`nav [data-route="${route}"]`).click();
const dialog = () => page.getByRole('dialog');
const exportsDir = () => session!.exportsDir;
/** The files in the exports folder. */
const exported = () => readdirSync(exportsDir()).sort();

async function openContact(name: string): Promise<void> {
  await nav('contacts');
  await page.getByRole('button', { name, exact: true }).click();
  await expect.poll(() => heading().textContent()).toBe(name);
}

/** Waits for the export's result and returns the file it names. */
async function savedPath(scope = page.locator('body')): Promise<string> {
  const result = scope.getByTestId('export-result');
  await expect.poll(() => result.count(), { timeout: 30_000 }).toBe(1);
  return (await result.locator('.export-result__path').textContent())!.trim();
}

const entry = (entries: ZipEntryContent[], name: string) => {
  const found = entries.find((e) => e.name === name);
  expect(found, `${name} in the bundle`).toBeDefined();
  return new TextDecoder().decode(found!.bytes);
};

/** Opens a summary.html as a person would see it in their browser, and pictures it. */
async function viewSummary(html: string, name: string): Promise<string> {
  const viewer = await page.context().newPage();
  try {
    await viewer.setViewportSize(VIEWPORT);
    await viewer.setContent(html, { waitUntil: 'load' });
    await viewer.screenshot({ path: join(__dirname, 'screenshots', `exports-${name}.png`), fullPage: true });
    return await viewer.evaluate(() => document.documentElement.lang);
  } finally {
    await viewer.close();
  }
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-exports-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('exports', () => {
  it('starts from a vault with a contact who has an e-mail, a consent and a participation', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    await nav('events');
    await page.getByRole('button', { name: 'Add event' }).click();
    await dialog().getByLabel('Name', { exact: true }).fill('IMPEL general assembly');
    await dialog().getByLabel('Start date').fill(typed('2026-06-10'));
    await dialog().getByLabel('Location').fill('Brussels');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().waitFor({ state: 'hidden' });

    await nav('contacts');
    await page.getByRole('button', { name: 'Add contact' }).click();
    await dialog().getByLabel('Full name').fill(MARIE.name);
    await dialog().getByLabel('Primary e-mail').fill(MARIE.email);
    await dialog().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => heading().textContent()).toBe(MARIE.name);

    const consents = page.getByTestId('consents-section');
    await consents.getByRole('button', { name: 'Record…' }).click();
    await dialog().getByLabel('Purpose').selectOption({ label: 'Newsletter — Consent' });
    await dialog().getByLabel('What happened').selectOption({ label: 'Consent given' });
    await dialog().getByLabel('How it reached us').selectOption({ label: 'Form' });
    await dialog().getByRole('button', { name: 'Record', exact: true }).click();
    await expect.poll(() => dialog().count()).toBe(0);

    await page.getByRole('button', { name: 'Add participation' }).click();
    await page.getByLabel('Event', { exact: true }).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => page.locator('.panel', { hasText: 'Participations' }).textContent()).toContain('IMPEL general assembly');
  });

  it('exports her access bundle with a password: an AES zip in the exports folder', async () => {
    await page.getByRole('button', { name: 'Export data…' }).click();
    const d = page.getByTestId('subject-export');
    await expect.poll(() => d.getByLabel('Access — everything we hold (Art. 15)').isChecked()).toBe(true);
    expect(await d.getByLabel(/Include sensitive extras/).isChecked()).toBe(false);
    // What the box adds is what the core writes: bank, identity, photo, signed sheets.
    expect(await d.textContent()).toContain('Bank details (IBAN, BIC, account holder), identity document');
    expect(await d.textContent()).not.toMatch(/dietary|accessibility/);
    await d.getByLabel('Protect the zip with a password').check();
    await d.getByLabel('Zip password', { exact: true }).fill(ZIP_PASSWORD);
    await d.getByLabel('Type the password again').fill('something else');
    await d.getByRole('button', { name: 'Choose where to save and export' }).click();
    await expect.poll(() => d.getByRole('alert').textContent()).toBe('The two passwords are not the same.');
    expect(exported()).toEqual([]);
    await d.getByLabel('Type the password again').fill(ZIP_PASSWORD);
    await shot('01-subject-dialog');
    await d.getByRole('button', { name: 'Choose where to save and export' }).click();
    const path = await savedPath(d);
    await shot('02-subject-result');
    expect(path.startsWith(exportsDir())).toBe(true);
    expect(path).toMatch(/registre-access-Marie Lambert-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(existsSync(path)).toBe(true);
    expect(await d.getByTestId('export-result').textContent()).toMatch(/\d+ records about the person, in \d+ files\..*manifest\.json/);

    await expect(readZip(path)).rejects.toThrow();
    const entries = await readZip(path, ZIP_PASSWORD);
    expect(entries.every((e) => e.encrypted)).toBe(true);
    const names = entries.map((e) => e.name);
    for (const name of ['data.json', 'schema.json', 'summary.html', 'manifest.json']) expect(names).toContain(name);
    const data = entry(entries, 'data.json');
    expect(data).toContain(MARIE.email);
    expect(data).toContain('IMPEL general assembly');
    await d.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
  });

  it('exports it again without a password, and the summary reads in English', async () => {
    await page.getByRole('button', { name: 'Export data…' }).click();
    const d = page.getByTestId('subject-export');
    await d.getByRole('button', { name: 'Choose where to save and export' }).click();
    const path = await savedPath(d);
    // Never overwritten: the second bundle of the day gets its own name.
    expect(path).toMatch(/registre-access-Marie Lambert-\d{4}-\d{2}-\d{2} \(2\)\.zip$/);
    const entries = await readZip(path);
    expect(entries.some((e) => e.encrypted)).toBe(false);
    const summary = entry(entries, 'summary.html');
    expect(summary).toContain(MARIE.name);
    expect(summary).toContain(MARIE.email);
    expect(await viewSummary(summary, '03-summary-en')).toBe('en');
    await d.getByRole('button', { name: 'Close' }).click();
  });

  it('writes the summary in French when asked', async () => {
    await page.getByRole('button', { name: 'Export data…' }).click();
    const d = page.getByTestId('subject-export');
    await d.getByLabel('Language of the summary').selectOption('fr');
    await d.getByRole('button', { name: 'Choose where to save and export' }).click();
    const path = await savedPath(d);
    const summary = entry(await readZip(path), 'summary.html');
    expect(summary).toContain(MARIE.name);
    expect(await viewSummary(summary, '04-summary-fr')).toBe('fr');
    await d.getByRole('button', { name: 'Close' }).click();
  });

  it('names each stage of a bundle in words while it is written', async () => {
    await page.getByRole('button', { name: 'Export data…' }).click();
    const d = page.getByTestId('subject-export');
    // The core gathers one person's bundle in milliseconds: hold the call and answer the
    // progress polls with the stage names the core uses, to see each one as the bar shows it.
    let label = 'auditEvents';
    await page.route('**/api/exports.progress', (route) => route.fulfill({ json: { ok: true, data: { running: true, kind: 'subject', label, done: 0, total: 0, cancelling: false } } }));
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/exports.subject', async (route) => {
      await held;
      await route.continue();
    });
    await d.getByRole('button', { name: 'Choose where to save and export' }).click();
    const status = () => d.getByTestId('export-progress').getByRole('status').first().textContent();
    await expect.poll(status).toBe('Reading the audit log about the person…');
    await shot('02b-subject-progress');
    label = 'sensitiveExtras';
    await expect.poll(status).toBe('Reading the sensitive extras…');
    label = 'files';
    await expect.poll(status).toBe('Writing the files into the zip…');
    // A stage this version does not know is not shown as a raw key.
    label = 'somethingNew';
    await expect.poll(status).toBe('Writing the file…');
    await page.unroute('**/api/exports.progress');
    release();
    await savedPath(d);
    await page.unroute('**/api/exports.subject');
    await d.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
  });

  it('exports the contacts register as CSV for French Excel from the Exports screen', async () => {
    await nav('exports');
    await expect.poll(() => heading().textContent()).toBe('Exports');
    await shot('05-screen-en');
    // What the screen says leaves the vault is what the files hold.
    const organisations = await page.locator('[data-register="organisations"]').textContent();
    expect(organisations).toContain('legal name, VAT number, billing address and billing e-mail');
    expect(organisations).not.toContain('website');
    expect(await page.locator('.exports__notes').textContent()).toContain('= + - or @, a tab, a carriage return or a NUL character');
    await page.getByLabel(/^Contacts/).check();
    const flow = page.getByTestId('register-export');
    await flow.getByLabel(/^CSV/).check();
    await flow.getByLabel(/^Semicolon/).check();
    expect(await flow.getByLabel(/Mark the file as UTF-8/).isChecked()).toBe(true);
    // Hold the call a moment so the running state can be pictured: bar, path, cancel button.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/exports.register', async (route) => {
      await held;
      await route.continue();
    });
    await flow.getByRole('button', { name: 'Choose where to save and export' }).click();
    await expect.poll(() => flow.getByTestId('export-progress').count()).toBe(1);
    expect(await flow.getByTestId('export-progress').textContent()).toContain(exportsDir());
    expect(await flow.getByRole('button', { name: 'Cancel the export' }).isEnabled()).toBe(true);
    await shot('06-register-progress');
    release();
    const path = await savedPath(flow);
    await page.unroute('**/api/exports.register');
    await shot('07-register-result');
    expect(path).toMatch(/registre-contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString('utf8'), { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(1);
    // The screen's default: a CSV for people, its columns titled in the app's language.
    expect(await flow.getByLabel(/^For people/).isChecked()).toBe(true);
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['Full name', 'Primary e-mail', 'Created']));
    expect(rows[0]!.Created).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(Object.values(rows[0]!)).toContain(MARIE.name);
    expect(Object.values(rows[0]!).join(' ')).toContain(MARIE.email);
    expect(existsSync(path.replace(/\.csv$/, '.csv.manifest.json')) || readdirSync(exportsDir()).some((f) => f.endsWith('.manifest.json'))).toBe(true);
    expect(await flow.getByTestId('export-result').textContent()).toContain('1 row.');
  });

  it('says when a cancel came too soon instead of "Cancelling…", and the export then ends', async () => {
    const flow = page.getByTestId('register-export');
    // Held in the browser: the core has no export running when the cancel reaches it.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/exports.register', async (route) => {
      await held;
      await route.continue();
    });
    await flow.getByRole('button', { name: 'Choose where to save and export' }).click();
    await expect.poll(() => flow.getByTestId('export-progress').count()).toBe(1);
    await flow.getByRole('button', { name: 'Cancel the export' }).click();
    await expect.poll(() => flow.getByTestId('export-cancel-missed').count()).toBe(1);
    expect(await flow.getByTestId('export-progress').textContent()).not.toContain('Cancelling');
    expect(await flow.getByRole('button', { name: 'Cancel the export' }).isEnabled()).toBe(true);
    await shot('07b-cancel-missed');
    release();
    const path = await savedPath(flow);
    await page.unroute('**/api/exports.register');
    expect(existsSync(path)).toBe(true);
  });

  it('lets no second export start while one runs, and stops polling once its screen is left', async () => {
    const flow = page.getByTestId('register-export');
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/exports.register', async (route) => {
      await held;
      await route.continue();
    });
    let polls = 0;
    const counting = (r: { url(): string }) => {
      if (r.url().endsWith('/api/exports.progress')) polls++;
    };
    page.on('request', counting);
    await flow.getByRole('button', { name: 'Choose where to save and export' }).click();
    await expect.poll(() => polls).toBeGreaterThan(1);
    await nav('contacts');
    await expect.poll(() => heading().textContent()).toBe('Contacts');
    await page.waitForTimeout(300);
    const afterLeaving = polls;
    await page.getByRole('button', { name: 'Export…' }).click();
    const other = dialog().getByTestId('register-export');
    await expect.poll(() => other.getByTestId('export-elsewhere').count()).toBe(1);
    expect(await other.getByRole('button', { name: 'Choose where to save and export' }).isEnabled()).toBe(false);
    await shot('07c-export-elsewhere');
    // Nobody is left polling (nor able to cancel) the export the Exports screen started.
    expect(polls).toBe(afterLeaving);
    page.off('request', counting);
    release();
    await expect.poll(() => other.getByRole('button', { name: 'Choose where to save and export' }).isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await other.getByTestId('export-elsewhere').count()).toBe(0);
    await page.unroute('**/api/exports.register');
    await dialog().getByRole('button', { name: 'Close' }).click();
  });

  it('opens Export… on the contacts list with the list’s filters', async () => {
    await nav('contacts');
    await page.getByLabel('Search', { exact: true }).fill('nobody like this');
    await page.getByRole('button', { name: 'Export…' }).click();
    expect(await dialog().textContent()).toContain('Search: “nobody like this”');
    await dialog().getByRole('button', { name: 'Close' }).click();
    await page.getByLabel('Search', { exact: true }).fill('');
  });

  it('shows the Exports screen in French', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await nav('exports');
    await expect.poll(() => heading().textContent()).toBe('Exports');
    await expect.poll(() => page.getByTestId('register-export').textContent()).toContain('Séparateur de colonnes');
    // French Excel is the likely reader: the semicolon is chosen.
    expect(
      await page
        .getByTestId('register-export')
        .getByLabel(/^Point-virgule/)
        .isChecked(),
    ).toBe(true);
    await shot('08-screen-fr');
    await shotsAtOfficeSizes(page, 'exports-form-fr');
    expect(await page.locator('.exports__notes').textContent()).toContain('= + - ou @, une tabulation, un retour chariot ou un caractère NUL');
    // The folder vanished (a USB stick pulled out): the message is in French and nothing is written.
    rmSync(exportsDir(), { recursive: true });
    await page.getByTestId('register-export').getByRole('button', { name: 'Choisir où enregistrer et exporter' }).click();
    await expect.poll(() => page.getByTestId('register-export').getByRole('alert').textContent()).toBe('Le dossier choisi pour l’export n’existe plus. Choisissez un autre emplacement.');
    expect(existsSync(exportsDir())).toBe(false);
    mkdirSync(exportsDir());
    // A write the system refuses (EACCES, EPERM, a full disk) reaches the screen as an internal error.
    await page.route('**/api/exports.register', (route) => route.fulfill({ json: { ok: false, error: { code: 'internal', message: 'EACCES: permission denied' } } }));
    await page.getByTestId('register-export').getByRole('button', { name: 'Choisir où enregistrer et exporter' }).click();
    await expect.poll(() => page.getByTestId('register-export').getByRole('alert').textContent()).toBe('Registre n’a pas pu écrire le fichier à cet endroit : choisissez un autre dossier.');
    await page.unroute('**/api/exports.register');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('lets an auditor export registers, not a person’s bundle', async () => {
    await addStaffThroughSettings(page, AUDITOR, 'auditor');
    await unlockAs(page, AUDITOR.passphrase);
    await expect.poll(() => page.locator('.topbar, header').first().textContent()).toContain(AUDITOR.name);
    await openContact(MARIE.name);
    expect(await page.getByRole('button', { name: 'Export data…' }).count()).toBe(0);
    await nav('exports');
    await page.getByLabel(/^Audit log/).check();
    const flow = page.getByTestId('register-export');
    await flow.getByLabel(/^JSON/).check();
    await flow.getByRole('button', { name: 'Choose where to save and export' }).click();
    const path = await savedPath(flow);
    expect(path).toMatch(/registre-audit-log-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(readFileSync(path, 'utf8')) as { register: string; rows: Array<Record<string, unknown>> };
    expect(file.register).toBe('audit');
    // The bundles exported above are in the log, each one line about Marie.
    expect(file.rows.filter((r) => Object.values(r).includes('export.subject'))).toHaveLength(4);
    expect(session!.consoleProblems).toEqual([]);
  });
});
