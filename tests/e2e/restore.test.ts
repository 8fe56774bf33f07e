/**
 * End-to-end: erasing one sensitive category from the contact page (the passport goes, the
 * bank account stays), then a backup, an erasure after it, and restoring that backup from
 * the unlock screen: the report names the erasure carried out again and the person stays
 * gone. Build first: `node scripts/build.mjs`. Screenshots, EN and FR at the office laptop's
 * size, land in tests/e2e/screenshots/restore-*.png.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupDto } from '../../shared/dto/backup';
import type { ContactDto } from '../../shared/dto/index';
import { createVaultThroughScreens, OFFICE_SIZES, openPreviewInChromium, previewCall, VIEWPORT, type E2eSession } from './harness';

const ADMIN = { name: 'Rita Restore', passphrase: 'lantern otter saffron bicycle' };
const LAPTOP = OFFICE_SIZES[0];

let session: E2eSession;
let page: Page;

const heading = () => page.locator('h1').first();
const dialog = () => page.getByRole('dialog');
const sensitive = () => page.getByTestId('sensitive-section');

/** The window as the office laptop shows it, then back to the test's size. */
async function shotAtLaptop(name: string): Promise<void> {
  await page.setViewportSize(LAPTOP);
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(__dirname, 'screenshots', `restore-${name}-${LAPTOP.width}x${LAPTOP.height}.png`) });
  await page.setViewportSize(VIEWPORT);
}

