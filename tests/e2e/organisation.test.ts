/**
 * End-to-end: Settings → Organisation (issue 14 §3). An admin sees the privacy policy's
 * secretariat, changes the organisation and its authority, is told it is saved, sees a
 * refused e-mail named next to its field; a letter then names the new organisation; a
 * colleague sees the details read-only. Build first: `node scripts/build.mjs`.
 * Screenshots: tests/e2e/screenshots/organisation-*.png, at the office sizes, EN and FR.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultThroughScreens, OFFICE_SIZES, openPreviewInChromium, previewCall, unlockAs, VIEWPORT, type E2eSession } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };

let session: E2eSession | null = null;
let page: Page;
const section = () => page.getByTestId('organisation-section');

/** The section's top as a person scrolls to it, or a part of it in the middle of the window, at each office size. */
async function shots(name: string, focus: Locator = section()): Promise<void> {
  const atTop = focus === section();
  for (const size of OFFICE_SIZES) {
    await page.setViewportSize(size);
    await focus.evaluate((el, top) => {
      const pane = el.closest('.content');
      if (!pane) return;
      const r = el.getBoundingClientRect();
      const p = pane.getBoundingClientRect();
      pane.scrollTop += top ? r.top - p.top - 16 : r.top - p.top - p.height / 2 + r.height / 2;
    }, atTop);
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(__dirname, 'screenshots', `organisation-${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(VIEWPORT);
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-organisation-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('Settings → Organisation', () => {
  it('starts from the privacy policy’s secretariat and says where the details appear', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    await page.locator('nav [data-route="settings"]').click();
    await expect.poll(() => section().locator('h2').textContent()).toBe('Organisation');
    expect(await section().textContent()).toContain('printed in access and portability bundles, in letters to people who make a request, and in reports');
    expect(await section().getByLabel('Name of the organisation').inputValue()).toBe('IMPEL');
    expect(await section().getByLabel('Postal address').inputValue()).toBe('Secrétariat de l’IMPEL\nChemin des deux maisons 73, boîte 3\n1200 Bruxelles\nBelgique');
    expect(await section().getByLabel('E-mail for data-protection questions').inputValue()).toBe('info@impel.eu');
    expect(
      await section()
        .getByLabel(/^Data protection officer or contact person/)
        .inputValue(),
    ).toBe('');
    expect(await section().getByLabel('Name of the authority').inputValue()).toContain('Autorité de protection des données');
    await shots('00-defaults-en');
  });

  it('saves a changed organisation with a visible confirmation, and a letter names it', async () => {
    await section().getByLabel('Name of the organisation').fill('Réseau Vert asbl');
    await section().getByLabel('Postal address').fill('Rue du Marché 12\n5000 Namur\nBelgique');
    await section().getByLabel('E-mail for data-protection questions').fill('privacy at reseau-vert');
    await section().getByRole('button', { name: 'Save' }).click();
    // The reason sits under the refused field, which gets the focus (it may be far above the button).
    const email = section().getByLabel('E-mail for data-protection questions');
    await expect.poll(() => section().locator('.message--error').textContent()).toBe('This e-mail address is not valid. Check it for typos.');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.evaluate((el) => el === document.activeElement)).toBe(true);
    const described = (await email.getAttribute('aria-describedby'))!.split(' ').at(-1)!;
    expect(await page.locator(`[id="${described}"]`).textContent()).toBe('This e-mail address is not valid. Check it for typos.');
    expect((await previewCall<{ controller: { name: string } }>(session!, 'settings.get', {})).controller.name).toBe('IMPEL');
    await shots('01-refused-en', section().getByLabel('E-mail for data-protection questions'));

    await section().getByLabel('E-mail for data-protection questions').fill('privacy@reseau-vert.example');
    await section()
      .getByLabel(/^Data protection officer or contact person/)
      .fill('Claire Dubois, DPO');
    await section().getByLabel('Authority’s website (optional)').fill('');
    await section().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => section().locator('.message--success').textContent()).toBe('Saved.');
    expect(await section().locator('.message--error').count()).toBe(0);
    const { controller } = await previewCall<{ controller: { name: string; email: string; contactPerson: string; authority: { website: string } } }>(session!, 'settings.get', {});
    expect(controller).toMatchObject({ name: 'Réseau Vert asbl', email: 'privacy@reseau-vert.example', contactPerson: 'Claire Dubois, DPO', authority: { website: '' } });
    const [event] = await previewCall<Array<{ action: string; fields: string[] }>>(session!, 'audit.list', { limit: 1 });
    expect(event).toEqual(expect.objectContaining({ action: 'settings.controllerUpdated', fields: ['name', 'address', 'email', 'contactPerson', 'authorityWebsite'] }));
    await shots('02-saved-en', section().locator('.message--success'));
    // Typing again takes the confirmation away: it only ever says what is saved.
    await section().getByLabel('Name of the organisation').fill('Réseau Vert asbl ');
    expect(await section().locator('.message--success').count()).toBe(0);
    await section().getByLabel('Name of the organisation').fill('Réseau Vert asbl');

    const request = await previewCall<{ id: string }>(session!, 'requests.add', { type: 'access', receivedOn: '2026-11-02', channel: 'email', requesterName: 'Zoé Martin' });
    const letter = await previewCall<{ body: string }>(session!, 'requests.draftLetter', { id: request.id, kind: 'acknowledgement', language: 'en' });
    expect(letter.body).toMatch(/^Réseau Vert asbl\nRue du Marché 12\n5000 Namur\nBelgique\nprivacy@reseau-vert\.example\n/);
  });

  it('reads in French', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => section().locator('h2').textContent()).toBe('Organisation');
    expect(await section().textContent()).toContain('dans les dossiers d’accès et de portabilité, dans les lettres aux personnes qui font une demande et dans les rapports');
    expect(await section().getByLabel('Nom de l’organisation').inputValue()).toBe('Réseau Vert asbl');
    await shots('03-top-fr');
    await section().getByLabel('Nom de l’organisation').fill('');
    await section().getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => section().locator('.message--error').textContent()).toBe('Ce champ ne peut pas rester vide : les dossiers et les lettres l’impriment.');
    expect(
      await section()
        .getByLabel('Nom de l’organisation')
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await shots('04-refused-fr', section().getByLabel('Nom de l’organisation'));
    await section().getByLabel('Nom de l’organisation').fill('Réseau Vert asbl');
    await section().getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => section().locator('.message--success').textContent()).toBe('Enregistré.');
    await shots('05-saved-fr', section().locator('.message--success'));
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => section().locator('.panel__intro').first().textContent()).toContain('printed in access');
  });

  it('shows the details read-only to staff', async () => {
    await previewCall(session!, 'staff.add', { name: 'Sam Peeters', role: 'staff', passphrase: 'quarry ember violet compass' });
    await unlockAs(page, 'quarry ember violet compass');
    await expect.poll(() => page.getByTestId('signed-in').textContent(), { timeout: 15_000 }).toContain('Sam Peeters');
    await page.locator('nav [data-route="settings"]').click();
    await expect.poll(() => section().textContent()).toContain('Réseau Vert asbl');
    expect(await section().textContent()).toContain('Claire Dubois, DPO');
    expect(await section().textContent()).toContain('Only an administrator can change these details.');
    expect(await section().locator('input, textarea, button').count()).toBe(0);
    await shots('06-read-only-en');
  });

  it('logged no errors in the console', () => {
    expect(session!.consoleProblems).toEqual([]);
  });
});
