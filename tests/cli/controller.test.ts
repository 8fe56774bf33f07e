/**
 * `registre settings controller` (issue 14 §3): the organisation as scripts and IT staff
 * read and set it, an address given one line per option, and what a bundle then prints.
 */
import { describe, expect, it } from 'vitest';
import type { ControllerDto, SettingsDto } from '../../shared/dto/index';
import { cli, CLI_ENV, cliVault } from './run-cli';

const env = CLI_ENV;

describe('registre settings controller', () => {
  it('shows the policy’s secretariat, sets the organisation field by field, and settings show lists it', () => {
    const { run, json } = cliVault();
    const first = run('settings', 'controller');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Name                   IMPEL');
    expect(first.stdout).toContain('Contact person         (none)');
    const set = json<ControllerDto>(
      'settings',
      'controller',
      '--name',
      'Réseau Vert asbl',
      '--address',
      'Rue du Marché 12',
      '--address',
      '5000 Namur',
      '--email',
      'privacy@reseau-vert.example',
      '--contact',
      'Claire Dubois, DPO',
      '--authority-website',
      '',
    );
    expect(set).toMatchObject({ name: 'Réseau Vert asbl', address: 'Rue du Marché 12\n5000 Namur', email: 'privacy@reseau-vert.example', contactPerson: 'Claire Dubois, DPO' });
    expect(set.authority).toMatchObject({ email: 'contact@apd-gba.be', website: '' });
    // Only what is given changes.
    expect(json<ControllerDto>('settings', 'controller', '--contact', '')).toMatchObject({ name: 'Réseau Vert asbl', contactPerson: null });
    const shown = run('settings', 'show');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('autoLockMinutes      10');
    expect(shown.stdout).toContain('Name                   Réseau Vert asbl');
    expect(shown.stdout).toContain('Address                Rue du Marché 12\n                       5000 Namur');
    expect(shown.stdout).not.toContain('[object Object]');
    expect(json<SettingsDto>('settings', 'show').controller.email).toBe('privacy@reseau-vert.example');
  });

  it('refuses a bad e-mail or an empty name with exit code 2, changing nothing, and staff may not set it', () => {
    const { vault, run, json } = cliVault();
    const bad = run('settings', 'controller', '--name', 'Réseau Vert asbl', '--email', 'privacy at reseau-vert');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a valid e-mail address');
    expect(run('settings', 'controller', '--name', ' ').code).toBe(2);
    expect(run('settings', 'controller', 'extra').code).toBe(2);
    expect(json<ControllerDto>('settings', 'controller').name).toBe('IMPEL');
    expect(cli(['staff', 'add', '--vault', vault, '--name', 'Sam Staff', '--role', 'staff'], { env: { ...env, REGISTRE_NEW_PASSPHRASE: 'staff passphrase 1' } }).code).toBe(0);
    const staff = cli(['settings', 'controller', '--vault', vault, '--name', 'Taken over'], { env: { REGISTRE_PASSPHRASE: 'staff passphrase 1' } });
    expect(staff.code).toBe(1);
    expect(cli(['settings', 'controller', '--vault', vault], { env: { REGISTRE_PASSPHRASE: 'staff passphrase 1' } }).stdout).toContain('Name                   IMPEL');
  });
});
