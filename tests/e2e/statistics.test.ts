/**
 * End-to-end: the Statistics screen over a vault seeded through the contract. The tables
 * behind each chart (opened from the keyboard) and the key figures hold the numbers
 * `stats.get` gives for the same period; typing another period changes them; a reversed
 * period is refused in words. Build first: `node scripts/build.mjs`.
 * Screenshots: tests/e2e/screenshots/statistics-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatisticsDto } from '../../shared/dto/stats';
import { localDay } from '../../shared/rules/dates';
import { presetPeriod } from '../../shared/rules/statistics';
import { addDays } from '../../shared/rules/deadline';
import { createVaultThroughScreens, OFFICE_SIZES, openPreviewInChromium, previewCall, shotsAtOfficeSizes, typed, type E2eSession } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };

let session: E2eSession | null = null;
let page: Page;

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-statistics-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

/** Requests of three types over the last months, one closed late and one on time, plus a test one. */
async function seed(today: string) {
  const s = session!;
  const add = async (type: string, daysAgo: number, isTest = false) => {
    const r = await previewCall<{ id: string }>(s, 'requests.add', { type, receivedOn: addDays(today, -daysAgo), channel: 'email', requesterName: 'Someone', isTest });
    await previewCall(s, 'requests.start', { id: r.id });
    return r.id;
  };
  await previewCall(s, 'requests.close', { id: await add('access', 45), outcome: 'completed' });
  await previewCall(s, 'requests.close', { id: await add('objection', 12), outcome: 'refused', refusalReason: 'manifestly_unfounded' });
  await add('erasure', 70);
  await add('erasure', 3);
  await add('access', 20, true);
  const ana = await previewCall<{ id: string }>(s, 'contacts.add', { fullName: 'Ana Ruiz', email: 'ana@example.org' });
  await previewCall(s, 'consents.record', { contactId: ana.id, purposeCode: 'newsletter', action: 'granted', channel: 'form', occurredOn: addDays(today, -40) });
  await previewCall(s, 'consents.record', { contactId: ana.id, purposeCode: 'newsletter', action: 'withdrawn', channel: 'unsubscribe_link' });
  const carl = await previewCall<{ id: string }>(s, 'contacts.add', { fullName: 'Carl Doe' });
  await previewCall(s, 'contacts.erase', { contactId: carl.id, reason: 'Asked to be forgotten' });
  // As the export dialog does: the preview hands out where the file goes, then the export is made.
  const { path } = await previewCall<{ path: string }>(s, 'shell.chooseExportPath', { suggestedName: 'contacts.csv' });
  await previewCall(s, 'exports.register', { table: 'contacts', format: 'csv', out: path });
}

/** The cells of a chart's table, month by month, as the screen shows them (numbers only). */
async function tableOf(testId: string): Promise<Record<string, Record<string, number>>> {
  const rows = page.getByTestId(testId).locator('tbody tr');
  const out: Record<string, Record<string, number>> = {};
  for (const row of await rows.all()) {
    const month = (await row.getAttribute('data-month'))!;
    out[month] = {};
    for (const cell of await row.locator('td').all()) out[month][(await cell.getAttribute('data-key'))!] = Number((await cell.textContent())!.replace(/\D/g, ''));
  }
  return out;
}

