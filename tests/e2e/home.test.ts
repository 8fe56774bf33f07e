/**
 * End-to-end: the home dashboard (issue 16). Every unlock lands on it; what a fresh vault
 * owes shows with a button to where it is fixed; an overdue request is named and one
 * click opens it; a button to a panel lands on that panel; an auditor sees the same as
 * information with who can act; a vault with nothing owed says all clear.
 * Build first: `node scripts/build.mjs`. Screenshots: tests/e2e/screenshots/home-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../shared/rules/dates';
import { addDays } from '../../shared/rules/deadline';
import { createVaultThroughScreens, openPreviewInChromium, previewCall, shotsAtOfficeSizes, unlockAs, type E2eSession } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };
const AUDITOR = { name: 'Paul Verhoeven', passphrase: 'quarry ember violet compass' };

let session: E2eSession | null = null;
let page: Page;

const heading = () => page.locator('h1.screen-title');
const nav = (route: string) => page.locator(`nav [data-route="${route}"]`).click();
const item = (key: string) => page.getByTestId(`home-${key}`);
const api = <T>(method: string, input: unknown) => previewCall<T>(session!, method, input);

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-home-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('home dashboard', () => {
  it('is where a new vault lands, and says what a fresh vault owes', async () => {
    // The harness checks the landing on "Today" before it opens the contacts.
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    await nav('home');
    await expect.poll(() => heading().textContent()).toBe('Today');
    await item('backup').waitFor();
    expect(await item('backup').textContent()).toContain('No backup folder is set');
    // The seeded policy and processors still cite the Privacy Shield: an administrator's to fix.
    expect(await page.getByTestId('home-group-now').textContent()).toContain('Privacy Shield');
    expect(await page.getByTestId('home-all-clear').count()).toBe(0);
    await shotsAtOfficeSizes(page, 'home-fresh-en');
  });

  it('names an overdue request and opens it in one click', async () => {
    const today = localDay(new Date());
    const marie = await api<{ id: string }>('contacts.add', { fullName: 'Marie Lambert' });
    await api('requests.add', { type: 'access', receivedOn: addDays(today, -45), channel: 'email', contactId: marie.id });
    await api('requests.add', { type: 'erasure', receivedOn: addDays(today, -27), channel: 'email', requesterName: 'Jonas Vermeulen' });
    await nav('contacts');
    await nav('home');
    await expect.poll(() => item('requestsOverdue').textContent()).toContain('1 rights request is past its legal deadline.');
    expect(await item('requestsSoon').textContent()).toContain('Erasure – Jonas Vermeulen');
    await shotsAtOfficeSizes(page, 'home-requests-en');
    await item('requestsOverdue').getByRole('button', { name: 'Access – Marie Lambert' }).click();
    await expect.poll(() => heading().textContent()).toBe('Access — Marie Lambert');
    expect(await page.locator(`nav [data-route="requests"]`).getAttribute('aria-current')).toBe('page');
  });

  it('opens the panel where a thing is fixed, with the focus on it', async () => {
    const child = await api<{ id: string }>('contacts.add', { fullName: 'Léa Petit' });
    await api('sensitive.add', { contactId: child.id, reason: 'Youth event', identity: { dateOfBirth: addDays(localDay(new Date()), -3000) } });
    await nav('home');
    await item('minors').getByRole('button', { name: 'Open the under-age list' }).click();
    await expect.poll(() => heading().textContent()).toBe('Consents');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('consents-minors');
    await nav('home');
    await item('privacyShield').getByRole('button', { name: 'Open the register' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('compliance-warnings');
    expect(await page.getByRole('tab', { name: 'Processors' }).getAttribute('aria-selected')).toBe('true');
  });

  it('shows French words too', async () => {
    await nav('home');
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => heading().textContent()).toBe('Aujourd’hui');
    await expect.poll(() => page.getByTestId('home-group-now').textContent()).toContain('À faire maintenant');
    await shotsAtOfficeSizes(page, 'home-requests-fr');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => heading().textContent()).toBe('Today');
  });

  it('lands an auditor on it, with what others must do shown for information', async () => {
    await api('staff.add', { name: AUDITOR.name, role: 'auditor', passphrase: AUDITOR.passphrase });
    await unlockAs(page, AUDITOR.passphrase);
    await expect.poll(() => heading().textContent(), { timeout: 15_000 }).toBe('Today');
    await expect.poll(() => page.getByTestId('home-group-info').textContent()).toContain('Staff or an administrator can act on this.');
    expect(await page.getByTestId('home-group-now').count()).toBe(0);
    expect(await page.getByTestId('home-all-clear').textContent()).toContain('Nothing for you to do');
    // Still one click from where it stands (the auditor may look).
    await item('requestsOverdue').getByRole('button', { name: 'Open the requests' }).click();
    await expect.poll(() => heading().textContent()).toBe('Requests');
    await nav('home');
    await shotsAtOfficeSizes(page, 'home-auditor-en');
  });

  it('says all clear once nothing is owed', async () => {
    await unlockAs(page, ADMIN.passphrase);
    await expect.poll(() => heading().textContent(), { timeout: 15_000 }).toBe('Today');
    const open = await api<{ items: Array<{ id: string }> }>('requests.list', {});
    for (const r of open.items) await api('requests.close', { id: r.id, outcome: 'refused', refusalReason: 'manifestly_unfounded', text: 'Not about our data.' });
    const child = (await api<Array<{ id: string }>>('contacts.minors', {}))[0]!;
    await api('contacts.erase', { contactId: child.id, reason: 'Under age, no parental consent' });
    const backups = join(session!.vaultDir, '..', 'backups');
    mkdirSync(backups);
    await api('settings.update', { backupFolder: backups });
    await api('backups.make', {});
    await api('policies.add', { version: 2, language: 'fr', effectiveDate: localDay(new Date()), text: 'Les transferts reposent sur des clauses contractuelles types.' });
    const { processors } = await api<{ processors: Array<{ id: string; citesPrivacyShield: boolean }> }>('processors.list', {});
    for (const p of processors.filter((x) => x.citesPrivacyShield)) await api('processors.update', { id: p.id, transferSafeguard: 'Standard contractual clauses (2021)' });
    await nav('contacts');
    await nav('home');
    await expect.poll(() => page.getByTestId('home-all-clear').textContent()).toBe('All clear: nothing is overdue or due soon.');
    expect(await page.locator('.home-item').count()).toBe(0);
    await shotsAtOfficeSizes(page, 'home-clear-en');
    expect(session!.consoleProblems).toEqual([]);
  });
});
