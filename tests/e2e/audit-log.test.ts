/**
 * End-to-end: the audit log as evidence (issue 16). Filtered to one person through the
 * picker, it shows only their rows, named by their current name; the chip removes the
 * filter; a row opens the record it is about; verify says the result in words.
 * Build first: `node scripts/build.mjs`. Screenshots: tests/e2e/screenshots/audit-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultThroughScreens, openPreviewInChromium, previewCall, shotsAtOfficeSizes, typed, type E2eSession } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };

let session: E2eSession | null = null;
let page: Page;

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-audit-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

const abouts = () => page.getByTestId('audit-about').allTextContents();

describe('Audit log', () => {
  it('filters to one person, removes the filter by its chip, opens a record and verifies in words', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    const ines = await previewCall<{ id: string }>(session!, 'contacts.add', { fullName: 'Inès Fontaine' });
    const marc = await previewCall<{ id: string }>(session!, 'contacts.add', { fullName: 'Marc Peeters' });
    await previewCall(session!, 'contacts.update', { id: ines.id, jobTitle: 'Inspector' });
    await previewCall(session!, 'contacts.update', { id: marc.id, jobTitle: 'Officer' });
    // Renamed after the events were written: the log shows the name of today.
    await previewCall(session!, 'contacts.update', { id: ines.id, fullName: 'Inès Fontaine-Dubois' });
    await previewCall(session!, 'requests.add', { type: 'access', receivedOn: '2026-11-12', channel: 'email', contactId: marc.id });

    await page.locator('nav [data-route="audit"]').click();
    await page.getByTestId('audit-table').waitFor();
    await expect.poll(abouts).toContain('Marc Peeters');
    const filtersOpen = await page.getByRole('button', { name: /^Filters/ }).getAttribute('aria-expanded');
    if (filtersOpen !== 'true') await page.getByRole('button', { name: /^Filters/ }).click();

    await page.getByTestId('audit-person').fill('ines');
    await page.locator('.person-picker__list').getByRole('button', { name: 'Inès Fontaine-Dubois' }).click();
    await expect.poll(abouts).toEqual(['Inès Fontaine-Dubois', 'Inès Fontaine-Dubois', 'Inès Fontaine-Dubois']);
    await expect.poll(() => page.locator('.filter-chips .chip').allTextContents()).toEqual(['Person: Inès Fontaine-Dubois×']);
    await page.getByLabel('From', { exact: true }).fill(typed(new Date().toISOString().slice(0, 10)));
    await expect.poll(() => page.locator('.filter-chips .chip').count()).toBe(2);
    await shotsAtOfficeSizes(page, 'audit-filters-open');
    // Folded, the chips still say what narrows the log.
    await page.getByRole('button', { name: /^Filters/ }).click();
    await shotsAtOfficeSizes(page, 'audit-filtered');

    await page.getByRole('button', { name: 'Remove filter: Person: Inès Fontaine-Dubois' }).click();
    await expect.poll(abouts).toContain('Marc Peeters');
    await expect.poll(async () => (await abouts()).find((a) => a.includes('request'))).toBe('Access request of 12 November 2026: Marc Peeters');

    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toMatch(/^\s*Intact: the \d+ events form an unbroken chain up to today\.$/);
    await shotsAtOfficeSizes(page, 'audit-log');

    await page.getByTestId('audit-about').getByRole('button', { name: 'Marc Peeters', exact: true }).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Marc Peeters');
    // The person's History names the same: their request opens from it.
    await expect.poll(() => page.getByTestId('contact-history').textContent()).toContain('Access request of 12 November 2026: Marc Peeters');
  });
});
