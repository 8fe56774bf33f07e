/**
 * End-to-end: the working calendar in Settings (issue 13). An admin adds an office closure
 * on the day an open request is due, sees that request keep the deadline it was given,
 * marks a holiday as worked and puts everything back; a colleague sees it read-only.
 * Build first: `node scripts/build.mjs`. Screenshots: tests/e2e/screenshots/calendar-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../shared/rules/dates';
import { addDays, belgianHolidays, legalDeadline, weekday } from '../../shared/rules/deadline';
import { createVaultThroughScreens, openPreviewInChromium, type E2eSession, unlockAs, typed } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };
const SIZES = [
  { width: 1093, height: 560 },
  { width: 1024, height: 600 },
];

let session: E2eSession | null = null;
let page: Page;
const today = localDay(new Date());
// An open request received three days ago: its deadline is a working day, which the admin then closes.
const received = addDays(today, -3);
const due = legalDeadline(received, 1);
const dueYear = Number(due.slice(0, 4));
const section = () => page.getByTestId('calendar-section');

async function shotAt(name: string, size: { width: number; height: number }, focus = section()): Promise<void> {
  await page.setViewportSize(size);
  // The part shown at the top of the content pane (the only part that scrolls), as a person scrolls to it.
  await focus.evaluate((el) => {
    const pane = el.closest('.content');
    if (pane) pane.scrollTop += el.getBoundingClientRect().top - pane.getBoundingClientRect().top - 16;
  });
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(__dirname, 'screenshots', `calendar-${name}-${size.width}x${size.height}.png`) });
}

async function api<T>(method: string, input: unknown): Promise<T> {
  const url = new URL(session!.previewUrl);
  const res = await fetch(`${url.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-registre-token': url.searchParams.get('token')! },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; data: T; error?: unknown };
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.data;
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-calendar-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('working calendar in Settings', () => {
  it('shows this year’s Belgian holidays and no closure day', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    await api('requests.add', { type: 'access', receivedOn: received, channel: 'email', requesterName: 'Jonas Vermeulen' });
    await page.locator('nav [data-route="settings"]').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Settings');
    await expect.poll(() => section().getByTestId('calendar-holidays').locator('tbody tr').count()).toBe(10);
    const year = Number(today.slice(0, 4));
    expect(await section().getByLabel('Year', { exact: true }).inputValue()).toBe(String(year));
    expect(await section().getByTestId('calendar-holidays').textContent()).toContain('Easter Monday');
    expect(await section().textContent()).toContain('the deadline moves to the next working day');
    expect(await section().getByTestId('calendar-no-closures').textContent()).toBe(`No closure day in ${year}.`);
    // Another year is one click away, its Easter-dependent days computed.
    await section().getByRole('button', { name: 'Next year' }).click();
    await expect.poll(() => section().getByLabel('Year', { exact: true }).inputValue()).toBe(String(year + 1));
    const easterMonday = belgianHolidays(year + 1)[1]!.day;
    expect(await section().locator(`[data-day="${easterMonday}"]`).textContent()).toContain('Easter Monday');
    await section().getByLabel('Year', { exact: true }).selectOption(String(year));
    await expect.poll(() => section().getByLabel('Year', { exact: true }).inputValue()).toBe(String(year));
  });

  it('adds a closure day: the request already due then keeps its deadline, and says so', async () => {
    await section().getByRole('button', { name: 'Add this closure day' }).click();
    expect(await section().locator('.message--error').textContent()).toBe('Choose the day the office is closed.');
    await section().getByLabel('Day', { exact: true }).fill(typed(due));
    await section().getByRole('button', { name: 'Add this closure day' }).click();
    expect(await section().locator('.message--error').textContent()).toBe('Say why the office is closed that day.');
    await section().getByLabel('Reason', { exact: true }).fill('Office move');
    await section().getByRole('button', { name: 'Add this closure day' }).click();
    await expect.poll(() => section().getByTestId('calendar-closures').locator(`[data-day="${due}"]`).textContent()).toContain('Office move');
    expect(await section().getByLabel('Year', { exact: true }).inputValue()).toBe(String(dueYear));
    expect(await section().getByTestId('calendar-closures').textContent()).toContain('Changed by Anne Dupont');
    expect(await section().locator('.message--success').textContent()).toMatch(/is now a closure day\.$/);
    expect(await section().getByTestId('calendar-kept').textContent()).toContain('1 open request keeps the deadline it was given');
    expect(await section().getByTestId('calendar-kept').textContent()).toContain('Access request received on');
    expect(await section().getByLabel('Day', { exact: true }).inputValue()).toBe('');
    // A weekend day is refused with words, and nothing is added.
    let saturday = addDays(due, 1);
    while (weekday(saturday) !== 6) saturday = addDays(saturday, 1);
    await section().getByLabel('Day', { exact: true }).fill(typed(saturday));
    await section().getByLabel('Reason', { exact: true }).fill('A Saturday');
    await section().getByRole('button', { name: 'Add this closure day' }).click();
    await expect.poll(() => section().locator('.message--error').textContent()).toContain('Saturday or a Sunday');
    expect(await section().getByTestId('calendar-closures').locator('tbody tr').count()).toBe(1);
    await section().getByLabel('Day', { exact: true }).fill('');
    await section().getByLabel('Reason', { exact: true }).fill('');
    for (const size of SIZES) await shotAt('00-top-en', size, section().locator('h2'));
    for (const size of SIZES) await shotAt('01-closure-en', size, section().getByTestId('calendar-closures'));
    for (const size of SIZES) await shotAt('02-holidays-en', size, section().getByTestId('calendar-holidays'));
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('reads in French', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => section().locator('h2').textContent()).toBe('Calendrier de travail');
    expect(await section().getByTestId('calendar-kept').textContent()).toContain('1 demande en cours garde l’échéance');
    expect(await section().getByTestId('calendar-holidays').textContent()).toContain('Lundi de Pâques');
    for (const size of SIZES) await shotAt('03-top-fr', size, section().locator('h2'));
    for (const size of SIZES) await shotAt('03-closure-fr', size, section().getByTestId('calendar-closures'));
    for (const size of SIZES) await shotAt('04-holidays-fr', size, section().getByTestId('calendar-holidays'));
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => section().locator('h2').textContent()).toBe('Working calendar');
  });

  it('marks a holiday as worked and puts it back, then removes the closure day', async () => {
    const holiday = belgianHolidays(dueYear).find((h) => weekday(h.day) !== 0 && weekday(h.day) !== 6)!;
    const row = () => section().locator(`[data-day="${holiday.day}"]`);
    await row()
      .getByRole('button', { name: /^The office works on / })
      .click();
    await expect.poll(() => row().textContent()).toContain('Open: the office works');
    expect(await row().textContent()).toContain('Changed by Anne Dupont');
    await row()
      .getByRole('button', { name: /is a closed day again$/ })
      .click();
    await expect.poll(() => row().textContent()).not.toContain('Open');
    expect(
      await row()
        .getByRole('button', { name: /^The office works on / })
        .count(),
    ).toBe(1);

    await section()
      .getByTestId('calendar-closures')
      .getByRole('button', { name: /^Remove the closure day of / })
      .click();
    await expect.poll(() => section().getByTestId('calendar-no-closures').textContent()).toBe(`No closure day in ${dueYear}.`);
    expect(await section().locator('.message--success').textContent()).toMatch(/is a working day again\.$/);
    expect(await section().getByTestId('calendar-kept').count()).toBe(0);
    const events = await api<Array<{ action: string }>>('audit.list', { limit: 5 });
    expect(events.map((e) => e.action).slice(0, 4)).toEqual(['calendar.dayRestored', 'calendar.dayRestored', 'calendar.holidayRemoved', 'calendar.closureAdded']);
  });

  it('shows the calendar read-only to staff', async () => {
    await api('calendar.addClosure', { day: due, note: 'Office move' });
    await api('staff.add', { name: 'Sam Peeters', role: 'staff', passphrase: 'quarry ember violet compass' });
    await unlockAs(page, 'quarry ember violet compass');
    await expect.poll(() => page.getByTestId('signed-in').textContent(), { timeout: 15_000 }).toContain('Sam Peeters');
    await page.locator('nav [data-route="settings"]').click();
    await expect.poll(() => section().getByTestId('calendar-holidays').locator('tbody tr').count()).toBe(10);
    expect(await section().textContent()).toContain('Only an administrator can change the working calendar.');
    expect(await section().getByRole('button', { name: 'Add this closure day' }).count()).toBe(0);
    expect(
      await section()
        .getByRole('button', { name: /^The office works on / })
        .count(),
    ).toBe(0);
    if (dueYear !== Number(today.slice(0, 4))) await section().getByLabel('Year', { exact: true }).selectOption(String(dueYear));
    await expect.poll(() => section().getByTestId('calendar-closures').textContent()).toContain('Office move');
    for (const size of SIZES) await shotAt('05-read-only-en', size, section().getByTestId('calendar-closures'));
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('logged no errors in the console', () => {
    expect(session!.consoleProblems).toEqual([]);
  });
});
