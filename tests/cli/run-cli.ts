/** Runs the built CLI (dist/cli.cjs, built by `npm test` before vitest) as a real process. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { expect } from 'vitest';
import { tempDir } from '../helpers';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.cjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], opts: { env?: Record<string, string>; input?: string } = {}): CliResult {
  if (!existsSync(CLI)) throw new Error('dist/cli.cjs is missing: run `node scripts/build.mjs` first');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...opts.env };
  const r = spawnSync(process.execPath, [CLI, ...args], { env, input: opts.input ?? '', encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The passphrase the CLI tests' vaults are created with (read from the environment, as scripts do). */
export const CLI_ENV = { REGISTRE_PASSPHRASE: 'a long cli passphrase' };

// The version the built CLI stamps, so a vault made here reads as one `init` made.
const APP_PACKAGE_VERSION = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
let lightVaultChild: string | undefined;

/**
 * What `registre init --vault VAULT --json` prints, for a vault made as `init` makes it but
 * with the tests' light key stretching (tests/fixtures/light-vault-child.ts), so the
 * commands run on it after do not each spend a second deriving the key. Tests of `init`
 * itself run the real command.
 */
export function initLightVault(vault: string, env: Record<string, string>, staff = 'Administrator'): { vault: string; recoveryKey: string } {
  if (!lightVaultChild) {
    lightVaultChild = join(mkdtempSync(join(tmpdir(), 'registre-light-vault-')), 'light-vault-child.cjs');
    const entry = join(__dirname, '..', 'fixtures', 'light-vault-child.ts');
    buildSync({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: lightVaultChild,
      external: ['better-sqlite3-multiple-ciphers'],
      logLevel: 'silent',
      define: { __APP_VERSION__: JSON.stringify(APP_PACKAGE_VERSION) },
    });
  }
  // The bundle sits in a temp folder: the native cipher module is found through NODE_PATH.
  const r = spawnSync(process.execPath, [lightVaultChild, vault, staff], { env: { PATH: process.env.PATH ?? '', NODE_PATH: join(__dirname, '..', '..', 'node_modules'), ...env }, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { vault: string; recoveryKey: string };
}

/** A new vault in a temp folder and two ways to run a command on it: as text, or its `--json` answer (which must succeed). */
export function cliVault() {
  const vault = join(tempDir(), 'vault');
  initLightVault(vault, CLI_ENV);
  const run = (...args: string[]) => cli([...args, '--vault', vault], { env: CLI_ENV });
  function json<T>(...args: string[]): T {
    const r = run(...args, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as T;
  }
  return { vault, run, json };
}
