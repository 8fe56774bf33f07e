/**
 * The bundle's summary.html as a person sees it: opened from disk in Chromium, in English
 * and French, with screenshots in tests/e2e/screenshots/ to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../db/export/zip';
import { call, tempDir } from '../helpers';
import { bundleVault } from '../export/export-bundle-seed';

const SHOTS = join(__dirname, 'screenshots');

describe('summary.html in Chromium', () => {
  it('reads as a self-contained page in English and French, loading nothing and fitting the page width', async () => {
    const v = await bundleVault();
    mkdirSync(SHOTS, { recursive: true });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const cases = [
        { language: 'en', mode: 'access', h1: 'Your personal data held by IMPEL', rights: 'Your rights', complaint: 'Belgian Data Protection Authority' },
        { language: 'fr', mode: 'access', h1: 'Vos données personnelles détenues par IMPEL', rights: 'Vos droits', complaint: 'Autorité de protection des données' },
        { language: 'fr', mode: 'portability', h1: 'Vos données personnelles détenues par IMPEL', rights: 'Vos droits', complaint: 'Autorité de protection des données' },
      ] as const;
      for (const c of cases) {
        const out = join(tempDir(), 'bundle.zip');
        await call(v.core, 'exports.subject', { contactId: v.a.id, mode: c.mode, language: c.language, includeSensitive: true, out });
        const html = join(tempDir(), 'summary.html');
        writeFileSync(html, (await readZip(out)).find((e) => e.name === 'summary.html')!.bytes);

        const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
        const requests: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(`file://${html}`);
        expect(await page.getAttribute('html', 'lang')).toBe(c.language);
        expect(await page.textContent('h1')).toBe(c.h1);
        expect(await page.locator('h2', { hasText: c.rights }).count()).toBe(1);
        expect(await page.locator('address').textContent()).toContain(c.complaint);
        expect(await page.locator('h2', { hasText: c.rights }).locator('xpath=following-sibling::ul[1]/li').count()).toBe(7);
        // Purposes, bases and retention in every summary; portability also shows its rule.
        expect(await page.locator('table.purposes').count()).toBe(1);
        expect(await page.locator('table.portability').count()).toBe(c.mode === 'portability' ? 1 : 0);
        expect(await page.evaluate(() => document.scripts.length)).toBe(0);
        expect(requests).toEqual([`file://${html}`]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
        await page.screenshot({ path: join(SHOTS, `bundle-summary-${c.language}-${c.mode}.png`), fullPage: true });
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });
});
