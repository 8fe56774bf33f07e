import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { exportSubjectCommands } from '../../cli/export-subject-commands';
import { readZip } from '../../db/export/zip';
import { manifestSchema } from '../../shared/export-manifest';
import { tempDir } from '../helpers';
import { cli, initLightVault } from './run-cli';

const env = { REGISTRE_PASSPHRASE: 'a long cli passphrase' };

describe('registre export subject', () => {
  it('writes a bundle whose zip opens and whose manifest is valid, encrypted when a password is given', async () => {
    const dir = tempDir();
    const vault = join(dir, 'vault');
    initLightVault(vault, env);
    const ana = JSON.parse(cli(['contacts', 'add', '--vault', vault, '--json', JSON.stringify({ fullName: 'Ana Ruiz', email: 'ana@example.org', language: 'fr' })], { env }).stdout) as { id: string };
    const run = (args: string[], extraEnv: Record<string, string> = {}) => cli(['export', 'subject', '--vault', vault, ...args], { env: { ...env, ...extraEnv } });

    const out = join(dir, 'ana.zip');
    const r = run(['--contact', ana.id, '--mode', 'access', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wrote ${out}`);
    expect(r.stdout).toMatch(/contact\.csv +1 rows/);
    const manifest = manifestSchema.parse(JSON.parse(new TextDecoder().decode((await readZip(out)).find((e) => e.name === 'manifest.json')!.bytes)));
    expect(manifest.subject).toEqual({ contactId: ana.id, mode: 'access', includeSensitive: false, language: 'fr', encrypted: false });
    const names = (await readZip(out)).map((e) => e.name);
    expect(names).toEqual([...manifest.files.map((f) => f.name), 'manifest.json']);
    expect(names).toContain('summary.html');

    // The password from a file (first line only), in portability mode, as JSON output.
    const passwordFile = join(dir, 'zip-password.txt');
    writeFileSync(passwordFile, 'a zip password from a file\n');
    const locked = join(dir, 'ana-locked.zip');
    const j = run(['--contact', ana.id, '--mode', 'portability', '--language', 'en', '--password-file', passwordFile, '--out', locked, '--json']);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ outcome: 'written', path: locked, manifestPath: null });
    const entries = await readZip(locked, 'a zip password from a file');
    expect(entries.every((e) => e.encrypted)).toBe(true);
    expect(JSON.parse(Buffer.from(entries.at(-1)!.bytes).toString('utf8')).subject).toMatchObject({ mode: 'portability', language: 'en', encrypted: true });

    // Or from the environment.
    const fromEnv = join(dir, 'ana-env.zip');
    expect(run(['--contact', ana.id, '--mode', 'access', '--out', fromEnv], { REGISTRE_ZIP_PASSWORD: 'an environment password' }).code).toBe(0);
    expect((await readZip(fromEnv, 'an environment password'))[0]!.encrypted).toBe(true);
  });

  it('refuses bad options and a missing contact clearly, writing nothing', () => {
    const dir = tempDir();
    const vault = join(dir, 'vault');
    initLightVault(vault, env);
    const run = (...args: string[]) => cli(['export', 'subject', '--vault', vault, ...args], { env });
    const out = join(dir, 'x.zip');

    const mode = run('--contact', 'c1', '--mode', 'everything', '--out', out);
    expect(mode.code).toBe(2);
    expect(mode.stderr).toMatch(/--mode must be one of access, portability/);
    const missing = run('--contact', 'no-such-contact', '--mode', 'access', '--out', out);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/This contact does not exist/);
    // A password on the command line would be visible to every user of the machine.
    const inline = run('--contact', 'c1', '--mode', 'access', '--out', out, '--password', 'visible to ps');
    expect(inline.code).not.toBe(0);
    expect(inline.stderr).toMatch(/password/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['vault']);
  });

  it('cancels on Ctrl-C, writing nothing and exiting 1', async () => {
    const dir = tempDir();
    const vault = join(dir, 'vault');
    initLightVault(vault, env);
    const ana = JSON.parse(cli(['contacts', 'add', '--vault', vault, '--json', JSON.stringify({ fullName: 'Ana Ruiz', email: 'ana@example.org' })], { env }).stdout) as { id: string };
    const out = join(dir, 'ana.zip');

    // The command in this process, so the SIGINT reaches it while the export runs: its own
    // listener is called (not the test runner's), every turn until the command returns.
    vi.stubEnv('REGISTRE_PASSPHRASE', env.REGISTRE_PASSPHRASE);
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const before = process.listeners('SIGINT');
    try {
      let settled = false;
      const running = exportSubjectCommands['export subject']!.run({ vault, contact: ana.id, mode: 'access', out }, []).finally(() => (settled = true));
      let pressed = 0;
      while (!settled) {
        for (const listener of process.listeners('SIGINT').filter((l) => !before.includes(l))) {
          (listener as () => void)();
          pressed++;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(await running).toBe(1);
      expect(pressed).toBeGreaterThan(0);
      expect(write.mock.calls.map((c) => String(c[0])).join('')).toContain('Cancelled: nothing was written.');
    } finally {
      write.mockRestore();
      vi.unstubAllEnvs();
    }
    expect(process.listeners('SIGINT')).toEqual(before);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['vault']);
  });
});
