import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ExportFile } from '../../db/export/output-file';
import { writeZip } from '../../db/export/zip';
import type { ExportVerifyDto } from '../../shared/dto/exports';
import { RegistreCore } from '../../db/core';
import { call, PASS, tempDir } from '../helpers';
import { cli, cliVault, initLightVault } from './run-cli';

const env = { REGISTRE_PASSPHRASE: 'a long cli passphrase' };
const CLI = join(__dirname, '..', '..', 'dist', 'cli.cjs');

describe('registre export register / export verify', () => {
  it('writes a CSV for people with --for-people --language fr, the machine form without it', () => {
    const { vault, run } = cliVault();
    expect(run('contacts', 'add', '--json', JSON.stringify({ fullName: 'Ana Ruiz', country: 'BE', gender: 'female' })).code).toBe(0);
    const people = join(tempDir(), 'contacts.csv');
    const r = cli(['export', 'register', '--table', 'contacts', '--format', 'csv', '--for-people', '--language', 'fr', '--out', people, '--vault', vault], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [header, row] = parse(readFileSync(people, 'utf8'), {}) as string[][];
    expect(header!.slice(0, 2)).toEqual(['Identifiant', 'Nom complet']);
    expect(row![header!.indexOf('Genre')]).toBe('Femme');
    expect(row![header!.indexOf('Pays')]).toBe('Belgique');
    const machine = join(tempDir(), 'machine.csv');
    expect(run('export', 'register', '--table', 'contacts', '--format', 'csv', '--out', machine).code).toBe(0);
    expect(readFileSync(machine, 'utf8').split('\r\n')[0]).toBe(
      'id,fullName,primaryEmail,otherEmails,phones,jobTitle,gender,organisationId,organisationName,country,language,notes,createdAt,updatedAt,archivedAt',
    );
    expect(run('export', 'register', '--table', 'contacts', '--format', 'json', '--for-people', '--out', join(tempDir(), 'c.json')).code).not.toBe(0);
  });

  it('writes a register with its manifest, and verify answers 0 when intact and 1 when not, without the vault', async () => {
    const dir = tempDir();
    const vault = join(dir, 'vault');
    initLightVault(vault, env);
    for (const fullName of ['Ana Ruiz', '=Ben Okafor']) expect(cli(['contacts', 'add', '--json', JSON.stringify({ fullName, country: 'BE' }), '--vault', vault], { env }).code).toBe(0);
    expect(cli(['contacts', 'add', '--json', JSON.stringify({ fullName: 'Carla Neri', country: 'IT' }), '--vault', vault], { env }).code).toBe(0);

    const out = join(dir, 'belgians.csv');
    const r = cli(['export', 'register', '--table', 'contacts', '--format', 'csv', '--delimiter', ';', '--bom', '--filters', '{"country":"BE"}', '--out', out, '--vault', vault], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wrote 2 rows to ${out}`);
    const rows = parse(readFileSync(out, 'utf8'), { bom: true, delimiter: ';' }) as string[][];
    expect(
      rows
        .slice(1)
        .map((row) => row[1])
        .sort(),
    ).toEqual(["'=Ben Okafor", 'Ana Ruiz']);
    expect(existsSync(`${out}.manifest.json`)).toBe(true);

    // No passphrase, no vault: the check reads the files only.
    const ok = cli(['export', 'verify', out, '--json']);
    expect(ok.code).toBe(0);
    const dto = JSON.parse(ok.stdout) as ExportVerifyDto;
    expect(dto).toMatchObject({ ok: true, files: [{ name: 'belgians.csv', state: 'ok' }], manifest: { kind: 'register', register: { table: 'contacts', delimiter: ';', bom: true } } });
    expect(cli(['export', 'verify', out]).stdout).toContain('Intact:');

    writeFileSync(out, readFileSync(out, 'utf8').replace('Ana', 'Anna'));
    const broken = cli(['export', 'verify', out]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/NOT INTACT[\s\S]*CHANGED +belgians\.csv/);

    const json = join(dir, 'all.json');
    expect(cli(['export', 'register', '--table', 'contacts', '--format', 'json', '--out', json, '--vault', vault], { env }).code).toBe(0);
    expect((JSON.parse(readFileSync(json, 'utf8')) as { rows: unknown[] }).rows).toHaveLength(3);

    const bad: string[][] = [
      ['--table', 'people', '--format', 'csv', '--out', join(dir, 'x.csv')],
      ['--table', 'contacts', '--format', 'xlsx', '--out', join(dir, 'x.xlsx')],
      ['--table', 'contacts', '--format', 'csv', '--out', join(dir, 'x.json')],
      ['--table', 'contacts', '--format', 'csv', '--filters', '{"country":', '--out', join(dir, 'x.csv')],
      ['--table', 'contacts', '--format', 'csv', '--filters', '{"colour":"red"}', '--out', join(dir, 'x.csv')],
      ['--table', 'contacts', '--format', 'csv', '--out', join(dir, 'nowhere', 'x.csv')],
    ];
    for (const args of bad) {
      const e = cli(['export', 'register', ...args, '--vault', vault], { env });
      expect(e.code, args.join(' ')).toBe(2);
      expect(e.stderr).toMatch(/^registre: /);
    }
    expect(readdirSync(dir).sort()).toEqual(['all.json', 'all.json.manifest.json', 'belgians.csv', 'belgians.csv.manifest.json', 'vault']);
    expect(cli(['export', 'verify', join(dir, 'nothing.csv')]).code).toBe(1);
    expect(cli(['--help']).stdout).toContain('export verify FILE [--password-file F]');
  });

  it('reads an encrypted bundle’s password from a file or REGISTRE_ZIP_PASSWORD, never from the command line', async () => {
    const dir = tempDir();
    const zip = join(dir, 'bundle.zip');
    const data = '{"a":1}';
    const { createHash } = await import('node:crypto');
    const manifest = {
      format: 'registre-export-manifest',
      version: 1,
      kind: 'subject',
      createdAt: '2026-03-01T10:00:00.000Z',
      createdBy: { staffId: 's', name: 'Anna Admin' },
      files: [{ name: 'data.json', rows: null, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') }],
      auditChain: { seq: 3, hash: 'h' },
    };
    const file = new ExportFile(zip);
    await writeZip(
      file,
      [
        { name: 'data.json', content: data },
        { name: 'manifest.json', content: JSON.stringify(manifest) },
      ],
      'zip secret 2026',
    );
    file.commit();
    const pw = join(dir, 'pw.txt');
    writeFileSync(pw, 'zip secret 2026\n');
    expect(cli(['export', 'verify', zip, '--password-file', pw]).code).toBe(0);
    expect(cli(['export', 'verify', zip], { env: { REGISTRE_ZIP_PASSWORD: 'zip secret 2026' } }).code).toBe(0);
    const none = cli(['export', 'verify', zip]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('protected by a password');
    expect(cli(['export', 'verify', zip], { env: { REGISTRE_ZIP_PASSWORD: 'wrong one' } }).stderr).toContain('The password does not open this zip.');
    expect(cli(['export', 'verify', zip, '--password', 'zip secret 2026']).code).toBe(2);
  });

  it('leaves nothing at the target when killed mid-write, and a later export to the same folder works', async () => {
    const dir = tempDir();
    const vault = join(dir, 'vault');
    expect(cli(['demo', '--contacts', '30000', '--vault', vault], { env }).code).toBe(0);
    const outDir = join(dir, 'out');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(outDir);
    const out = join(outDir, 'contacts.json');
    const child = spawn(process.execPath, [CLI, 'export', 'register', '--table', 'contacts', '--format', 'json', '--out', out, '--vault', vault], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let partial: string | undefined;
    while (!partial) {
      partial = readdirSync(outDir).find((f) => f.endsWith('.partial') && f.startsWith('.contacts.json.'));
      if (!partial) await new Promise((r) => setTimeout(r, 2));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.manifest.json`)).toBe(false);
    expect(readdirSync(outDir).every((f) => f.endsWith('.partial'))).toBe(true);

    // The killed process's vault lock names a process that is gone: the next command takes it over at once.
    const again = cli(['export', 'register', '--table', 'contacts', '--format', 'json', '--out', out, '--vault', vault], { env });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { rows: unknown[] }).rows).toHaveLength(30000);
    expect(cli(['export', 'verify', out]).code).toBe(0);
  }, 120_000);

  it('filters the audit log by the local day of the computer it runs on (Brussels, UTC+1 in March)', async () => {
    const vault = join(tempDir(), 'vault');
    let now = new Date('2026-03-03T20:00:00.000Z');
    const core = new RegistreCore({ vaultDir: vault, allowFolderChange: false, now: () => now });
    await call(core, 'vault.create', { passphrase: PASS, staffName: 'Anna Admin' });
    // 23:59 on 3 March, 00:00 and 00:30 on 4 March, 23:59 on 4 March, 00:00 on 5 March, Brussels time.
    const at = ['2026-03-03T22:59:00.000Z', '2026-03-03T23:00:00.000Z', '2026-03-03T23:30:00.000Z', '2026-03-04T22:59:00.000Z', '2026-03-04T23:00:00.000Z'];
    for (const [i, t] of at.entries()) {
      await core.lock();
      now = new Date(t);
      await call(core, 'vault.unlock', { passphrase: PASS });
      await call(core, 'contacts.add', { fullName: `Person ${i}` });
    }
    await core.lock();
    const out = join(tempDir(), 'audit.json');
    const r = cli(['export', 'register', '--table', 'audit', '--format', 'json', '--filters', '{"from":"2026-03-04","to":"2026-03-04"}', '--out', out, '--vault', vault], {
      env: { REGISTRE_PASSPHRASE: PASS, TZ: 'Europe/Brussels' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = (JSON.parse(readFileSync(out, 'utf8')) as { rows: Array<{ at: string; entityType: string }> }).rows;
    expect(rows.filter((row) => row.entityType === 'contact').map((row) => row.at)).toEqual(at.slice(1, 4));
    expect(rows.every((row) => row.at >= '2026-03-03T23:00:00.000Z' && row.at < '2026-03-04T23:00:00.000Z')).toBe(true);
  });
});