/** Through another screen, so the contacts list reads again what the API added. */
async function openContact(name: string): Promise<void> {
  await page.locator('nav [data-route="backups"]').click();
  await page.locator('nav [data-route="contacts"]').click();
  await page.getByRole('button', { name, exact: true }).click();
  await expect.poll(() => heading().textContent()).toBe(name);
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-restore-');
  page = session.page;
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe('erasing one category, and restoring a backup', () => {
  it('starts from a new vault', async () => {
    await createVaultThroughScreens(page, session.previewUrl, ADMIN);
  });

  it('erases all identity details of a person from their page, keeping the bank account', async () => {
    const pia = await previewCall<ContactDto>(session, 'contacts.add', { fullName: 'Pia Passport' });
    await previewCall(session, 'sensitive.add', { contactId: pia.id, reason: 'Travel to the Lisbon meeting', identity: { document: 'passport', number: 'EM1234567', expiry: '2031-05-01' } });
    await previewCall(session, 'sensitive.add', { contactId: pia.id, reason: 'Reimbursement of the Lisbon trip', bank: { iban: 'BE71 0961 2345 6769' } });
    await openContact('Pia Passport');
    await expect.poll(() => sensitive().getByTestId('sensitive-item').count()).toBe(2);

    await sensitive().getByRole('button', { name: 'Erase all identity details…' }).click();
    expect(
      await dialog()
        .getByRole('radio', { name: /Erase only their identity and travel documents/ })
        .isChecked(),
    ).toBe(true);
    expect(
      await dialog()
        .getByRole('radio', { name: /Erase everything/ })
        .isChecked(),
    ).toBe(false);
    await expect.poll(() => dialog().getByTestId('erasure-removes').textContent()).toBe('1 identity or travel document');
    expect(await dialog().getByTestId('erasure-keeps').textContent()).toContain('Everything else about Pia Passport');
    await shotAtLaptop('erase-choice-en');

    // The whole erasure's preview is one click away, and lists the bank account too.
    await dialog()
      .getByRole('radio', { name: /Erase everything/ })
      .check();
    await expect.poll(() => dialog().getByTestId('erasure-removes').textContent()).toContain('1 bank detail');
    await dialog()
      .getByRole('radio', { name: /Erase only their identity/ })
      .check();
    await expect.poll(() => dialog().getByTestId('erasure-removes').textContent()).toBe('1 identity or travel document');

    await dialog().getByLabel('Why are these details erased?').fill('Trip over for 30 days');
    await dialog().getByRole('button', { name: 'Erase these details' }).click();
    await expect.poll(() => dialog().getByRole('alert').textContent()).toContain('Tick the box');
    await dialog()
      .getByLabel(/I understand that the details of Pia Passport/)
      .check();
    await dialog().getByRole('button', { name: 'Erase these details' }).click();
    await expect.poll(() => dialog().getByTestId('erasure-done').textContent()).toContain('The identity and travel documents of Pia Passport were erased on');
    await dialog().getByRole('button', { name: 'Close' }).click();

    await expect.poll(() => sensitive().getByTestId('sensitive-item').count()).toBe(1);
    expect(await sensitive().textContent()).toContain('Bank account');
    expect(await sensitive().textContent()).not.toContain('Identity document');
    expect(await heading().textContent()).toBe('Pia Passport');
    expect(await sensitive().getByRole('button', { name: 'Erase all identity details…' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Français' }).click();
    await sensitive().getByRole('button', { name: 'Effacer toutes les coordonnées bancaires…' }).click();
    await expect.poll(() => dialog().getByTestId('erasure-removes').textContent()).toBe('1 coordonnée bancaire');
    await shotAtLaptop('erase-choice-fr');
    await dialog().getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    expect(session.consoleProblems).toEqual([]);
  });

  it('restores a backup from the unlock screen, erasing again the person erased after it', async () => {
    const folder = join(dirname(session.vaultDir), 'backups');
    mkdirSync(folder);
    await previewCall(session, 'settings.update', { backupFolder: folder });
    const zoe = await previewCall<ContactDto>(session, 'contacts.add', { fullName: 'Zoé Erased' });
    await page.locator('nav [data-route="contacts"]').click();
    await page.locator('nav [data-route="backups"]').click();
    await page.getByRole('button', { name: 'Make a backup now' }).click();
    await expect.poll(() => page.getByTestId('backups-table').locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    const backup = (await previewCall<{ items: BackupDto[] }>(session, 'backups.list', {})).items[0]!;
    expect(await page.getByTestId('backup-path').textContent()).toContain(backup.path);
    expect(await page.getByTestId('backup-restore-how').textContent()).toContain('Restore a backup…');

    await openContact('Zoé Erased');
    await page.getByRole('button', { name: 'Erase…' }).click();
    await dialog().getByLabel('Why is this person erased?').fill('Asked to be forgotten');
    await dialog()
      .getByLabel(/I understand that everything about Zoé Erased/)
      .check();
    await dialog().getByRole('button', { name: 'Erase Zoé Erased' }).click();
    await dialog().getByTestId('erasure-done').waitFor();
    await dialog().getByRole('button', { name: 'Close' }).click();
    // The backup still holds her, out of use: the Backups screen counts her.
    await page.locator('nav [data-route="backups"]').click();
    await expect.poll(() => page.getByTestId('backups-table').locator('tbody tr td').nth(2).textContent()).toBe('1');

    await page.getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => heading().textContent()).toBe('Unlock Registre');
    await page.getByRole('button', { name: 'Restore a backup…' }).click();
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Give the backup folder’s path.');
    await page.getByLabel('Backup folder').fill(backup.path);
    await page.getByLabel('Your passphrase').fill('not the passphrase at all');
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 }).toContain('Your passphrase does not open this backup');
    await page.getByLabel('Your passphrase').fill(ADMIN.passphrase);
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    const report = page.getByTestId('restore-report');
    await expect.poll(() => report.count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('restore-reapplied').textContent()).toContain('1 erasure made since was carried out again');
    expect(await report.textContent()).toContain(backup.name);
    expect(await page.getByTestId('restore-kept-aside').textContent()).toMatch(/registre\.db\.before-restore-/);
    await shotAtLaptop('report-en');
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => page.getByTestId('restore-reapplied').textContent()).toContain('1 effacement fait depuis a été refait');
    await shotAtLaptop('report-fr');
    await page.getByRole('button', { name: 'English' }).click();

    await report.getByRole('button', { name: 'Unlock' }).click();
    await page.getByLabel('Your passphrase').fill(ADMIN.passphrase);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    // Unlocking is slow on purpose (scrypt); the app comes back where the person was.
    await expect.poll(() => heading().textContent(), { timeout: 15_000 }).toBe('Backups');
    await page.locator('nav [data-route="contacts"]').click();
    await expect.poll(() => page.getByTestId('contacts-table').textContent()).toContain('Pia Passport');
    expect(await page.getByTestId('contacts-table').textContent()).not.toContain('Zoé Erased');
    await expect(previewCall(session, 'contacts.get', { id: zoe.id })).rejects.toThrow();
    expect(session.consoleProblems).toEqual([]);
  });
});
