/** `registre backup` and `registre backups list` (issue 15): the path printed, the setting used, no scheduled backup at a CLI unlock. */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupDto, BackupRegisterDto } from '../../shared/dto/backup';
import { tempDir } from '../helpers';
import { cliVault } from './run-cli';

describe('registre backup', () => {
  it('needs a folder, backs up into --out or the setting, prints the path, and lists the backups', () => {
    const { run, json } = cliVault();
    const out = join(tempDir('registre-cli-backup-'), 'backups');
    mkdirSync(out);

    const none = run('backup');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^registre: No backups folder is set/);
    expect(none.stdout).toBe('');

    const made = run('backup', '--out', out);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const path = made.stdout.trim();
    expect(path).toMatch(new RegExp(`^${out}/registre-backup-\\d{8}-\\d{6}Z$`));
    expect(readdirSync(path).sort()).toEqual(['backup.json', 'registre.db', 'registre.keys']);

    // The CLI's unlocks never make the scheduled backup, even once the folder is set.
    expect(json<{ backupFolder: string }>('settings', 'set', '--backup-folder', out, '--backup-every-days', '1', '--backup-keep', '1').backupFolder).toBe(out);
    expect(readdirSync(out)).toHaveLength(1);

    // With the setting and keep 1: the new backup replaces the old one.
    const second = json<BackupDto>('backup');
    expect(second.path.startsWith(`${out}/registre-backup-`)).toBe(true);
    expect(existsSync(path)).toBe(second.path === path);
    const register = json<BackupRegisterDto>('backups', 'list');
    expect(register).toMatchObject({ folder: out, everyDays: 1, keep: 1, overdue: false, lastBackupAt: second.createdAt });
    expect(register.items.map((i) => i.path)).toEqual([second.path]);
    expect(register.deleted.map((d) => d.reason)).toEqual(second.path === path ? [] : ['rotation']);
    const text = run('backups', 'list');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Folder:       ${out}`);
    expect(text.stdout).toContain(second.path);

    expect(run('settings', 'set', '--backup-keep', '0').code).toBe(2);
    expect(run('settings', 'set', '--backup-folder', 'not/absolute').code).toBe(2);
    expect(json<{ backupFolder: string | null }>('settings', 'set', '--backup-folder', '').backupFolder).toBeNull();
  });
});
