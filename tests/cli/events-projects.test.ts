import { describe, expect, it } from 'vitest';
import { cliVault } from './run-cli';

describe('registre CLI: events, projects and demo data', () => {
  it('adds, changes and lists projects; changes an event, refusing an end before the start', () => {
    const { run, json } = cliVault();
    const added = run('projects', 'add', '--json', '{"name": "Waste Shipments", "startDate": "2026-01-01"}');
    expect(added.stderr).toBe('');
    const project = JSON.parse(added.stdout) as { id: string };
    const updated = run('projects', 'update', project.id, '--json', '{"endDate": "2027-12-31", "description": "Joint inspections"}');
    expect(updated.code).toBe(0);
    expect(JSON.parse(updated.stdout)).toMatchObject({ name: 'Waste Shipments', startDate: '2026-01-01', endDate: '2027-12-31', description: 'Joint inspections' });
    expect(run('projects', 'list').stdout).toBe(`${project.id}  2026-01-01 – 2027-12-31  Waste Shipments\n(1 project)\n`);
    expect(json<unknown[]>('projects', 'list')).toHaveLength(1);

    const event = JSON.parse(run('events', 'add', '--json', '{"name": "Plenary", "startDate": "2026-05-12"}').stdout) as { id: string };
    const changed = run('events', 'update', event.id, '--json', `{"name": "Plenary 2026", "endDate": "2026-05-13", "projectId": "${project.id}"}`);
    expect(changed.stderr).toBe('');
    expect(JSON.parse(changed.stdout)).toMatchObject({ id: event.id, name: 'Plenary 2026', startDate: '2026-05-12', endDate: '2026-05-13', projectId: project.id });
    const reversed = run('events', 'update', event.id, '--json', '{"endDate": "2026-05-01"}');
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toBe('registre: The end date is before the start date.\n');
    expect(run('events', 'update', '--json', '{"name": "No id"}').code).toBe(2);
    expect(run('events', 'list').stdout).toContain(`${event.id}  2026-05-12  Plenary 2026 (0 participants)`);
  });

  it('demo refuses a vault that already holds contacts or organisations, unless --force', () => {
    const { run, json } = cliVault();
    expect(run('orgs', 'add', '--json', '{"name": "Bruxelles Environnement", "type": "governmental_agency", "country": "BE"}').code).toBe(0);
    const refused = run('demo', '--contacts', '5');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('registre: This vault already holds 0 contacts and 1 organisation: demo data would be mixed with them. Use an empty vault, or give --force to add it anyway.\n');
    expect(json<{ counts: Record<string, number> }>('status').counts).toMatchObject({ contacts: 0, organisations: 1 });
    const forced = run('demo', '--contacts', '5', '--force');
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(json<{ counts: Record<string, number> }>('status').counts.contacts).toBe(5);
  });
});
