/**
 * End-to-end: contacts, organisations and sensitive details in Debian's Chromium through
 * the browser-preview bridge, over a real encrypted vault. Build first: `node scripts/build.mjs`.
 * Screenshots land in tests/e2e/screenshots/contacts-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultThroughScreens, openPreviewInChromium, type E2eSession, typed } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };
const IBAN = 'BE71 0961 2345 6769';

let session: E2eSession | null = null;
let previewUrl = '';
let page: Page;
let consoleProblems: string[] = [];

const shot = (name: string) => session!.shot(`contacts-${name}`);

const heading = () => page.locator('h1');
const nav = (route: string) => page.locator(`nav [data-route="${route}"]`).click();

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-contacts-');
  ({ page, previewUrl, consoleProblems } = session);
});

afterAll(async () => {
  await session?.close();
});

describe('contacts in the browser preview', () => {
  it('creates a vault and lands on an empty contacts list', async () => {
    await createVaultThroughScreens(page, previewUrl, ADMIN);
    await expect.poll(() => page.getByTestId('contacts-count').textContent()).toBe('0 contacts');
    await shot('01-empty-list');
  });

  it('adds an organisation', async () => {
    await nav('organisations');
    await expect.poll(() => heading().textContent()).toBe('Organisations');
    await page.getByRole('button', { name: 'Add organisation' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('Bruxelles Environnement');
    await dialog.getByLabel('Country').selectOption('BE');
    await dialog.getByLabel('VAT number').fill('BE0236916956');
    await dialog.getByLabel('Billing e-mail').fill('factures@environnement.brussels');
    await shot('02-organisation-form');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('organisations-table').textContent()).toContain('Bruxelles Environnement');
    await shot('03-organisations');
  });

  it('adds a contact with a bank account', async () => {
    await nav('contacts');
    await page.getByRole('button', { name: 'Add contact' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Full name').fill('Éloïse Vandenberghe');
    await dialog.getByLabel('Primary e-mail').fill('eloise.vandenberghe@environnement.brussels');
    await dialog.getByLabel('Phone', { exact: true }).fill('+32 2 775 75 75');
    await dialog.getByLabel('Job title').fill('Policy officer');
    await dialog.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Bruxelles Environnement (Governmental agency, Belgium)' });
    await dialog.getByLabel('Country').selectOption('BE');
    await dialog.getByLabel('Preferred language').selectOption('fr');
    await shot('04-contact-form');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => heading().textContent()).toBe('Éloïse Vandenberghe');

    const sensitive = page.getByTestId('sensitive-section');
    await sensitive.getByRole('button', { name: 'Add a sensitive detail' }).click();
    await sensitive.getByLabel('IBAN').fill(IBAN);
    await sensitive.getByLabel('Why it is kept').fill('Travel reimbursement for the Vienna meeting');
    await shot('05-add-bank-detail');
    await sensitive.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => sensitive.getByTestId('masked').count()).toBe(1);
  });

  it('finds the contact by searching without accents, with the IBAN masked until revealed', async () => {
    await page.getByRole('button', { name: 'All contacts' }).click();
    await page.getByLabel('Search', { exact: true }).fill('eloise');
    await expect.poll(() => page.getByTestId('contacts-count').textContent()).toBe('1 contact');
    expect(await page.getByTestId('contacts-table').textContent()).toContain('Éloïse Vandenberghe');
    await page.getByLabel('Search', { exact: true }).fill('nobody-like-this');
    await expect.poll(() => page.getByTestId('contacts-count').textContent()).toBe('0 contacts');
    await page.getByLabel('Search', { exact: true }).fill('ELOISE');
    await expect.poll(() => page.getByTestId('contacts-count').textContent()).toBe('1 contact');
    await shot('06-search');

    await page.getByRole('button', { name: 'Éloïse Vandenberghe' }).click();
    await expect.poll(() => heading().textContent()).toBe('Éloïse Vandenberghe');
    const masked = page.getByTestId('masked');
    await expect.poll(() => masked.textContent()).toContain('6769');
    expect(((await masked.textContent()) ?? '').replace(/\s/g, '')).not.toContain('BE71096123456769');
    expect(await page.getByTestId('sensitive-section').textContent()).toContain('Each reveal is recorded in the audit log');
    await shot('07-contact-masked');

    await page.getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(async () => ((await page.getByTestId('revealed').textContent()) ?? '').replace(/\s/g, '')).toContain('BE71096123456769');
    await shot('08-contact-revealed');
    await page.getByRole('button', { name: 'Hide' }).click();
    expect(await page.getByTestId('revealed').count()).toBe(0);
  });

  it('records the reveal in the audit log', async () => {
    await nav('audit');
    await expect.poll(() => heading().textContent()).toBe('Audit log');
    await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('Revealed a sensitive detail');
    await shot('09-audit-revealed');
  });

  it('warns about a duplicate e-mail, then a near name, while a second contact is typed', async () => {
    await nav('contacts');
    await page.getByRole('button', { name: 'Add contact' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Full name').fill('E. Vandenberghe');
    await dialog.getByLabel('Primary e-mail').fill('Eloise.Vandenberghe@environnement.brussels');
    await expect.poll(() => dialog.getByTestId('duplicates').textContent()).toContain('A contact with this e-mail already exists: Éloïse Vandenberghe');
    await shot('10-duplicate-warning');
    // Without the e-mail, a name one typo away is still pointed out.
    await dialog.getByLabel('Primary e-mail').fill('');
    await dialog.getByLabel('Full name').fill('Eloise Vandenbergh');
    await expect.poll(() => dialog.getByTestId('duplicates').textContent()).toContain('A contact with a similar name already exists: Éloïse Vandenberghe');
    await dialog.getByRole('button', { name: 'Open it' }).click();
    await expect.poll(() => heading().textContent()).toBe('Éloïse Vandenberghe');
  });

  it('flags a contact under the policy age once a date of birth says so', async () => {
    const sensitive = page.getByTestId('sensitive-section');
    await sensitive.getByRole('button', { name: 'Add a sensitive detail' }).click();
    await sensitive.getByLabel('Kind of detail').selectOption('identity');
    await sensitive.getByLabel('Document number').fill('EL1234567');
    await sensitive.getByLabel('Date of birth').fill(typed('2015-03-01'));
    await sensitive.getByLabel('Why it is kept').fill('Hotel booking for the Vienna meeting');
    await sensitive.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => page.getByTestId('under-age').textContent()).toContain('does not allow keeping data of people under 16');
    await shot('11-under-age');
  });

  it('adds an event, a participation, and lists the event’s participants', async () => {
    await nav('events');
    await expect.poll(() => heading().textContent()).toBe('Events');
    await page.getByRole('button', { name: 'Add event' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('EnviCrimeNet annual meeting');
    await dialog.getByLabel('Start date').fill(typed('2026-03-10'));
    await dialog.getByLabel('End date').fill(typed('2026-03-11'));
    await dialog.getByLabel('Location').fill('Vienna');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('events-table').textContent()).toContain('EnviCrimeNet annual meeting');

    await nav('contacts');
    await page.getByRole('button', { name: 'Éloïse Vandenberghe' }).click();
    await page.getByRole('button', { name: 'Add participation' }).click();
    await page.getByLabel('Event', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Role').selectOption('speaker');
    await page.getByLabel('Travel booked by us').check();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => page.locator('.panel', { hasText: 'Participations' }).textContent()).toContain('EnviCrimeNet annual meeting');

    await nav('events');
    await page.getByRole('button', { name: 'Participants', exact: true }).click();
    await expect.poll(() => heading().textContent()).toBe('Contacts');
    await expect.poll(() => page.getByTestId('contacts-count').textContent()).toBe('1 contact');
    expect(await page.locator('.chip').textContent()).toContain('Participants of EnviCrimeNet annual meeting');
    await shot('12-event-participants');
    await page.getByRole('button', { name: 'Éloïse Vandenberghe' }).click();
  });

  it('shows the contact page in French', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => page.getByTestId('sensitive-section').textContent()).toContain('Données sensibles');
    await shot('13-contact-fr');
    expect(await page.getByTestId('under-age').textContent()).toContain('moins de 16 ans');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('logged no errors in the console', () => {
    expect(consoleProblems).toEqual([]);
  });
});
