/**
 * End-to-end: the processing register as the secretariat and an auditor use it — the
 * purposes and processors from the policy, the Privacy Shield warning, a new policy
 * version marked as a material change, the systems that hold a person's data and a
 * sharing with a partner network, in English and in French.
 * Build first: `node scripts/build.mjs`. Screenshots: tests/e2e/screenshots/register-*.png.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultThroughScreens, openPreviewInChromium, type E2eSession, addStaffThroughSettings, unlockAs, typed, shotsAtOfficeSizes, OFFICE_SIZES } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };
const AUDITOR = { name: 'Paul Verhoeven', passphrase: 'quarry ember violet compass' };
const POLICY_V2 = [
  'Privacy policy',
  '',
  'Services outside the EEA protect your data under the EU–US Data Privacy Framework',
  'or standard contractual clauses.',
  '',
  ...Array.from({ length: 60 }, (_, i) => `${i + 1}. A paragraph of the new policy, long enough to need scrolling in the reading window.`),
  'Last line of the policy.',
].join('\n');

let session: E2eSession | null = null;
let page: Page;
let policyFile: string;

const shot = (name: string) => session!.shot(`register-${name}`);
const heading = () => page.locator('h1');
const nav = (route: string) => page.locator(`nav [data-route="${route}"]`).click();
const tab = (name: string) => page.getByRole('tab', { name }).click();
const processorRow = (name: string) => page.locator(`[data-testid="processor-row"][data-name="${name}"]`);

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-register-');
  page = session.page;
  policyFile = join(session.vaultDir, '..', 'policy-v2.txt');
  writeFileSync(policyFile, POLICY_V2);
});

afterAll(async () => {
  await session?.close();
});

describe('the processing register', () => {
  it('starts from a new vault', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
  });

  it('shows the purposes of the policy with their lawful basis, retention and processors', async () => {
    await nav('register');
    await expect.poll(() => heading().textContent()).toBe('Processing register');
    const purposes = page.getByTestId('purposes-table');
    await expect.poll(() => purposes.locator('tbody tr').count()).toBe(7);
    await expect.poll(() => page.getByTestId('compliance-warnings').isVisible()).toBe(true);
    const newsletter = purposes.locator('tbody tr').filter({ has: page.locator('strong', { hasText: /^Newsletter$/ }) });
    expect(await newsletter.textContent()).toContain('Consent');
    expect(await newsletter.textContent()).toContain('Until consent is withdrawn');
    expect(await newsletter.textContent()).toContain('Mailchimp');
    expect(await newsletter.textContent()).toContain('Whose data: Newsletter subscribers');
    expect(await purposes.locator('tbody tr', { hasText: 'Payments and reimbursements' }).textContent()).toContain('Contract');
    await shot('01-purposes');
  });

  it('lets an administrator add a purpose with its processors, and edit it without touching its code', async () => {
    await page.getByRole('button', { name: 'Add purpose' }).click();
    const dialog = page.getByRole('dialog');
    // The lawful basis is required: nothing is sent without it.
    await dialog.getByLabel('Short code').fill('Training');
    await dialog.getByLabel('Name (English)').fill('Training courses');
    await dialog.getByLabel('Name (French)').fill('Formations');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('lower-case letters');
    // The codes scripts rely on are unique: the core refuses a second "newsletter".
    await dialog.getByLabel('Short code').fill('newsletter');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('Choose the lawful basis.');
    await dialog.getByLabel('Lawful basis').selectOption('legitimate_interest');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('A purpose with this short code already exists.');
    await dialog.getByLabel('Short code').fill('training');
    await dialog.getByLabel('Retention (English)').fill('5 years after the course');
    await dialog.getByLabel('Retention (French)').fill('5 ans après la formation');
    await dialog.getByRole('checkbox', { name: 'Azavista' }).check();
    await dialog.getByRole('checkbox', { name: 'Google Forms' }).check();
    await dialog.getByRole('checkbox', { name: 'Experts and project participants' }).check();
    await shot('01b-add-purpose');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const row = page.getByTestId('purposes-table').locator('tbody tr', { hasText: 'Training courses' });
    await expect.poll(() => row.textContent()).toContain('Azavista, Google Forms');
    expect(await row.textContent()).toContain('Legitimate interest');

    await row.getByRole('button', { name: 'Edit Training courses' }).click();
    expect(await dialog.getByText('Short code: training (fixed once created)').count()).toBe(1);
    expect(await dialog.getByLabel('Short code').count()).toBe(0);
    // Whose data it is was kept, for the record of processing.
    expect(await dialog.getByRole('checkbox', { name: 'Experts and project participants' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: 'Newsletter subscribers' }).isChecked()).toBe(false);
    await dialog.getByRole('checkbox', { name: 'Azavista' }).uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('Google Forms');
    expect(await row.textContent()).toContain('Whose data: Experts and project participants');
    await row.scrollIntoViewIfNeeded();
    await shotsAtOfficeSizes(page, 'register-01d-purposes-subjects');

    await page.getByRole('button', { name: 'Français' }).click();
    // The register shows each purpose by its name in the reader's language.
    await page.getByTestId('purposes-table').getByRole('button', { name: 'Modifier Formations' }).click();
    await expect.poll(() => dialog.getByRole('checkbox', { name: 'Experts et participants aux projets' }).isChecked()).toBe(true);
    // At the office sizes the dialog scrolls: the people it concerns are further down.
    const before = page.viewportSize()!;
    for (const size of OFFICE_SIZES) {
      await page.setViewportSize(size);
      await dialog.getByRole('checkbox', { name: 'Experts et participants aux projets' }).scrollIntoViewIfNeeded();
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(__dirname, 'screenshots', `register-01c-purpose-dialog-fr-${size.width}x${size.height}.png`) });
    }
    await page.setViewportSize(before);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('warns that the current policy still cites the Privacy Shield, quoting it, and highlights the processors', async () => {
    const banner = page.getByTestId('compliance-warnings');
    await expect.poll(() => banner.textContent()).toContain('The current privacy policy (version 1, French) still cites the EU–US Privacy Shield');
    expect(await banner.textContent()).toContain('16 July 2020 (Schrems II, C-311/18)');
    expect(await banner.textContent()).toContain('bouclier de protection de la vie privée');
    expect(await banner.textContent()).toContain('Update the policy text and the transfer safeguards');
    await tab('Processors and accounts');
    await expect.poll(() => page.getByTestId('processor-row').count()).toBe(10);
    expect(await processorRow('Mailchimp').getAttribute('class')).toContain('register-row--flagged');
    expect(await processorRow('Azavista').getAttribute('class')).toBeNull();
    expect(await processorRow('Mailchimp').textContent()).toContain('Invalid since 16 July 2020');
    await shot('02-processors');
  });

  it('lets an administrator correct a processor’s safeguard, which lifts its highlight', async () => {
    await page.getByRole('button', { name: 'Edit Mailchimp' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Transfer safeguard').fill('EU–US Data Privacy Framework (certified)');
    // The signing day is asked for once the agreement is signed, and only then.
    expect(await dialog.getByLabel('Signed on').count()).toBe(0);
    await dialog.getByLabel('Data processing agreement').selectOption('signed');
    await dialog.getByLabel('Signed on').fill(typed('2021-03-12'));
    await shot('03-processor-dialog');
    await shotsAtOfficeSizes(page, 'register-03b-processor-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => processorRow('Mailchimp').getAttribute('class')).toBeNull();
    expect(await processorRow('Mailchimp').textContent()).toContain('DPA signedon 12 March 2021');
    await processorRow('Mailchimp').scrollIntoViewIfNeeded();
    await shotsAtOfficeSizes(page, 'register-03c-processor-signed');
  });

  it('adds a policy version marked as a material change, from a .txt file, and reads it', async () => {
    await tab('Privacy policy');
    const table = page.getByTestId('policies-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Add version' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('Version', { exact: true }).inputValue()).toBe('2');
    // Version 2 in French would be fine, but version 1 in French is already in the archive.
    await dialog.getByLabel('Version', { exact: true }).fill('1');
    await dialog.getByLabel('Full text of the policy').fill('Politique de confidentialité');
    await dialog.getByRole('button', { name: 'Add this version' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('already in the archive for this language');
    await dialog.getByLabel('Version', { exact: true }).fill('2');
    await dialog.getByLabel('Language').selectOption('en');
    await dialog.getByTestId('policy-file').setInputFiles(policyFile);
    await expect.poll(() => dialog.getByLabel('Full text of the policy').inputValue()).toBe(POLICY_V2);
    await dialog.getByRole('checkbox', { name: 'This is a material change' }).check();
    await dialog.getByLabel('What changed').fill('Privacy Shield replaced by the Data Privacy Framework.');
    await shot('04-add-policy');
    await dialog.getByRole('button', { name: 'Add this version' }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    const v2 = table.locator('tbody tr', { hasText: 'Version 2' });
    expect(await v2.textContent()).toContain('Material change');
    expect(await v2.textContent()).toContain('Current');
    await shot('05-policies');

    await v2.getByRole('button', { name: 'Read' }).click();
    const text = page.getByTestId('policy-text');
    await expect.poll(() => text.textContent()).toBe(POLICY_V2);
    // The long text scrolls inside its box instead of pushing the Close button off screen.
    expect(await text.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    expect(await page.getByRole('dialog').getByRole('button', { name: 'Close' }).isVisible()).toBe(true);
    await shot('06-read-policy');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

    await v2.getByRole('button', { name: 'Unmark' }).click();
    await expect.poll(() => v2.textContent()).not.toContain('Material change');
    await v2.getByRole('button', { name: 'Mark as material change' }).click();
    await expect.poll(() => v2.textContent()).toContain('Material change');
  });

  it('lets an administrator correct the day a version took effect, with a reason shown with its text', async () => {
    const table = page.getByTestId('policies-table');
    const v1 = table.locator('tbody tr', { hasText: 'Version 1' });
    const before = page.viewportSize()!;
    await page.setViewportSize({ width: 1093, height: 560 });
    await v1.getByRole('button', { name: 'Correct the date' }).click();
    const dialog = page.getByTestId('policy-set-date');
    await dialog.getByLabel('In effect from').fill(typed('2018-05-25'));
    await dialog.getByRole('button', { name: 'Save the date' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Say why the date changes.');
    await dialog.getByLabel('Why the date changes').fill('Published on impel.eu on 25 May 2018 (web archive)');
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(__dirname, 'screenshots', 'register-07-set-date-en-1093x560.png') });
    await dialog.getByRole('button', { name: 'Save the date' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => v1.textContent()).toContain('2018');
    await v1.getByRole('button', { name: 'Read' }).click();
    await expect.poll(() => page.getByTestId('policy-date-changes').textContent()).toContain('Published on impel.eu on 25 May 2018 (web archive)');
    expect(await page.getByTestId('policy-text').textContent()).not.toContain('IMPEL Logo');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Français' }).click();
    await page.setViewportSize({ width: 1024, height: 600 });
    await table.locator('tbody tr', { hasText: 'Version 1' }).getByRole('button', { name: 'Corriger la date' }).click();
    await expect.poll(() => page.getByTestId('policy-set-date').textContent()).toContain('Pourquoi la date change');
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(__dirname, 'screenshots', 'register-07-set-date-fr-1024x600.png') });
    await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.setViewportSize(before);
  });

  it('ticks a system on a contact page, which the processor counts and the recipients list', async () => {
    await nav('contacts');
    await page.getByRole('button', { name: 'Add contact' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Full name').fill('Lotte Peeters');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => heading().textContent()).toBe('Lotte Peeters');

    const systems = page.getByTestId('contact-systems');
    const recipients = page.getByTestId('recipients');
    await expect.poll(() => recipients.textContent()).toContain('No one yet');
    await systems.getByLabel('Date to record when you tick a system').fill(typed('2026-03-02'));
    await systems.getByRole('checkbox', { name: /^Mailchimp/ }).check();
    await expect.poll(() => systems.textContent()).toContain('since 2 March 2026');
    await expect.poll(() => recipients.textContent()).toContain('Mailchimp');
    expect(await recipients.textContent()).toContain('System');
    await systems.scrollIntoViewIfNeeded();
    await shot('07-contact-systems');

    await nav('register');
    await tab('Processors and accounts');
    await expect.poll(() => processorRow('Mailchimp').getByTestId('contact-count').textContent()).toBe('1');
    expect(await processorRow('Mailchimp').textContent()).toContain('Newsletter');
    expect(await processorRow('Basecamp').getByTestId('contact-count').textContent()).toBe('0');
  });

  it('records a sharing with ENPE, shown on the person’s page, in the recipients and in the log', async () => {
    await nav('contacts');
    await page.getByRole('button', { name: 'Lotte Peeters', exact: true }).click();
    await expect.poll(() => heading().textContent()).toBe('Lotte Peeters');
    const sharing = page.getByTestId('contact-sharing');
    await expect.poll(() => sharing.textContent()).toContain('Not shared with any partner network');
    await sharing.getByRole('button', { name: 'Record sharing…' }).click();
    const dialog = page.getByRole('dialog');
    // Nothing is sent without a partner and a joint activity.
    await dialog.getByRole('button', { name: 'Record', exact: true }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('Name the partner network.');
    await dialog.getByLabel('Partner network').fill('ENPE');
    await dialog.getByLabel('MoU reference').fill('IMPEL–ENPE MoU 2019');
    await dialog.getByLabel('Joint activity').fill('Joint conference on environmental prosecution, Lisbon');
    // The log records what happened, not what is planned.
    await dialog.getByLabel('Date', { exact: true }).fill(typed('2099-01-15'));
    await dialog.getByRole('button', { name: 'Record', exact: true }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('This date is in the future: give the day it actually happened.');
    await dialog.getByLabel('Date', { exact: true }).fill(typed('2026-04-15'));
    expect(await dialog.getByLabel('Data shared').inputValue()).toBe('name, e-mail address');
    await shot('08-record-sharing');
    await dialog.getByRole('button', { name: 'Record', exact: true }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    await expect.poll(() => sharing.locator('tbody tr').count()).toBe(1);
    const line = await sharing.locator('tbody tr').textContent();
    expect(line).toContain('15 April 2026');
    expect(line).toContain('ENPE');
    expect(line).toContain('IMPEL–ENPE MoU 2019');
    expect(line).toContain('Joint conference on environmental prosecution');
    expect(line).toContain(ADMIN.name);
    const recipients = page.getByTestId('recipients');
    await expect.poll(() => recipients.textContent()).toContain('ENPE');
    expect(await recipients.textContent()).toContain('Partner network');
    expect(await recipients.textContent()).toContain('Mailchimp');
    await recipients.scrollIntoViewIfNeeded();
    await shot('09-contact-sharing');

    await nav('register');
    await tab('Partner sharing');
    const log = page.getByTestId('sharing-table');
    await expect.poll(() => log.locator('tbody tr').count()).toBe(1);
    expect(await log.textContent()).toContain('Lotte Peeters');
    await page.getByLabel('Partner', { exact: true }).selectOption('EnviCrimeNet');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('0 sharings recorded');
    await page.getByLabel('Partner', { exact: true }).selectOption('ENPE');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('1 sharing recorded');
    await shot('10-sharing-log');
    // The log leads to the person.
    await log.getByRole('button', { name: 'Lotte Peeters' }).click();
    await expect.poll(() => heading().textContent()).toBe('Lotte Peeters');
  });

  it('shows an auditor everything and nothing to change', async () => {
    await addStaffThroughSettings(page, AUDITOR, 'auditor');
    await unlockAs(page, AUDITOR.passphrase);
    await expect.poll(() => page.getByTestId('signed-in').textContent()).toContain('Auditor');

    await nav('register');
    await expect.poll(() => page.getByTestId('purposes-table').locator('tbody tr').count()).toBe(8);
    expect(await page.getByRole('button', { name: 'Add purpose' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Edit/ }).count()).toBe(0);
    await tab('Privacy policy');
    await expect.poll(() => page.getByTestId('policies-table').locator('tbody tr').count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Read' }).count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Add version' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /material change|Unmark/ }).count()).toBe(0);
    await tab('Processors and accounts');
    await expect.poll(() => page.getByTestId('processor-row').count()).toBe(10);
    expect(await page.getByRole('button', { name: 'Add processor' }).count()).toBe(0);

    await nav('contacts');
    await page.getByRole('button', { name: 'Lotte Peeters', exact: true }).click();
    await expect.poll(() => heading().textContent()).toBe('Lotte Peeters');
    const systems = page.getByTestId('contact-systems');
    await expect.poll(() => systems.getByRole('checkbox', { name: /^Mailchimp/ }).isChecked()).toBe(true);
    expect(await systems.getByRole('checkbox', { name: /^Mailchimp/ }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Record sharing…' }).count()).toBe(0);
    expect(await page.getByTestId('contact-sharing').locator('tbody tr').count()).toBe(1);
  });

  it('reads in French', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await nav('register');
    await expect.poll(() => heading().textContent()).toBe('Registre des traitements');
    await expect.poll(() => page.getByTestId('compliance-warnings').textContent()).toContain('La politique de confidentialité en vigueur (version 1, français) cite encore');
    expect(await page.getByTestId('purposes-table').textContent()).toContain("Lettre d'information");
    expect(await page.getByTestId('purposes-table').textContent()).toContain('Intérêt légitime');
    await shot('11-fr-purposes');
    await tab('Sous-traitants et comptes');
    await expect.poll(() => page.getByTestId('processor-row').count()).toBe(10);
    await shot('12-fr-processors');
    await nav('contacts');
    await page.getByRole('button', { name: 'Lotte Peeters', exact: true }).click();
    await expect.poll(() => page.getByTestId('contact-systems').textContent()).toContain('Systèmes qui détiennent ses données');
    await page.getByTestId('contact-systems').scrollIntoViewIfNeeded();
    await shot('13-fr-contact');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('logged no errors in the console', () => {
    expect(session!.consoleProblems).toEqual([]);
  });
});
