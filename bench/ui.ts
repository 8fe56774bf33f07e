/**
 * `npm run bench:ui [-- --contacts N | --vault DIR]`: the contacts list in Debian's Chromium
 * over a throwaway demo vault (default 100,000 contacts), or over the vault in DIR (its
 * passphrase in REGISTRE_PASSPHRASE; a million contacts take minutes to seed, so a copy of
 * a seeded vault can be measured again and again), served by the browser preview.
 * Numbers only; tests never assert on time.
 *   - keystroke in the search box → the list showing results for the new text, p50 / p95
 *     (issue 17 target p95 ≤ 40 ms at 100k, ≤ 100 ms at a million). Each key waits for the previous answer, like a person
 *     reading as they type; the clock starts at the key event and stops after the frame
 *     that shows the rows (the list's data-query names the text its rows answer).
 *   - a word typed fast (a key every 60 ms, quicker than a broad search answers): its last
 *     key → the list showing results for the whole word
 *   - the search request's own round trip, for the part the core and the bridge take
 *   - a jump deep into the unfiltered list → every row in view filled in, p50 / p95 (target ≤ 60 ms)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const QUERIES = ['eric', 'muller', 'mar', 'anna sch', 'inspector', 'naturvard', 'lukasz', 'jo', 'garda', 'pe'];
/** Enough that the p95 is not simply the slowest jump. */
const JUMPS = 40;
const PAUSE_MS = 100;
/** A fast typist: the keys come quicker than a broad search answers. */
const FAST_KEY_MS = 60;
const RESULT_TIMEOUT_MS = 10_000;

function stats(samples: number[]): { p50: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}

const report = (what: string, value: string, target = '') => {
  process.stdout.write(`${what.padEnd(44)} ${value.padStart(22)}  ${target}`.trimEnd() + '\n');
};
const ms = (s: { p50: number; p95: number; max: number }) => `${s.p50.toFixed(0)} / ${s.p95.toFixed(0)} / ${s.max.toFixed(0)} ms`;

/**
 * The preview of `vault`, or of a demo vault it seeds (it prints that one's passphrase, and
 * deletes it when it stops).
 */
