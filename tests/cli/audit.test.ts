/** `registre audit list` (issue 16): the filtered log, newest first, each event named by what it is about today. */
import { describe, expect, it } from 'vitest';
import type { AuditEventDto } from '../../shared/dto/index';
import { cliVault } from './run-cli';

describe('registre audit list', () => {
  it('filters by person, action and days, and names what each event is about', () => {
    const { run, json } = cliVault();
    const add = (fullName: string) => JSON.parse(run('contacts', 'add', '--json', JSON.stringify({ fullName })).stdout) as { id: string };
    const ana = add('Ana Pereira');
    const erin = add('Erin Erased');
    expect(run('erase', '--contact', erin.id, '--reason', 'Art. 17 request by e-mail').code).toBe(0);

    const ofAna = json<AuditEventDto[]>('audit', 'list', '--subject', ana.id);
    expect(ofAna.map((e) => e.action)).toEqual(['contact.created']);
    expect(ofAna[0]!.about).toMatchObject({ state: 'named', name: 'Ana Pereira', id: ana.id });

    const created = run('audit', 'list', '--action', 'contact.created,contact.erased');
    expect(created.code).toBe(0);
    const lines = created.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.filter((l) => l.includes('erased person'))).toHaveLength(2);
    expect(created.stdout).toContain('Ana Pereira');
    expect(created.stdout).not.toContain('Erin');

    const today = new Date().toISOString().slice(0, 10);
    expect(json<AuditEventDto[]>('audit', 'list', '--from', '2020-01-01', '--to', '2020-12-31')).toEqual([]);
    expect(json<AuditEventDto[]>('audit', 'list', '--from', today, '--limit', '2')).toHaveLength(2);
  });

  it('refuses bad filters before anything is read', () => {
    const { run } = cliVault();
    expect(run('audit', 'list', '--action', ',').code).toBe(2);
    const backwards = run('audit', 'list', '--from', '2026-03-05', '--to', '2026-03-04');
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(/first day comes after the last/);
    expect(run('audit', 'list', '--limit', '0').code).toBe(2);
  });
});
