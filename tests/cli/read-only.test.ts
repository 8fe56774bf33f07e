/** `--read-only` (issue 16): read commands on a real backup leave its file as it was and log in its review log; writes are refused. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { CLI_ENV, cli, cliVault } from './run-cli';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('registre --read-only', () => {
  it('reads and exports from a backup without changing it, logs in its review log, and refuses writes', () => {
    const { run } = cliVault();
    expect(run('contacts', 'add', '--json', '{"fullName": "Lotte Peeters"}').code).toBe(0);
    const backups = join(tempDir('registre-cli-ro-'), 'backups');
    mkdirSync(backups);
    const backup = run('backup', '--out', backups).stdout.trim();
    const dbBefore = sha(join(backup, 'registre.db'));
    const onBackup = (...args: string[]) => cli([...args, '--vault', backup, '--read-only'], { env: CLI_ENV });

    const listed = onBackup('contacts', 'list', '--json');
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('Lotte Peeters');
    const verified = onBackup('audit', 'verify');
    expect(verified.code).toBe(0);
    const out = join(tempDir('registre-cli-ro-out-'), 'contacts.csv');
    const exported = onBackup('export', 'register', '--table', 'contacts', '--format', 'csv', '--out', out);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Lotte Peeters');

    const added = onBackup('contacts', 'add', '--json', '{"fullName": "Not Added"}');
    expect(added.code).toBe(1);
    expect(added.stderr).toBe('registre: This is a backup copy, open read-only: nothing can be changed. Lock, and unlock the vault normally to make changes.\n');
    expect(onBackup('restore', backup).code).toBe(1);

    expect(sha(join(backup, 'registre.db'))).toBe(dbBefore);
    expect(existsSync(join(backup, 'registre.db-wal')) || existsSync(join(backup, 'registre.db-shm'))).toBe(false);
    const actions = readFileSync(join(backup, 'review-log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { action: string }).action);
    expect(actions.filter((a) => a === 'session.opened_read_only')).toHaveLength(4);
    expect(actions).toEqual(expect.arrayContaining(['read_only.viewed', 'export.register']));
  });

  it('on the vault itself: reads work and are logged in its audit log, writes fail with the read-only message', () => {
    const { run } = cliVault();
    expect(run('contacts', 'list', '--read-only').code).toBe(0);
    const added = run('contacts', 'add', '--json', '{"fullName": "Not Added"}', '--read-only');
    expect(added.code).toBe(1);
    expect(added.stderr).toBe('registre: This vault is open read-only: nothing can be changed. Lock and unlock normally to make changes.\n');
    expect(run('contacts', 'list').stdout).not.toContain('Not Added');
    const auditFile = join(tempDir(), 'audit.json');
    expect(run('export', 'register', '--table', 'audit', '--format', 'json', '--out', auditFile).code).toBe(0);
    const log = readFileSync(auditFile, 'utf8');
    expect(log).toContain('session.opened_read_only');
    expect(log).toContain('read_only.viewed');
  });
});
