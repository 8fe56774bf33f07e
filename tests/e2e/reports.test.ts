/**
 * End-to-end: the Reports screen — the record-of-processing check lists a processor with
 * no signed agreement and its button opens that processor in the register; the compliance
 * report (PDF) and the record of processing (HTML) are made from the screen and land in
 * the exports folder. Build first: `node scripts/build.mjs`.
 * Screenshots: tests/e2e/screenshots/reports-*.png.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultThroughScreens, openPreviewInChromium, previewCall, shotsAtOfficeSizes, type E2eSession } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };

let session: E2eSession | null = null;
let page: Page;

const heading = () => page.locator('h1');
const nav = (route: string) => page.locator(`nav [data-route="${route}"]`).click();

/** Waits for the export's result in `scope` and returns the file it names. */
async function savedPath(scope: ReturnType<Page['getByTestId']>): Promise<string> {
  const result = scope.getByTestId('export-result');
  await expect.poll(() => result.count(), { timeout: 30_000 }).toBe(1);
  return (await result.locator('.export-result__path').textContent())!.trim();
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-reports-');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('reports', () => {
  it('the check lists a processor with no signed agreement', async () => {
    await createVaultThroughScreens(page, session!.previewUrl, ADMIN);
    await previewCall(session!, 'processors.add', { name: 'Acme Mail', kind: 'processor', role: 'Mail merge', country: 'BE', dpaStatus: 'pending', dataCategories: ['e-mail address'] });
    await nav('reports');
    await expect.poll(() => heading().textContent()).toBe('Reports');
    const finding = page.getByTestId('ropa-check').locator('li', { hasText: 'Acme Mail: no signed data-processing agreement' });
    await finding.waitFor();
    await shotsAtOfficeSizes(page, 'reports-screen');
  });

  it('makes the compliance report as PDF and the record of processing as HTML, saved in the exports folder', async () => {
    const compliance = page.getByTestId('compliance-report');
    await compliance.getByRole('button', { name: 'Last year' }).click();
    await compliance.getByRole('button', { name: 'Make the compliance report' }).click();
    const pdf = await savedPath(compliance);
    expect(existsSync(pdf)).toBe(true);
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain('Data protection compliance report');

    const ropa = page.getByTestId('ropa-report');
    await ropa.getByLabel('Web page (HTML)').check();
    await ropa.getByRole('button', { name: 'Make the record' }).click();
    const html = await savedPath(ropa);
    expect(html.endsWith('.html')).toBe(true);
    expect(readFileSync(html, 'utf8')).toContain('Record of processing activities');
    await page.getByTestId('compliance-report').scrollIntoViewIfNeeded();
    await shotsAtOfficeSizes(page, 'reports-made');
  });

  it('the finding’s button opens that processor in the register', async () => {
    const finding = page.getByTestId('ropa-check').locator('li', { hasText: 'Acme Mail: no signed data-processing agreement' });
    await finding.getByRole('button', { name: 'Open in the register' }).click();
    await expect.poll(() => heading().textContent()).toBe('Processing register');
    expect(await page.getByRole('tab', { name: 'Processors' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByRole('dialog').getByRole('heading', { name: 'Edit Acme Mail' }).count()).toBe(1);
    await shotsAtOfficeSizes(page, 'reports-fix');
  });
});
