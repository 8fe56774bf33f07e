/**
 * End-to-end, keyboard only: from the unlock screen, with no mouse click at all (Tab,
 * Shift+Tab, Enter, Space, arrow keys and typing), a person unlocks, logs a request for
 * an existing contact in the Requests section (the date typed day-first) and records a
 * consent on that contact's page. Every stop of the Tab key must show a focus ring, each
 * dialog must open on its first field and give focus back to its opener when it closes,
 * and both records must reach the vault. Screenshots of focus rings at 1093×560 land in
 * tests/e2e/screenshots/keyboard-*.png. Build first: `node scripts/build.mjs`.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactConsentsDto } from '../../shared/dto/consents';
import type { RequestListDto } from '../../shared/dto/requests';
import { OFFICE_SIZES, openPreviewInChromium, previewCall, typed, VIEWPORT, type E2eSession } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };

let session: E2eSession | null = null;
let page: Page;
let marieId = '';
/** Focus stops that showed no ring, one line each. */
const ringless: string[] = [];

const heading = () => page.locator('h1').first();
const dialog = () => page.locator('dialog[open]');
const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/** What has focus, and whether a person can see it: an outline or a ring drawn with box-shadow. */
function focusedNow(): Promise<{ what: string; ring: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { what: 'body', ring: true };
    // A visually hidden input shows its focus on the label beside it (the file picker).
    const shown = el.matches('.file-picker__input') ? (el.nextElementSibling as HTMLElement) : el;
    const style = getComputedStyle(shown);
    const ring = el.matches(':focus-visible') && ((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none');
    const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
    return { what: `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} “${name}”`, ring };
  });
}

/** Presses Tab (or Shift+Tab) until `target` has focus, noting every stop on the way that shows no ring. */
async function tabTo(target: Locator, options: { back?: boolean; max?: number } = {}): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < (options.max ?? 80); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const now = await focusedNow();
    if (!now.ring) ringless.push(now.what);
    if (await isFocused(target)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}; focus ended on ${(await focusedNow()).what}`);
}

/** On a focused <select>, arrow keys move through the options until `label` is chosen. */
async function chooseWithArrows(label: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const chosen = await page.evaluate(() => {
      const el = document.activeElement;
      return el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.textContent ?? '') : null;
    });
    if (chosen === null) throw new Error('no select has focus');
    if (chosen === label) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no option “${label}” in the focused select`);
}

/** The whole content of the focused text field replaced with `text`, as typed. */
async function retype(text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

async function ringShot(name: string): Promise<void> {
  await page.setViewportSize(OFFICE_SIZES[0]);
  // Tab scrolled the focus into the test's taller window; the office's smaller one must show it too.
  await page.evaluate(() => document.activeElement?.scrollIntoView({ block: 'nearest' }));
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(__dirname, 'screenshots', `keyboard-${name}-1093x560.png`) });
  await page.setViewportSize(VIEWPORT);
}

function dayFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-keyboard-');
  page = session.page;
  // The vault and a contact exist already: the person starts at the unlock screen.
  await previewCall(session, 'vault.create', { passphrase: ADMIN.passphrase, staffName: ADMIN.name });
  marieId = (await previewCall<{ id: string }>(session, 'contacts.add', { fullName: 'Marie Lambert', email: 'marie.lambert@example.be' })).id;
  await previewCall(session, 'vault.lock', {});
});

afterAll(async () => {
  await session?.close();
});

