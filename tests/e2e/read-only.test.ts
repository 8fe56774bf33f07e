/**
 * End-to-end: a backup made on the Backups screen, opened with "Open read-only…" from the
 * unlock screen: the banner names the copy and its date, a contact opens with no button to
 * change anything, and after the lock the backup's registre.db is the file that was made.
 * Build first: `node scripts/build.mjs`. Screenshots of the dialog and the banner at the
 * office sizes land in tests/e2e/screenshots/read-only-*.png.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupDto } from '../../shared/dto/backup';
import { createVaultThroughScreens, openPreviewInChromium, previewCall, shotsAtOfficeSizes, type E2eSession } from './harness';

const ADMIN = { name: 'Dora Protection', passphrase: 'lantern otter saffron bicycle' };

let session: E2eSession;
let page: Page;

const heading = () => page.locator('h1').first();
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-read-only-');
  page = session.page;
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe('opening a backup copy read-only', () => {
  it('opens a backup from the unlock screen, shows what is open, and changes nothing', async () => {
    await createVaultThroughScreens(page, session.previewUrl, ADMIN);
    const folder = join(dirname(session.vaultDir), 'backups');
    mkdirSync(folder);
    await previewCall(session, 'settings.update', { backupFolder: folder });
    await previewCall(session, 'contacts.add', { fullName: 'Lotte Peeters' });
    await page.locator('nav [data-route="backups"]').click();
    await page.getByRole('button', { name: 'Make a backup now' }).click();
    await expect.poll(() => page.getByTestId('backups-table').locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    const backup = (await previewCall<{ items: BackupDto[] }>(session, 'backups.list', {})).items[0]!;
    const dbBefore = sha(join(backup.path, 'registre.db'));

    await page.getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => heading().textContent()).toBe('Unlock Registre');
    await shotsAtOfficeSizes(page, 'read-only-unlock-en');
    await page.getByRole('button', { name: 'Open read-only…' }).click();
    await expect.poll(() => heading().textContent()).toBe('Open read-only');
    expect(await page.getByRole('radio', { name: /A backup copy/ }).isChecked()).toBe(true);
    await page.getByLabel('Backup folder').fill(backup.path);
    await page.getByLabel('Your passphrase').fill(ADMIN.passphrase);
    await shotsAtOfficeSizes(page, 'read-only-dialog-en');
    await page.getByRole('button', { name: 'Open read-only', exact: true }).click();

    const banner = page.getByTestId('read-only-banner');
    await expect.poll(() => banner.textContent(), { timeout: 30_000 }).toContain(backup.path);
    expect(await banner.textContent()).toMatch(/^Read-only backup copy of .+: nothing can be changed/);
    await page.locator('nav [data-route="contacts"]').click();
    expect(await page.getByRole('button', { name: 'Add contact' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Lotte Peeters', exact: true }).click();
    await expect.poll(() => heading().textContent()).toBe('Lotte Peeters');
    expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Archive' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add a sensitive detail' }).count()).toBe(0);
    await shotsAtOfficeSizes(page, 'read-only-banner-en');
    await page.locator('nav [data-route="settings"]').click();
    expect(await page.getByRole('button', { name: 'Change my passphrase' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Français' }).click();
    await shotsAtOfficeSizes(page, 'read-only-banner-fr');
    await page.getByRole('button', { name: 'English' }).click();

    await page.getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => heading().textContent()).toBe('Unlock Registre');
    expect(await page.getByTestId('vault-folder').textContent()).toContain(session.vaultDir);
    expect(sha(join(backup.path, 'registre.db'))).toBe(dbBefore);
    expect(existsSync(join(backup.path, 'registre.db-wal'))).toBe(false);
    const review = readFileSync(join(backup.path, 'review-log.jsonl'), 'utf8');
    expect(review).toContain('"action":"session.opened_read_only"');
    expect(review).toContain('"method":"contacts.get"');
    expect(session.consoleProblems).toEqual([]);
  }, 120_000);
});
