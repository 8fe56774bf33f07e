/**
 * End-to-end: when the core loses its single-writer lock (registre.lock removed under it),
 * the window lands on the unlock screen with the message that says why, and unlocking again
 * carries on. Build first: `node scripts/build.mjs`.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPreviewInChromium, type E2eSession } from './harness';

const PASSPHRASE = 'lantern otter saffron bicycle';

let session: E2eSession;

async function api(method: string, input: object): Promise<{ ok: boolean }> {
  const r = await fetch(`${session.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Registre-Token': new URL(session.previewUrl).searchParams.get('token') ?? '' },
    body: JSON.stringify(input),
  });
  return (await r.json()) as { ok: boolean };
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-lock-');
});

afterAll(async () => {
  await session?.close();
});

describe('a lost vault lock in the browser preview', () => {
  it('sends the user to the unlock screen with the reason, and unlocking again carries on', async () => {
    const { page } = session;
    expect((await api('vault.create', { passphrase: PASSPHRASE, staffName: 'Anne Dupont' })).ok).toBe(true);
    await page.goto(session.previewUrl);
    await page.getByRole('button', { name: 'Audit log' }).click();
    await page.getByTestId('audit-table').waitFor();

    rmSync(join(session.vaultDir, 'registre.lock'));
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Unlock Registre');
    expect(await page.getByText('Registre locked the vault because it lost its hold on it').count()).toBe(1);
    expect(await page.getByText('Registre has been locked. Your work is saved').count()).toBe(0);
    await session.shot('unlock-lock-lost');

    await page.getByLabel('Your passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Audit log');
    expect(session.consoleProblems).toEqual([]);
  });
});
