/**
 * `registre requests …` (issue 13): the exact commands scripts call, their --json fields
 * and exit codes (0 done, 1 refused by the rules, 2 invalid input or usage). The CLI runs on
 * the real clock, so dates are counted from today.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, legalDeadline } from '../../shared/rules/deadline';
import { longDate } from '../../db/requests/letters';
import { localDay } from '../../shared/rules/dates';
import { tempDir } from '../helpers';
import { cliVault } from './run-cli';

interface Request {
  id: string;
  type: string;
  state: string;
  receivedDate: string;
  dueDate: string;
  isTest: boolean;
  events?: Array<{ kind: string }>;
}

/** A new vault (temp folders go after each test) and the CLI pointed at it. */

describe('registre requests', () => {
  const today = localDay(new Date());

  it('takes a request from intake to reply, with the fields and exit codes scripts rely on', () => {
    const { run, json } = cliVault();
    const contact = JSON.parse(run('contacts', 'add', '--json', JSON.stringify({ fullName: 'Ana Ruiz' })).stdout) as { id: string };

    const received = addDays(today, -3);
    const r = json<Request>('requests', 'add', '--type', 'access', '--received', received, '--channel', 'email', '--contact', contact.id);
    expect(r).toMatchObject({ type: 'access', state: 'received', receivedDate: received, dueDate: legalDeadline(received, 1), isTest: false });
    expect(r.id).toMatch(/^[0-9a-f-]{36}$/);

    // Usage and input errors exit 2 and record nothing.
    const future = run('requests', 'add', '--type', 'access', '--received', addDays(today, 1), '--channel', 'email', '--contact', contact.id);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/^registre: The date cannot be in the future\.\n$/);
    const badType = run('requests', 'add', '--type', 'complaint', '--received', received, '--channel', 'email', '--requester-name', 'X');
    expect(badType.code).toBe(2);
    expect(badType.stderr).toMatch(/--type must be one of access, rectification/);
    expect(run('requests', 'add', '--type', 'access', '--channel', 'email', '--requester-name', 'X').stderr).toMatch(/--received is required/);

    const test = json<Request>('requests', 'add', '--type', 'erasure', '--received', today, '--channel', 'post', '--requester-name', 'Jo Bloggs', '--requester-email', 'jo@example.org', '--test');
    expect(test).toMatchObject({ type: 'erasure', state: 'received', isTest: true });

    const list = json<{ counts: Record<string, number>; total: number; items: Request[] }>('requests', 'list');
    expect(list.items.map((i) => i.id)).toEqual([r.id]);
    expect(list.counts).toMatchObject({ received: 1, in_progress: 0 });
    expect(json<{ items: Request[] }>('requests', 'list', '--state', 'in_progress').items).toEqual([]);
    expect(json<{ items: Request[] }>('requests', 'list', '--overdue').items).toEqual([]);
    expect(run('requests', 'list', '--state', 'pending').code).toBe(2);
    expect(run('requests', 'list').stdout).toContain(`${r.id}  ${received}  access`);

    expect(json<Request>('requests', 'await-identity', r.id).state).toBe('awaiting_identity');
    const restarted = json<Request>('requests', 'identity-received', r.id, '--date', today);
    expect(restarted).toMatchObject({ state: 'in_progress', dueDate: legalDeadline(today, 1) });
    expect(run('requests', 'identity-received', r.id, '--date', today).code).toBe(1);

    expect(run('requests', 'extend', r.id, '--months', '3', '--reason', 'Complex').code).toBe(2);
    expect(run('requests', 'extend', r.id, '--months', '2').stderr).toMatch(/--reason is required/);
    const extended = json<Request>('requests', 'extend', r.id, '--months', '2', '--reason', 'Several partners to ask');
    expect(extended.dueDate).toBe(legalDeadline(today, 3));
    const again = run('requests', 'extend', r.id, '--months', '1', '--reason', 'More');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already extended once/);

    const refusedWithout = run('requests', 'close', r.id, '--outcome', 'refused');
    expect(refusedWithout.code).toBe(2);
    expect(refusedWithout.stderr).toMatch(/A refusal needs its ground/);
    expect(json<Request>('requests', 'close', r.id, '--outcome', 'completed').state).toBe('completed');
    const twice = run('requests', 'close', r.id, '--outcome', 'completed');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already completed/);

    const shown = json<Request>('requests', 'show', r.id);
    expect(shown).toMatchObject({ id: r.id, state: 'completed', dueDate: legalDeadline(today, 3) });
    expect(shown.events!.map((e) => e.kind)).toEqual(['received', 'identity_requested', 'identity_received', 'extended', 'completed']);
    expect(run('requests', 'show', r.id).stdout).toContain('Extended by 2 month(s)');
    expect(run('requests', 'show', 'no-such-id').code).toBe(1);
    expect(run('audit', 'verify').code).toBe(0);
  });

  it('refuses an extension once the deadline has passed (exit 1), and a refusal closes with its ground', () => {
    const { run, json } = cliVault();
    const old = addDays(today, -70);
    const r = json<Request>('requests', 'add', '--type', 'objection', '--received', old, '--channel', 'phone', '--requester-name', 'Late Caller');
    expect(json<{ items: Request[] }>('requests', 'list', '--overdue').items.map((i) => i.id)).toEqual([r.id]);
    const late = run('requests', 'extend', r.id, '--months', '1', '--reason', 'Complex');
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(new RegExp(`The deadline \\(${r.dueDate}\\) has passed`));
    expect(json<Request>('requests', 'show', r.id).dueDate).toBe(r.dueDate);

    expect(run('requests', 'close', r.id, '--outcome', 'refused', '--reason', 'vexatious').code).toBe(2);
    const refused = run('requests', 'close', r.id, '--outcome', 'refused', '--reason', 'manifestly_unfounded');
    expect(refused.code).toBe(0);
    expect(refused.stdout).toMatch(/right to complain to the supervisory authority/);
    expect(json<Request>('requests', 'show', r.id).state).toBe('refused');
  });

  it('works the tasks through: task done, notice sent and confirmed, link, attach, and show lists them', () => {
    const { run, json } = cliVault();
    const ana = JSON.parse(run('contacts', 'add', '--json', JSON.stringify({ fullName: 'Ana Ruiz', email: 'ana@example.org' })).stdout) as { id: string };
    expect(run('systems', 'set', '--contact', ana.id, '--processor', 'Mailchimp', '--holds', 'true').code).toBe(0);
    expect(run('sharing', 'record', '--contact', ana.id, '--partner', 'ENPE', '--activity', 'Conference', '--categories', 'name,e-mail', '--date', today).code).toBe(0);

    interface Detail extends Request {
      contact: { id: string } | null;
      tasks: Array<{ seq: number; kind: string; name: string; status: string; evidence: string | null; noticeDue: boolean; noticeSentDate: string | null; noticeConfirmedDate: string | null }>;
      attachments: Array<{ id: string; fileName: string; size: number; sha256: string }>;
    }
    const r = json<Request>('requests', 'add', '--type', 'erasure', '--received', today, '--channel', 'post', '--requester-name', 'Ana Ruiz');
    const linked = json<Detail>('requests', 'link', r.id, '--contact', ana.id);
    expect(linked.contact?.id).toBe(ana.id);
    expect(linked.tasks.map((t) => [t.seq, t.kind, t.name, t.noticeDue])).toEqual([
      [1, 'system', 'Mailchimp', false],
      [2, 'partner', 'ENPE', true],
    ]);
    const twice = run('requests', 'link', r.id, '--contact', ana.id);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already linked/);
    expect(run('requests', 'link', r.id).stderr).toMatch(/--contact is required/);

    json<Request>('requests', 'start', r.id);
    const open = run('requests', 'close', r.id, '--outcome', 'completed');
    expect(open.code).toBe(1);
    expect(open.stderr).toBe('registre: The request cannot be completed yet — tasks still open: 1 (Mailchimp), 2 (ENPE); notice to the recipient not sent: 2 (ENPE).\n');

    // Usage errors exit 2 and change nothing.
    expect(run('requests', 'task', 'done', r.id, '1').stderr).toMatch(/--evidence is required/);
    expect(run('requests', 'task', 'done', r.id, 'one', '--evidence', 'x').code).toBe(2);
    expect(run('requests', 'task', 'done', r.id, '7', '--evidence', 'x').code).toBe(1);
    expect(run('requests', 'task', 'notice-sent', r.id, '1', '--date', today).code).toBe(2);

    const done = run('requests', 'task', 'done', r.id, '1', '--evidence', 'Removed from the audience');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Task 1 ticked off.');
    const nothing = json<Detail>('requests', 'task', 'done', r.id, '2', '--evidence', 'ENPE holds nothing more', '--nothing-found');
    expect(nothing.tasks[1]).toMatchObject({ status: 'nothing_found', evidence: 'ENPE holds nothing more' });
    expect(run('requests', 'task', 'notice-sent', r.id, '2', '--date', addDays(today, 1)).code).toBe(2);
    expect(json<Detail>('requests', 'task', 'notice-sent', r.id, '2', '--date', today).tasks[1]!.noticeSentDate).toBe(today);

    const file = join(tempDir(), 'letter from Ana.pdf');
    const bytes = Buffer.from('%PDF-1.4 please erase my data');
    writeFileSync(file, bytes);
    const attached = json<{ id: string; fileName: string; contentType: string; size: number; sha256: string }>('requests', 'attach', r.id, file);
    expect(attached).toMatchObject({ fileName: 'letter from Ana.pdf', contentType: 'application/pdf', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(run('requests', 'attach', r.id, join(tempDir(), 'missing.pdf')).code).toBe(2);

    expect(json<Request>('requests', 'close', r.id, '--outcome', 'completed').state).toBe('completed');
    expect(json<Detail>('requests', 'task', 'confirmed', r.id, '2', '--date', today).tasks[1]!.noticeConfirmedDate).toBe(today);

    const shown = run('requests', 'show', r.id);
    expect(shown.stdout).toMatch(
      /Tasks:\n\s+1 {2}system {2}Mailchimp +done +— Removed from the audience \(Administrator\)\n\s+2 {2}partner ENPE +nothing_found +notice sent \S+, confirmed \S+ {2}— ENPE holds nothing more/,
    );
    expect(shown.stdout).toContain(`Attachments:\n  ${attached.id}  letter from Ana.pdf  application/pdf, ${bytes.length} bytes  sha256 ${attached.sha256}`);
    expect(json<Detail>('requests', 'show', r.id).attachments).toEqual([expect.objectContaining({ id: attached.id, fileName: 'letter from Ana.pdf' })]);
    expect(run('audit', 'verify').code).toBe(0);
  });

  it('drafts a reply letter, printed or written to a new file, and lists the letters saved', () => {
    const { run, json } = cliVault();
    const received = addDays(today, -2);
    const r = json<Request>('requests', 'add', '--type', 'erasure', '--received', received, '--channel', 'post', '--requester-name', 'Jo Bloggs');

    const printed = run('requests', 'letter', r.id, '--kind', 'acknowledgement', '--language', 'en');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^Acknowledgement of receipt – your request of /);
    expect(printed.stdout).toContain(`your request for erasure of your personal data on ${longDate(received, 'en-GB')}`);
    expect(printed.stdout).toContain(`We will reply by ${longDate(r.dueDate, 'en-GB')} at the latest`);
    expect(printed.stdout).toContain('Dear Jo Bloggs,');
    expect(printed.stdout).toContain('info@impel.eu');

    // No contact to take the language from: French.
    const fr = json<{ kind: string; language: string; subject: string; body: string }>('requests', 'letter', r.id, '--kind', 'refusal', '--reason', 'excessive');
    expect(fr).toMatchObject({ kind: 'refusal', language: 'fr' });
    expect(fr.body).toContain('Autorité de protection des données');
    expect(fr.body).toContain('recours juridictionnel');

    const file = join(tempDir(), 'letter.txt');
    const written = run('requests', 'letter', r.id, '--kind', 'completion', '--language', 'fr', '--out', file);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain(`Draft written to ${file}`);
    expect(readFileSync(file, 'utf8')).toMatch(/^Notre réponse à votre demande – votre demande du [^\n]+\n\nIMPEL\n/);
    // Never over another file.
    const taken = join(tempDir(), 'taken.txt');
    writeFileSync(taken, 'keep me');
    expect(run('requests', 'letter', r.id, '--kind', 'completion', '--out', taken).code).toBe(2);
    expect(readFileSync(taken, 'utf8')).toBe('keep me');

    // Refused by the rules (exit 1) or by usage (exit 2), and nothing written.
    const none = join(tempDir(), 'none.txt');
    const noExtension = run('requests', 'letter', r.id, '--kind', 'extension', '--out', none);
    expect(noExtension.code).toBe(1);
    expect(noExtension.stderr).toMatch(/never extended/);
    expect(run('requests', 'letter', r.id, '--kind', 'reminder').code).toBe(2);
    expect(run('requests', 'letter', r.id, '--kind', 'refusal').code).toBe(2);
    expect(run('requests', 'letter', r.id, '--kind', 'acknowledgement', '--language', 'de').code).toBe(2);
    expect(existsSync(none)).toBe(false);

    expect(run('requests', 'letters', r.id).stdout).toBe('No letter saved.\n');
    expect(json<unknown[]>('requests', 'letters', r.id)).toEqual([]);
    expect(run('requests', 'letters', 'no-such-id').code).toBe(1);
  });
  it('carries requests out: restrict, object, withdraw, and the bundle with --request', () => {
    const { run, json } = cliVault();
    const ana = JSON.parse(run('contacts', 'add', '--json', JSON.stringify({ fullName: 'Ana Ruiz', email: 'ana@example.org' })).stdout) as { id: string };
    const add = (type: string) => json<Request>('requests', 'add', '--type', type, '--received', today, '--channel', 'email', '--contact', ana.id);
    type Detail = Request & { actions: Array<{ action: string; detail: Record<string, unknown> }> };

    const restriction = add('restriction');
    expect(json<Detail>('requests', 'restrict', restriction.id).actions).toEqual([
      expect.objectContaining({ action: 'restriction', detail: expect.objectContaining({ purposeCode: 'collaboration' }) }),
    ]);
    const twice = run('requests', 'restrict', restriction.id);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already restricted/);
    expect(run('requests', 'show', restriction.id).stdout).toContain('processing restricted (recorded on collaboration)');
    expect(json<Detail>('requests', 'lift-restriction', restriction.id).actions.map((a) => a.detail.lifted)).toEqual([false, true]);

    const objection = add('objection');
    expect(run('requests', 'object', objection.id, '--purpose', 'newsletter').code).toBe(2);
    expect(json<Detail>('requests', 'object', objection.id, '--purpose', 'basecamp', '--purpose', 'photos').actions[0]!.detail.purposeCodes).toEqual(['basecamp', 'photos']);
    expect(run('requests', 'object', objection.id, '--purpose', 'photos').code).toBe(1);

    const withdrawal = add('consent_withdrawal');
    expect(run('requests', 'withdraw', withdrawal.id).stderr).toMatch(/--purpose is required/);
    expect(json<Detail>('requests', 'withdraw', withdrawal.id, '--purpose', 'newsletter').actions[0]!.detail.purposeCodes).toEqual(['newsletter']);
    expect(run('requests', 'withdraw', objection.id, '--purpose', 'newsletter').code).toBe(1);

    const access = add('access');
    const out = join(tempDir(), 'bundle.zip');
    expect(run('export', 'subject', '--contact', ana.id, '--mode', 'portability', '--out', out, '--request', access.id).code).toBe(1);
    const written = run('export', 'subject', '--contact', ana.id, '--mode', 'access', '--out', out, '--request', access.id);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain(`Attached to request ${access.id}`);
    expect(json<Detail>('requests', 'show', access.id).actions).toEqual([expect.objectContaining({ action: 'bundle', detail: expect.objectContaining({ fileName: 'bundle.zip', mode: 'access' }) })]);
    expect(run('audit', 'verify').code).toBe(0);
  });
});
