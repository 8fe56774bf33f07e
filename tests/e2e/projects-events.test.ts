/**
 * End-to-end: the empty Organisations, Projects and Events screens say what goes there and
 * how to add the first one (in English and French); a project is created and changed on its
 * screen; an organisation with almost the same name as one already there is added only
 * after a warning; an event is changed from the Events screen, its end date checked.
 * Build first: `node scripts/build.mjs`. Screenshots: tests/e2e/screenshots/records-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultThroughScreens, openPreviewInChromium, previewCall, shotsAtOfficeSizes, type E2eSession, typed } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };

let session: E2eSession | null = null;
let page: Page;

const heading = () => page.locator('h1.screen-title');
const nav = (route: string) => page.locator(`nav [data-route="${route}"]`).click();
const dialog = () => page.getByRole('dialog');

async function closed(): Promise<void> {
  await expect.poll(() => dialog().count()).toBe(0);
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-records-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('projects and events screens', () => {
  it('empty screens say what goes there and offer the add button, in English and French', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    const empties = [
      ['organisations', 'Organisations', /^No organisations yet\. The member agencies and partner networks you work with go here.*Add one with “Add organisation”, or bring them in with an import/],
      ['projects', 'Projects', /^No projects yet\. A project is a longer piece of work.*Add one with “Add project”/],
      ['events', 'Events', /^No events yet\. Meetings, trainings and conferences go here.*Add one with “Add event”/],
    ] as const;
    for (const [route, title, words] of empties) {
      await nav(route);
      await expect.poll(() => heading().textContent()).toBe(title);
      const empty = page.getByTestId(`${route}-empty`);
      await expect.poll(() => empty.textContent()).toMatch(words);
      expect(await page.locator('.result-count').count()).toBe(0);
      expect(await page.getByRole('searchbox').count()).toBe(0);
      // The add button stands once, in the empty state.
      expect(await page.locator('.screen__header button').count()).toBe(0);
      await shotsAtOfficeSizes(page, `records-${route}-empty`);
    }
    // The import is right there too, and leads to the contacts import.
    await nav('organisations');
    await page.getByTestId('organisations-empty').getByRole('button', { name: 'Import from CSV' }).click();
    await expect.poll(() => heading().textContent()).toBe('Import contacts from a CSV file');

    await page.getByRole('button', { name: 'Français' }).click();
    const french = [
      ['organisations', 'Organisations', /^Aucune organisation pour l’instant\..*« Ajouter une organisation »/],
      ['projects', 'Projets', /^Aucun projet pour l’instant\..*« Ajouter un projet »/],
      ['events', 'Événements', /^Aucun événement pour l’instant\..*« Ajouter un événement »/],
    ] as const;
    for (const [route, title, words] of french) {
      await nav(route);
      await expect.poll(() => heading().textContent()).toBe(title);
      await expect.poll(() => page.getByTestId(`${route}-empty`).textContent()).toMatch(words);
    }
    await shotsAtOfficeSizes(page, 'records-events-empty-fr');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('creates a project from the empty screen and changes it', async () => {
    await nav('projects');
    await page.getByTestId('projects-empty').getByRole('button', { name: 'Add project' }).click();
    await dialog().getByLabel('Name').fill('Waste Shipments');
    await dialog().getByLabel('Start date').fill(typed('2026-01-01'));
    await dialog().getByLabel('Description').fill('Joint inspections of waste shipments');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await closed();
    const table = page.getByTestId('projects-table');
    await expect.poll(() => table.textContent()).toContain('Waste Shipments');
    expect(await table.textContent()).toContain('From 1 January 2026');

    await table.getByRole('button', { name: 'Edit' }).click();
    expect(await dialog().getByLabel('Description').inputValue()).toBe('Joint inspections of waste shipments');
    await dialog().getByLabel('End date').fill(typed('2025-12-31'));
    await dialog().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog().textContent()).toContain('The end date is before the start date');
    await shotsAtOfficeSizes(page, 'records-project-edit-refused');
    await dialog().getByLabel('End date').fill(typed('2027-12-31'));
    await dialog().getByLabel('Name').fill('Waste Shipments 2026–2027');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await closed();
    await expect.poll(() => table.textContent()).toContain('Waste Shipments 2026–2027');
    expect(await table.textContent()).toContain('1 January 2026 – 31 December 2027');
    await shotsAtOfficeSizes(page, 'records-projects');
  });

  it('warns of an organisation with almost the same name before adding it, and adds it anyway when asked', async () => {
    await previewCall(session!, 'organisations.add', { name: 'Bruxelles Environnement', type: 'governmental_agency', country: 'BE' });
    await nav('organisations');
    const table = page.getByTestId('organisations-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await page.locator('.screen__header').getByRole('button', { name: 'Add organisation' }).click();
    const warning = dialog().getByTestId('similar-organisations');
    const name = () => dialog().getByLabel('Name', { exact: true });
    await name().fill('Bruxelles Environnment');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => warning.textContent()).toMatch(/^Already in Registre:Bruxelles Environnement \(Governmental agency, Belgium\)/);
    expect(await table.locator('tbody tr').count()).toBe(1);
    await shotsAtOfficeSizes(page, 'records-organisation-similar');
    // Another name takes the warning away; a near one brings it back at the next Save.
    await name().fill('bruxelles-environnement ');
    expect(await warning.count()).toBe(0);
    await dialog().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => warning.count()).toBe(1);
    await dialog().getByRole('button', { name: 'Create anyway' }).click();
    await closed();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await table.textContent()).toContain('bruxelles-environnement');

    // Editing one without renaming it asks nothing; a rename to a near name is warned of too.
    await table.locator('tbody tr', { hasText: 'bruxelles-environnement' }).getByRole('button', { name: 'Edit' }).click();
    await dialog().getByLabel('Legal name').fill('Institut bruxellois pour la gestion de l’environnement');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await closed();
    await table.locator('tbody tr', { hasText: 'bruxelles-environnement' }).getByRole('button', { name: 'Edit' }).click();
    await name().fill('Bruxelles Environnement IBGE');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => warning.textContent()).toContain('Bruxelles Environnement (Governmental agency, Belgium)');
    await dialog().getByRole('button', { name: 'Save anyway' }).click();
    await closed();
    await expect.poll(() => table.textContent()).toContain('Bruxelles Environnement IBGE');
  });

  it('changes an event from the Events screen, and counts each person once', async () => {
    const event = await previewCall<{ id: string }>(session!, 'events.add', { name: 'Plenary', startDate: '2026-05-12', location: 'Brussels' });
    const ana = await previewCall<{ id: string }>(session!, 'contacts.add', { fullName: 'Ana Pereira' });
    await previewCall(session!, 'participations.add', { contactId: ana.id, eventId: event.id, role: 'participant' });
    await previewCall(session!, 'participations.add', { contactId: ana.id, eventId: event.id, role: 'speaker' });
    await nav('events');
    const table = page.getByTestId('events-table');
    await expect.poll(() => table.locator('tbody tr').first().textContent()).toMatch(/Plenary.*Brussels1/);

    await table.getByRole('button', { name: 'Edit' }).click();
    expect(await dialog().getByLabel('Name').inputValue()).toBe('Plenary');
    await dialog().getByLabel('Name').fill('General Assembly');
    await dialog().getByLabel('End date').fill(typed('2026-05-13'));
    await dialog().getByLabel('Project').selectOption({ label: 'Waste Shipments 2026–2027' });
    await shotsAtOfficeSizes(page, 'records-event-edit');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await closed();
    await expect.poll(() => table.textContent()).toContain('General Assembly');
    expect(await table.textContent()).toContain('12 May 2026 – 13 May 2026');
    expect(await table.textContent()).not.toContain('Plenary');
    await shotsAtOfficeSizes(page, 'records-events');
    expect(session!.consoleProblems).toEqual([]);
  });
});
