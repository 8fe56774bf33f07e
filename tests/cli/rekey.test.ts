/**
 * `registre rekey` (issue 12): the new recovery key reaches the person before the switch —
 * typed back on a terminal, or written to a new owner-only file by a script — and without
 * either the command changes nothing.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKeyed } from '../../db/vault/open-db';
import { decodeRecoveryKey } from '../../db/vault/recovery-key';
import { tempDir } from '../helpers';
import { hashes } from '../vault/vault-files';
import { cli, initLightVault } from './run-cli';

const PASS = 'a long cli passphrase';
const env = { REGISTRE_PASSPHRASE: PASS };
const CLI = join(__dirname, '..', '..', 'dist', 'cli.cjs');

function initVault(): { vault: string; recoveryKey: string } {
  const vault = join(tempDir(), 'vault');
  return initLightVault(vault, env);
}

function opens(vault: string, recoveryKey: string): boolean {
  const raw = openKeyed(join(vault, 'registre.db'), decodeRecoveryKey(recoveryKey));
  raw?.close();
  return raw !== null;
}

/** The CLI on a real terminal (util-linux `script` gives it a pty); `answer` turns what it printed into what is typed. */
function onTerminal(args: string[], answer: (shown: string) => string | null): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
  return new Promise((done, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
    let output = '';
    let typed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!typed && /Type the new recovery key/.test(output)) {
        typed = true;
        child.stdin.write(`${answer(output)}\r`);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => done({ code, output }));
  });
}

const shownKey = (output: string) => /^\s+([0-9A-Z]{4}(?:-[0-9A-Z]{4}){13})\s*$/m.exec(output)![1]!;

describe('registre rekey', () => {
  it('without a terminal and without --recovery-key-out, refuses in one line and changes nothing', () => {
    const { vault, recoveryKey } = initVault();
    const before = hashes(vault);
    const r = cli(['rekey', '--vault', vault], { env });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--recovery-key-out FILE/);
    expect(hashes(vault)).toEqual(before);
    expect(opens(vault, recoveryKey)).toBe(true);
  });

  it('writes the new key to a new owner-only file, then switches', () => {
    const { vault, recoveryKey } = initVault();
    const keyFile = join(tempDir(), 'new-key.txt');
    const r = cli(['rekey', '--vault', vault, '--recovery-key-out', keyFile, '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const answer = JSON.parse(r.stdout) as { recoveryKey: string; recoveryKeyFile: string; switched: boolean };
    expect(answer).toMatchObject({ recoveryKeyFile: keyFile, switched: true });
    expect(readFileSync(keyFile, 'utf8')).toBe(`${answer.recoveryKey}\n`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(opens(vault, answer.recoveryKey)).toBe(true);
    expect(opens(vault, recoveryKey)).toBe(false);
    expect(cli(['status', '--vault', vault], { env }).code).toBe(0);
  });

  it('never writes over an existing file, and then changes nothing', () => {
    const { vault, recoveryKey } = initVault();
    const keyFile = join(tempDir(), 'taken.txt');
    writeFileSync(keyFile, 'something precious\n');
    const before = hashes(vault);
    const r = cli(['rekey', '--vault', vault, '--recovery-key-out', keyFile], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already exists/);
    expect(readFileSync(keyFile, 'utf8')).toBe('something precious\n');
    expect(hashes(vault)).toEqual(before);
    expect(opens(vault, recoveryKey)).toBe(true);
  });

  it('on a terminal, shows the key and switches once it is typed back; a wrong one changes nothing', async () => {
    const { vault, recoveryKey } = initVault();
    const wrong = await onTerminal(['rekey', '--vault', vault], () => recoveryKey);
    expect(wrong.code).toBe(2);
    expect(wrong.output).toMatch(/not the new recovery key/);
    expect(opens(vault, recoveryKey)).toBe(true);
    expect(opens(vault, shownKey(wrong.output))).toBe(false);

    // Typed the way people copy: lower case, spaces for dashes.
    const right = await onTerminal(['rekey', '--vault', vault], (shown) => shownKey(shown).toLowerCase().replace(/-/g, ' '));
    expect(right.code, right.output).toBe(0);
    expect(right.output).toMatch(/previous recovery key no longer opens it/);
    expect(opens(vault, shownKey(right.output))).toBe(true);
    expect(opens(vault, recoveryKey)).toBe(false);
  });
});
