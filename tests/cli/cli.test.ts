import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../db/migrations/index';
import { DEFAULT_SCRYPT } from '../../db/vault/crypto';
import { decodeRecoveryKey } from '../../db/vault/recovery-key';
import { tempDir } from '../helpers';
import { cli, initLightVault } from './run-cli';

const PASS = 'a long cli passphrase';
const env = { REGISTRE_PASSPHRASE: PASS };

/** `registre init --json`'s answer: the real command when the test is about it, else the light vault. */
function initVault(staff = 'Chloé Dupont', real = false): { vault: string; recoveryKey: string } {
  const vault = join(tempDir(), 'vault');
  if (!real) return initLightVault(vault, env, staff);
  const r = cli(['init', '--vault', vault, '--staff', staff, '--json'], { env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as { vault: string; recoveryKey: string };
  expect(out.vault).toBe(vault);
  return out;
}

describe('registre CLI', () => {
  it('init prints the recovery key once, as JSON with --json', () => {
    const { vault, recoveryKey } = initVault('Chloé Dupont', true);
    expect(decodeRecoveryKey(recoveryKey)).toHaveLength(32);
    expect(readdirSync(vault).sort()).toEqual(expect.arrayContaining(['registre.db', 'registre.keys']));
    // A vault the CLI creates costs a guesser the full work factor (tests' own vaults do not).
    const kdf = (JSON.parse(readFileSync(join(vault, 'registre.keys'), 'utf8')) as { kdf: { N: number; r: number; p: number } }).kdf;
    expect({ N: kdf.N, r: kdf.r, p: kdf.p }).toEqual(DEFAULT_SCRYPT);
    const again = cli(['init', '--vault', vault, '--json'], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^registre: A vault already exists/);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('status reports schema version, counts and audit head', () => {
    const { vault } = initVault();
    const r = cli(['status', '--vault', vault, '--json'], { env });
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { schemaVersion: string; counts: Record<string, number>; auditHead: { seq: number } };
    expect(s.schemaVersion).toBe(latestSchemaVersion);
    expect(s.counts.staff).toBe(1);
    expect(s.counts.contacts).toBe(0);
    expect(s.auditHead.seq).toBeGreaterThanOrEqual(2);
    const human = cli(['status', '--vault', vault], { env });
    expect(human.stdout).toContain(`Schema version: ${latestSchemaVersion}`);
  });

  it('audit verify exits 0 on an intact chain', () => {
    const { vault } = initVault();
    const r = cli(['audit', 'verify', '--vault', vault, '--json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ intact: true, firstBroken: null });
  });

  it('refuses a passphrase on the command line and changes nothing', () => {
    const dir = tempDir();
    const vault = join(dir, 'vault');
    const r = cli(['init', '--vault', vault, '--passphrase', PASS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/never accepted on the command line/);
    expect(existsSync(vault)).toBe(false);
  });

  it('reads the passphrase from --passphrase-file (first line only)', () => {
    const { vault } = initVault();
    const file = join(tempDir(), 'pass.txt');
    writeFileSync(file, `${PASS}\n`);
    const r = cli(['status', '--vault', vault, '--passphrase-file', file, '--json']);
    expect(r.code).toBe(0);
  });

  it('reads passphrase files saved by Windows tools (UTF-8 BOM, UTF-16 from PowerShell)', () => {
    const { vault } = initVault();
    const dir = tempDir();
    const utf8 = join(dir, 'notepad.txt');
    writeFileSync(utf8, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${PASS}\r\n`)]));
    const utf16 = join(dir, 'powershell.txt');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${PASS}\r\n`, 'utf16le')]));
    for (const file of [utf8, utf16]) expect(cli(['status', '--vault', vault, '--passphrase-file', file]).code).toBe(0);
  });

  it('a wrong passphrase gives one line on stderr and a non-zero exit', () => {
    const { vault } = initVault();
    const r = cli(['status', '--vault', vault], { env: { REGISTRE_PASSPHRASE: 'wrong passphrase here' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('registre: Wrong passphrase.\n');
  });

  it('manages staff: add, list, remove; the removed passphrase stops working', () => {
    const { vault } = initVault();
    const add = cli(['staff', 'add', '--vault', vault, '--name', 'Jan Peeters', '--role', 'auditor', '--json'], {
      env: { ...env, REGISTRE_NEW_PASSPHRASE: 'auditor passphrase 1' },
    });
    expect(add.code).toBe(0);
    const added = JSON.parse(add.stdout) as { id: string; role: string };
    expect(added.role).toBe('auditor');
    const list = JSON.parse(cli(['staff', 'list', '--vault', vault, '--json'], { env }).stdout) as Array<{ name: string }>;
    expect(list.map((s) => s.name).sort()).toEqual(['Chloé Dupont', 'Jan Peeters']);
    expect(cli(['staff', 'list', '--vault', vault], { env: { REGISTRE_PASSPHRASE: 'auditor passphrase 1' } }).code).toBe(0);
    const badRole = cli(['staff', 'add', '--vault', vault, '--name', 'X', '--role', 'boss'], { env: { ...env, REGISTRE_NEW_PASSPHRASE: 'whatever passphrase' } });
    expect(badRole.code).toBe(2);
    const reset = cli(['staff', 'reset-passphrase', added.id, '--vault', vault], { env: { ...env, REGISTRE_NEW_PASSPHRASE: 'auditor passphrase 2' } });
    expect(reset.code).toBe(0);
    expect(cli(['staff', 'list', '--vault', vault], { env: { REGISTRE_PASSPHRASE: 'auditor passphrase 1' } }).code).toBe(2);
    expect(cli(['staff', 'list', '--vault', vault], { env: { REGISTRE_PASSPHRASE: 'auditor passphrase 2' } }).code).toBe(0);
    expect(cli(['staff', 'remove', added.id, '--vault', vault], { env }).code).toBe(0);
    const after = cli(['status', '--vault', vault], { env: { REGISTRE_PASSPHRASE: 'auditor passphrase 2' } });
    expect(after.code).not.toBe(0);
  });

  it('passphrase change: the old one stops working, the new one opens', () => {
    const { vault } = initVault();
    const next = 'a brand new passphrase';
    expect(cli(['passphrase', 'change', '--vault', vault], { env: { ...env, REGISTRE_NEW_PASSPHRASE: next } }).code).toBe(0);
    expect(cli(['status', '--vault', vault], { env }).code).toBe(2);
    expect(cli(['status', '--vault', vault], { env: { REGISTRE_PASSPHRASE: next } }).code).toBe(0);
  });

  it('recovery-key sqlcipher-pragma prints the raw-key PRAGMA from stdin', () => {
    const { recoveryKey } = initVault();
    const r = cli(['recovery-key', 'sqlcipher-pragma'], { input: `${recoveryKey.toLowerCase()}\n` });
    expect(r.code).toBe(0);
    const hex = decodeRecoveryKey(recoveryKey).toString('hex');
    expect(r.stdout).toContain(`PRAGMA key = "x'${hex}'";`);
    const typo = cli(['recovery-key', 'sqlcipher-pragma'], { input: recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/typo|wrong length|characters/);
  });

  it('demo fills a new vault with synthetic data', () => {
    const vault = join(tempDir(), 'vault');
    const r = cli(['demo', '--vault', vault, '--contacts', '120', '--json'], { env });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { counts: Record<string, number>; recoveryKey: string | null };
    expect(out.counts.contacts).toBe(120);
    expect(out.recoveryKey).not.toBeNull();
    const s = JSON.parse(cli(['status', '--vault', vault, '--json'], { env }).stdout) as { counts: Record<string, number> };
    expect(s.counts.contacts).toBe(120);
    expect(s.counts.organisations).toBeGreaterThan(10);
    expect(s.counts.events).toBeGreaterThan(10);
    expect(cli(['demo', '--vault', vault, '--contacts', 'lots'], { env }).code).toBe(2);
  });

  it('demo runs from the bundle with only the native module installed (faker is a devDependency)', () => {
    // dist/cli.cjs alone in a folder whose node_modules holds nothing but the cipher module,
    // as after `npm ci --omit=dev`: every other package, faker included, is in the bundle.
    const app = tempDir();
    copyFileSync(join(import.meta.dirname, '..', '..', 'dist', 'cli.cjs'), join(app, 'cli.cjs'));
    mkdirSync(join(app, 'node_modules'));
    const native = 'better-sqlite3-multiple-ciphers';
    symlinkSync(join(createRequire(import.meta.url).resolve(`${native}/package.json`), '..'), join(app, 'node_modules', native), 'dir');
    expect(() => createRequire(join(app, 'cli.cjs')).resolve('@faker-js/faker')).toThrow(/Cannot find module/);
    const vault = join(tempDir(), 'vault');
    const r = spawnSync(process.execPath, [join(app, 'cli.cjs'), 'demo', '--vault', vault, '--contacts', '20', '--json'], {
      cwd: app,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { counts: Record<string, number> }).counts.contacts).toBe(20);
  });

  it("adds and lists records with the API's camelCase JSON", () => {
    const { vault } = initVault();
    const run = (args: string[]) => cli([...args, '--vault', vault], { env });
    const org = JSON.parse(run(['orgs', 'add', '--json', '{"name": "Bruxelles Environnement", "type": "governmental_agency", "country": "BE"}']).stdout) as { id: string };
    const added = run(['contacts', 'add', '--json', JSON.stringify({ fullName: 'Éloïse Lambert', email: 'eloise@example.be', phone: '02 775 75 75', country: 'BE', organisationId: org.id })]);
    expect(added.code).toBe(0);
    const contact = JSON.parse(added.stdout) as { id: string; phones: string[] };
    expect(contact.phones).toEqual(['+3227757575']);
    const ev = JSON.parse(run(['events', 'add', '--json', '{"name": "Expert Workshop", "startDate": "2026-02-03"}']).stdout) as { id: string };
    expect(run(['participation', 'add', '--json', JSON.stringify({ contactId: contact.id, eventId: ev.id })]).code).toBe(0);
    const list = JSON.parse(run(['contacts', 'list', '--search', 'eloise', '--json']).stdout) as { total: number; items: Array<{ id: string }> };
    expect(list).toMatchObject({ total: 1, items: [{ id: contact.id }] });
    expect(run(['contacts', 'show', contact.id]).stdout).toMatch(/2026-02-03 participant — Expert Workshop/);
    expect(run(['orgs', 'list']).stdout).toMatch(/Bruxelles Environnement/);
    const bad = run(['contacts', 'add', '--json', '{"fullName": "X", "email": "nope"}']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a valid e-mail/);
    expect(run(['contacts', 'add', '--json', '{"name": "wrong key"}']).code).toBe(2);
  });

  it('orgs add still adds an organisation with a near name, and names the near ones on stderr', () => {
    const { vault } = initVault();
    const run = (args: string[]) => cli([...args, '--vault', vault], { env });
    const first = run(['orgs', 'add', '--json', '{"name": "Bruxelles Environnement", "type": "governmental_agency", "country": "BE"}']);
    expect(first.stderr).toBe('');
    const org = JSON.parse(first.stdout) as { id: string };
    const near = run(['orgs', 'add', '--json', '{"name": "bruxelles-environnement ", "type": "governmental_agency"}']);
    expect(near.code).toBe(0);
    const added = JSON.parse(near.stdout) as { id: string; name: string };
    expect(added.name).toBe('bruxelles-environnement');
    expect(near.stderr).toBe(`registre: warning: "bruxelles-environnement" was added, but the vault already has an organisation with a similar name: Bruxelles Environnement (${org.id}).\n`);
    const other = run(['orgs', 'add', '--json', '{"name": "Vlaamse Milieumaatschappij", "type": "governmental_agency"}']);
    expect(other.code).toBe(0);
    expect(other.stderr).toBe('');
    expect((JSON.parse(run(['orgs', 'list', '--json']).stdout) as { total: number }).total).toBe(3);
  });

  it('imports a CSV: dry run with an error report first, then all-or-nothing', () => {
    const { vault } = initVault();
    const file = join(__dirname, '..', 'fixtures', 'import', 'mailchimp-audience.csv');
    const report = join(tempDir(), 'errors.csv');
    const dry = cli(['contacts', 'import', file, '--vault', vault, '--dry-run', '--error-report', report, '--json'], { env });
    expect(dry.code).toBe(1); // the file has an invalid row
    const preview = JSON.parse(dry.stdout) as { counts: { new: number; invalid: number } };
    expect(preview.counts.invalid).toBe(1);
    expect(readFileSync(report, 'utf8')).toMatch(/not-an-address/);
    const count = () => (JSON.parse(cli(['contacts', 'list', '--vault', vault, '--json'], { env }).stdout) as { total: number }).total;
    expect(count()).toBe(0);
    const refused = cli(['contacts', 'import', file, '--vault', vault], { env });
    expect(refused.code).not.toBe(0);
    expect(count()).toBe(0);
    expect(cli(['contacts', 'import', file, '--vault', vault, '--skip-invalid'], { env }).code).toBe(0);
    expect(count()).toBe(preview.counts.new);
  });

  it('imports a Mailchimp export with no mapping file: its subscribers onto the newsletter list, its unsubscribed export off it', () => {
    const { vault } = initVault();
    const fixtures = join(__dirname, '..', 'fixtures', 'import');
    const dry = cli(['contacts', 'import', join(fixtures, 'mailchimp-subscribed.csv'), '--vault', vault, '--dry-run'], { env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/6 new.*consents: 6 granted, 0 withdrawn/);
    expect(cli(['contacts', 'import', join(fixtures, 'mailchimp-subscribed.csv'), '--vault', vault], { env }).code).toBe(0);
    const list = () => {
      const out = join(tempDir(), 'newsletter.csv');
      expect(cli(['export', 'mailing-list', '--out', out, '--vault', vault], { env }).code).toBe(0);
      return readFileSync(out, 'utf8').split(/\r?\n/).slice(1).filter(Boolean).length;
    };
    expect(list()).toBe(6);
    // Lucia and Hans were subscribed too, by an earlier import of the unsubscribed people's sign-up form.
    const signUps = join(tempDir(), 'sign-ups.csv');
    writeFileSync(signUps, 'Email Address,Full name,OPTIN_TIME\nlucia.rossi@ispra.example.it,Lucia Rossi,2022-05-01 09:00:00\nhans.meier@bafu.example.ch,Hans Meier,2021-11-03 14:00:00\n');
    expect(cli(['contacts', 'import', signUps, '--vault', vault], { env }).code).toBe(0);
    expect(list()).toBe(8);
    const unsub = cli(['contacts', 'import', join(fixtures, 'mailchimp-unsubscribed.csv'), '--vault', vault], { env });
    expect(unsub.code).toBe(0);
    expect(unsub.stdout).toMatch(/consents: 0 granted, 2 withdrawn/);
    expect(list()).toBe(6);
    // Again: nothing to record.
    const again = cli(['contacts', 'import', join(fixtures, 'mailchimp-unsubscribed.csv'), '--vault', vault], { env });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/Nothing to import/);
  });

  it('refuses an error report whose folder does not exist before importing anything', () => {
    const { vault } = initVault();
    const file = join(__dirname, '..', 'fixtures', 'import', 'mailchimp-audience.csv');
    const dir = tempDir();
    const aFile = join(dir, 'plain.txt');
    writeFileSync(aFile, 'not a folder');
    const head = () => (JSON.parse(cli(['status', '--vault', vault, '--json'], { env }).stdout) as { auditHead: { seq: number } }).auditHead.seq;
    const first = head();
    const step = head() - first; // opening the vault for `status` may log its own event
    for (const report of [join(dir, 'missing', 'r.csv'), join(aFile, 'r.csv')]) {
      const before = head();
      const r = cli(['contacts', 'import', file, '--vault', vault, '--skip-invalid', '--error-report', report], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^registre: The folder of the error report .* does not exist: choose another folder\.\n$/);
      expect(r.stderr).not.toMatch(/ENOENT|ENOTDIR|\.tmp/);
      expect(head()).toBe(before + step);
    }
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['plain.txt']);
    expect((JSON.parse(cli(['contacts', 'list', '--vault', vault, '--json'], { env }).stdout) as { total: number }).total).toBe(0);
    const folder = cli(['contacts', 'import', file, '--vault', vault, '--skip-invalid', '--error-report', dir], { env });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/^registre: .*is a folder/);
  });

  it('shows and changes settings', () => {
    const { vault } = initVault();
    const set = cli(['settings', 'set', '--vault', vault, '--auto-lock-minutes', '5', '--auditors-may-reveal', 'true', '--json'], { env });
    expect(set.code).toBe(0);
    const settings = JSON.parse(set.stdout) as Record<string, unknown>;
    expect(settings).toMatchObject({ autoLockMinutes: 5, auditorsMayReveal: true, minorAgeThreshold: 16, homeCountry: 'BE', controller: { name: 'IMPEL' } });
    expect(Object.keys(settings)).toEqual(['autoLockMinutes', 'auditorsMayReveal', 'minorAgeThreshold', 'homeCountry', 'backupFolder', 'backupEveryDays', 'backupKeep', 'controller']);
    expect(JSON.parse(cli(['settings', 'set', '--vault', vault, '--home-country', 'fr', '--json'], { env }).stdout)).toMatchObject({ homeCountry: 'FR' });
    expect(cli(['settings', 'set', '--vault', vault, '--home-country', 'France'], { env }).code).toBe(2);
    expect(cli(['settings', 'show', '--vault', vault], { env }).stdout).toMatch(/autoLockMinutes\s+5/);
    expect(cli(['settings', 'set', '--vault', vault, '--minor-age', '40'], { env }).code).toBe(2);
    expect(cli(['settings', 'set', '--vault', vault, '--auditors-may-reveal', 'yes'], { env }).code).toBe(2);
  });

  it('settings set with no setting is a usage error and writes no audit event', () => {
    const { vault } = initVault();
    const head = () => (JSON.parse(cli(['status', '--vault', vault, '--json'], { env }).stdout) as { auditHead: { seq: number } }).auditHead.seq;
    // Each `status` opens the vault, which may log its own event: measure that step first.
    const first = head();
    const step = head() - first;
    const before = head();
    const r = cli(['settings', 'set', '--vault', vault], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^registre: Give at least one setting to change/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(head()).toBe(before + step);
  });

  it('numeric options take a whole number in range, negative ones included, with one clear line', () => {
    const { vault } = initVault();
    const refused = (args: string[], message: RegExp) => {
      const r = cli([...args, '--vault', vault], { env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    };
    const limit = /^registre: --limit takes a whole number from 1 to 500\./;
    for (const command of [
      ['contacts', 'list'],
      ['orgs', 'list'],
      ['events', 'list'],
      ['consents', 'review'],
      ['sharing', 'list'],
    ]) {
      for (const value of [['--limit', '-1'], ['--limit=-1'], ['--limit', '0'], ['--limit', '501'], ['--limit', '2.5'], ['--limit', 'ten']]) refused([...command, ...value], limit);
      refused([...command, '--offset', '-1'], /^registre: --offset takes a whole number from 0/);
    }
    refused(['settings', 'set', '--minor-age', '-1'], /^registre: --minor-age takes a whole number from 13 to 18\./);
    refused(['settings', 'set', '--auto-lock-minutes=-5'], /^registre: --auto-lock-minutes takes a whole number from 1 to 240\./);
    refused(['demo', '--contacts', '-1'], /^registre: --contacts takes a whole number from 0 to 1000000\./);
    refused(['contacts', 'list', '--search', '-x'], /^registre: --search needs a value: write --search=-x for a value that starts with a dash\. Run registre --help\.\n$/);
    const head = () => (JSON.parse(cli(['status', '--vault', vault, '--json'], { env }).stdout) as { auditHead: { seq: number } }).auditHead.seq;
    const first = head();
    const step = head() - first; // opening the vault for `status` may log its own event
    const before = head();
    refused(['contacts', 'list', '--limit', '-1'], limit);
    expect(head()).toBe(before + step);
    expect(cli(['contacts', 'list', '--vault', vault, '--limit', '5', '--offset', '0'], { env }).code).toBe(0);
  });

  it('unknown commands and missing secrets are usage errors', () => {
    expect(cli(['frobnicate']).code).toBe(2);
    const r = cli(['status', '--vault', join(tempDir(), 'v')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/REGISTRE_PASSPHRASE/);
    expect(cli(['--help']).stdout).toMatch(/recovery-key sqlcipher-pragma/);
  });
});
