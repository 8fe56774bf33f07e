/**
 * End-to-end: a CSV import through the screen in Debian's Chromium, over a real encrypted
 * vault. The file is the Google Forms fixture as French Excel re-saves it (Windows-1252,
 * semicolons), with an invalid phone number and a row without name or e-mail.
 * Build first: `node scripts/build.mjs`. Screenshots land in tests/e2e/screenshots/import-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultThroughScreens, openPreviewInChromium, type E2eSession, addStaffThroughSettings, unlockAs } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };
const AUDITOR = { name: 'Marc Peeters', passphrase: 'harbour violet meadow tractor' };
const FILE = {
  name: 'Inscriptions atelier 2024.csv',
  mimeType: 'text/csv',
  buffer: iconv.encode(readFileSync(join(__dirname, '../fixtures/import/google-forms-fr.csv'), 'utf8'), 'win1252'),
};

let session: E2eSession | null = null;
let page: Page;
let consoleProblems: string[] = [];

const shot = (name: string) => session!.shot(`import-${name}`);
const heading = () => page.locator('h1');
const count = (key: string) => page.locator(`[data-testid="import-counts"] [data-count="${key}"] dd`).textContent();
const importButton = () => page.getByRole('button', { name: /^Import \d+ contacts?$/ });

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-import-');
  ({ page, consoleProblems } = session);
});

afterAll(async () => {
  await session?.close();
});

describe('contacts import in the browser preview', () => {
  it('opens from the contacts register of a new vault', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    await page.getByRole('button', { name: 'Import from CSV' }).click();
    await expect.poll(() => heading().textContent()).toBe('Import contacts from a CSV file');
    await shot('01-choose-file');
  });

  it('previews a Windows-1252 file with invalid rows: counts, problems, no import yet', async () => {
    await page.getByLabel('Choose a CSV file…').setInputFiles(FILE);
    await expect.poll(() => count('invalid')).toBe('2');
    expect(await count('rows')).toBe('6');
    expect(await count('new')).toBe('4');
    expect(await count('organisations')).toBe('4');
    expect(await page.getByTestId('import-source').textContent()).toContain('Google Forms responses');
    expect(await page.getByLabel('Character set').inputValue()).toBe('windows-1252');
    expect(await page.getByLabel('Columns separated by').inputValue()).toBe(';');
    expect(await page.getByLabel('Field for the column Prénom').inputValue()).toBe('firstName');
    expect(await page.getByTestId('mapping-source').textContent()).toContain('matched for Google Forms responses');

    const problems = page.getByTestId('import-problems');
    const rows = await problems.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^4.*Left out: invalid.*The phone number is not valid\./);
    expect(rows[1]).toMatch(/^5.*Left out: invalid.*neither a name nor an e-mail address/);
    expect(await importButton().isDisabled()).toBe(true);
    await shot('02-preview');
  });

  it('previews again when a column is sent elsewhere', async () => {
    await page.getByLabel('Field for the column Fonction').selectOption('ignore');
    await expect.poll(() => page.getByTestId('mapping-source').textContent()).toContain('as you chose them');
    await page.getByLabel('Field for the column Fonction').selectOption('jobTitle');
    await expect.poll(() => page.getByLabel('Field for the column Fonction').inputValue()).toBe('jobTitle');
    expect(await count('invalid')).toBe('2');
  });

  it('explains a mapping that leaves nobody recognisable, keeping the choices on screen', async () => {
    const field = (column: string) => page.getByLabel(`Field for the column ${column}`);
    for (const column of ['Adresse e-mail', 'Nom', 'Prénom']) await field(column).selectOption('ignore');
    await expect.poll(() => page.getByRole('alert').allTextContents()).toContain('Send at least one column to the e-mail or to a name, otherwise nobody can be recognised.');
    expect(await field('Adresse e-mail').inputValue()).toBe('ignore');
    expect(await importButton().count()).toBe(0);
    await shot('02b-mapping-problem');
    await field('Adresse e-mail').selectOption('email');
    await field('Nom').selectOption('lastName');
    await field('Prénom').selectOption('firstName');
    await expect.poll(() => count('invalid')).toBe('2');
    expect(await count('new')).toBe('4');
  });

  it('downloads the error report naming each row and why', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the error report (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('Inscriptions atelier 2024 - problems.csv');
    const report = readFileSync(await download.path(), 'utf8');
    // Written with the file's own separator (this Belgian export uses ';'), so Excel opens it in columns.
    expect(report.startsWith('\ufeffRow;What happens;Why;Horodateur;Adresse e-mail;Nom;Prénom')).toBe(true);
    const lines = report.split('\r\n');
    expect(lines[1]).toMatch(/^4;Left out: invalid;The phone number is not valid\.;.*sophie\.peeters@example\.be/);
    expect(lines[2]).toMatch(/^5;Left out: invalid;The row has neither a name nor an e-mail address\.;/);
    // The header, one line per problem row, and the final line break.
    expect(lines).toHaveLength(4);
    await expect.poll(() => page.getByText('Error report downloaded.').count()).toBe(1);
  });

  it('shows the preview in French', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => page.getByTestId('import-problems').textContent()).toContain('Le numéro de téléphone n’est pas valide.');
    await shot('03-preview-fr');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le rapport d’erreurs (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('Inscriptions atelier 2024 - problèmes.csv');
    const report = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(report[0]).toMatch(/^\ufeffLigne;Ce qui se passe;Pourquoi;Horodateur;/);
    expect(report[0]).toMatch(/;Cellules en trop$/);
    expect(report[1]).toMatch(/^4;Écartée : invalide;Le numéro de téléphone n’est pas valide\.;/);
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('asks to check the file again when the register changed since the preview', async () => {
    // A colleague adds one of the file's people meanwhile (here straight through the API).
    const added = await fetch(`${session!.origin}/api/contacts.add`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Registre-Token': new URL(session!.previewUrl).searchParams.get('token') ?? '' },
      body: JSON.stringify({ fullName: 'Marc Dubois', email: 'marc.dubois@example.fr' }),
    });
    expect(((await added.json()) as { ok: boolean }).ok).toBe(true);
    await page.getByLabel('Import the other rows and leave out the 2 invalid rows').check();
    await importButton().click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContain('The register changed since you checked this file (someone else may have added or edited contacts). Check the file again before importing.');
    // The counts on screen are stale now: importing them is not offered until checked again.
    expect(await importButton().isDisabled()).toBe(true);
    await shot('03b-conflict');
    await page.getByRole('button', { name: 'Check the file again' }).click();
    await expect.poll(() => count('update')).toBe('1');
    expect(await count('new')).toBe('3');
  });

  it('imports the other rows once the user agrees to leave the invalid ones out', async () => {
    expect(await page.getByLabel('Import the other rows and leave out the 2 invalid rows').isChecked()).toBe(true);
    await importButton().click();
    const done = page.getByTestId('import-done');
    await expect.poll(() => done.locator('[data-count="created"] dd').textContent()).toBe('3');
    expect(await done.locator('[data-count="updated"] dd').textContent()).toBe('1');
    expect(await done.locator('[data-count="leftOut"] dd').textContent()).toBe('2');
    await shot('04-done');
  });

  it('finds an imported contact by search', async () => {
    await page.getByTestId('import-done').getByRole('button', { name: 'Back to contacts' }).click();
    await expect.poll(() => heading().textContent()).toBe('Contacts');
    await page.getByLabel('Search', { exact: true }).fill('lefevre');
    await expect.poll(() => page.getByTestId('contacts-count').textContent()).toBe('1 contact');
    expect(await page.getByTestId('contacts-table').textContent()).toContain('Claire Lefèvre');
    await shot('05-found');
  });

  it("brings a Mailchimp export's subscribers onto the newsletter with their consent, and says so when done", async () => {
    await page.getByRole('button', { name: 'Import from CSV' }).click();
    await page.getByLabel('Choose a CSV file…').setInputFiles(join(__dirname, '../fixtures/import/mailchimp-subscribed.csv'));
    await expect.poll(() => count('grants')).toBe('6');
    expect(await count('withdrawals')).toBe('0');
    expect(await page.getByText('Consents to record (Newsletter)').count()).toBe(1);
    const purpose = page.getByTestId('import-purpose').getByLabel('The consent columns are for');
    expect(await purpose.inputValue()).toBe('newsletter');
    // Only purposes resting on consent are offered: not project collaboration (legitimate interest).
    expect(await purpose.locator('option').allTextContents()).not.toContain('Project and network collaboration');
    await page.getByRole('button', { name: /^Import 6 contacts$/ }).click();
    const done = page.getByTestId('import-done');
    await expect.poll(() => done.locator('[data-count="grants"] dd').textContent()).toBe('6');
    expect(await done.locator('[data-count="grants"] dt').textContent()).toBe('Consents recorded (Newsletter)');
    expect(await done.locator('[data-count="withdrawals"] dd').textContent()).toBe('0');
    await shot('04b-mailchimp-done');
    await done.getByRole('button', { name: 'Back to contacts' }).click();
    await expect.poll(() => heading().textContent()).toBe('Contacts');
  });

  it('remembers the mapping for the next file of this kind', async () => {
    await page.getByRole('button', { name: 'Import from CSV' }).click();
    await page.getByLabel('Choose a CSV file…').setInputFiles(FILE);
    await expect.poll(() => page.getByTestId('mapping-source').textContent()).toBe('Using the mapping from your last import of this kind of file. Check it below.');
    // Everyone valid is now in the register with the same details.
    expect(await count('new')).toBe('0');
    expect(await count('skipped')).toBe('4');
    await shot('06-remembered');
  });

  it('shows progress while a large file is checked', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `2024/03/05 10:20:33 UTC+1;person${i}@example.org;Nom${i};Prénom${i};Organisation ${i % 500};;Belgique;;;`);
    const big = {
      name: 'Grande enquête.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['Horodateur;Adresse e-mail;Nom;Prénom;Organisation;Fonction;Pays;Téléphone;Quels thèmes vous intéressent ?;Commentaires', ...rows].join('\r\n'), 'utf8'),
    };
    await page.getByLabel('Choose another file…').setInputFiles(big);
    const progress = page.getByTestId('import-progress');
    await progress.waitFor({ state: 'visible' });
    expect(await progress.getByRole('status').textContent()).toMatch(/Working…|Reading the file…|Checking the rows…/);
    await shot('07-progress');
    await expect.poll(() => count('new'), { timeout: 60_000 }).toBe('40,000');
    expect(await progress.count()).toBe(0);
  });

  it('offers no import to an auditor, who cannot write', async () => {
    await addStaffThroughSettings(page, AUDITOR, 'auditor');
    await unlockAs(page, AUDITOR.passphrase);
    await expect.poll(() => page.getByTestId('signed-in').textContent()).toContain('Auditor');
    await page.locator('nav [data-route="contacts"]').click();
    await expect.poll(() => page.getByTestId('contacts-count').textContent()).toMatch(/contacts?$/);
    expect(await page.getByRole('button', { name: 'Import from CSV' }).count()).toBe(0);
  });

  it('logged no errors in the console', () => {
    expect(consoleProblems).toEqual([]);
  });
});
