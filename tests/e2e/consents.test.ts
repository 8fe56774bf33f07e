/**
 * End-to-end: the consent ledger as the secretariat uses it — consents recorded on a
 * contact's page, the Mailchimp export that follows them, a withdrawal that takes a person
 * out of the file, and objections that leave someone with no lawful basis, flagged on
 * their page and in the review list. Also looked at in French.
 * Build first: `node scripts/build.mjs`. Screenshots: tests/e2e/screenshots/consents-*.png.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultThroughScreens, openPreviewInChromium, type E2eSession, addStaffThroughSettings, unlockAs, typed } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };
const AUDITOR = { name: 'Paul Verhoeven', passphrase: 'quarry ember violet compass' };
const LOTTE = { name: 'Lotte Peeters', email: 'lotte.peeters@example.be' };
const MARC = { name: 'Marc Lambert', email: 'marc.lambert@example.fr' };
const LEGITIMATE_INTEREST = ['Collaboration and exchange between members', 'Basecamp project space'];

let session: E2eSession | null = null;
let page: Page;

const shot = (name: string) => session!.shot(`consents-${name}`);
const heading = () => page.locator('h1');
const nav = (route: string) => page.locator(`nav [data-route="${route}"]`).click();
const section = () => page.getByTestId('consents-section');
const row = (code: string) => section().locator(`[data-testid="consent-row"][data-purpose="${code}"]`);
/** The "Applies" cell: Yes or No. */
const applies = (code: string) => row(code).locator('td').nth(2).textContent();
const count = (name: string) => page.getByTestId('mailing-counts').locator(`[data-count="${name}"] dd`);

