/**
 * End-to-end: a date is typed day first (dd/mm/yyyy) in English and French alike, whatever
 * the browser's own date input would make of it. An event's start date typed as 05/03/2026
 * is stored as 5 March 2026 and shown back as typed; 31/02/2026 is named as no such day and
 * not stored, nor is a form sent while a date names no day; the calendar button's picked
 * day fills the text.
 * Build first: `node scripts/build.mjs`. Screenshots: tests/e2e/screenshots/dates-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDto, Page as ListPage } from '../../shared/dto';
import { createVaultThroughScreens, openPreviewInChromium, previewCall, shotsAtOfficeSizes, type E2eSession } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };

let session: E2eSession | null = null;
let page: Page;

const dialog = () => page.getByRole('dialog');
const events = () => previewCall<ListPage<EventDto>>(session!, 'events.list', {});

/** The words that describe a field for a screen reader (its aria-describedby targets). */
function description(label: string): Promise<string> {
  return dialog()
    .getByLabel(label, { exact: true })
    .evaluate((input) =>
      (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' | '),
    );
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-dates-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('typed dates', () => {
  it('refuses a day that does not exist and stores nothing', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    await page.locator('nav [data-route="events"]').click();
    await page.getByTestId('events-empty').getByRole('button', { name: 'Add event' }).click();
    await dialog().getByLabel('Name').fill('Plenary');
    const start = dialog().getByLabel('Start date', { exact: true });
    expect(await start.getAttribute('placeholder')).toBe('dd/mm/yyyy');
    await start.fill('31/02');
    // Nothing is said while the day is still being typed.
    expect(await dialog().textContent()).not.toContain('There is no such day');
    await start.fill('31/02/2026');
    await start.press('Tab');
    await expect.poll(() => description('Start date')).toContain('There is no such day: check the day and month.');
    expect(await start.getAttribute('aria-invalid')).toBe('true');
    await dialog().getByRole('button', { name: 'Save' }).click();
    // The form is not sent: the field takes the focus back, its problem still said.
    await expect.poll(() => start.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await description('Start date')).toContain('There is no such day');
    expect((await events()).total).toBe(0);

    await start.fill('5 March');
    await start.press('Tab');
    await expect.poll(() => description('Start date')).toContain('Type the date as dd/mm/yyyy, e.g. 05/03/2026.');
    await shotsAtOfficeSizes(page, 'dates-event-problem');
  });

  it('stores 05/03/2026 as 5 March and shows it back day first, in English and French', async () => {
    const start = dialog().getByLabel('Start date', { exact: true });
    await start.fill('05/03/2026');
    await start.press('Tab');
    expect(await dialog().textContent()).not.toContain('Type the date as');
    await shotsAtOfficeSizes(page, 'dates-event-dialog');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    const table = page.getByTestId('events-table');
    await expect.poll(() => table.textContent()).toContain('5 March 2026');
    const [stored] = (await events()).items;
    expect(stored!.startDate).toBe('2026-03-05');

    await table.getByRole('button', { name: 'Edit' }).click();
    expect(await dialog().getByLabel('Start date', { exact: true }).inputValue()).toBe('05/03/2026');
    await dialog().getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Français' }).click();
    await table.getByRole('button', { name: 'Modifier' }).click();
    const début = dialog().getByLabel('Date de début', { exact: true });
    expect(await début.getAttribute('placeholder')).toBe('jj/mm/aaaa');
    expect(await début.inputValue()).toBe('05/03/2026');
    expect(await dialog().getByRole('button', { name: 'Choisir dans un calendrier' }).count()).toBe(2);
    await début.fill('30/02/2026');
    await début.press('Tab');
    await expect.poll(() => description('Date de début')).toContain('Ce jour n’existe pas');
    await shotsAtOfficeSizes(page, 'dates-event-dialog-fr');
    await dialog().getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('keeps the form open on an optional date that names no day, rather than dropping it', async () => {
    await page.getByTestId('events-table').getByRole('button', { name: 'Edit' }).click();
    const end = dialog().getByLabel('End date', { exact: true });
    await end.fill('31/02/2026');
    // Straight from the field to Save: the click lands although the problem's line then appears.
    await dialog().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => description('End date')).toContain('There is no such day: check the day and month.');
    expect(await dialog().count()).toBe(1);
    expect(await end.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await events()).items[0]!.endDate).toBeNull();
    await end.fill('');
  });

  it('a day picked from the calendar fills the typed text', async () => {
    await dialog().getByRole('button', { name: 'Pick from a calendar' }).first().click();
    // The browser's calendar is drawn outside the page; its choice arrives as the hidden date input's change.
    await dialog().locator('input[type="date"]').first().fill('2026-03-20', { force: true });
    expect(await dialog().getByLabel('Start date', { exact: true }).inputValue()).toBe('20/03/2026');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(async () => (await events()).items[0]!.startDate).toBe('2026-03-20');
    expect(session!.consoleProblems).toEqual([]);
  });
});
