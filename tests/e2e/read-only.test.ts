/**
 * End-to-end: a backup made on the Backups screen, opened with "Open read-only…" from the
 * unlock screen: the banner names the copy and its date, a contact opens with no button to
 * change anything, and after the lock the backup's registre.db is the file that was made.
 * Then the auditor's walk on that copy: the audit log filtered to one person, the chain
 * verified, the compliance report and the record of processing made as PDFs (their first
 * pages turned into images with pdftoppm, for people to look at), all logged beside the copy.
 * Build first: `node scripts/build.mjs`. Screenshots of the dialog and the banner at the
 * office sizes land in tests/e2e/screenshots/read-only-*.png.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupDto } from '../../shared/dto/backup';
import { SCREENSHOT_DIR, createVaultThroughScreens, openPreviewInChromium, previewCall, shotsAtOfficeSizes, type E2eSession } from './harness';

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

    // The audit log of the copy, filtered to one person, then its chain verified.
    await page.locator('nav [data-route="audit"]').click();
    await page.getByTestId('audit-table').waitFor();
    if ((await page.getByRole('button', { name: /^Filters/ }).getAttribute('aria-expanded')) !== 'true') await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByTestId('audit-person').fill('lotte');
    await page.locator('.person-picker__list').getByRole('button', { name: 'Lotte Peeters' }).click();
    await expect.poll(() => page.getByTestId('audit-about').allTextContents()).toEqual(['Lotte Peeters']);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toMatch(/Intact: the \d+ events form an unbroken chain/);
    await shotsAtOfficeSizes(page, 'read-only-audit');

    // Both reports, as PDFs, from the copy.
    await page.locator('nav [data-route="reports"]').click();
    const made = async (scope: string, button: string): Promise<string> => {
      const part = page.getByTestId(scope);
      await part.getByRole('button', { name: button }).click();
      const result = part.getByTestId('export-result');
      await expect.poll(() => result.count(), { timeout: 30_000 }).toBe(1);
      return (await result.locator('.export-result__path').textContent())!.trim();
    };
    const compliance = await made('compliance-report', 'Make the compliance report');
    const ropa = await made('ropa-report', 'Make the record');
    for (const [pdf, title] of [
      [compliance, 'Data protection compliance report'],
      [ropa, 'Record of processing activities'],
    ] as const) {
      expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain(title);
      const prefix = join(SCREENSHOT_DIR, `read-only-${title.split(' ')[0]!.toLowerCase()}-page`);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, prefix]);
    }
    expect(readdirSync(SCREENSHOT_DIR).filter((f) => f.startsWith('read-only-') && f.includes('-page-')).length).toBeGreaterThanOrEqual(2);
    await shotsAtOfficeSizes(page, 'read-only-reports');

    await page.getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => heading().textContent()).toBe('Unlock Registre');
    expect(await page.getByTestId('vault-folder').textContent()).toContain(session.vaultDir);
    expect(sha(join(backup.path, 'registre.db'))).toBe(dbBefore);
    expect(existsSync(join(backup.path, 'registre.db-wal'))).toBe(false);
    const review = readFileSync(join(backup.path, 'review-log.jsonl'), 'utf8');
    expect(review).toContain('"action":"session.opened_read_only"');
    expect(review).toContain('"method":"contacts.get"');
    expect(review).toContain('"method":"audit.list"');
    expect(review).toContain('"action":"export.report"');
    expect(session.consoleProblems).toEqual([]);
  }, 240_000);
});
