/**
 * XSS: every payload of xss-payloads.ts stored in every text field the contract takes
 * (seed.ts), then every screen of the built renderer opened in Chromium through the
 * preview (production CSP), and every exported HTML file (each bundle's summary.html, each
 * event's printable photo list, each saved reply letter's printable page) opened from disk, where no CSP helps. Counted per screen
 * or file: a payload that ran (called the exposed `__xss`, opened a dialog, fetched from
 * xss.invalid) or turned into markup (an event-handler attribute, a javascript: URL, an
 * element no screen of the app makes). CSP violations are reported beside them.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { dispatch } from '../../db/dispatch';
import { readZip } from '../../db/export/zip';
import { startPreviewServer } from '../../preview/server';
import { seedRecords, type Seeded } from './seed';
import { Failures, type ProofCheck, type ProofRow } from './table';
import { call, openCore, PASS, repoRoot } from './vaults';
import { XSS_PAYLOADS } from './xss-payloads';

const CHROMIUM = '/usr/bin/chromium';

/** What a page holds that no screen or export of Registre makes by itself. */
function injectedMarkup(): string[] {
  const found: string[] = [];
  const urlAttributes = /^(href|src|action|formaction|data|xlink:href|poster|background|srcset|ping)$/i;
  // A typed address may hold any text in its path (a policy URL): what counts is where it leads.
  const leadsOut = (value: string): boolean => {
    if (/^\s*(javascript|vbscript|data:text\/html)/i.test(value)) return true;
    try {
      return new URL(value.trim().split(/\s/)[0] ?? '', document.baseURI).hostname === 'xss.invalid';
    } catch {
      return false;
    }
  };
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    for (const name of el.getAttributeNames()) {
      const value = el.getAttribute(name) ?? '';
      if (/^on/i.test(name)) found.push(`<${el.tagName.toLowerCase()} ${name}>`);
      if (name.toLowerCase() === 'srcdoc') found.push(`<${el.tagName.toLowerCase()} srcdoc>`);
      if (urlAttributes.test(name) && leadsOut(value)) found.push(`<${el.tagName.toLowerCase()} ${name}=${value.slice(0, 40)}>`);
    }
    if (/^(script|iframe|frame|object|embed|base|meta|link|style|template|noscript|math)$/i.test(el.tagName)) found.push(`<${el.tagName.toLowerCase()}>`);
  }
  return found;
}

interface Watch {
  /** Payloads that ran since the last look, by how (`__xss P3`, `dialog P58`, `fetch P43`). */
  take(): string[];
  csp: number;
}

export async function watched(context: BrowserContext): Promise<Watch> {
  let hits: string[] = [];
  const watch: Watch = {
    take: () => hits.splice(0),
    csp: 0,
  };
  await context.exposeFunction('__xss', (id: unknown) => hits.push(`__xss ${String(id)}`));
  await context.exposeFunction('__xssCsp', () => (watch.csp += 1));
  // Init scripts run before the page's own and outside its CSP: they only listen.
  await context.addInitScript(() => document.addEventListener('securitypolicyviolation', () => (window as unknown as { __xssCsp(): void }).__xssCsp()));
  await context.route(/xss\.invalid/, (route) => {
    hits.push(`fetch ${route.request().url()}`);
    return route.abort();
  });
  context.on('page', (p) => p.on('dialog', (d) => (hits.push(`dialog ${d.message()}`), void d.dismiss())));
  hits = [];
  return watch;
}

export interface Tally {
  failures: Failures;
  screens: number;
  files: number;
  showingPayloads: number;
}

/** Lets image errors, focus and timers fire, then looks for what ran and what was injected. */
export async function look(page: Page, watch: Watch, tally: Tally, where: string): Promise<void> {
  await page.waitForTimeout(250);
  const injected = await page.evaluate(injectedMarkup);
  const shows = await page.evaluate(() => /__xss|xss\.invalid/.test(document.body.innerText));
  if (shows) tally.showingPayloads += 1;
  const ran = watch.take();
  if (ran.length || injected.length) tally.failures.add(`${where}: ${[...ran, ...injected.map((i) => `markup ${i}`)].slice(0, 6).join(', ')}`);
}

async function screens(page: Page, url: string, watch: Watch, tally: Tally, contacts: number, events: number): Promise<void> {
  const screen = async (where: string, go: () => Promise<unknown>) => {
    await go();
    tally.screens += 1;
    await look(page, watch, tally, where);
  };
  const nav = (route: string) => page.locator(`nav [data-route="${route}"]`).click();
  await page.goto(url);
  await page.getByLabel('Your passphrase').fill(PASS);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await page.locator('nav [data-route="contacts"]').waitFor();
  const routes = await page.locator('nav [data-route]').evaluateAll((els) => els.map((e) => e.getAttribute('data-route')!));
  for (const route of routes) {
    await screen(route, () => nav(route));
    const tabs = page.getByRole('tab');
    for (let i = 0; i < (await tabs.count()); i++) {
      await screen(`${route} tab ${i}`, () => tabs.nth(i).click());
      const read = page.getByRole('button', { name: 'Read', exact: true });
      for (let j = 0; j < (await read.count()); j++) {
        await screen(`${route} tab ${i} policy ${j}`, async () => {
          await read.nth(j).click();
          await page.getByTestId('policy-text').waitFor();
        });
        await page.keyboard.press('Escape');
        await page.getByTestId('policy-text').waitFor({ state: 'detached' });
      }
    }
  }
  for (let i = 0; i < contacts; i++) {
    await nav('contacts');
    // The list is virtual: row i is in the page only once it has been scrolled near.
    const row = page.locator(`[data-testid="contacts-table"] tr[data-index="${i}"]`);
    for (let tries = 0; tries < 200 && (await row.count()) === 0; tries++) await page.locator('.table-wrap--scroll').evaluate((el) => el.scrollBy(0, 300));
    const link = row.locator('button.link-button').first();
    await link.waitFor();
    await screen(`contact ${i}`, () => link.click());
    const reveal = page.getByRole('button', { name: 'Reveal' });
    // Each reveal turns its button into "Hide"; the bound keeps a button that stays from looping.
    for (let j = 0; j < 6 && (await reveal.count()) > 0; j++) await screen(`contact ${i} reveal ${j}`, () => reveal.first().click());
  }
  await nav('photoOptOuts');
  const chooser = page.getByLabel('Event', { exact: true });
  const options = await chooser.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  for (const [i, value] of options.slice(0, events).entries()) {
    await screen(`photo lists of event ${i}`, () => chooser.selectOption(value));
    await screen(`printed photo list of event ${i}`, () => page.getByRole('button', { name: 'Print the list' }).click());
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  }
}

