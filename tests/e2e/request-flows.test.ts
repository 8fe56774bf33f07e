/**
 * End-to-end: rights requests worked through the screens as the secretariat does when
 * someone writes in — log it (the requester matched to a contact), ask for identity and
 * receive it (the deadline moves), extend once, refuse one, and erase a person from an
 * erasure request, seeing what goes and what stays. Build first: `node scripts/build.mjs`.
 * Screenshots: tests/e2e/screenshots/flows-*.png (EN and FR, 1093×560 and 1024×600).
 */
import type { Page } from 'playwright-core';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../shared/rules/dates';
import { addDays, defaultCalendar, legalDeadline } from '../../shared/rules/deadline';
import { createVaultThroughScreens, openPreviewInChromium, previewCall, shotsAtOfficeSizes, type E2eSession, typed } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };

let session: E2eSession | null = null;
let page: Page;
const today = localDay(new Date());
const ids: Record<string, string> = {};

const heading = () => page.locator('h1.screen-title');
const nav = (route: string) => page.locator(`nav [data-route="${route}"]`).click();
const dialog = () => page.locator('dialog[open]');
const timelineKinds = () =>
  page
    .getByTestId('request-timeline')
    .locator('li')
    .evaluateAll((li) => li.map((l) => l.getAttribute('data-kind')));
/** The due date as the details panel prints it (the first date under "Reply due"). */
const dueText = () => page.getByTestId('request-details').locator('dd .nowrap').first().textContent();

const shots = (name: string) => shotsAtOfficeSizes(page, `flows-${name}`);
const api = <T>(method: string, input: unknown) => previewCall<T>(session!, method, input);

