/**
 * End-to-end: a date of birth recorded on its own (no identity document) makes a child
 * show in the Consents screen's under-age panel, from which their page opens with the
 * date masked. Build first: `node scripts/build.mjs`. Screenshots: tests/e2e/screenshots/minors-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultThroughScreens, OFFICE_SIZES, openPreviewInChromium, previewCall, shotsAtOfficeSizes, type E2eSession, typed } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };

let session: E2eSession | null = null;
let page: Page;

/** A birthday `years` years and ten days before today (the preview runs on the real clock). */
function bornYearsAgo(years: number): string {
  const d = new Date(Date.now() - 10 * 86_400_000);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

async function addWithBirth(fullName: string, years: number): Promise<void> {
  const { id } = await previewCall<{ id: string }>(session!, 'contacts.add', { fullName });
  await previewCall(session!, 'sensitive.add', { contactId: id, reason: 'Youth exchange registration', identity: { dateOfBirth: bornYearsAgo(years) } });
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-minors-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('Consents → Under-age contacts', () => {
  it('lists a child known only by a date of birth, and opens their page', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    await page.locator('nav [data-route="consents"]').click();
    const panel = page.getByTestId('minors-review');
    await expect.poll(() => panel.locator('.muted').textContent()).toBe('Nobody. No recorded date of birth is under the age threshold.');

    // The child's date of birth through the contact page's form, with no document number.
    await previewCall(session!, 'contacts.add', { fullName: 'Zoé Martin' });
    await page.locator('nav [data-route="contacts"]').click();
    await page.getByRole('button', { name: 'Zoé Martin', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Zoé Martin');
    const sensitive = page.getByTestId('sensitive-section');
    await sensitive.getByRole('button', { name: 'Add a sensitive detail' }).click();
    await sensitive.getByLabel('Kind of detail').selectOption('identity');
    await sensitive.getByLabel('Date of birth').fill(typed(bornYearsAgo(12)));
    await sensitive.getByLabel('Why it is kept').fill('Youth exchange registration');
    await sensitive.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => page.getByTestId('masked').first().textContent()).toBe('Date of birth ••••');

    await addWithBirth('Hugo Martin', 30);
    await page.locator('nav [data-route="consents"]').click();
    await expect.poll(() => panel.locator('tbody tr').allTextContents()).toEqual(['Zoé Martin1216']);
    await expect.poll(() => panel.locator('.panel__intro').textContent()).toBe("People under 16 cannot consent on their own; their data should be erased or a parent's consent recorded.");
    // Scrolled at the smaller office size, so the panel's rows are in the window at both.
    await page.setViewportSize(OFFICE_SIZES[0]);
    await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shotsAtOfficeSizes(page, 'minors-panel');

    await panel.getByRole('button', { name: 'Zoé Martin' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Zoé Martin');
  });
});