function startPreview(target: { vault: string; passphrase: string } | { contacts: number }) {
  const args = 'vault' in target ? ['--vault', target.vault] : ['--contacts', String(target.contacts)];
  const child = spawn(process.execPath, [join(__dirname, 'preview.cjs'), ...args, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = new Promise<{ url: string; passphrase: string }>((resolve, reject) => {
    let url = '';
    let passphrase = 'vault' in target ? target.passphrase : '';
    child.once('exit', (code) => reject(new Error(`preview exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      url ||= /^Registre preview: (\S+)$/.exec(line.trim())?.[1] ?? '';
      passphrase ||= /passphrase: (.+)$/.exec(line.trim())?.[1] ?? '';
      if (url && passphrase) resolve({ url, passphrase });
    });
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  return { ready, stop };
}

declare global {
  interface Window {
    /** Arms the clock; `registreBenchKeyTime` then gives ms from the last key event to results for `text` on screen. */
    registreBenchKey?(text: string, timeoutMs: number): void;
    registreBenchKeyTime?: Promise<number>;
    /** Scrolls the list to `fraction` of its height: resolves with ms until every row in view is filled in. */
    registreBenchJump?(fraction: number, timeoutMs: number): Promise<number>;
  }
}

/** Runs inside the page: the clock must see the key event and the frame, not the driver's round trips. */
function installProbes(): void {
  performance.setResourceTimingBufferSize(10_000);
  const afterPaint = (resolve: (t: number) => void) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
  window.registreBenchKey = (text, timeoutMs) => {
    window.registreBenchKeyTime = new Promise((resolve, reject) => {
      const results = document.querySelector('[data-testid="contacts-results"]')!;
      let keyAt: number | null = null;
      const onKey = (e: KeyboardEvent) => (keyAt = e.timeStamp);
      const done = () => {
        observer.disconnect();
        clearTimeout(timer);
        window.removeEventListener('keydown', onKey, { capture: true });
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no results for "${text}" within ${timeoutMs} ms`));
      }, timeoutMs);
      window.addEventListener('keydown', onKey, { capture: true });
      const observer = new MutationObserver(() => {
        if (keyAt === null || results.getAttribute('data-query') !== text) return;
        const start = keyAt;
        done();
        afterPaint((t) => resolve(t - start));
      });
      observer.observe(results, { attributes: true, attributeFilter: ['data-query'] });
    });
  };
  window.registreBenchJump = (fraction, timeoutMs) =>
    new Promise((resolve, reject) => {
      const scroller = document.querySelector<HTMLElement>('.table-wrap--scroll')!;
      const start = performance.now();
      scroller.scrollTop = fraction * (scroller.scrollHeight - scroller.clientHeight);
      const rowHeight = scroller.querySelector<HTMLElement>('.table__row')!.offsetHeight;
      const middle = Math.floor((scroller.scrollTop + scroller.clientHeight / 2) / rowHeight);
      const filled = () => {
        const rows = [...scroller.querySelectorAll<HTMLElement>('.table__row')];
        const indexes = rows.map((r) => Number(r.dataset.index));
        // Rows around the middle of the view must be the new ones, and none a placeholder.
        return Math.min(...indexes) <= middle && Math.max(...indexes) >= middle && !rows.some((r) => r.classList.contains('table__row--placeholder'));
      };
      const tick = () => {
        if (performance.now() - start > timeoutMs) return reject(new Error(`rows at ${fraction} not filled within ${timeoutMs} ms`));
        // Checked in a frame's callback, before that frame is painted: rows filled now are
        // on screen once it is, which the timeout after it marks (waiting for a further frame,
        // as the bench did, counted one frame too many).
        if (filled()) setTimeout(() => resolve(performance.now() - start), 0);
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { contacts: { type: 'string' }, vault: { type: 'string' } } });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  let preview;
  if (values.vault) {
    const passphrase = process.env.REGISTRE_PASSPHRASE;
    if (!passphrase) throw new Error("--vault needs the vault's passphrase in REGISTRE_PASSPHRASE");
    process.stdout.write(`Registre UI benchmarks (Chromium, the vault in ${values.vault})\n\n`);
    preview = startPreview({ vault: values.vault, passphrase });
  } else {
    const contacts = Number(values.contacts ?? 100_000);
    process.stdout.write(`Registre UI benchmarks (Chromium, ${contacts} demo contacts; seeding takes a while)\n\n`);
    preview = startPreview({ contacts });
  }
  const profile = mkdtempSync(join(tmpdir(), 'registre-bench-ui-'));
  try {
    const { url, passphrase } = await preview.ready;
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 860 },
      locale: 'en-GB',
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url);
      await page.getByLabel('Your passphrase').fill(passphrase);
      await page.getByRole('button', { name: 'Unlock' }).click();
      // The app opens on the home screen ("Today"); the list is one click away.
      await page.locator('nav [data-route="contacts"]').click({ timeout: 60_000 });
      const results = page.getByTestId('contacts-results');
      await results.locator('.table__row').first().waitFor({ timeout: 60_000 });
      await page.evaluate(installProbes);
      const search = page.getByLabel('Search', { exact: true });
      const clearSearch = async () => {
        await search.fill('');
        await page.waitForFunction(() => document.querySelector('[data-testid="contacts-results"]')?.getAttribute('data-query') === '');
        await search.focus();
      };

      const keystrokes: number[] = [];
      const typed: string[] = [];
      for (const query of QUERIES) {
        await clearSearch();
        for (let i = 1; i <= query.length; i++) {
          const text = query.slice(0, i);
          await page.evaluate(([t, timeout]) => window.registreBenchKey!(t, timeout), [text, RESULT_TIMEOUT_MS] as const);
          await page.keyboard.press(query[i - 1] === ' ' ? 'Space' : query[i - 1]!);
          keystrokes.push(await page.evaluate(() => window.registreBenchKeyTime!));
          typed.push(text);
          await page.waitForTimeout(PAUSE_MS);
        }
      }
      const words: number[] = [];
      for (const query of QUERIES) {
        await clearSearch();
        await page.evaluate(([t, timeout]) => window.registreBenchKey!(t, timeout), [query, RESULT_TIMEOUT_MS] as const);
        await page.keyboard.type(query, { delay: FAST_KEY_MS });
        words.push(await page.evaluate(() => window.registreBenchKeyTime!));
        await page.waitForTimeout(PAUSE_MS);
      }
      const roundTrips = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => e.name.includes('/api/contacts.search'))
          .map((e) => e.duration),
      );

      await clearSearch();
      const jumps: number[] = [];
      for (let i = 0; i < JUMPS; i++) {
        // Spread over the whole register, never twice the same page.
        jumps.push(await page.evaluate(([f, timeout]) => window.registreBenchJump!(f, timeout), [(i * 0.618034) % 1, RESULT_TIMEOUT_MS] as const));
        await page.waitForTimeout(PAUSE_MS);
      }

      report(`keystroke → results shown (${keystrokes.length} keys)`, ms(stats(keystrokes)), 'p50 / p95 / max, target p95 ≤ 40 ms at 100k, ≤ 100 ms at 1M');
      const slowest = keystrokes
        .map((t, i) => ({ t, text: typed[i]! }))
        .sort((a, b) => b.t - a.t)
        .slice(0, 5);
      report('  slowest keys', slowest.map((k) => `"${k.text}" ${k.t.toFixed(0)}`).join(', '));
      report(`word typed fast → its results (${words.length} words)`, ms(stats(words)), `last key → shown; a key every ${FAST_KEY_MS} ms`);
      report(`contacts.search round trip (${roundTrips.length} calls)`, ms(stats(roundTrips)), 'p50 / p95 / max');
      report(`jump deep → rows filled in (${jumps.length} jumps)`, ms(stats(jumps)), 'p50 / p95 / max, target p95 ≤ 60 ms');
    } finally {
      await context.close();
    }
  } finally {
    await preview.stop();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:ui: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
