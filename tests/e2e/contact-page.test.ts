/**
 * End-to-end: a contact's page for the people who use it — the home country's phone
 * format, the person's own history, and an auditor who may look (every look logged) but
 * reveals sensitive details only once an administrator allows it; merging a duplicate in,
 * choosing field by field whose value stays.
 * Build first: `node scripts/build.mjs`. Screenshots: tests/e2e/screenshots/page-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultThroughScreens, openPreviewInChromium, type E2eSession, addStaffThroughSettings, unlockAs, previewCall, shotsAtOfficeSizes } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };
const AUDITOR = { name: 'Paul Verhoeven', passphrase: 'quarry ember violet compass' };

let session: E2eSession | null = null;
let page: Page;

const shot = (name: string) => session!.shot(`page-${name}`);
const heading = () => page.locator('h1');
const nav = (route: string) => page.locator(`nav [data-route="${route}"]`).click();
const history = () => page.getByTestId('contact-history');

async function openContact(name: string): Promise<void> {
  await nav('contacts');
  await page.getByRole('button', { name, exact: true }).click();
  await expect.poll(() => heading().textContent()).toBe(name);
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-page-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('the contact page', () => {
  it('starts from a new vault', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
  });

  it('reads a number typed without country code as Belgian and shows it the Belgian way', async () => {
    await page.getByRole('button', { name: 'Add contact' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Full name').fill('Lotte Peeters');
    await dialog.getByLabel('Phone', { exact: true }).fill('02 299 11 11');
    await dialog.getByLabel('Other phone numbers').fill('+33 1 42 68 53 00');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => heading().textContent()).toBe('Lotte Peeters');
    await expect.poll(() => page.locator('.facts--record').textContent()).toContain('02 299 11 11, +33 1 42 68 53 00');
  });

  it('shows the person’s history, newest first, growing with each change and reveal', async () => {
    await expect.poll(() => history().locator('tbody tr').count()).toBe(1);
    expect(await history().textContent()).toContain('Added a contact');
    const sensitive = page.getByTestId('sensitive-section');
    await sensitive.getByRole('button', { name: 'Add a sensitive detail' }).click();
    await sensitive.getByLabel('IBAN').fill('BE71 0961 2345 6769');
    await sensitive.getByLabel('Why it is kept').fill('Reimbursement of the Ghent workshop');
    await sensitive.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => history().locator('tbody tr').count()).toBe(2);
    await sensitive.getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(() => history().locator('tbody tr').first().textContent()).toContain('Revealed a sensitive detail');
    expect(await history().locator('tbody tr').first().textContent()).toContain(ADMIN.name);
    await page.getByRole('button', { name: 'Hide' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('dialog').getByLabel('Job title').fill('Inspector');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => history().locator('tbody tr').first().textContent()).toContain('Changed a contact');
    expect(await history().locator('tbody tr').first().textContent()).toContain('job title');
    // Values never reach the history, only field names.
    expect(await history().textContent()).not.toContain('BE71');
    await history().scrollIntoViewIfNeeded();
    await shot('01-history');
  });

  it('lets an administrator add an auditor and shows an auditor nothing to change', async () => {
    await addStaffThroughSettings(page, AUDITOR, 'auditor');

    await unlockAs(page, AUDITOR.passphrase);
    await expect.poll(() => page.getByTestId('signed-in').textContent()).toContain('Auditor');
    await openContact('Lotte Peeters');
    expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Archive' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add a sensitive detail' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Reveal' }).count()).toBe(0);
    await expect.poll(() => page.getByTestId('sensitive-section').textContent()).toContain('As an auditor you see these details masked');
    await expect.poll(() => history().locator('tbody tr').count()).toBeGreaterThanOrEqual(4);
    await shot('02-auditor-masked');
    await nav('contacts');
    expect(await page.getByRole('button', { name: 'Add contact' }).count()).toBe(0);
  });

  it('lets the auditor reveal once an administrator allows it, and logs what the auditor looked at', async () => {
    await unlockAs(page, ADMIN.passphrase);
    await nav('settings');
    await page.getByLabel('Auditors may reveal sensitive details').check();
    await page.locator('section[aria-labelledby="settings-records"]').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('Saved.').count()).toBeGreaterThan(0);
    await shot('03-records-settings');

    await unlockAs(page, AUDITOR.passphrase);
    await openContact('Lotte Peeters');
    await page.getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(async () => ((await page.getByTestId('revealed').textContent()) ?? '').replace(/\s/g, '')).toContain('BE71096123456769');
    // The auditor's own looks interleave with the reveal: find its line.
    const revealLine = history().locator('tbody tr', { hasText: 'Revealed a sensitive detail' }).first();
    await expect.poll(() => revealLine.textContent()).toContain(AUDITOR.name);
    // The auditor's looks at this person are in the person's history too.
    expect(await history().textContent()).toContain('Looked at (auditor): Contact page');
    await history().scrollIntoViewIfNeeded();
    await shot('05-auditor-history');

    await nav('audit');
    await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('Looked at (auditor)');
    await shot('04-audit-auditor');
  });

  it('merges a duplicate in, taking the other record’s name and filling the empty fields from it', async () => {
    await unlockAs(page, ADMIN.passphrase);
    await previewCall(session!, 'contacts.add', { fullName: 'Lotte Peeters-Janssens', jobTitle: 'Policy officer', country: 'BE', language: 'nl' });
    await openContact('Lotte Peeters');
    await page.getByRole('button', { name: 'Merge with…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Find the other contact').fill('janssens');
    await dialog.getByRole('button', { name: 'Choose' }).click();
    const choices = dialog.getByTestId('merge-choices');
    await expect.poll(() => choices.locator('tbody th').allTextContents()).toEqual(['Full name', 'Job title', 'Country', 'Preferred language']);
    // Where both have a value, this record's stays unless the user picks the other's.
    expect(await dialog.getByRole('radio', { name: 'Inspector' }).isChecked()).toBe(true);
    expect(await choices.locator('tr', { hasText: 'Country' }).textContent()).toContain('Filled from the other');
    expect(await choices.locator('tr', { hasText: 'Country' }).textContent()).toContain('Belgium');
    await dialog.getByRole('radio', { name: 'Lotte Peeters-Janssens' }).check();
    // The netbook's window holds the whole dialog, its Merge button included.
    await page.setViewportSize({ width: 1024, height: 600 });
    const merge = await dialog.getByRole('button', { name: 'Merge', exact: true }).boundingBox();
    expect(merge!.y + merge!.height).toBeLessThanOrEqual(600);
    await shotsAtOfficeSizes(page, 'page-06-merge-choices');

    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect.poll(() => heading().textContent()).toBe('Lotte Peeters-Janssens');
    const facts = await page.locator('.facts--record').textContent();
    expect(facts).toContain('Inspector');
    expect(facts).toContain('Belgium');
    expect(facts).toContain('Dutch');
    // The history reloads after the facts: until it does, it still shows the record's earlier lines.
    await expect.poll(() => history().locator('tbody tr').first().textContent()).toContain('Merged');
  });

  it('logged no errors in the console', () => {
    expect(session!.consoleProblems).toEqual([]);
  });
});
