/**
 * What every end-to-end test needs: the built preview server over a fresh vault folder,
 * Debian's Chromium driving it, console errors collected, screenshots, and clean-up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

const root = resolve(__dirname, '../..');
/** Where the e2e tests' images go (gitignored), for people to look at. */
export const SCREENSHOT_DIR = join(root, 'tests/e2e/screenshots');
const screenshots = SCREENSHOT_DIR;
const CHROMIUM = '/usr/bin/chromium';
export const VIEWPORT = { width: 1280, height: 860 };

export interface E2eSession {
  page: Page;
  /** The address the preview printed, token included. */
  previewUrl: string;
  origin: string;
  /** The vault folder the preview serves. */
  vaultDir: string;
  /** Where the preview saves exports (its stand-in for the save dialog); inside the session's temp folder. */
  exportsDir: string;
  /** Console errors and page errors seen so far. */
  consoleProblems: string[];
  /** Saves tests/e2e/screenshots/<name>.png, tall enough for the whole content pane. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

function startPreview(vaultDir: string, exportsDir: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, [join(root, 'dist/preview.cjs'), '--vault', vaultDir, '--port', '0', '--exports-dir', exportsDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview did not print its URL in time. stderr: ${stderr}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`preview exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^Registre preview: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/.exec(line.trim());
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
  });
  return { child, url };
}

export async function openPreviewInChromium(prefix: string, options: { seed?(vaultDir: string): void } = {}): Promise<E2eSession> {
  for (const f of ['dist/preview.cjs', 'dist/renderer/app.js', 'dist/renderer/app.css', 'dist/renderer/index.html']) {
    if (!existsSync(join(root, f))) throw new Error(`${f} is missing: run \`node scripts/build.mjs\` first`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  mkdirSync(screenshots, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  options.seed?.(join(tmp, 'vault'));
  const exportsDir = join(tmp, 'exports');
  mkdirSync(exportsDir);
  const preview = startPreview(join(tmp, 'vault'), exportsDir);
  const previewUrl = await preview.url;
  const context = await chromium.launchPersistentContext(join(tmp, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: VIEWPORT,
    locale: 'en-GB',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleProblems: string[] = [];
  page.on('console', (m) => {
    // A <meta> CSP cannot carry frame-ancestors (the HTTP header and Electron set it); Chromium says so.
    if (m.type() === 'error' && !m.text().includes("'frame-ancestors'")) consoleProblems.push(m.text());
  });
  page.on('pageerror', (e) => consoleProblems.push(e.message));

  return {
    page,
    previewUrl,
    origin: new URL(previewUrl).origin,
    vaultDir: join(tmp, 'vault'),
    exportsDir,
    consoleProblems,
    async shot(name) {
      // In the app shell only the content pane scrolls; grow the window so the picture holds it all.
      const overflow = await page.evaluate(() => {
        const pane = document.querySelector('.content');
        return pane ? pane.scrollHeight - pane.clientHeight : 0;
      });
      if (overflow > 0) await page.setViewportSize({ width: VIEWPORT.width, height: VIEWPORT.height + overflow });
      // Let layout and fonts settle so the picture shows what a person would see.
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
      if (overflow > 0) await page.setViewportSize(VIEWPORT);
    },
    async close() {
      await context.close();
      const child = preview.child;
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * Creates the vault through its first screens as a person would (name, passphrase twice,
 * recovery key acknowledged), lands on the home dashboard, and opens the contacts register,
 * where most tests start. Call inside a test.
 */
export async function createVaultThroughScreens(page: Page, previewUrl: string, admin: { name: string; passphrase: string }): Promise<void> {
  await page.goto(previewUrl);
  await expect.poll(() => page.locator('h1').textContent()).toBe('Create your organisation’s vault');
  await page.getByLabel('Your name').fill(admin.name);
  await page.getByLabel('Passphrase', { exact: true }).fill(admin.passphrase);
  await page.getByLabel('Type the passphrase again').fill(admin.passphrase);
  await page.getByRole('button', { name: 'Create the vault' }).click();
  await page.getByLabel('I have written it down or printed it').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe('Today');
  await page.locator('nav [data-route="contacts"]').click();
  await expect.poll(() => page.locator('h1').textContent()).toBe('Contacts');
}

/**
 * An admin adds a colleague through Settings → Staff, as a person would, and waits until
 * the profile is listed (deriving its passphrase key takes a moment on a busy machine).
 */
export async function addStaffThroughSettings(page: Page, person: { name: string; passphrase: string }, role: 'staff' | 'auditor' | 'admin'): Promise<void> {
  await page.locator('nav [data-route="settings"]').click();
  await expect.poll(() => page.locator('h1').textContent()).toBe('Settings');
  await page.getByLabel('Name', { exact: true }).fill(person.name);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByLabel('First passphrase', { exact: true }).fill(person.passphrase);
  await page.getByLabel('Type the first passphrase again').fill(person.passphrase);
  await page.getByRole('button', { name: 'Add this person' }).click();
  await expect.poll(() => page.getByTestId('staff-table').textContent(), { timeout: 30_000 }).toContain(person.name);
}

/** Locks the app and signs in again with another passphrase. */
export async function unlockAs(page: Page, passphrase: string): Promise<void> {
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect.poll(() => page.locator('h1').first().textContent()).toBe('Unlock Registre');
  await page.getByLabel('Your passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
}

/** The office laptop's sizes: 1366×768 at 125 % (1093×560 CSS px) and a 1024×600 netbook. */
export const OFFICE_SIZES = [
  { width: 1093, height: 560 },
  { width: 1024, height: 600 },
] as const;

/** Screenshots at the office sizes, as the person sees the window (no taller picture), then back to the test's size. */
export async function shotsAtOfficeSizes(page: Page, name: string): Promise<void> {
  for (const size of OFFICE_SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(__dirname, 'screenshots', `${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(VIEWPORT);
}

/** Calls the preview's API as the renderer does (token header), for setting up what a test starts from. */
export async function previewCall<T>(session: E2eSession, method: string, input: unknown): Promise<T> {
  const url = new URL(session.previewUrl);
  const res = await fetch(`${url.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-registre-token': url.searchParams.get('token')! },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; data: T; error?: unknown };
  if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error)}`);
  return body.data;
}

/** An ISO day as the office types it into a date field: day first (dd/mm/yyyy). */
export const typed = (iso: string): string => iso.split('-').reverse().join('/');
