import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY_FR_V1 } from '../../db/seed/privacy-policy-fr-v1';
import { tempDir } from '../helpers';
import { cli, initLightVault } from './run-cli';

const env = { REGISTRE_PASSPHRASE: 'a long cli passphrase' };

function initVault(): string {
  const vault = join(tempDir(), 'vault');
  initLightVault(vault, env, 'Chloé Dupont');
  return vault;
}

const run = (vault: string, ...args: string[]) => cli([...args, '--vault', vault], { env });

describe('registre CLI: processing register', () => {
  it('lists purposes and processors, warnings first, and prints the policy text', () => {
    const vault = initVault();
    const purposes = run(vault, 'purposes', 'list');
    expect(purposes.code).toBe(0);
    expect(purposes.stdout.split('\n')[1]).toMatch(/^newsletter\s+consent\s+Newsletter\s+Mailchimp$/);

    const processors = run(vault, 'processors', 'list');
    expect(processors.code).toBe(0);
    const lines = processors.stdout.split('\n');
    expect(lines[0]).toMatch(/^WARNING: the current policy \(version 1, fr\) still cites the EU–US Privacy Shield/);
    expect(processors.stdout).toContain('via le bouclier de protection de la vie privée aux États-Unis.');
    expect(lines.find((l) => l.includes('Mailchimp') && l.startsWith('processor-'))).toMatch(/⚠ EU–US Privacy Shield/);

    const shown = run(vault, 'policies', 'show', '--version', '1', '--language', 'fr');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(POLICY_FR_V1);
    expect(run(vault, 'policies', 'show', '--version', '7').code).toBe(1);
  });

  it('adds a policy version from a file and marks it as a material change; bad input exits 2', () => {
    const vault = initVault();
    const file = join(tempDir(), 'policy-v2.txt');
    writeFileSync(file, '\uFEFFPolitique de confidentialité, version 2. Les transferts reposent sur les clauses contractuelles types.\n');
    // Version 1 took effect when the vault was made: version 2 cannot come before it …
    const early = run(vault, 'policies', 'add', '--version', '2', '--language', 'fr', '--effective', '2020-01-01', '--file', file);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/^registre: Version 2 cannot take effect on 2020-01-01: version 1 \(fr\), which came before it, took effect on/);
    // … until an admin sets version 1's real date, with a reason.
    const [v1] = JSON.parse(run(vault, 'policies', 'list', '--json').stdout) as Array<{ id: string }>;
    expect(run(vault, 'policies', 'set-date', v1!.id, '--date', '2018-05-25').code).toBe(2);
    const set = run(vault, 'policies', 'set-date', v1!.id, '--date', '2018-05-25', '--reason', 'Published on the website then');
    expect(set.stderr).toBe('');
    expect(set.stdout).toBe('Version 1 (fr) is in effect from 2018-05-25 — the current text.\n');
    const history = JSON.parse(run(vault, 'policies', 'show', v1!.id, '--json').stdout) as { dateChanges: Array<{ toDate: string; reason: string }> };
    expect(history.dateChanges).toMatchObject([{ toDate: '2018-05-25', reason: 'Published on the website then' }]);
    const added = run(vault, 'policies', 'add', '--version', '2', '--language', 'fr', '--effective', '2020-01-01', '--file', file, '--summary', 'Transfers', '--json');
    expect(added.stderr).toBe('');
    const v2 = JSON.parse(added.stdout) as { id: string; characters: number; materialChange: boolean };
    expect(v2.materialChange).toBe(false);
    expect(run(vault, 'policies', 'material', v2.id, 'true').stdout).toMatch(/now marked as a material change/);
    const list = run(vault, 'policies', 'list');
    expect(list.stdout).toMatch(new RegExp(`${v2.id}\\s+2\\s+fr\\s+2020-01-01\\s+${v2.characters}\\s+current, material change`));
    expect(run(vault, 'policies', 'show', v2.id).stdout).toContain('clauses contractuelles types');

    const dup = run(vault, 'policies', 'add', '--version', '2', '--language', 'fr', '--effective', '2020-01-01', '--file', file);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already in the archive/);
    expect(run(vault, 'policies', 'add', '--version', 'two', '--language', 'fr', '--effective', '2020-01-01', '--file', file).code).toBe(2);
    expect(run(vault, 'policies', 'add', '--version', '3', '--language', 'fr', '--effective', '2020-01-01', '--file', join(tempDir(), 'missing.txt')).code).toBe(2);
    expect(run(vault, 'policies', 'material', v2.id, 'yes').code).toBe(2);
    expect((JSON.parse(run(vault, 'policies', 'list', '--json').stdout) as unknown[]).length).toBe(2);
  });

  it('policies add reads the file as strict UTF-8 text and refuses binary or control characters', () => {
    const vault = initVault();
    const dir = tempDir();
    const cases: Array<[string, Buffer, RegExp]> = [
      ['binary.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x01]), /is not a UTF-8 text file/],
      ['latin1.txt', Buffer.from('Politique de confidentialit\xe9', 'latin1'), /is not a UTF-8 text file/],
      ['control.txt', Buffer.from('Politique\u0007 de confidentialité\u001b[31m', 'utf8'), /holds control characters/],
    ];
    for (const [name, bytes, message] of cases) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const r = run(vault, 'policies', 'add', '--version', '2', '--language', 'fr', '--effective', '2999-01-01', '--file', file);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(new RegExp(`^registre: .*${message.source}[^\\n]*\\n$`));
    }
    expect((JSON.parse(run(vault, 'policies', 'list', '--json').stdout) as unknown[]).length).toBe(1);
    const ok = join(dir, 'ok.txt');
    writeFileSync(ok, '\uFEFFPolitique,\tversion 2.\r\nLigne deux.\n');
    const added = run(vault, 'policies', 'add', '--version', '2', '--language', 'fr', '--effective', '2999-01-01', '--file', ok, '--json');
    expect(added.code).toBe(0);
    expect(run(vault, 'policies', 'show', (JSON.parse(added.stdout) as { id: string }).id).stdout).toContain('Politique,\tversion 2.');
  });

  it('marks systems and logs partner sharing for a contact', () => {
    const vault = initVault();
    const contact = JSON.parse(run(vault, 'contacts', 'add', '--json', '{"fullName": "Élodie Martin"}').stdout) as { id: string };
    const systems = run(vault, 'systems', 'set', '--contact', contact.id, '--processor', 'mailchimp', '--holds', 'true', '--since', '2025-02-01');
    expect(systems.code).toBe(0);
    expect(systems.stdout).toMatch(/Mailchimp\s+2025-02-01/);
    expect(run(vault, 'systems', 'set', '--contact', contact.id, '--processor', 'Nowhere', '--holds', 'true').stderr).toMatch(/No processor is called "Nowhere"/);

    const recorded = run(
      vault,
      'sharing',
      'record',
      '--contact',
      contact.id,
      '--partner',
      'ENPE',
      '--activity',
      'Waste crime training',
      '--categories',
      'name, e-mail',
      '--date',
      '2026-03-02',
      '--mou',
      'MoU 2019',
    );
    expect(recorded.stderr).toBe('');
    expect(recorded.stdout).toMatch(/Élodie Martin’s name, e-mail shared with ENPE on 2026-03-02/);
    const list = run(vault, 'sharing', 'list', '--contact', contact.id);
    expect(list.stdout).toMatch(/2026-03-02\s+ENPE\s+Élodie Martin\s+name, e-mail\s+Waste crime training\s+MoU 2019/);
    expect(list.stdout).toContain('(1 of 1)');
    const bad = run(vault, 'sharing', 'record', '--contact', contact.id, '--partner', 'ENPE', '--activity', 'X', '--categories', 'name', '--date', '2026-02-30');
    expect(bad.code).toBe(2);
    expect(JSON.parse(run(vault, 'sharing', 'list', '--json').stdout)).toMatchObject({ total: 1 });
    expect(run(vault, 'systems', 'list', '--contact', contact.id).stdout).toMatch(/^SYSTEM\s+SINCE\nMailchimp\s+2025-02-01$/m);
    const recipients = run(vault, 'sharing', 'recipients', '--contact', contact.id).stdout;
    expect(recipients).toMatch(/partner\s+ENPE\s+2026-03-02/);
    expect(recipients).toMatch(/system\s+Mailchimp\s+2025-02-01/);
  });
});