describe('the app by keyboard alone', () => {
  it('unlocks with the passphrase typed and Enter', async () => {
    await page.goto(session!.previewUrl);
    await expect.poll(() => heading().textContent()).toBe('Unlock Registre');
    // The passphrase field has the focus on arrival.
    expect(await isFocused(page.getByLabel('Your passphrase'))).toBe(true);
    await page.keyboard.type(ADMIN.passphrase);
    await page.keyboard.press('Enter');
    await expect.poll(() => heading().textContent(), { timeout: 20_000 }).toBe('Today');
  });

  it('the skip link is the first stop and leads to the content', async () => {
    await page.keyboard.press('Shift+Tab');
    // From the screen's heading, backwards: the top bar, the sidebar, then the skip link first of all.
    await tabTo(page.getByRole('link', { name: 'Skip to the content' }), { back: true });
    await ringShot('skip-link');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
  });

  it('logs a request for an existing contact from the Requests section', async () => {
    await tabTo(page.locator('nav [data-route="requests"]'), { back: true });
    await ringShot('nav-item');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading().textContent()).toBe('Requests');

    const opener = page.getByRole('button', { name: 'Log a request…' });
    await tabTo(opener);
    await ringShot('button');
    await page.keyboard.press('Enter');
    await dialog().waitFor();
    expect(await isFocused(dialog().getByLabel('What is asked'))).toBe(true);
    await chooseWithArrows('Access');
    await page.keyboard.press('Tab');
    expect(await isFocused(dialog().getByLabel('Received on'))).toBe(true);
    await retype(typed(dayFromToday(-2)));
    await tabTo(dialog().getByRole('button', { name: 'Pick from a calendar' }));
    await ringShot('calendar-button');
    await tabTo(dialog().getByLabel('Requester’s name'));
    await page.keyboard.type('Marie Lambert');
    // The contacts matching the name are offered as radio buttons; the arrow keys pick one.
    const suggestion = dialog().getByRole('radio', { name: /Marie Lambert/ });
    await suggestion.waitFor();
    await tabTo(dialog().getByRole('radio', { name: /^Nobody in Registre yet/ }));
    await page.keyboard.press('ArrowDown');
    expect(await suggestion.isChecked()).toBe(true);
    await tabTo(dialog().getByLabel('What the person wrote (their request, as received)'));
    await page.keyboard.type('Please send me a copy of everything you hold about me.');
    await tabTo(dialog().getByRole('button', { name: 'Log the request' }));
    await ringShot('dialog-save');
    await page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'detached' });

    const requests = await previewCall<RequestListDto>(session!, 'requests.list', {});
    expect(requests.items).toEqual([expect.objectContaining({ type: 'access', contact: { id: marieId, name: 'Marie Lambert' }, receivedDate: dayFromToday(-2) })]);
  });

  it('records a consent on the contact’s page', async () => {
    await tabTo(page.locator('nav [data-route="contacts"]'), { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => heading().textContent()).toBe('Contacts');
    await tabTo(page.getByRole('button', { name: 'Marie Lambert', exact: true }));
    await ringShot('table-row-button');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading().textContent()).toBe('Marie Lambert');

    const opener = page.getByTestId('consents-section').getByRole('button', { name: 'Record…' });
    await tabTo(opener);
    await page.keyboard.press('Enter');
    await dialog().waitFor();
    expect(await isFocused(dialog().getByLabel('Purpose'))).toBe(true);
    await chooseWithArrows('Newsletter — Consent');
    await page.keyboard.press('Tab');
    await chooseWithArrows('Consent given');
    await tabTo(dialog().getByLabel('How it reached us'));
    await chooseWithArrows('Form');
    await page.keyboard.press('Tab');
    await retype(typed(dayFromToday(-1)));
    await tabTo(dialog().getByLabel('Evidence note'));
    await page.keyboard.type('Sign-up form on the website, box ticked');
    await tabTo(dialog().getByRole('button', { name: 'Record', exact: true }));
    // Space presses a button as well as Enter does.
    await page.keyboard.press('Space');
    await dialog().waitFor({ state: 'detached' });
    expect(await isFocused(opener)).toBe(true);
    await expect.poll(() => page.getByTestId('consents-section').locator('[data-testid="consent-row"]', { hasText: 'Newsletter' }).textContent()).toContain('Consent given');

    const ledger = await previewCall<ContactConsentsDto>(session!, 'consents.forContact', { contactId: marieId });
    const newsletter = ledger.purposes.find((p) => p.purpose.code === 'newsletter');
    expect(newsletter?.history).toEqual([expect.objectContaining({ action: 'granted', channel: 'form', occurredOn: dayFromToday(-1), evidence: 'Sign-up form on the website, box ticked' })]);
  });

  it('sets a filter and takes it off again with its chip’s ×', async () => {
    await tabTo(page.locator('nav [data-route="contacts"]'), { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => heading().textContent()).toBe('Contacts');
    const filters = page.getByRole('button', { name: /^Filters/ });
    await tabTo(filters);
    // The panel may be open already on a large window; Enter opens it on the office's.
    if ((await page.getByLabel('Show').count()) === 0) await page.keyboard.press('Enter');
    await tabTo(page.getByLabel('Show'));
    await chooseWithArrows('Current and archived');
    const remove = page.getByRole('button', { name: 'Remove filter: Current and archived' });
    await tabTo(remove);
    await ringShot('chip-remove');
    await page.keyboard.press('Enter');
    await expect.poll(() => remove.count()).toBe(0);
  });

  it('moves between the register’s tabs with the arrow keys', async () => {
    await tabTo(page.locator('nav [data-route="register"]'), { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => heading().textContent()).toBe('Processing register');
    const tab = (name: string) => page.getByRole('tab', { name });
    await tabTo(tab('Purposes'));
    await page.keyboard.press('ArrowRight');
    expect(await isFocused(tab('Privacy policy'))).toBe(true);
    expect(await tab('Privacy policy').getAttribute('aria-selected')).toBe('true');
    await ringShot('tab');
    await page.keyboard.press('End');
    expect(await tab('Partner sharing').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowRight');
    expect(await isFocused(tab('Purposes'))).toBe(true);
    // One Tab stop for the whole row of tabs: the next Tab leaves it for the panel.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).not.toBe('tab');
    // The chosen language is dark: its ring must show on it too.
    await tabTo(page.getByRole('button', { name: 'English' }), { back: true });
    await ringShot('language-switch');
  });

  it('showed a focus ring at every stop on the way', () => {
    expect(ringless, `focus stops without a visible ring:\n${ringless.join('\n')}`).toEqual([]);
    expect(session!.consoleProblems).toEqual([]);
  });
});
