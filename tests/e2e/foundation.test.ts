/**
 * End-to-end: the built renderer in Debian's Chromium, through the browser-preview bridge,
 * over a real encrypted vault in a temp folder. Build first: `node scripts/build.mjs`.
 * Screenshots of every main screen land in tests/e2e/screenshots/ for people to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPreviewInChromium, VIEWPORT, type E2eSession } from './harness';

const ADMIN = { name: 'Anne Dupont', passphrase: 'lantern otter saffron bicycle' };
const AUDITOR = { name: 'Marc Peeters', passphrase: 'harbour violet meadow tractor', resetTo: 'copper walrus lemonade sunrise' };

let session: E2eSession | null = null;
let previewUrl = '';
let origin = '';
let page: Page;
let recoveryKey = '';
let oldRecoveryKey = '';
let consoleProblems: string[] = [];

const shot = (name: string) => session!.shot(name);

const heading = () => page.locator('h1');

async function unlockWith(passphrase: string): Promise<void> {
  await page.getByLabel(/^(Your passphrase|Votre phrase secrète)$/).fill(passphrase);
  await page.getByRole('button', { name: /^(Unlock|Déverrouiller)$/ }).click();
}

async function lock(): Promise<void> {
  await page.getByRole('button', { name: /^(Lock|Verrouiller)$/ }).click();
  await expect.poll(() => heading().first().textContent()).toMatch(/^(Unlock Registre|Déverrouiller Registre)$/);
}

beforeAll(async () => {
  session = await openPreviewInChromium('registre-e2e-');
  ({ page, previewUrl, consoleProblems } = session);
  origin = session.origin;
});

afterAll(async () => {
  await session?.close();
});

describe('foundation in the browser preview', () => {
  it('rejects API requests without the token', async () => {
    const noToken = await fetch(`${origin}/api/vault.status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
    const wrongToken = await fetch(`${origin}/api/vault.status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Registre-Token': 'not-the-token' },
      body: '{}',
    });
    expect(wrongToken.status).toBe(401);
  });

  it('creates a vault, refusing a guessable passphrase first', async () => {
    await page.goto(previewUrl);
    await expect.poll(() => heading().textContent()).toBe('Create your organisation’s vault');
    // The token leaves the address bar once it is in sessionStorage.
    expect(page.url()).not.toContain('token=');
    await expect.poll(() => page.getByTestId('vault-folder').textContent()).toContain(session!.vaultDir);

    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Passphrase', { exact: true }).fill('password12');
    await page.getByLabel('Type the passphrase again').fill('password12');
    await page.getByRole('button', { name: 'Create the vault' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('too easy to guess');

    await page.getByLabel('Passphrase', { exact: true }).fill(ADMIN.passphrase);
    await page.getByLabel('Type the passphrase again').fill(`${ADMIN.passphrase}x`);
    await page.getByRole('button', { name: 'Create the vault' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not the same');

    await page.getByLabel('Type the passphrase again').fill(ADMIN.passphrase);
    await expect.poll(() => page.locator('.strength__text').textContent()).toMatch(/Strong|Very strong/);
    await shot('01-create-vault');
    await page.getByRole('button', { name: 'Create the vault' }).click();
  });

  it('shows the recovery key once and requires the written-down step', async () => {
    const key = page.getByTestId('recovery-key');
    await key.waitFor();
    const groups = await key.locator('.recovery-key__group').allTextContents();
    recoveryKey = groups.join('-');
    expect(recoveryKey).toMatch(/^(?:[0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(await heading().textContent()).toBe('Your recovery key');
    const continueButton = page.getByRole('button', { name: 'Continue' });
    expect(await continueButton.isDisabled()).toBe(true);
    await page.getByLabel('I have written it down or printed it').check();
    expect(await continueButton.isEnabled()).toBe(true);
    await shot('02-recovery-key');

    // Printing shows only the key and how to use it, not the screen around it.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.print-sheet').isVisible()).toBe(true);
    expect(await continueButton.isVisible()).toBe(false);
    expect(await page.locator('.print-sheet .recovery-key__group').allTextContents()).toEqual(groups);
    await shot('02b-recovery-key-printed');
    await page.emulateMedia({ media: 'screen' });

    await continueButton.click();
    // Every unlock starts at the home dashboard.
    await expect.poll(() => heading().textContent()).toBe('Today');
    const me = await page.getByTestId('signed-in').textContent();
    expect(me).toContain(ADMIN.name);
    expect(me).toContain('Administrator');
    await shot('03-shell-home');
  });

  it('lists the audit log and verifies the chain', async () => {
    await page.getByRole('button', { name: 'Audit log' }).click();
    await expect.poll(() => heading().textContent()).toBe('Audit log');
    const rows = page.getByTestId('audit-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('audit-table').textContent()).toContain('Created the vault');
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toMatch(/Intact: the \d+ events form an unbroken chain up to today/);
    await shot('04-audit-log');
  });

  it('adds an auditor in Settings', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => heading().textContent()).toBe('Settings');
    await expect.poll(() => page.getByTestId('vault-counts').textContent()).toContain('Staff profiles1');
    await page.getByLabel('Name', { exact: true }).fill(AUDITOR.name);
    await page.getByLabel('Role', { exact: true }).selectOption('auditor');
    await page.getByLabel('First passphrase', { exact: true }).fill(AUDITOR.passphrase);
    await page.getByLabel('Type the first passphrase again').fill(AUDITOR.passphrase);
    await page.getByRole('button', { name: 'Add this person' }).click();
    await expect.poll(() => page.getByTestId('staff-table').textContent()).toContain(AUDITOR.name);
    expect(await page.getByTestId('staff-table').textContent()).toContain('Auditor');
    await expect.poll(() => page.getByTestId('vault-counts').textContent()).toContain('Staff profiles2');
    await shot('05-settings-admin');
  });

  it('lets an admin set a new passphrase for a colleague', async () => {
    await page.getByRole('button', { name: `Set a new passphrase for ${AUDITOR.name}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe(`New passphrase for ${AUDITOR.name}`);
    await dialog.getByLabel('New passphrase', { exact: true }).fill(AUDITOR.resetTo);
    await dialog.getByLabel('Type the new passphrase again').fill(AUDITOR.resetTo);
    await shot('05b-settings-reset-passphrase');
    await dialog.getByRole('button', { name: 'Set the new passphrase' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('status').allTextContents()).toContain(`${AUDITOR.name} can now sign in with the new passphrase.`);
  });

  it('cancelling a new encryption key changes nothing', async () => {
    await page.getByRole('button', { name: 'Replace the encryption key…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Until then, nothing changes');
    await shot('05c-settings-rekey-confirm');
    await dialog.getByRole('button', { name: 'Make a new key' }).click();
    await expect.poll(() => heading().textContent(), { timeout: 30_000 }).toBe('Your new recovery key');
    await page.getByRole('button', { name: 'Cancel and keep the old key' }).click();
    await expect.poll(() => heading().textContent()).toBe('Settings');
    await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Nothing changed: the vault stays encrypted with the old key, and the old recovery key still opens it.');
  });

  it('replaces the encryption key only once the new recovery key is typed back', async () => {
    await page.getByRole('button', { name: 'Replace the encryption key…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Make a new key' }).click();
    await expect.poll(() => heading().textContent(), { timeout: 30_000 }).toBe('Your new recovery key');
    const groups = await page.getByTestId('recovery-key').locator('.recovery-key__group').allTextContents();
    const replaced = groups.join('-');
    expect(replaced).toMatch(/^(?:[0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(replaced).not.toBe(recoveryKey);
    expect(await page.getByText('the old recovery key keeps working').filter({ visible: true }).count()).toBe(1);
    await shot('05d-new-recovery-key');
    for (const size of [
      { width: 1093, height: 560 },
      { width: 1024, height: 600 },
    ]) {
      await page.setViewportSize(size);
      await shot(`05d-new-recovery-key-${size.width}x${size.height}`);
    }
    await page.setViewportSize(VIEWPORT);

    // The current key is a valid key, but not the new one: refused, nothing changes.
    const typed = page.getByLabel('Type the new recovery key');
    await typed.fill(recoveryKey);
    await page.getByRole('button', { name: 'Switch to the new key' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('This is not the new recovery key shown above');
    await shot('05e-rekey-wrong-key');
    expect(await heading().textContent()).toBe('Your new recovery key');

    await typed.fill(replaced.toLowerCase().replace(/-/g, ' '));
    // On a small screen too, Settings comes back scrolled to where the outcome is said.
    await page.setViewportSize({ width: 1024, height: 600 });
    await page.getByRole('button', { name: 'Switch to the new key' }).click();
    await expect.poll(() => heading().textContent(), { timeout: 30_000 }).toBe('Settings');
    const switched = page.getByRole('status').filter({ hasText: 'The vault is now encrypted with the new key. The old recovery key no longer opens it: destroy any copy of it.' });
    await expect
      .poll(async () => {
        const box = await switched.boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= 600;
      })
      .toBe(true);
    await page.setViewportSize(VIEWPORT);
    await shot('05f-settings-rekeyed');
    oldRecoveryKey = recoveryKey;
    recoveryKey = replaced;
  });

  it('notices a lock made elsewhere and comes back to the same screen', async () => {
    await page.getByRole('button', { name: 'Audit log' }).click();
    await page.getByTestId('audit-table').waitFor();
    // As the idle timer or the OS lock would: the core locks without the window asking.
    const locked = await fetch(`${origin}/api/vault.lock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Registre-Token': new URL(previewUrl).searchParams.get('token') ?? '' },
      body: '{}',
    });
    expect(((await locked.json()) as { ok: boolean }).ok).toBe(true);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => heading().textContent()).toBe('Unlock Registre');
    expect(await page.getByText('Registre has been locked. Your work is saved').count()).toBe(1);
    await unlockWith(ADMIN.passphrase);
    await expect.poll(() => heading().textContent()).toBe('Audit log');
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => heading().textContent()).toBe('Settings');
  });

  it('locks, explains a wrong passphrase, slows down repeated guesses, and returns to the same screen', async () => {
    await lock();
    await unlockWith('this is not it at all');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('This passphrase is not right');
    await shot('06-unlock-wrong-passphrase');

    // Four more failures reach the core's back-off: the wait is counted down and blocks the button.
    for (let i = 0; i < 4; i++) {
      await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
      await unlockWith(`still wrong, attempt ${i}`);
      await page.getByRole('alert').waitFor();
    }
    await expect.poll(() => page.getByTestId('countdown').textContent()).toMatch(/You can try again in \d+ seconds?/);
    expect(await page.getByRole('button', { name: 'Unlock', exact: true }).isDisabled()).toBe(true);
    await shot('07-unlock-throttled');
    await page.getByTestId('countdown').waitFor({ state: 'detached', timeout: 20_000 });

    await unlockWith(ADMIN.passphrase);
    await expect.poll(() => heading().textContent()).toBe('Settings');
  });

  it('offers an auditor nothing to edit', async () => {
    await lock();
    await unlockWith(AUDITOR.passphrase);
    // The passphrase the admin replaced no longer opens the vault.
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('This passphrase is not right');
    await unlockWith(AUDITOR.resetTo);
    // Someone else unlocking starts at home, not on the screen the admin left.
    await expect.poll(() => heading().textContent()).toBe('Today');
    await page.locator('nav [data-route="settings"]').click();
    await expect.poll(() => heading().textContent()).toBe('Settings');
    expect(await page.getByTestId('signed-in').textContent()).toContain('Auditor');
    await expect.poll(() => page.getByTestId('staff-table').locator('tbody tr').count()).toBe(2);
    // The automatic lock, the records settings and the backups: shown, not editable.
    expect(await page.getByText('Only an administrator can change this.').count()).toBe(3);
    expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add this person' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Replace the encryption key/ }).count()).toBe(0);
    await shot('08-settings-auditor');
    await lock();
    await unlockWith(ADMIN.passphrase);
    await expect.poll(() => page.getByTestId('signed-in').textContent()).toContain(ADMIN.name);
    await page.locator('nav [data-route="settings"]').click();
  });

  it('switches to French, keeps it after a reload, and every section renders', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => heading().textContent()).toBe('Paramètres');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');

    // The token now lives in sessionStorage: a reload still reaches the core.
    await page.reload();
    await expect.poll(() => heading().textContent()).toBe('Paramètres');

    const french: Record<string, string> = {
      home: 'Aujourd’hui',
      contacts: 'Contacts',
      organisations: 'Organisations',
      projects: 'Projets',
      events: 'Événements',
      register: 'Registre des traitements',
      consents: 'Consentements',
      photoOptOuts: 'Refus de photos',
      requests: 'Demandes',
      retention: 'Conservation',
      statistics: 'Statistiques',
      exports: 'Exports',
      reports: 'Rapports',
      backups: 'Sauvegardes',
      audit: 'Journal d’audit',
      settings: 'Paramètres',
    };
    const items = page.locator('nav [data-route]');
    expect(await items.count()).toBe(Object.keys(french).length);
    for (const [route, title] of Object.entries(french)) {
      await page.locator(`nav [data-route="${route}"]`).click();
      await expect.poll(() => heading().textContent()).toBe(title);
      expect(await page.locator(`nav [data-route="${route}"]`).getAttribute('aria-current')).toBe('page');
      if (route === 'audit') await page.getByTestId('audit-table').waitFor();
      if (route === 'settings') await page.getByTestId('staff-table').waitFor();
      await shot(`fr-${String(Object.keys(french).indexOf(route) + 1).padStart(2, '0')}-${route}`);
    }
  });

  it('shows the unlock screen in French too', async () => {
    await lock();
    expect(await heading().textContent()).toBe('Déverrouiller Registre');
    await unlockWith('toujours pas la bonne');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/phrase secrète/i);
    await shot('fr-unlock-error');
  });

  it('recovers with the recovery key: pick the profile, set a new passphrase, signed in', async () => {
    await page.getByRole('button', { name: 'Phrase secrète oubliée ? Utilisez la clé de récupération' }).click();
    expect(await heading().textContent()).toBe('Utiliser la clé de récupération');
    // A typo is caught by the key's checksum, with a message that says what to do.
    const typo = recoveryKey.slice(0, -1) + (recoveryKey.endsWith('0') ? '1' : '0');
    await page.getByLabel('Clé de récupération').fill(typo);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/faute de frappe|autre coffre-fort/);
    // The key replaced earlier is refused: it belongs to the old data key.
    await page.getByLabel('Clé de récupération').fill(oldRecoveryKey);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('remplacée par une plus récente');
    await page.getByLabel('Clé de récupération').fill(recoveryKey.toLowerCase().replace(/-/g, ' '));
    await shot('fr-recovery-key-entry');
    await page.getByRole('button', { name: 'Continuer' }).click();

    await expect.poll(() => heading().textContent()).toBe('Choisissez votre profil');
    await page.getByLabel(ADMIN.name).check();
    const fresh = 'pelican granite mustard orchestra';
    await page.getByLabel('Nouvelle phrase secrète', { exact: true }).fill(fresh);
    await page.getByLabel('Retapez la nouvelle phrase secrète').fill(fresh);
    await shot('fr-recovery-profile');
    await page.getByRole('button', { name: 'Enregistrer et se connecter' }).click();
    await expect.poll(() => page.getByTestId('signed-in').textContent()).toContain(ADMIN.name);

    // The new passphrase is now the one that opens the vault; the old one no longer does.
    await lock();
    await unlockWith(ADMIN.passphrase);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/pas la bonne/);
    await unlockWith(fresh);
    await expect.poll(() => page.getByTestId('signed-in').textContent()).toContain(ADMIN.name);
  });

  it('logged no errors in the browser console', () => {
    expect(consoleProblems).toEqual([]);
  });
});
