/** Runs the built CLI (dist/cli.cjs, built by `npm test` before vitest) as a real process. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
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

/** A new vault in a temp folder and two ways to run a command on it: as text, or its `--json` answer (which must succeed). */
export function cliVault() {
  const vault = join(tempDir(), 'vault');
  expect(cli(['init', '--vault', vault], { env: CLI_ENV }).code).toBe(0);
  const run = (...args: string[]) => cli([...args, '--vault', vault], { env: CLI_ENV });
  function json<T>(...args: string[]): T {
    const r = run(...args, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as T;
  }
  return { vault, run, json };
}
