/**
 * End-to-end: the Retention screen over a vault with three travellers. The one whose trip
 * ended 60 days ago is due under the identity rule with its reason; the admin applies the
 * rule with a confirmation naming "1 person", and their passport is gone from their page.
 * One held by a legal hold shows frozen and keeps theirs. Build first:
 * `node scripts/build.mjs`. Screenshots: tests/e2e/screenshots/retention-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultThroughScreens, OFFICE_SIZES, openPreviewInChromium, previewCall, shotsAtOfficeSizes, typed, type E2eSession } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };

let session: E2eSession | null = null;
let page: Page;

/** The local day `days` from today (the preview runs on the real clock). */
function dayFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function traveller(fullName: string, tripDaysAgo: number): Promise<string> {
  const { id } = await previewCall<{ id: string }>(session!, 'contacts.add', { fullName });
  const ev = await previewCall<{ id: string }>(session!, 'events.add', { name: `Trip of ${fullName}`, startDate: dayFromToday(-tripDaysAgo) });
  await previewCall(session!, 'participations.add', { contactId: id, eventId: ev.id });
  await previewCall(session!, 'sensitive.add', { contactId: id, reason: 'Flight booking', identity: { document: 'passport', number: 'X1234567' } });
  return id;
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-retention-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('Retention', () => {
  it('applies the identity rule to the one person due, with the count in the confirmation', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    await traveller('Paula Voyage', 60);
    await traveller('Rita Recent', 5);
    const held = await traveller('Hector Held', 60);
    await previewCall(session!, 'legalHolds.set', { contactId: held, reason: 'Grant audit 2026', until: dayFromToday(30) });

    await page.locator('nav [data-route="retention"]').click();
    const rules = page.getByTestId('retention-rules');
    await expect.poll(() => rules.locator('tr[data-rule="identity"] td').allTextContents()).toEqual(['Identity and travel data', '30 days', 'Erase those details only', '1', '1', '1', 'Edit…']);
    await rules.getByRole('button', { name: 'Identity and travel data' }).click();
    const items = page.getByTestId('retention-items');
    await expect.poll(() => items.locator('tbody tr').count()).toBe(3);
    const row = (name: string) => items.locator('tbody tr', { hasText: name });
    await expect.poll(() => row('Paula Voyage').textContent()).toContain(`trip or event, ${typed(dayFromToday(-60))}`);
    await expect.poll(() => row('Paula Voyage').getAttribute('data-state')).toBe('due');
    await expect.poll(() => row('Hector Held').textContent()).toContain(`Frozen: legal hold until ${typed(dayFromToday(30))}, Grant audit 2026`);
    await expect.poll(() => row('Rita Recent').getAttribute('data-state')).toBe('soon');
    await expect.poll(() => page.getByTestId('retention-holds').textContent()).toContain('Hector Held');
    await page.setViewportSize(OFFICE_SIZES[0]);
    await shotsAtOfficeSizes(page, 'retention-en');

    await page.getByTestId('retention-apply').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('apply-what').textContent()).toBe('Erase the passport and ID details of 1 person');
    const apply = dialog.getByRole('button', { name: 'Apply', exact: true });
    expect(await apply.isDisabled()).toBe(true);
    await dialog.getByLabel('I understand this cannot be undone').check();
    await page.setViewportSize(OFFICE_SIZES[0]);
    await page.screenshot({ path: `${__dirname}/screenshots/retention-apply-en-1093x560.png` });
    await apply.click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Done: 1 item handled.');
    await expect.poll(() => items.locator('tbody tr').count()).toBe(2);
    expect(await row('Paula Voyage').count()).toBe(0);

    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => rules.locator('tr[data-rule="identity"] td').first().textContent()).not.toBe('Identity and travel data');
    await shotsAtOfficeSizes(page, 'retention-fr');
    await page.getByRole('button', { name: 'English' }).click();

    await page.locator('nav [data-route="contacts"]').click();
    await page.getByRole('button', { name: 'Paula Voyage', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Paula Voyage');
    await expect.poll(() => page.getByTestId('sensitive-section').textContent()).not.toMatch(/passport/i);
  });
});
