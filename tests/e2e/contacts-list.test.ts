/**
 * End-to-end: a register of a few thousand demo contacts in Debian's Chromium. The list
 * keeps only the rows in view in the page, fetches the rest a page at a time as they
 * scroll in, and stays usable with the keyboard. Build first: `node scripts/build.mjs`.
 * Screenshots land in tests/e2e/screenshots/list-*.png.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactListItemDto, Page as ResultPage } from '../../shared/dto/index';
import { openPreviewInChromium, type E2eSession } from './harness';

const PASSPHRASE = 'lantern otter saffron bicycle';
const CONTACTS = 3000;

let session: E2eSession | null = null;
let page: Page;

const shot = (name: string) => session!.shot(`list-${name}`);
const heading = () => page.locator('h1');
const table = () => page.getByTestId('contacts-table');
const scroller = () => page.locator('.table-wrap--scroll');
const renderedRows = () => table().locator('tbody tr.table__row');
/** The name in the list's row `index` (0 is the first contact: the header is row 1 for aria-rowindex). */
const nameAtRow = (index: number) =>
  table()
    .locator(`tr[aria-rowindex="${index + 2}"] button`)
    .textContent();
const searchBox = () => page.getByLabel('Search', { exact: true });

/** The core's own answer, straight from the preview's API, to compare the screen with. */
async function search(input: Record<string, unknown>): Promise<ResultPage<ContactListItemDto>> {
  const url = new URL(session!.previewUrl);
  const res = await fetch(`${url.origin}/api/contacts.search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-registre-token': url.searchParams.get('token')! },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; data: ResultPage<ContactListItemDto> };
  expect(body.ok).toBe(true);
  return body.data;
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-list-', {
    seed: (vaultDir) =>
      execFileSync(process.execPath, [resolve(__dirname, '../../dist/cli.cjs'), 'demo', '--vault', vaultDir, '--contacts', String(CONTACTS)], {
        env: { ...process.env, REGISTRE_PASSPHRASE: PASSPHRASE },
        stdio: 'ignore',
      }),
  });
  page = session.page;
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe('a long contacts list', () => {
  it('opens on the first rows, with the whole register counted', async () => {
    await page.goto(session!.previewUrl);
    await page.getByLabel('Your passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    // Unlocking is slow on purpose (scrypt).
    await expect.poll(() => heading().textContent(), { timeout: 15_000 }).toBe('Today');
    await page.locator('nav [data-route="contacts"]').click();
    await expect.poll(() => heading().textContent()).toBe('Contacts');
    const all = await search({ archived: 'exclude', limit: 1, offset: 0 });
    expect(all.total).toBeGreaterThan(2000);
    await expect.poll(() => page.getByTestId('contacts-count').textContent()).toBe(`${all.total.toLocaleString('en-GB')} contacts`);
    expect(await renderedRows().first().locator('button').textContent()).toBe(all.items[0]!.fullName);
    expect(await renderedRows().count()).toBeLessThan(60);
    await shot('01-top');
  });

  it('shows the alphabetically last contact at the bottom, without putting thousands of rows in the page', async () => {
    const { total } = await search({ archived: 'exclude', limit: 1, offset: 0 });
    const last = (await search({ archived: 'exclude', limit: 1, offset: total - 1 })).items[0]!;
    await scroller().evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(() => renderedRows().last().locator('button').textContent()).toBe(last.fullName);
    expect(await renderedRows().count()).toBeLessThan(60);
    expect(await table().locator('tbody tr').count()).toBeLessThan(70);
    await shot('02-bottom');
  });

  it('shows the right rows half-way down', async () => {
    const { total } = await search({ archived: 'exclude', limit: 1, offset: 0 });
    const middle = Math.floor(total / 2);
    const expected = (await search({ archived: 'exclude', limit: 1, offset: middle })).items[0]!;
    // Hold the answers back, to see what stands in for rows still on their way.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/contacts.search', async (route) => {
      await held;
      await route.continue();
    });
    await scroller().evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
    await expect.poll(() => table().locator('.table__row--placeholder').count()).toBeGreaterThan(5);
    expect(await table().locator('.table__row--placeholder').first().textContent()).toBe('Loading…');
    // Only the list scrolls: nothing of the rows on their way may stretch the pane around it.
    expect(await page.evaluate(() => document.querySelector('.content')!.scrollHeight - document.querySelector('.content')!.clientHeight)).toBeLessThanOrEqual(0);
    await shot('03-loading');
    release();
    await page.unrouteAll({ behavior: 'wait' });
    await expect.poll(() => nameAtRow(middle)).toBe(expected.fullName);
    expect(await table().locator('.table__row--placeholder').count()).toBe(0);
    await shot('04-middle');
  });

  it('fills a view across two pages with one answer, in the order of the core', async () => {
    const boundary = 1000; // the first row of the eleventh page
    const expected = await search({ archived: 'exclude', limit: 2, offset: boundary - 1 });
    const asked: unknown[] = [];
    const onRequest = (r: import('playwright-core').Request) => {
      if (r.url().includes('/api/contacts.search')) asked.push((JSON.parse(r.postData() ?? '{}') as { limit?: number }).limit);
    };
    page.on('request', onRequest);
    await scroller().evaluate((el, at) => el.scrollTo({ top: at * el.querySelector<HTMLElement>('.table__row')!.offsetHeight - el.clientHeight / 2 }), boundary);
    for (const [i, c] of expected.items.entries()) await expect.poll(() => nameAtRow(boundary - 1 + i)).toBe(c.fullName);
    page.off('request', onRequest);
    expect(asked).toEqual([200]);
  });

  it('walks the rows with Tab and opens one with Enter', async () => {
    const rows = renderedRows();
    const first = rows.nth(3).locator('button');
    const next = (await rows.nth(4).locator('button').textContent())!;
    await first.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(next);
    await page.keyboard.press('Enter');
    await expect.poll(() => heading().textContent()).toBe(next);
    await page.getByRole('button', { name: 'All contacts' }).click();
    await expect.poll(() => heading().textContent()).toBe('Contacts');
  });

  it('narrows as the user types, counts a broad match as a floor, and says when nothing matches', async () => {
    await searchBox().fill('a');
    await expect.poll(() => page.getByTestId('contacts-results').getAttribute('data-query')).toBe('a');
    const broad = await search({ query: 'a', archived: 'exclude', limit: 1, offset: 0 });
    expect(broad.totalIsFloor).toBe(true);
    expect(await page.getByTestId('contacts-count').textContent()).toBe(`${broad.total.toLocaleString('en-GB')}+ contacts`);
    expect(await renderedRows().first().locator('button').textContent()).toBe(broad.items[0]!.fullName);
    // Past the counted floor the list keeps going, a page at a time.
    const beyond = (await search({ query: 'a', archived: 'exclude', limit: 1, offset: broad.total })).items[0]!;
    await scroller().evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(() => nameAtRow(broad.total)).toBe(beyond.fullName);

    const last = (await search({ archived: 'exclude', limit: 1, offset: 0 })).items[0]!.fullName;
    const word = last.split(' ').at(-1)!;
    await searchBox().fill(word);
    await expect.poll(() => page.getByTestId('contacts-results').getAttribute('data-query')).toBe(word);
    expect(await table().textContent()).toContain(last);
    await shot('05-filtered');

    await searchBox().fill('zzqx nobody');
    await expect.poll(() => page.getByTestId('contacts-count').textContent()).toBe('0 contacts');
    expect(await page.getByTestId('contacts-empty').textContent()).toContain('No contact matches “zzqx nobody”.');
    await shot('06-no-match');
    await page.getByRole('button', { name: 'Clear the search' }).click();
    await expect.poll(() => searchBox().inputValue()).toBe('');
    await expect.poll(() => renderedRows().count()).toBeGreaterThan(5);
  });

  it('says it in French', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByLabel('Rechercher', { exact: true }).fill('a');
    await expect.poll(() => page.getByTestId('contacts-count').textContent()).toMatch(/^1\s000 contacts ou plus$/);
    await shot('07-floor-fr');
    await page.getByLabel('Rechercher', { exact: true }).fill('zzqx');
    await expect.poll(() => page.getByTestId('contacts-empty').textContent()).toContain('Aucun contact ne correspond à « zzqx ».');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('logged no errors in the console', () => {
    expect(session!.consoleProblems).toEqual([]);
  });
});
