/**
 * End-to-end: every main screen on the office's screens, in Debian's Chromium over a demo
 * vault: a 1366×768 laptop at 125 % (1093×560 CSS px) and a 1024×600 netbook. The contacts
 * list shows at least five whole rows, no screen scrolls sideways, and the sidebar folds
 * to its icons (and stays folded). Build first: `node scripts/build.mjs`. Screenshots land
 * in tests/e2e/screenshots/office-*.png.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_SIZES, openPreviewInChromium, shotsAtOfficeSizes, VIEWPORT, type E2eSession } from './harness';

const PASSPHRASE = 'lantern otter saffron bicycle';

let session: E2eSession | null = null;
let page: Page;

const heading = () => page.locator('h1');

/** Contact rows wholly inside the list's scrolling box (and the window). */
function wholeRowsInView(): Promise<number> {
  return page.evaluate(() => {
    const box = document.querySelector('.table-wrap--scroll')?.getBoundingClientRect();
    if (!box) return 0;
    const bottom = Math.min(box.bottom, window.innerHeight);
    return [...document.querySelectorAll('[data-testid="contacts-table"] tbody tr.table__row')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= box.top && r.bottom <= bottom + 0.5;
    }).length;
  });
}

/** How far the page or the content pane reaches past the window's right edge, in CSS px. */
function sidewaysOverflow(): Promise<number> {
  return page.evaluate(() => {
    const pane = document.querySelector('.content');
    return Math.max(document.scrollingElement!.scrollWidth - window.innerWidth, pane ? pane.scrollWidth - pane.clientWidth : 0);
  });
}

async function openRoute(route: string): Promise<void> {
  await page.locator(`nav [data-route="${route}"]`).click();
  await expect.poll(() => page.locator('nav [aria-current="page"]').getAttribute('data-route')).toBe(route);
  await heading().first().waitFor();
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-office-', {
    seed: (vaultDir) =>
      execFileSync(process.execPath, [resolve(__dirname, '../../dist/cli.cjs'), 'demo', '--vault', vaultDir, '--contacts', '120'], {
        env: { ...process.env, REGISTRE_PASSPHRASE: PASSPHRASE },
        stdio: 'ignore',
      }),
  });
  page = session.page;
  await page.goto(session.previewUrl);
  await page.getByLabel('Your passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  // Unlocking is slow on purpose (scrypt).
  await page.locator('h1', { hasText: 'Today' }).waitFor({ timeout: 15_000 });
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe.each(OFFICE_SIZES)('at $width×$height', (size) => {
  beforeAll(async () => {
    await page.setViewportSize(size);
  });

  it('the contacts list shows at least five whole rows under its filters', async () => {
    await openRoute('contacts');
    await expect.poll(wholeRowsInView).toBeGreaterThanOrEqual(5);
    await page.screenshot({ path: resolve(__dirname, 'screenshots', `office-contacts-${size.width}x${size.height}.png`) });
  });

  it('every section of the menu opens without scrolling sideways, its title in view', async () => {
    const routes = await page.locator('nav [data-route]').evaluateAll((items) => items.map((el) => el.getAttribute('data-route')!));
    expect(routes.length).toBeGreaterThanOrEqual(12);
    const problems: string[] = [];
    for (const route of routes) {
      await openRoute(route);
      const overflow = await sidewaysOverflow();
      if (overflow > 0) problems.push(`${route}: ${overflow} px past the right edge`);
      if (!(await heading().first().isVisible())) problems.push(`${route}: its title is not in view`);
      await page.screenshot({ path: resolve(__dirname, 'screenshots', `office-${route}-${size.width}x${size.height}.png`) });
    }
    expect(problems).toEqual([]);
  });
});

describe('the sidebar', () => {
  it('folds to its icons, gives the list the room, and stays folded after a reload', async () => {
    await page.setViewportSize(OFFICE_SIZES[0]);
    await openRoute('contacts');
    const sidebarWidth = () => page.locator('.sidebar').evaluate((el) => el.getBoundingClientRect().width);
    const open = await sidebarWidth();
    await page.getByRole('button', { name: 'Fold the menu' }).click();
    await expect.poll(sidebarWidth).toBeLessThan(open / 2);
    // Each section still has its name for screen readers and as a tooltip.
    expect(await page.locator('nav [data-route="consents"]').getAttribute('title')).toBe('Consents');
    await page.getByRole('button', { name: 'Consents' }).click();
    await expect.poll(() => heading().first().textContent()).toBe('Consents');
    await page.screenshot({ path: resolve(__dirname, 'screenshots', 'office-folded-1093x560.png') });
    // The vault stays open across a reload of the page (the core holds it); the page starts afresh.
    await page.reload();
    await page.locator('nav [data-route="contacts"]').waitFor();
    expect(await sidebarWidth()).toBeLessThan(open / 2);
    await page.getByRole('button', { name: 'Unfold the menu' }).click();
    await expect.poll(sidebarWidth).toBe(open);
    await page.setViewportSize(VIEWPORT);
  });

  it('shows a filter set on the Events screen as a removable chip, and forgets it on lock', async () => {
    await openRoute('events');
    await page.getByRole('button', { name: 'Participants', exact: true }).first().click();
    await page.locator('h1', { hasText: 'Contacts' }).waitFor();
    const chip = page.locator('.filter-chips .chip[data-filter="event"]');
    await expect.poll(() => chip.textContent()).toMatch(/^Participants of /);
    const narrowed = await page.getByTestId('contacts-count').textContent();
    await shotsAtOfficeSizes(page, 'office-chip');
    await chip.getByRole('button', { name: /^Remove filter: Participants of / }).click();
    await expect.poll(() => chip.count()).toBe(0);
    await expect.poll(() => page.getByTestId('contacts-count').textContent()).not.toBe(narrowed);

    // Set again, then locked and unlocked: the list is whole again.
    await openRoute('events');
    await page.getByRole('button', { name: 'Participants', exact: true }).first().click();
    await expect.poll(() => chip.count()).toBe(1);
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByLabel('Your passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.locator('h1', { hasText: 'Contacts' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('contacts-count').textContent()).toBe('120 contacts');
    expect(await page.locator('.filter-chips').count()).toBe(0);
  });

  it('logged no errors in the console', () => {
    expect(session!.consoleProblems).toEqual([]);
  });
});
