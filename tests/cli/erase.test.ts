import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, newCore, tempDir } from '../helpers';
import { cli, initLightVault } from './run-cli';
import { localDay } from '../../shared/rules/dates';

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

interface Status {
  auditHead: { seq: number; hash: string };
  counts: Record<string, number>;
}

describe('registre erase', () => {
  it('shows what would go with --dry-run and changes nothing, then erases and says what stayed', () => {
    const vault = join(tempDir(), 'vault');
    initLightVault(vault, env);
    const added = (what: string, body: object) => JSON.parse(run(vault, what, 'add', '--json', JSON.stringify(body)).stdout) as { id: string };
    const event = added('events', { name: 'Annual Conference', startDate: '2024-05-12' });
    const ana = added('contacts', { fullName: 'Ana Ruiz', email: 'ana@example.org', phone: '+32470123456' });
    const ben = added('contacts', { fullName: 'Ben Okafor' });
    added('participation', { contactId: ana.id, eventId: event.id });

    const before = json<Status>(vault, 'status');
    const dry = json<{ removes: Record<string, number>; keeps: unknown[] }>(vault, 'erase', '--contact', ana.id, '--reason', 'Art. 17 request', '--dry-run');
    expect(dry.removes).toMatchObject({ contact: 1, emails: 1, phones: 1, participations: 1, searchEntries: 1 });
    expect(dry.keeps).toEqual([]);
    const text = run(vault, 'erase', '--contact', ana.id, '--reason', 'Art. 17 request', '--dry-run');
    expect(text.stdout).toContain('Dry run: nothing was changed.');
    expect(text.stdout).toContain('1  e-mail addresses');
    // Each command's unlock is logged; the two dry runs and this status added nothing else.
    const after = json<Status>(vault, 'status');
    expect(after.counts).toEqual({ ...before.counts, audit_events: before.counts.audit_events! + 3 });
    expect(after.auditHead.seq).toBe(before.auditHead.seq + 3);
    expect(existsSync(join(vault, 'registre.erasures'))).toBe(false);

    const unknownRequest = run(vault, 'erase', '--contact', ana.id, '--reason', 'Art. 17 request', '--request', 'req-7');
    expect(unknownRequest.code).toBe(1);
    expect(unknownRequest.stderr).toMatch(/request does not exist/);
    // The request it answers is an erasure request of that person: one linked to no one is refused (exit 1), and changes nothing.
    const unlinked = json<{ id: string }>(vault, 'requests', 'add', '--type', 'erasure', '--received', localDay(new Date()), '--channel', 'email', '--requester-name', 'A. R.');
    const refused = run(vault, 'erase', '--contact', ana.id, '--reason', 'Art. 17 request', '--request', unlinked.id);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not linked to a contact/);
    const request = json<{ id: string }>(vault, 'requests', 'add', '--type', 'erasure', '--received', localDay(new Date()), '--channel', 'email', '--contact', ana.id);
    const erased = json<{ erasureId: string; erasedOn: string; requestId: string; kept: unknown[] }>(vault, 'erase', '--contact', ana.id, '--reason', 'Art. 17 request', '--request', request.id);
    expect(erased).toMatchObject({ requestId: request.id, kept: [{ id: request.id, kind: 'rights_request', hold: 'proof_of_reply' }] });
    expect(readFileSync(join(vault, 'registre.erasures'), 'utf8')).toBe(`${JSON.stringify({ erasure: erased.erasureId, on: erased.erasedOn })}\n`);
    expect(run(vault, 'contacts', 'show', ana.id).code).toBe(1);
    expect(run(vault, 'contacts', 'show', ben.id).code).toBe(0);
    expect(run(vault, 'audit', 'verify').code).toBe(0);

    // An unknown contact, a missing reason, or a request that is no id.
    const again = run(vault, 'erase', '--contact', ana.id, '--reason', 'Art. 17 request');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/does not exist/);
    expect(run(vault, 'erase', '--contact', ben.id).code).toBe(2);
    expect(run(vault, 'erase', '--contact', ben.id, '--reason', 'request', '--request', 'no such thing').code).toBe(2);
    expect(run(vault, 'erase', '--contact', ben.id, '--reason', 'Ben Okafor asked').code).toBe(2);
    expect(run(vault, 'contacts', 'show', ben.id).code).toBe(0);
  });

  it('erases one category or anonymises with --category and --anonymise, each with a dry run, and refuses both together', async () => {
    const vault = join(tempDir(), 'vault');
    initLightVault(vault, env);
    const added = (what: string, body: object) => JSON.parse(run(vault, what, 'add', '--json', JSON.stringify(body)).stdout) as { id: string };
    const event = added('events', { name: 'Annual Conference', startDate: '2024-05-12' });
    const ana = added('contacts', { fullName: 'Ana Ruiz', email: 'ana@example.org', country: 'ES', notes: 'Prefers mornings' });
    added('participation', { contactId: ana.id, eventId: event.id });
    // The CLI adds no sensitive details: written through the core, as the app would.
    const core = newCore(vault);
    await call(core, 'vault.unlock', { passphrase: env.REGISTRE_PASSPHRASE });
    await call(core, 'sensitive.add', { contactId: ana.id, reason: 'travel', identity: { document: 'passport', number: 'P7654321' } });
    await core.lock();

    const both = run(vault, 'erase', '--contact', ana.id, '--category', 'identity', '--anonymise', '--reason', 'request');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--category or --anonymise, not both/);
    expect(run(vault, 'erase', '--contact', ana.id, '--category', 'travel', '--reason', 'request').stderr).toMatch(/--category must be one of bank, identity, photo, signature/);
    expect(run(vault, 'erase', '--contact', ana.id, '--category', 'identity').code).toBe(2);

    const dry = run(vault, 'erase', '--contact', ana.id, '--category', 'identity', '--reason', 'Passport no longer needed', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('1  identity documents');
    expect(dry.stdout).toContain('Dry run: nothing was changed.');
    const erased = json<{ category: string; removed: number; kept: unknown[] }>(vault, 'erase', '--contact', ana.id, '--category', 'identity', '--reason', 'Passport no longer needed');
    expect(erased).toMatchObject({ category: 'identity', removed: 1, kept: [] });
    expect(run(vault, 'erase', '--contact', ana.id, '--category', 'identity', '--reason', 'again').stderr).toMatch(/no identity documents to erase/);
    // No ledger line for a category erasure: the person is still there.
    expect(existsSync(join(vault, 'registre.erasures'))).toBe(false);

    const dryAnon = run(vault, 'erase', '--contact', ana.id, '--anonymise', '--reason', 'Art. 17 request', '--dry-run');
    expect(dryAnon.stdout).toContain('kept: organisation, country, participations');
    expect(dryAnon.stdout).toContain('1  e-mail addresses');
    expect(existsSync(join(vault, 'registre.erasures'))).toBe(false);
    const anon = json<{ fullName: string; erasureId: string; erasedOn: string }>(vault, 'erase', '--contact', ana.id, '--anonymise', '--reason', 'Art. 17 request');
    expect(anon.fullName).toBe('Anonymised contact 0001');
    expect(readFileSync(join(vault, 'registre.erasures'), 'utf8')).toBe(`${JSON.stringify({ erasure: anon.erasureId, on: anon.erasedOn, kind: 'anonymised' })}\n`);
    const shown = run(vault, 'contacts', 'show', ana.id, '--json');
    expect(JSON.parse(shown.stdout)).toMatchObject({ fullName: 'Anonymised contact 0001', country: 'ES', emails: [], notes: null });
    expect(run(vault, 'audit', 'verify').code).toBe(0);
  });
});