async function addContact(person: { name: string; email: string }): Promise<void> {
  await nav('contacts');
  await page.getByRole('button', { name: 'Add contact' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Full name').fill(person.name);
  await dialog.getByLabel('Primary e-mail').fill(person.email);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => heading().textContent()).toBe(person.name);
}

async function openContact(name: string): Promise<void> {
  await nav('contacts');
  await page.getByRole('button', { name, exact: true }).click();
  await expect.poll(() => heading().textContent()).toBe(name);
  // The consents arrive in their own request, after the contact.
  await expect.poll(() => section().locator('[data-testid="consent-row"]').count()).toBeGreaterThan(0);
}

async function record(purpose: string, action: string, channel: string, evidence = '', options: { date?: string; policy?: string } = {}): Promise<void> {
  await section().getByRole('button', { name: 'Record…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Purpose').selectOption({ label: purpose });
  await dialog.getByLabel('What happened').selectOption({ label: action });
  await dialog.getByLabel('How it reached us').selectOption({ label: channel });
  if (evidence) await dialog.getByLabel('Evidence note').fill(evidence);
  if (options.date) await dialog.getByLabel('Date it happened').fill(typed(options.date));
  if (options.policy) await dialog.getByLabel('Privacy policy version shown to the person').selectOption({ label: options.policy });
  await dialog.getByRole('button', { name: 'Record', exact: true }).click();
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
}

/** Exports the newsletter list (the preview saves it in the session's exports folder) and reads the file. */
async function exportMailingList(): Promise<{ text: string; rows: string[][] }> {
  await page.getByRole('button', { name: 'Export for Mailchimp (CSV)' }).click();
  const result = page.getByTestId('mailing-list').getByTestId('export-result');
  await result.waitFor();
  const path = (await result.locator('.export-result__path').textContent())!;
  expect(path.startsWith(session!.exportsDir)).toBe(true);
  expect(basename(path)).toMatch(/^registre-newsletter-.*\.csv$/);
  expect(existsSync(`${path}.manifest.json`)).toBe(true);
  const text = readFileSync(path, 'utf8');
  return { text, rows: parse(text, { bom: true }) as string[][] };
}

/** What the mailing list says it wrote ("2 people written to the file, 0 left out."). */
const writtenMessage = () => page.getByTestId('mailing-list').getByRole('status').filter({ hasText: 'written to the file' }).textContent();

/**
 * The privacy-policy archive has its own screens (another part of issue 4); here the
 * signed-in page reaches it through the same API those screens use.
 */
async function callApi<T>(method: string, input: object): Promise<T> {
  const answer = await page.evaluate(
    async ([m, body]) => {
      const response = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Registre-Token': sessionStorage.getItem('registre.previewToken') ?? '' },
        body: JSON.stringify(body),
      });
      return (await response.json()) as { ok: boolean; data?: unknown; error?: unknown };
    },
    [method, input] as const,
  );
  expect(answer.error).toBeUndefined();
  return answer.data as T;
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-consents-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('consents', () => {
  it('starts from a new vault with two contacts who have nothing recorded', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    await addContact(LOTTE);
    await addContact(MARC);
    await expect.poll(() => row('newsletter').textContent()).toContain('Not recorded');
    // Legitimate interest applies until someone objects; consent only once it is given.
    expect(await applies('newsletter')).toBe('No');
    expect(await applies('collaboration')).toBe('Yes');
  });

  it('refuses an incomplete or future record with a clear message and changes nothing', async () => {
    await section().getByRole('button', { name: 'Record…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Record', exact: true }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('Choose a purpose');
    await dialog.getByLabel('Purpose').selectOption({ label: 'Newsletter — Consent' });
    // A consent purpose is withdrawn, never objected to.
    const actions = await dialog.getByLabel('What happened').locator('option').allTextContents();
    expect(actions).toEqual(['Choose what happened', 'Consent given', 'Consent withdrawn', 'Processing restricted (Art. 18)']);
    await dialog.getByLabel('What happened').selectOption({ label: 'Consent given' });
    await dialog.getByLabel('How it reached us').selectOption({ label: 'Form' });
    await dialog.getByLabel('Date it happened').fill(typed('2099-01-01'));
    await dialog.getByRole('button', { name: 'Record', exact: true }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('The date cannot be later than today.');
    await shot('02-record-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await row('newsletter').textContent()).toContain('Not recorded');
  });

  it('records a newsletter consent for both through the contact page, with its history', async () => {
    await record('Newsletter — Consent', 'Consent given', 'Form', 'Sign-up form on the website, box ticked');
    await expect.poll(() => row('newsletter').textContent()).toContain('Consent given');
    expect(await applies('newsletter')).toBe('Yes');
    await row('newsletter').getByRole('button', { name: 'History (1)' }).click();
    const history = section().locator('.consent-history');
    await expect.poll(() => history.textContent()).toContain('Sign-up form on the website, box ticked');
    expect(await history.textContent()).toContain(ADMIN.name);

    await openContact(LOTTE.name);
    await record('Newsletter — Consent', 'Consent given', 'Event registration', 'Registration for the Ghent workshop');
    await expect.poll(() => row('newsletter').textContent()).toContain('Consent given');
  });

  it('exports both to the Mailchimp file', async () => {
    await nav('consents');
    await expect.poll(() => count('included').textContent()).toBe('2');
    const { text, rows } = await exportMailingList();
    // Mailchimp's audience import recognises this column by its name.
    expect(rows[0]).toContain('Email Address');
    expect(rows.length - 1).toBe(2);
    expect(text).toContain(LOTTE.email);
    expect(text).toContain(MARC.email);
    await expect.poll(writtenMessage).toContain('2 people written to the file, 0 left out.');
  });

  it('takes a withdrawn person out of the file', async () => {
    await openContact(MARC.name);
    await record('Newsletter — Consent', 'Consent withdrawn', 'Unsubscribe link', 'Clicked the link in the newsletter');
    await expect.poll(() => row('newsletter').textContent()).toContain('Withdrawn');
    expect(await applies('newsletter')).toBe('No');

    await nav('consents');
    await expect.poll(() => count('included').textContent()).toBe('1');
    expect(await count('withdrawn').textContent()).toBe('1');
    const { text, rows } = await exportMailingList();
    expect(rows.length - 1).toBe(1);
    expect(text).toContain(LOTTE.email);
    expect(text).not.toContain(MARC.email);
    await expect.poll(writtenMessage).toContain('1 person written to the file, 1 left out.');
  });

  it('lists the consents given before a material change of the policy, with the version shown', async () => {
    // The vault starts with the published French text as version 1, whose real date the admin
    // sets; version 2 changes it materially from today.
    const [first] = await callApi<Array<{ id: string; version: number; effectiveDate: string }>>('policies.list', {});
    expect(first?.version).toBe(1);
    await callApi('policies.setEffectiveDate', { id: first!.id, effectiveDate: '2025-01-01', reason: 'Published on the website in January 2025' });
    await callApi('policies.add', { version: 2, language: 'fr', effectiveDate: first!.effectiveDate, materialChange: true, text: 'Politique de confidentialité, version 2.' });

    await openContact(LOTTE.name);
    await section().getByRole('button', { name: 'Record…' }).click();
    const dialog = page.getByRole('dialog');
    const picker = dialog.getByLabel('Privacy policy version shown to the person');
    // Only the version in effect on the chosen date is offered, and chosen: today, version 2 …
    await expect.poll(() => picker.locator('option').allTextContents()).toEqual([expect.stringMatching(/^Policy version 2, French, in effect from/)]);
    // … in March 2026, version 1 (version 2 is never offered for it) …
    await dialog.getByLabel('Date it happened').fill(typed('2026-03-10'));
    await expect.poll(() => picker.locator('option').allTextContents()).toEqual([expect.stringMatching(/^Policy version 1, French, in effect from/)]);
    // … and before every version, an earlier policy whose text is not kept.
    await dialog.getByLabel('Date it happened').fill(typed('2024-06-01'));
    await expect.poll(() => dialog.getByTestId('policy-earlier').textContent()).toContain('earlier policy, whose text is not kept');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await record('Event logistics (flights and hotels) — Consent', 'Consent given', 'Event registration', 'Registration for the Vienna conference', { date: '2026-03-10' });
    await row('event_logistics').getByRole('button', { name: 'History (1)' }).click();
    await expect.poll(() => section().locator('.consent-history').textContent()).toContain('Policy version 1, French');

    await nav('consents');
    const reconsent = page.getByTestId('reconsent');
    await expect.poll(() => reconsent.getByLabel('Version with the material change').locator('option:checked').textContent()).toMatch(/^Policy version 2, French, in effect from/);
    // Her newsletter consent came with the change in effect: only the March one is listed.
    await expect.poll(() => reconsent.locator('tbody tr').count()).toBe(1);
    const line = await reconsent.locator('tbody tr').textContent();
    expect(line).toContain(LOTTE.name);
    expect(line).toContain('Event logistics (flights and hotels)');
    expect(line).toContain('10 March 2026');
    expect(line).toContain('Version 1');
  });

  it('warns on the page and lists the person for review once no lawful basis remains', async () => {
    await openContact(MARC.name);
    expect(await page.getByTestId('no-basis-warning').count()).toBe(0);
    const objectable = await section().locator('[data-testid="consent-row"]', { hasText: 'Legitimate interest' }).locator('th').allTextContents();
    expect(objectable).toEqual(expect.arrayContaining(LEGITIMATE_INTEREST));
    for (const purpose of objectable) await record(`${purpose} — Legitimate interest`, 'Objection (Art. 21)', 'E-mail', 'E-mail of objection');
    const warning = page.getByTestId('no-basis-warning');
    await expect.poll(() => warning.textContent()).toContain('No remaining lawful basis');
    expect(await warning.textContent()).toContain('review this contact for erasure');
    expect(await warning.textContent()).toContain('Newsletter: consent withdrawn');
    for (const purpose of objectable) expect(await warning.textContent()).toContain(`${purpose}: objection`);
    await row('newsletter').getByRole('button', { name: 'History (2)' }).click();
    await expect.poll(() => section().locator('.consent-history tbody tr').count()).toBe(2);
    // Newest first: the withdrawal, then the consent it ended.
    expect(await section().locator('.consent-history tbody tr').first().textContent()).toContain('Consent withdrawn');
    await shot('01-contact-page');

    // Lotte still has her consent and the legitimate interests: no warning.
    await openContact(LOTTE.name);
    expect(await page.getByTestId('no-basis-warning').count()).toBe(0);

    await nav('consents');
    const review = page.getByTestId('no-basis-review');
    await expect.poll(() => review.locator('tbody tr').count()).toBe(1);
    expect(await review.textContent()).toContain(MARC.name);
    expect(await review.textContent()).not.toContain(LOTTE.name);
    await shot('03-consents-screen');
    await review.getByRole('button', { name: MARC.name }).click();
    await expect.poll(() => heading().textContent()).toBe(MARC.name);
  });

  it('warns that processing is restricted and leaves the person out of the newsletter file', async () => {
    await openContact(LOTTE.name);
    expect(await page.getByTestId('restricted-warning').count()).toBe(0);
    await record('Newsletter — Consent', 'Processing restricted (Art. 18)', 'Paper', 'Signed letter asking to restrict processing during her complaint');
    const warning = page.getByTestId('restricted-warning');
    await expect.poll(() => warning.textContent()).toContain('Processing restricted: store only');
    expect(await warning.textContent()).toContain('for: Newsletter.');
    expect(await applies('newsletter')).toBe('No');
    // A restriction is not a lost basis: the legitimate interests still apply.
    expect(await page.getByTestId('no-basis-warning').count()).toBe(0);
    await shot('07-restricted');
    await nav('consents');
    await expect.poll(() => count('restricted').textContent()).toBe('1');
    expect(await count('included').textContent()).toBe('0');
    const { rows } = await exportMailingList();
    expect(rows.length - 1).toBe(0);
    await expect.poll(writtenMessage).toContain('0 people written to the file, 2 left out.');
    await openContact(MARC.name);
  });

  it('reads in French', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => section().locator('h2').first().textContent()).toBe('Consentements et bases légales');
    await expect.poll(() => page.getByTestId('no-basis-warning').textContent()).toContain('Plus aucune base légale');
    await shot('04-contact-page-fr');
    await section().getByRole('button', { name: 'Enregistrer…' }).click();
    await page.getByRole('dialog').getByLabel('Finalité').selectOption({ label: "Lettre d'information — Consentement" });
    await shot('05-record-dialog-fr');
    await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();
    await nav('consents');
    await expect.poll(() => page.getByTestId('no-basis-review').locator('tbody tr').count()).toBe(1);
    await shot('06-consents-screen-fr');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('shows an auditor the consents and the list, with nothing to record or export', async () => {
    await addStaffThroughSettings(page, AUDITOR, 'auditor');
    await unlockAs(page, AUDITOR.passphrase);
    await expect.poll(() => page.getByTestId('signed-in').textContent()).toContain('Auditor');

    await openContact(MARC.name);
    await expect.poll(() => row('newsletter').textContent()).toContain('Withdrawn');
    expect(await page.getByTestId('no-basis-warning').count()).toBe(1);
    expect(await section().getByRole('button', { name: 'Record…' }).count()).toBe(0);
    await nav('consents');
    await expect.poll(() => count('restricted').textContent()).toBe('1');
    expect(await count('withdrawn').textContent()).toBe('1');
    expect(await page.getByRole('button', { name: 'Export for Mailchimp (CSV)' }).count()).toBe(0);
  });

  it('logged no errors in the console', () => {
    expect(session!.consoleProblems).toEqual([]);
  });
});
