/**
 * End-to-end accessibility: axe-core over every sidebar section (the routes list, so a
 * section added later is checked without touching this file), the main dialogs, a
 * contact's page, a request's page and the screens before unlocking, in English and in
 * French, as an administrator. A serious or critical violation fails the test with its
 * rule, its element and its help; each dialog closed with Escape must hand focus back to
 * the button that opened it. One preview, one browser, one page for the whole run.
 * Build first: `node scripts/build.mjs`.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../renderer/routes';
import en from '../../shared/i18n/en.json';
import fr from '../../shared/i18n/fr.json';
import { openPreviewInChromium, previewCall, type E2eSession } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };
const COLLEAGUE = { name: 'Marc Peeters', passphrase: 'harbour violet meadow tractor' };
const LANGUAGES = ['en', 'fr'] as const;
type Language = (typeof LANGUAGES)[number];

let session: E2eSession | null = null;
let page: Page;
let lang: Language = 'en';
/** Every problem found so far, one line each; a test fails with those it added. */
const problems: string[] = [];

/** A word of the app in the current language, `{{name}}` filled in, as the screens show it. */
function w(key: string, vars: Record<string, string | number> = {}): string {
  let node: unknown = lang === 'en' ? en : fr;
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`no word ${key} in ${lang}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, v: string) => String(vars[v]));
}

/**
 * Runs axe over the page (or only over `scope`) and notes each serious or critical
 * violation. What axe could not decide counts too, except colour contrast over a gradient
 * or a stacked box (it says so for most text in a dialog): an ARIA reference to a missing
 * element, say, is reported that way.
 */
async function check(what: string, scope?: string): Promise<void> {
  // Legacy mode runs in the page itself: the default opens a new tab for every run, which a loaded machine feels.
  const builder = new AxeBuilder({ page }).setLegacyMode();
  if (scope) builder.include(scope);
  const { violations, incomplete } = await builder.analyze();
  const undecided = incomplete.filter((r) => r.id !== 'color-contrast');
  for (const v of [...violations, ...undecided]) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    for (const node of v.nodes) problems.push(`[${lang}] ${what}: ${v.id} (${v.impact}) at ${node.target.join(' ')}: ${v.help}`);
  }
}

/** Fails the current test with the problems it found, each on its own line. */
function expectNoProblemsSince(start: number): void {
  const found = problems.slice(start);
  expect(found, `\n${found.join('\n')}\n`).toEqual([]);
}

const heading = () => page.locator('h1').first();
const dialog = () => page.locator('dialog[open]');

async function switchLanguage(to: Language): Promise<void> {
  lang = to;
  await page
    .getByRole('group', { name: /^(Language|Langue)$/ })
    .getByRole('button', { name: to === 'en' ? 'English' : 'Français' })
    .click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(to);
}

async function go(route: string): Promise<void> {
  const item = page.locator(`nav [data-route="${route}"]`);
  await item.click();
  await expect.poll(() => item.getAttribute('aria-current')).toBe('page');
  await heading().waitFor();
  // Let the section's first reads arrive so axe sees what a person sees.
  await page.waitForTimeout(200);
}

/** Where focus is once a dialog opened: it must be a field, or a button when the dialog has no field. */
function dialogStart(): Promise<string | null> {
  return page.evaluate(() => {
    const d = document.querySelector('dialog[open]')!;
    const active = document.activeElement;
    const fields = 'input:not([type="hidden"]):not([tabindex="-1"]), select, textarea';
    const hasField = d.querySelector(fields) !== null;
    if (active && d.contains(active) && active.matches(hasField ? fields : 'button')) return null;
    return `focus starts on ${active ? `${active.tagName.toLowerCase()}.${active.className}` : 'nothing'}, not on its ${hasField ? 'first field' : 'first button'}`;
  });
}

/**
 * Opens a dialog with `opener`, checks where focus starts, runs axe over it, closes it
 * with Escape and checks that focus is back on the opener.
 */
async function checkDialog(what: string, opener: Locator): Promise<void> {
  await opener.click();
  await dialog().waitFor();
  // Let the dialog's first reads arrive so axe sees what a person sees.
  await page.waitForTimeout(150);
  const start = await dialogStart();
  if (start) problems.push(`[${lang}] ${what}: ${start}`);
  await check(what, 'dialog[open]');
  await page.keyboard.press('Escape');
  await dialog().waitFor({ state: 'detached' });
  if (!(await opener.evaluate((el) => el === document.activeElement))) problems.push(`[${lang}] ${what}: focus did not return to the button that opened it`);
}

const api = <T>(method: string, input: unknown) => previewCall<T>(session!, method, input);

function dayFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-a11y-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('accessibility (axe-core, serious and critical)', () => {
  it('the vault creation and recovery key screens', async () => {
    const start = problems.length;
    await page.goto(session!.previewUrl);
    await expect.poll(() => heading().textContent()).toBe(w('create.title'));
    for (const l of LANGUAGES) {
      await switchLanguage(l);
      await check('create vault');
    }
    await switchLanguage('en');
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Passphrase', { exact: true }).fill(ADMIN.passphrase);
    await page.getByLabel('Type the passphrase again').fill(ADMIN.passphrase);
    await page.getByRole('button', { name: 'Create the vault' }).click();
    await page.getByTestId('recovery-key').waitFor();
    for (const l of LANGUAGES) {
      await switchLanguage(l);
      await check('recovery key');
    }
    await switchLanguage('en');
    await page.getByLabel('I have written it down or printed it').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => heading().textContent()).toBe('Today');
    expectNoProblemsSince(start);
  });

  it('starts from a vault with a person of every kind the dialogs need', async () => {
    const marie = await api<{ id: string }>('contacts.add', { fullName: 'Marie Lambert', email: 'marie.lambert@example.be' });
    await api('contacts.add', { fullName: 'Marie Lambart', email: 'm.lambart@example.be' });
    const trip = await api<{ id: string }>('events.add', { name: 'Brussels seminar', startDate: dayFromToday(-60) });
    await api('participations.add', { contactId: marie.id, eventId: trip.id });
    await api('sensitive.add', { contactId: marie.id, reason: 'Flight booking', identity: { document: 'passport', number: 'X1234567' } });
    // A traveller whose trip ended long ago is due under the identity rule (Marie's open request freezes her).
    const paula = await api<{ id: string }>('contacts.add', { fullName: 'Paula Voyage' });
    await api('participations.add', { contactId: paula.id, eventId: trip.id });
    await api('sensitive.add', { contactId: paula.id, reason: 'Flight booking', identity: { document: 'passport', number: 'Y7654321' } });
    await api('requests.add', { type: 'access', receivedOn: dayFromToday(-3), channel: 'email', contactId: marie.id });
    const backups = join(dirname(session!.vaultDir), 'backups');
    mkdirSync(backups);
    await api('settings.update', { backupFolder: backups });
    await api('backups.make', {});
    await api('staff.add', { name: COLLEAGUE.name, role: 'staff', passphrase: COLLEAGUE.passphrase });
    await page.reload();
    await expect.poll(() => heading().textContent(), { timeout: 15_000 }).toBe('Today');
  });

  for (const l of LANGUAGES) {
    it(`every section of the sidebar, in ${l}`, async () => {
      const start = problems.length;
      await switchLanguage(l);
      for (const route of routes) {
        await go(route);
        await check(`section ${route}`);
      }
      expectNoProblemsSince(start);
    });

    it(`the main dialogs, a contact's page and a request's page, in ${l}`, async () => {
      const start = problems.length;
      await switchLanguage(l);
      await go('contacts');
      await checkDialog('new contact', page.getByRole('button', { name: w('contacts.add') }));
      await checkDialog('contacts export', page.getByRole('button', { name: w('exports.button') }));
      await page.getByRole('button', { name: 'Marie Lambert', exact: true }).click();
      await expect.poll(() => heading().textContent()).toBe('Marie Lambert');
      await page.waitForTimeout(200);
      await check('contact page');
      await checkDialog('add consent', page.getByTestId('consents-section').getByRole('button', { name: w('consents.section.record') }));
      await checkDialog('edit contact', page.getByRole('button', { name: w('contacts.edit'), exact: true }));
      await checkDialog('record sharing', page.getByRole('button', { name: w('register.sharing.record') }));
      await checkDialog('photo preference', page.getByRole('button', { name: w('photos.contact.set') }));
      await checkDialog('erase identity details', page.getByRole('button', { name: w('sensitive.eraseCategory.identity') }));
      await checkDialog('erase', page.getByRole('button', { name: w('erasure.button') }));
      await checkDialog('merge', page.getByRole('button', { name: w('contacts.merge.button') }));
      await checkDialog('subject export', page.getByRole('button', { name: w('exports.subject.button') }));

      await go('requests');
      await checkDialog('new request', page.getByRole('button', { name: w('requests.add.button') }));
      await page.getByTestId('requests-table').locator('tbody tr').first().getByRole('button').first().click();
      await expect.poll(() => heading().textContent()).not.toBe(w('nav.requests'));
      await page.waitForTimeout(200);
      await check('request page');

      await go('register');
      await checkDialog('add purpose', page.getByRole('button', { name: w('register.purposes.add') }));
      const tab = (name: string) => page.getByRole('tab', { name: w(`register.tabs.${name}`) }).click();
      await tab('policies');
      await check('register policies');
      await checkDialog('add policy version', page.getByRole('button', { name: w('register.policies.add') }));
      await tab('processors');
      await check('register processors');
      await checkDialog('add processor', page.getByRole('button', { name: w('register.processors.add') }));
      await tab('sharing');
      await check('register sharing');

      await go('events');
      await checkDialog('add event', page.getByRole('button', { name: w('events.add') }));

      await go('retention');
      await page.getByTestId('retention-rules').locator('tr[data-rule="identity"]').getByRole('button').first().click();
      await checkDialog('retention apply', page.getByTestId('retention-apply'));

      await go('settings');
      await checkDialog('reset passphrase', page.getByRole('button', { name: w('settings.staff.resetLabel', { name: COLLEAGUE.name }) }));
      expectNoProblemsSince(start);
    });
  }

  it('the unlock, recovery and restore screens', async () => {
    const start = problems.length;
    await switchLanguage('en');
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => heading().textContent()).toBe('Unlock Registre');
    for (const l of LANGUAGES) {
      await switchLanguage(l);
      await check('unlock');
      await page.getByRole('button', { name: w('unlock.forgot') }).click();
      await page.waitForTimeout(200);
      await check('recovery key entry');
      await page.getByRole('button', { name: w('recover.backToPassphrase') }).click();
      await page.getByRole('button', { name: w('restore.link') }).click();
      await expect.poll(() => heading().textContent()).toBe(w('restore.title'));
      await check('restore');
      await page.getByRole('button', { name: w('restore.back') }).click();
      await expect.poll(() => heading().textContent()).toBe(w('unlock.title'));
    }
    await switchLanguage('en');
    expectNoProblemsSince(start);
  });
});
