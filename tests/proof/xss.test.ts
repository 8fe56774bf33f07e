/**
 * The XSS row of `npm run proof`, at its quick size (a few payloads, every main screen),
 * and the row's own detector shown a page where payloads do run, so a blind detector
 * cannot pass for a safe app.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { expectHeld } from './expect-held';
import { Failures } from './table';
import { look, watched, xssCorpus, type Tally } from './xss';

it('stored payloads run nowhere: not on a screen under the CSP, not in an exported HTML file', async () => {
  await expectHeld(xssCorpus);
});

it('the detector sees a payload that runs, one that fetches from outside and one that opens a dialog', async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext();
    const watch = await watched(context);
    const page = await context.newPage();
    const unsafe = join(tempDir(), 'unsafe.html');
    writeFileSync(unsafe, `<!doctype html><body><p>__xss</p><img src=x onerror="__xss('T1')"><img src="http://xss.invalid/T2.png"><script>alert('T3')</script></body>`);
    const tally: Tally = { failures: new Failures(), screens: 0, files: 0, showingPayloads: 0 };
    await page.goto(`file://${unsafe}`);
    await look(page, watch, tally, 'unsafe.html');
    expect(tally.failures.count).toBe(1);
    expect(tally.showingPayloads).toBe(1);
    for (const sign of ['__xss T1', 'fetch http://xss.invalid/T2.png', 'dialog T3', 'markup <img onerror>', 'markup <script>']) expect(tally.failures.lines[0]).toContain(sign);
  } finally {
    await browser.close();
  }
});