describe('Statistics', () => {
  it('shows the numbers stats.get gives, in the tables behind the charts and in the key figures', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    const today = localDay(new Date());
    await seed(today);
    const period = presetPeriod('last12Months', today);
    const stats = await previewCall<StatisticsDto>(session!, 'stats.get', period);

    await page.locator('nav [data-route="statistics"]').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Statistics');
    await page.getByTestId('stats-requests').waitFor();

    // The tables open from the keyboard: focus the disclosure and press Enter.
    const summary = page.getByTestId('stats-requests').locator('summary', { hasText: 'Show the numbers' });
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('stats-requests').locator('details').getAttribute('open')).toBe('');
    const requests = await tableOf('stats-requests');
    expect(Object.keys(requests)).toEqual(stats.months);
    for (const m of stats.requests.perMonth) {
      expect(requests[m.month]!.total).toBe(m.total);
      for (const [type, n] of Object.entries(requests[m.month]!)) if (type !== 'total') expect(n).toBe(m.byType[type as keyof typeof m.byType]);
    }
    expect(Object.values(requests).reduce((n, r) => n + r.total!, 0)).toBe(4);

    await page.getByTestId('stats-consents').locator('summary', { hasText: 'Show the numbers' }).click();
    const consents = await tableOf('stats-consents');
    const newsletter = stats.consents.find((p) => p.code === 'newsletter')!;
    for (const m of newsletter.perMonth) expect(consents[m.month]).toEqual({ granted: m.granted, withdrawn: m.withdrawn });

    await page.getByTestId('stats-erasures').locator('summary', { hasText: 'Show the numbers' }).click();
    const erasures = await tableOf('stats-erasures');
    for (const { month, ...counts } of stats.erasures.perMonth) expect(erasures[month]).toEqual(counts);
    expect(stats.erasures.totals.erased).toBe(1);

    expect(await page.getByTestId('stats-received').locator('strong').textContent()).toBe(String(stats.requests.received));
    expect(await page.getByTestId('stats-median').locator('strong').textContent()).toBe(String(stats.requests.daysToClose.median));
    expect(await page.getByTestId('stats-p90').locator('strong').textContent()).toBe(String(stats.requests.daysToClose.p90));
    expect(await page.getByTestId('stats-on-time').textContent()).toContain(`${stats.requests.onTime.onTime} of ${stats.requests.onTime.closed} closed`);
    expect(await page.getByTestId('stats-overdue').locator('strong').textContent()).toBe(String(stats.requests.overdueNow));
    expect(await page.getByTestId('stats-exports').locator('strong').textContent()).toBe(String(stats.exports.total));
    expect(await page.getByTestId('stats-exports-table').locator('tr[data-row="register"] td').textContent()).toBe('1');

    // With every table open, axe finds nothing wrong on the screen (contrast, names, table headers).
    const axe = await new AxeBuilder({ page }).include('[data-testid="statistics-screen"]').analyze();
    expect(axe.passes.length).toBeGreaterThan(10);
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // Nothing wider than the window at the office sizes.
    for (const size of OFFICE_SIZES) {
      await page.setViewportSize(size);
      await page.waitForTimeout(300);
      const sideways = await page.evaluate(() => {
        const pane = document.querySelector('.content')!;
        return pane.scrollWidth - pane.clientWidth;
      });
      expect(sideways, `${size.width}×${size.height}`).toBeLessThanOrEqual(0);
    }
    await page.mouse.move(1, 1);
    await page
      .getByTestId('stats-requests')
      .locator('details')
      .evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shotsAtOfficeSizes(page, 'statistics-en-numbers');
    await page.getByTestId('stats-requests').locator('summary').click();
    await page.getByTestId('stats-consents').locator('summary').click();
    await page.getByTestId('stats-erasures').locator('summary').click();
    await page.mouse.move(1, 1);
    await page.locator('.content').evaluate((e) => e.scrollTo(0, 0));
    await shotsAtOfficeSizes(page, 'statistics-en');
    await page.getByTestId('stats-requests').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shotsAtOfficeSizes(page, 'statistics-en-charts');
    // Only the content pane scrolls: the tables' hidden captions must not stretch the page below the shell.
    expect(await page.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight)).toBe(0);
    await page.getByTestId('stats-erasures').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shotsAtOfficeSizes(page, 'statistics-en-erasures');

    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Statistiques');
    await page.locator('.content').evaluate((e) => e.scrollTo(0, 0));
    await shotsAtOfficeSizes(page, 'statistics-fr');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('follows a typed period and a preset, and refuses a reversed one in words', async () => {
    const today = localDay(new Date());
    const from = addDays(today, -14);
    await page.getByLabel('From', { exact: true }).fill(typed(from));
    await page.getByLabel('To', { exact: true }).fill(typed(today));
    await page.getByLabel('To', { exact: true }).blur();
    const stats = await previewCall<StatisticsDto>(session!, 'stats.get', { from, to: today });
    await expect.poll(() => page.getByTestId('stats-received').locator('strong').textContent()).toBe(String(stats.requests.received));
    expect(stats.requests.received).toBe(2);

    await page.getByLabel('From', { exact: true }).fill(typed(addDays(today, 1)));
    await page.getByLabel('From', { exact: true }).blur();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('The end date is before the start date.');

    await page.getByRole('button', { name: 'Last year' }).click();
    const lastYear = presetPeriod('lastYear', today);
    await expect.poll(() => page.getByLabel('From', { exact: true }).inputValue()).toBe(typed(lastYear.from));
    await expect.poll(() => page.getByTestId('stats-received').locator('strong').textContent()).toBe(String((await previewCall<StatisticsDto>(session!, 'stats.get', lastYear)).requests.received));
    expect(session!.consoleProblems).toEqual([]);
  });
});
