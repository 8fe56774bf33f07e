/**
 * End-to-end: the Requests screen's list and one request's page. Requests are logged
 * through the preview's API here (tests/e2e/request-flows.test.ts logs and works them
 * through the screens); the screen counts them per state, filters them, colours their
 * deadlines, and shows one request's details and timeline.
 * Build first: `node scripts/build.mjs`. Screenshots: tests/e2e/screenshots/requests-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../shared/rules/dates';
import { addDays } from '../../shared/rules/deadline';
import { createVaultThroughScreens, openPreviewInChromium, previewCall, type E2eSession, unlockAs } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };
const SIZES = [
  { width: 1093, height: 560 },
  { width: 1024, height: 600 },
];

let session: E2eSession | null = null;
let page: Page;
const ids: Record<string, string> = {};

const heading = () => page.locator('h1.screen-title');
const nav = (route: string) => page.locator(`nav [data-route="${route}"]`).click();
const table = () => page.getByTestId('requests-table');
const rowOf = (name: string) => table().locator('tbody tr', { hasText: name });

/** The window at the sizes a secretariat laptop has, as the person sees it (no taller picture). */
async function shotAt(name: string, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(__dirname, 'screenshots', `requests-${name}-${size.width}x${size.height}.png`) });
}

const api = <T>(method: string, input: unknown) => previewCall<T>(session!, method, input);

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-requests-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('requests screen', () => {
  it('starts from a vault with requests logged through the API', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    const today = localDay(new Date());
    const marie = await api<{ id: string }>('contacts.add', { fullName: 'Marie Lambert', email: 'marie.lambert@example.be' });
    const sofia = await api<{ id: string }>('contacts.add', { fullName: 'Sofia Rossi' });
    // Overdue: received six weeks ago, work started, never answered.
    const overdue = await api<{ id: string }>('requests.add', { type: 'access', receivedOn: addDays(today, -45), channel: 'email', contactId: marie.id });
    await api('requests.start', { id: overdue.id });
    ids.overdue = overdue.id;
    // Due soon: received four weeks ago, not yet picked up; named only, not a contact.
    const soon = await api<{ id: string; urgency: string }>('requests.add', { type: 'erasure', receivedOn: addDays(today, -28), channel: 'post', requesterName: 'Jonas Vermeulen' });
    expect(soon.urgency).toBe('due_soon');
    // On time, with a full timeline: identity asked for, received (work goes on from there), extended.
    const full = await api<{ id: string }>('requests.add', {
      type: 'rectification',
      receivedOn: addDays(today, -10),
      channel: 'in_person',
      contactId: sofia.id,
      requestText: 'My surname is misspelt in the attendee list.',
    });
    await api('requests.awaitIdentity', { id: full.id, askedOn: addDays(today, -8) });
    await api('requests.identityReceived', { id: full.id, date: addDays(today, -5), method: 'document_shown', seen: 'Belgian identity card' });
    await api('requests.extend', { id: full.id, months: 2, reason: 'The correction needs every partner agency to check its copy.' });
    ids.full = full.id;
    await api('requests.add', { type: 'objection', receivedOn: today, channel: 'form', requesterName: 'Training example', isTest: true });
    await page.reload();
    await expect.poll(() => heading().textContent(), { timeout: 15_000 }).toBe('Contacts');
  });

  it('counts per state, sorts by deadline and colours each deadline', async () => {
    await nav('requests');
    await expect.poll(() => heading().textContent()).toBe('Requests');
    const counts = page.getByTestId('request-counts');
    await expect.poll(() => counts.locator('[data-state="in_progress"] dd').textContent()).toBe('2');
    expect(await counts.locator('[data-state="received"] dd').textContent()).toBe('1');
    expect(await counts.locator('[data-state="completed"] dd').textContent()).toBe('0');
    expect(await table().locator('tbody tr td:first-child').allTextContents()).toEqual(['Marie Lambert', 'Jonas Vermeulen', 'Sofia Rossi']);
    expect(await rowOf('Marie Lambert').locator('.deadline').getAttribute('data-urgency')).toBe('overdue');
    expect(await rowOf('Marie Lambert').locator('.deadline').textContent()).toMatch(/^\d+ days overdue$/);
    expect(await rowOf('Jonas Vermeulen').locator('.deadline').getAttribute('data-urgency')).toBe('due_soon');
    expect(await rowOf('Sofia Rossi').locator('.deadline').getAttribute('data-urgency')).toBe('on_time');
    expect(await rowOf('Sofia Rossi').textContent()).toContain('Correction');
    for (const size of SIZES) await shotAt('01-list', size);
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('filters by state, overdue, due this week, and shows test requests on demand', async () => {
    await page.getByLabel('Deadline').selectOption({ label: 'Overdue' });
    await expect.poll(() => table().locator('tbody tr').count()).toBe(1);
    expect(await rowOf('Marie Lambert').count()).toBe(1);
    await page.getByLabel('Deadline').selectOption({ label: 'Due within 7 days' });
    await expect.poll(() => table().locator('tbody tr td:first-child').allTextContents()).toEqual(['Jonas Vermeulen']);
    await page.getByLabel('Deadline').selectOption({ label: 'Any deadline' });
    await page.getByLabel('State', { exact: true }).selectOption({ label: 'In progress' });
    await expect.poll(() => table().locator('tbody tr td:first-child').allTextContents()).toEqual(['Marie Lambert', 'Sofia Rossi']);
    await page.getByLabel('State', { exact: true }).selectOption({ label: 'All states' });
    await page.getByLabel('Show test requests').check();
    await expect.poll(() => table().locator('tbody tr').count()).toBe(4);
    expect(await rowOf('Training example').locator('.badge').first().textContent()).toBe('Test');
    await expect.poll(() => page.getByTestId('request-counts').locator('[data-state="received"] dd').textContent()).toBe('2');
    await page.getByLabel('Show test requests').uncheck();
    await expect.poll(() => table().locator('tbody tr').count()).toBe(3);
  });

  it('opens a request with one click and shows its details and timeline in words', async () => {
    await page.getByRole('button', { name: 'Sofia Rossi' }).click();
    await expect.poll(() => heading().textContent()).toBe('Correction — Sofia Rossi');
    const details = page.getByTestId('request-details');
    expect(await details.textContent()).toContain('In person');
    expect(await details.textContent()).toContain('Extended by 2 months');
    expect(await details.textContent()).toContain('Identity document shown');
    expect(await details.textContent()).toContain('Belgian identity card');
    expect(await details.textContent()).toContain('My surname is misspelt');
    const timeline = page.getByTestId('request-timeline');
    expect(await timeline.locator('li strong').allTextContents()).toEqual([
      'Request received',
      'Identity proof asked for (clock stopped)',
      'Identity proof received (clock restarted)',
      'Deadline extended',
    ]);
    expect(await timeline.textContent()).toContain('Recorded by Anne Dupont');
    for (const size of SIZES) await shotAt('02-request', size);
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByRole('button', { name: 'All requests' }).click();
    await expect.poll(() => heading().textContent()).toBe('Requests');
  });

  it('shows the list and a request in French', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => heading().textContent()).toBe('Demandes');
    await expect.poll(() => rowOf('Marie Lambert').textContent()).toContain('jours de retard');
    await shotAt('03-list-fr', SIZES[0]!);
    await page.getByRole('button', { name: 'Marie Lambert' }).click();
    await expect.poll(() => heading().textContent()).toBe('Accès — Marie Lambert');
    expect(await page.getByTestId('request-timeline').textContent()).toContain('Demande reçue');
    await shotAt('04-request-fr', SIZES[0]!);
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('lets an auditor see requests and their timeline', async () => {
    await api('staff.add', { name: 'Paul Verhoeven', role: 'auditor', passphrase: 'quarry ember violet compass' });
    await unlockAs(page, 'quarry ember violet compass');
    await expect.poll(() => page.getByTestId('signed-in').textContent(), { timeout: 15_000 }).toContain('Paul Verhoeven');
    await nav('requests');
    await expect.poll(() => table().locator('tbody tr').count()).toBe(3);
    await page.getByRole('button', { name: 'Marie Lambert' }).click();
    await expect.poll(() => page.getByTestId('request-timeline').locator('li').count()).toBe(2);
  });

  it('logged no errors in the console', () => {
    expect(session!.consoleProblems).toEqual([]);
  });
});