/** Each exported HTML page, opened from disk as the person who receives it would; returns the CSP violations seen. */
async function exportedPages(browser: Browser, tally: Tally, core: ReturnType<typeof openCore>, seeded: Seeded, dir: string): Promise<number> {
  const { contactIds, eventIds } = seeded;
  const files: string[] = [];
  for (const [i, contactId] of contactIds.entries()) {
    for (const mode of ['access', 'portability'] as const) {
      const out = join(dir, `bundle-${i}-${mode}.zip`);
      await call(core, 'exports.subject', { contactId, mode, includeSensitive: true, language: i % 2 ? 'fr' : 'en', out });
      const summary = (await readZip(out)).find((e) => e.name === 'summary.html');
      if (!summary) throw new Error(`The ${mode} bundle has no summary.html`);
      files.push(join(dir, `summary-${i}-${mode}.html`));
      writeFileSync(files.at(-1)!, summary.bytes);
    }
  }
  for (const [i, eventId] of eventIds.entries()) {
    const sheet = await dispatch(core, 'photos.eventListFile', { eventId, format: 'html', language: 'en' });
    if (!sheet.ok) throw new Error(`photos.eventListFile refused: ${sheet.error.message}`);
    files.push(join(dir, `photo-list-${i}.html`));
    writeFileSync(files.at(-1)!, (sheet.data as { content: string }).content);
  }
  if (seeded.letters.length < contactIds.length) throw new Error('A reply letter was not saved: its printable page would go unchecked');
  for (const [i, letter] of seeded.letters.entries()) {
    const { html } = await call(core, 'requests.letter', letter);
    files.push(join(dir, `letter-${i}.html`));
    writeFileSync(files.at(-1)!, html);
  }
  const context = await browser.newContext();
  const fileWatch = await watched(context);
  const page = await context.newPage();
  for (const file of files) {
    await page.goto(`file://${file}`);
    tally.files += 1;
    await look(page, fileWatch, tally, file.slice(dir.length + 1));
  }
  await context.close();
  return fileWatch.csp;
}

async function xssRun(size: number, scratch: string): Promise<ProofRow> {
  const staticDir = join(repoRoot(), 'dist/renderer');
  if (!existsSync(join(staticDir, 'app.js'))) throw new Error('dist/renderer is missing: run `node scripts/build.mjs` first');
  const payloads = XSS_PAYLOADS.slice(0, size);
  const vaultDir = join(scratch, 'vault');
  const exportsDir = join(scratch, 'exports');
  mkdirSync(exportsDir);
  const seedCore = openCore(vaultDir);
  await call(seedCore, 'vault.create', { passphrase: PASS, staffName: 'XSS Admin' });
  // Copy c fills every field with payload c: each field holds every payload once.
  const seeded = await seedRecords(seedCore, (_field, copy) => payloads[copy]!, payloads.length);
  await seedCore.lock();

  const core = openCore(vaultDir);
  const preview = await startPreviewServer({ core, staticDir, exportsDir, log: () => {} });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const tally: Tally = { failures: new Failures(), screens: 0, files: 0, showingPayloads: 0 };
  let csp = 0;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
    const watch = await watched(context);
    const page = await context.newPage();
    await screens(page, preview.url, watch, tally, seeded.contactIds.length, seeded.eventIds.length);
    csp += watch.csp;
    await context.close();
    csp += await exportedPages(browser, tally, core, seeded, exportsDir);
  } finally {
    await browser.close();
    await preview.close();
  }
  const fields = new Set(seeded.storedFields);
  // Payloads no screen showed would prove nothing: that is a failure of the row itself.
  if (tally.showingPayloads === 0) tally.failures.add('no screen showed any payload text: the payloads never reached the screens');
  return {
    area: 'xss',
    check: 'payloads in every text field, screens and exported HTML',
    trials: tally.screens + tally.files,
    failures: tally.failures.count,
    detail: [
      ...tally.failures.lines,
      ...seeded.refused.slice(0, 3).map((r) => `not stored: ${r}`),
      `${payloads.length} payloads in ${fields.size} fields (${seeded.storedFields.length} values stored, ${seeded.refused.length} records refused); ${tally.screens} screens, ${tally.files} exported HTML files; payload text visible on ${tally.showingPayloads}; CSP violations ${csp}`,
    ],
  };
}

export const xssCorpus: ProofCheck = {
  area: 'xss',
  check: 'payloads in every text field, screens and exported HTML',
  failureMeans: 'a stored payload ran, fetched from outside or became markup on a screen or in an exported HTML file',
  sizes: { full: XSS_PAYLOADS.length, quick: 4 },
  run: xssRun,
};
