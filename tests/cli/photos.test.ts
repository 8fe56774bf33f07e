import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { cli, initLightVault } from './run-cli';

const env = { REGISTRE_PASSPHRASE: 'a long cli passphrase' };

function run(vault: string, ...args: string[]) {
  return cli([...args, '--vault', vault], { env });
}

function json<T>(vault: string, ...args: string[]): T {
  const r = run(vault, ...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

describe('registre optouts', () => {
  it('records preferences, writes the event list as CSV and HTML, and tracks publications and takedowns', () => {
    const dir = tempDir();
    const vault = join(dir, 'vault');
    initLightVault(vault, env);
    const added = (what: string, body: object) => JSON.parse(run(vault, what, 'add', '--json', JSON.stringify(body)).stdout) as { id: string };
    const event = added('events', { name: 'Annual Conference', startDate: '2026-05-12' });
    const ana = added('contacts', { fullName: 'Ana Ruiz' });
    const ben = added('contacts', { fullName: 'Ben Okafor' });
    for (const c of [ana, ben]) added('participation', { contactId: c.id, eventId: event.id });

    const set = json<{ events: Array<{ standing: string; source: string }> }>(
      vault,
      'optouts',
      'set',
      '--contact',
      ana.id,
      '--event',
      event.id,
      '--state',
      'opted_out',
      '--channel',
      'email',
      '--date',
      '2026-04-01',
    );
    expect(set.events[0]).toMatchObject({ standing: 'opted_out', source: 'event' });

    const bad = run(vault, 'optouts', 'set', '--contact', ben.id, '--state', 'no', '--channel', 'email');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--state must be one of opted_out, allowed, unknown/);

    const csv = join(dir, 'list.csv');
    expect(run(vault, 'optouts', 'event', event.id, '--format', 'csv', '--out', csv).code).toBe(0);
    expect(parse(readFileSync(csv, 'utf8'), { bom: true })).toEqual([
      ['name', 'organisation', 'list', 'source', 'decided on'],
      ['Ana Ruiz', '', 'Must not be photographed', 'event-specific', '2026-04-01'],
      ['Ben Okafor', '', 'Never answered', '', ''],
    ]);
    const html = join(dir, 'list.html');
    expect(run(vault, 'optouts', 'event', event.id, '--format', 'html', '--out', html, '--language', 'fr').code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('<title>Liste photo — Annual Conference</title>');
    const wrong = run(vault, 'optouts', 'event', event.id, '--format', 'pdf', '--out', join(dir, 'x.pdf'));
    expect(wrong.code).toBe(2);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);

    const pub = json<{ id: string }>(vault, 'optouts', 'publish', '--event', event.id, '--where', 'Newsletter May 2026', '--date', '2026-05-30');
    const owed = json<Array<{ contactId: string; publication: { id: string } }>>(vault, 'optouts', 'takedowns');
    expect(owed.map((o) => [o.contactId, o.publication.id])).toEqual([[ana.id, pub.id]]);
    expect(run(vault, 'optouts', 'takedowns').stdout).toContain('Newsletter May 2026: Ana Ruiz');
    expect(run(vault, 'optouts', 'takedown-done', '--contact', ana.id, '--publication', pub.id).code).toBe(0);
    expect(run(vault, 'optouts', 'takedowns').stdout.trim()).toBe('No takedown owed.');

    const shown = json<{ preferences: Array<{ id: string }> }>(vault, 'optouts', 'show', '--contact', ana.id);
    expect(run(vault, 'optouts', 'withdraw', shown.preferences[0]!.id).stdout).toContain('Annual Conference: never_answered');
    expect(run(vault, 'audit', 'verify').code).toBe(0);
  });
});