/** The day as the screen writes it in English ("2 December 2026"). */
const words = (day: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-flows-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('working rights requests through the screens', () => {
  it('starts from a vault with a few contacts', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    ids.marie = (await api<{ id: string }>('contacts.add', { fullName: 'Marie Lambert', email: 'marie.lambert@example.be' })).id;
    ids.jonas = (await api<{ id: string }>('contacts.add', { fullName: 'Jonas Vermeulen', email: 'jonas@example.org', phone: '+32 470 12 34 56' })).id;
    await page.reload();
    await expect.poll(() => heading().textContent(), { timeout: 15_000 }).toBe('Contacts');
  });

  it('logs a request from the Requests screen, matching the requester to a contact', async () => {
    await nav('requests');
    await page.getByRole('button', { name: 'Log a request…' }).click();
    await page.getByLabel('What is asked').selectOption({ label: 'Access' });
    await page.getByLabel('Received on').fill(typed(addDays(today, -3)));
    await page.getByLabel('Requester’s name').fill('Marie Lambert');
    await page.getByLabel('Requester’s e-mail').fill('marie.lambert@example.be');
    // The search folds accents and case; the e-mail and the name find the same contact once.
    const suggestion = dialog()
      .getByTestId('request-contact-suggestions')
      .getByLabel(/Marie Lambert/);
    await expect.poll(() => suggestion.count(), { timeout: 10_000 }).toBe(1);
    await suggestion.check();
    await page.getByLabel('What the person wrote').fill('Please send me a copy of everything you hold about me.');
    await shots('01-log');
    await page.getByRole('button', { name: 'Log the request' }).click();
    await expect.poll(() => heading().textContent()).toBe('Access — Marie Lambert');
    expect(await timelineKinds()).toEqual(['received']);
    expect(await dueText()).toBe(words(legalDeadline(addDays(today, -3), 1, defaultCalendar)));
  });

  it('asks for identity (the clock stops), then receives it (the month starts again)', async () => {
    await page.getByRole('button', { name: 'Ask for identity or clarification…' }).click();
    await page.getByLabel('Asked on').fill(typed(addDays(today, -2)));
    await page.getByRole('button', { name: 'Stop the clock' }).click();
    // The letter asking for it comes with the step: saved on the request as sent.
    const letter = page.getByTestId('letter-dialog');
    await expect.poll(() => letter.getByLabel('Subject').inputValue(), { timeout: 10_000 }).not.toBe('');
    await letter.getByRole('button', { name: 'Save on the request' }).click();
    await expect.poll(() => page.locator('.request-lead').textContent()).toContain('Awaiting identity');
    expect(await page.locator('.request-lead .badge').first().textContent()).toBe('Clock stopped');

    await page.getByRole('button', { name: 'Identity or clarification received…' }).click();
    await page.getByLabel('Arrived on').fill(typed(today));
    await page.getByLabel('How identity was checked').selectOption({ label: 'Identity document shown' });
    await page.getByLabel('What was seen').fill('Belgian ID card, name and photo match');
    await shots('02-identity');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => timelineKinds()).toEqual(['received', 'identity_requested', 'letter_saved', 'identity_received']);
    expect(await dueText()).toBe(words(legalDeadline(today, 1, defaultCalendar)));
    expect(await page.getByTestId('request-details').textContent()).toContain('Belgian ID card, name and photo match');
  });

  it('extends the deadline once, with the reason, and then offers no second extension', async () => {
    await page.getByRole('button', { name: 'Extend the deadline…' }).click();
    await page.getByLabel('Extend by').selectOption({ label: '2 months' });
    await page.getByLabel('Reason the requester will be told').fill('Your data is spread over several partner agencies.');
    await page.getByRole('button', { name: 'Extend', exact: true }).click();
    // The letter that tells the requester, within the first month, drafted from the request.
    const letter = page.getByTestId('letter-dialog');
    await expect.poll(() => letter.getByLabel('Letter').inputValue(), { timeout: 10_000 }).toContain('Your data is spread over several partner agencies.');
    expect(await letter.getByLabel('Letter').inputValue()).toContain(words(legalDeadline(today, 3, defaultCalendar)));
    await shots('03-extension-letter');
    await letter.getByRole('button', { name: 'Save on the request' }).click();
    await expect.poll(() => timelineKinds()).toEqual(['received', 'identity_requested', 'letter_saved', 'identity_received', 'extended', 'letter_saved']);
    expect(await dueText()).toBe(words(legalDeadline(today, 3, defaultCalendar)));
    expect(await page.getByRole('button', { name: 'Extend the deadline…' }).count()).toBe(0);
    expect(await page.getByTestId('request-letters').textContent()).toContain('Extension of the deadline');
    await shots('04-extended');
  });

  it('completes the access request with its bundle, recorded on the request with the manifest hash', async () => {
    const carry = page.getByTestId('request-carry-out');
    await carry.getByRole('button', { name: 'Prepare the bundle…' }).click();
    const d = page.getByTestId('subject-export');
    expect(await d.getByLabel('Access — everything we hold (Art. 15)').isChecked()).toBe(true);
    await d.getByRole('button', { name: 'Choose where to save and export' }).click();
    await expect.poll(() => d.getByTestId('export-result').count(), { timeout: 20_000 }).toBe(1);
    await page.locator('dialog[open]').getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => carry.locator('[data-action="bundle"]').textContent()).toMatch(/Access bundle prepared.*Manifest SHA-256 [0-9a-f]{64}/);
    const zip = readdirSync(session!.exportsDir).find((f) => f.endsWith('.zip'))!;
    expect(await carry.locator('[data-action="bundle"]').textContent()).toContain(zip);
    await page.getByRole('button', { name: 'Complete…' }).click();
    await page.getByLabel('What was done (kept on the request)').fill('Bundle sent by e-mail, password by phone.');
    await page.getByRole('button', { name: 'Mark as completed' }).click();
    const letter = page.getByTestId('letter-dialog');
    await expect.poll(() => letter.getByLabel('Subject').inputValue(), { timeout: 10_000 }).not.toBe('');
    await letter.getByRole('button', { name: 'Save on the request' }).click();
    await expect.poll(() => page.locator('.request-lead').textContent()).toContain('Completed');
    await shots('05-completed');
    await session!.shot('flows-05-completed-whole-page');
  });

  it('refuses a request with its ground, and the page says so', async () => {
    const r = await api<{ id: string }>('requests.add', { type: 'objection', receivedOn: today, channel: 'email', requesterName: 'Anonymous sender' });
    await nav('requests');
    await page.getByRole('button', { name: 'Anonymous sender' }).click();
    await page.getByRole('button', { name: 'Refuse…' }).click();
    await page.getByRole('button', { name: 'Refuse the request' }).click();
    expect(await dialog().getByRole('alert').textContent()).toBe('Choose the ground for refusing.');
    await page.getByLabel('Ground for refusing').selectOption({ label: 'Identity not proven' });
    await page.getByLabel('Explanation the requester will be told').fill('We could not link this address to anyone in our records.');
    await shots('06-refuse');
    await page.getByRole('button', { name: 'Refuse the request' }).click();
    // The refusal letter always names the supervisory authority and the courts.
    const letter = page.getByTestId('letter-dialog');
    await expect.poll(() => letter.getByLabel('Letter').inputValue(), { timeout: 10_000 }).toMatch(/Data Protection Authority/);
    expect(await letter.getByLabel('Letter').inputValue()).toMatch(/judicial remedy|court/i);
    await shots('07-refusal-letter');
    await letter.getByRole('button', { name: 'Save on the request' }).click();
    await expect.poll(() => page.locator('.request-lead').textContent()).toContain('Refused');
    expect(await page.getByTestId('request-steps').count()).toBe(0);
    const saved = await api<{ state: string; refusal: { reason: string } }>('requests.get', { id: r.id });
    expect(saved).toMatchObject({ state: 'refused', refusal: { reason: 'identity_not_proven' } });
  });

  it('erases a person from their erasure request, showing what goes and what stays first', async () => {
    await nav('contacts');
    await page.getByRole('button', { name: 'Jonas Vermeulen', exact: true }).click();
    await expect.poll(() => heading().textContent()).toBe('Jonas Vermeulen');
    await page.getByTestId('contact-requests').getByRole('button', { name: 'Log a request…' }).click();
    await page.getByLabel('What is asked').selectOption({ label: 'Erasure' });
    await page.getByRole('button', { name: 'Log the request' }).click();
    await expect.poll(() => heading().textContent()).toBe('Erasure — Jonas Vermeulen');
    await page.getByRole('button', { name: 'Start work' }).click();
    await page.getByRole('button', { name: 'Erase Jonas Vermeulen…' }).click();
    await expect.poll(() => dialog().getByTestId('erasure-removes').textContent()).toContain('1 phone number');
    expect(await dialog().getByTestId('erasure-removes').textContent()).toContain('1 e-mail address');
    expect(await dialog().getByTestId('erasure-keeps').textContent()).toContain('A rights request the person made');
    expect(await dialog().getByLabel('The erasure request this answers').inputValue()).not.toBe('');
    await shots('08-erase-preview');
    await dialog().getByRole('button', { name: 'Erase Jonas Vermeulen' }).click();
    expect(await dialog().getByRole('alert').textContent()).toBe('Tick the box to confirm that the erasure cannot be undone.');
    await dialog()
      .getByLabel(/I understand that everything about Jonas Vermeulen/)
      .check();
    await dialog().getByRole('button', { name: 'Erase Jonas Vermeulen' }).click();
    await expect.poll(() => dialog().getByTestId('erasure-done').textContent()).toContain('Jonas Vermeulen was erased on');
    expect(await dialog().getByTestId('erasure-keeps').textContent()).toContain('proof that the request was answered');
    await shots('09-erased');
    await dialog().getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByTestId('request-carry-out').locator('[data-action="erasure"]').textContent()).toContain('1 item kept under a legal hold');
    // The request is then completed, its reply saved; it stays as proof, without the person's name.
    await page.getByRole('button', { name: 'Complete…' }).click();
    await page.getByRole('button', { name: 'Mark as completed' }).click();
    await page.getByTestId('letter-dialog').getByRole('button', { name: 'Save on the request' }).click();
    await expect.poll(() => page.locator('.request-lead').textContent()).toContain('Completed');
    expect(await heading().textContent()).toBe('Erasure — Erased person');
    const contacts = await api<{ items: Array<{ fullName: string }> }>('contacts.search', { query: 'Jonas', limit: 10 });
    expect(contacts.items).toEqual([]);
  });

  it('shows the request screens in French', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await nav('requests');
    await expect.poll(() => heading().textContent()).toBe('Demandes');
    await page.getByRole('button', { name: 'Enregistrer une demande…' }).click();
    await shots('10-log-fr');
    await dialog().getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('button', { name: 'Marie Lambert' }).click();
    await expect.poll(() => heading().textContent()).toBe('Accès — Marie Lambert');
    await shots('11-request-fr');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('logged no errors in the console', () => {
    expect(session!.consoleProblems).toEqual([]);
  });
});
