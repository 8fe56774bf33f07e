/**
 * End-to-end: an admin chooses the backups folder in Settings, makes a backup from the
 * Backups screen and sees it listed, at the office's screen sizes. Build first:
 * `node scripts/build.mjs`. Screenshots land in tests/e2e/screenshots/backups-*.png.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultThroughScreens, openPreviewInChromium, shotsAtOfficeSizes, type E2eSession } from './harness';

let session: E2eSession;

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-backups-');
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe('the Backups screen', () => {
  it('warns without a folder, takes the folder from Settings, makes a backup and lists it', async () => {
    const { page } = session;
    await createVaultThroughScreens(page, session.previewUrl, { name: 'Berta Backup', passphrase: 'lantern otter saffron bicycle' });
    await page.locator('nav [data-route="backups"]').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Backups');
    await expect.poll(() => page.getByTestId('backup-overdue').textContent()).toContain('No backups folder is chosen');
    // The sidebar marks the Backups item from every section while a backup is due.
    await page.locator('nav [data-route="contacts"]').click();
    await expect.poll(() => page.getByTestId('nav-backup-overdue').getAttribute('aria-label')).toBe('A backup is due');
    await session.shot('backups-nav-overdue');
    await page.locator('nav [data-route="backups"]').click();
    expect(await page.getByRole('button', { name: 'Make a backup now' }).isDisabled()).toBe(true);

    const folder = join(dirname(session.vaultDir), 'backups');
    mkdirSync(folder);
    await page.getByRole('button', { name: 'Change in Settings' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Settings');
    const panel = page.locator('section[aria-labelledby="settings-backups"]');
    await panel.getByLabel('Backups folder').fill(join(session.vaultDir, 'inside'));
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('Backups cannot go inside the vault folder');
    await panel.getByLabel('Backups folder').fill(folder);
    await panel.getByLabel('Backups kept').fill('3');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('Saved.');

    await page.locator('nav [data-route="backups"]').click();
    await expect.poll(() => page.getByTestId('backup-folder').textContent()).toBe(folder);
    await expect.poll(() => page.getByTestId('backup-overdue').textContent()).toContain('no backup');
    await page.getByRole('button', { name: 'Make a backup now' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 }).toContain('Backup made:');
    await expect.poll(() => page.getByTestId('backups-table').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('backup-overdue').count()).toBe(0);
    await expect.poll(() => page.getByTestId('nav-backup-overdue').count()).toBe(0);
    expect(await page.getByTestId('backups-table').locator('tbody tr td').nth(2).textContent()).toBe('0');
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^registre-backup-\d{8}-\d{6}Z$/)]);

    await shotsAtOfficeSizes(page, 'backups');
    expect(session.consoleProblems).toEqual([]);
  });
});
