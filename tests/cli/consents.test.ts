import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { cli, initLightVault } from './run-cli';

const env = { REGISTRE_PASSPHRASE: 'a long cli passphrase' };

function vaultWithContacts(): { vault: string; ids: string[] } {
  const vault = join(tempDir(), 'vault');
  initLightVault(vault, env, 'Chloé Dupont');
  const ids = [
    { fullName: 'Éloïse Martin', email: 'eloise@example.org', language: 'fr' },
    { fullName: 'Søren Østergaard', email: 'soren@example.org' },
  ].map((c) => {
    const r = cli(['contacts', 'add', '--vault', vault, '--json', JSON.stringify(c)], { env });
    expect(r.code).toBe(0);
    return (JSON.parse(r.stdout) as { id: string }).id;
  });
  return { vault, ids };
}

describe('registre consents', () => {
  it('records by purpose code, shows the state and history, and refuses an objection to a consent', () => {
    const { vault, ids } = vaultWithContacts();
    const [eloise] = ids as [string];
    // A consent of 2025 can cite version 1 once its real date is set.
    const [v1] = JSON.parse(cli(['policies', 'list', '--vault', vault, '--json'], { env }).stdout) as Array<{ id: string }>;
    expect(cli(['policies', 'set-date', v1!.id, '--vault', vault, '--date', '2018-05-25', '--reason', 'Published then'], { env }).code).toBe(0);
    const earlier = cli(['consents', 'record', '--vault', vault, '--contact', eloise, '--purpose', 'newsletter', '--action', 'granted', '--channel', 'paper', '--date', '2017-11-02'], { env });
    expect(earlier.code).toBe(0);
    const recorded = cli(
      [
        'consents',
        'record',
        '--vault',
        vault,
        '--contact',
        eloise,
        '--purpose',
        'newsletter',
        '--action',
        'granted',
        '--channel',
        'form',
        '--policy-version',
        '1',
        '--evidence',
        'Sign-up form',
        '--date',
        '2025-03-01',
      ],
      { env },
    );
    expect(recorded.stderr).toBe('');
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toMatch(/newsletter\s+granted\s+2025-03-01\s+yes/);

    const refused = cli(['consents', 'record', '--vault', vault, '--contact', eloise, '--purpose', 'newsletter', '--action', 'objected', '--channel', 'email'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^registre: This purpose rests on consent/);
    expect(cli(['consents', 'record', '--vault', vault, '--contact', eloise, '--purpose', 'newsletter', '--action', 'maybe', '--channel', 'email'], { env }).stderr).toMatch(
      /--action must be one of granted, withdrawn, objected, restricted/,
    );

    const shown = cli(['consents', 'show', '--vault', vault, '--contact', eloise, '--history'], { env });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/2025-03-01 {2}granted by form, policy v1 \(fr\), entered by Chloé Dupont — Sign-up form/);
    expect(shown.stdout).toMatch(/2017-11-02 {2}granted by paper, earlier policy \(text not kept\), entered by Chloé Dupont/);
    expect(shown.stdout).toMatch(/event_logistics\s+none\s+—\s+no/);
    const json = JSON.parse(cli(['consents', 'show', '--vault', vault, '--contact', eloise, '--json'], { env }).stdout) as { purposes: Array<{ history: unknown[] }> };
    expect(json.purposes[0]!.history).toHaveLength(2);
  });

  it('lists people left with no basis, and writes the mailing list with the counts left out', () => {
    const { vault, ids } = vaultWithContacts();
    const [eloise, soren] = ids as [string, string];
    const record = (contact: string, purpose: string, action: string) =>
      expect(cli(['consents', 'record', '--vault', vault, '--contact', contact, '--purpose', purpose, '--action', action, '--channel', 'email', '--date', '2025-05-02'], { env }).code).toBe(0);
    record(eloise, 'newsletter', 'granted');
    record(soren, 'newsletter', 'granted');
    record(soren, 'newsletter', 'withdrawn');
    for (const code of ['collaboration', 'basecamp', 'photos', 'partner_sharing']) record(soren, code, 'objected');

    const review = cli(['consents', 'review', '--vault', vault], { env });
    expect(review.code).toBe(0);
    expect(review.stdout).toContain(`${soren}  Søren Østergaard`);
    expect(review.stdout).toContain('no basis since 2025-05-02');
    expect(review.stdout).toContain('(1 of 1 with no remaining basis)');

    const dir = tempDir();
    const file = join(dir, 'newsletter.csv');
    const exported = cli(['export', 'mailing-list', '--vault', vault, '--out', file], { env });
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`Wrote 1 subscribers to ${file}`);
    expect(exported.stdout).toMatch(/withdrew consent\s+1/);
    expect(parse(readFileSync(file, 'utf8'))).toEqual([
      ['Email Address', 'First Name', 'Last Name', 'Language', 'Organisation'],
      ['eloise@example.org', 'Éloïse', 'Martin', 'fr', ''],
    ]);
    // Written atomically (no temp file left beside it), with its manifest.
    expect(readdirSync(dir).sort()).toEqual(['newsletter.csv', 'newsletter.csv.manifest.json']);
  });
});
