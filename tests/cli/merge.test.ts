import { describe, expect, it } from 'vitest';
import { cliVault } from './run-cli';

interface Contact {
  id: string;
  fullName: string;
  country: string | null;
  jobTitle: string | null;
}

describe('registre contacts merge', () => {
  it('merges the other record into the kept one, taking the fields named by --take', () => {
    const { run, json } = cliVault();
    const added = (body: object) => JSON.parse(run('contacts', 'add', '--json', JSON.stringify(body)).stdout) as Contact;
    const keep = added({ fullName: 'Pieter Jansen', country: 'NL', jobTitle: 'Adviser' });
    const other = added({ fullName: 'Pieter Janssen', country: 'BE' });

    // Refused before anything changes: an unknown field, a choice that is not keep/other, an empty field to take.
    const unknown = run('contacts', 'merge', keep.id, other.id, '--take', 'fullName=other,email=other');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"email" is not a field a merge can take; use fullName, jobTitle, organisationId, country, language, gender');
    expect(run('contacts', 'merge', keep.id, other.id, '--take', 'fullName').code).toBe(2);
    const empty = run('contacts', 'merge', keep.id, other.id, '--take', 'jobTitle=other');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('no jobTitle to take');
    expect(json<{ total: number }>('contacts', 'list').total).toBe(2);

    const text = run('contacts', 'merge', keep.id, other.id, '--take', 'fullName=other, country=other');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Merged ${other.id} into ${keep.id} (Pieter Janssen); taken from the other: fullName, country.`);
    const kept = json<Contact>('contacts', 'show', keep.id);
    expect(kept).toMatchObject({ fullName: 'Pieter Janssen', country: 'BE', jobTitle: 'Adviser' });
    expect(json<{ items: Contact[] }>('contacts', 'list').items.map((c) => c.id)).toEqual([keep.id]);
  });
});
