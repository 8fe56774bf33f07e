/**
 * `registre retention …` and `registre holds …` (issue 15): the rules, the due list and
 * legal holds as scripts read and change them, applying a rule once its count is confirmed, with the exit codes (0 done, 1 refused by
 * the rules, 2 invalid input or usage).
 */
import { describe, expect, it } from 'vitest';
import type { LegalHoldDto, RetentionApplyResultDto, RetentionDueDto, RetentionRuleDto } from '../../shared/dto/retention';
import { localDay } from '../../shared/rules/dates';
import { addDays } from '../../shared/rules/deadline';
import { cliVault } from './run-cli';

describe('registre retention and holds', () => {
  it('shows and changes the rules, lists who is due with the reason, and freezes a held person', () => {
    const { run, json } = cliVault();
    const rules = json<RetentionRuleDto[]>('retention', 'rules');
    expect(rules.map((r) => r.code)).toEqual(['contact_activity', 'identity', 'bank', 'newsletter_only', 'signature', 'closed_requests', 'minor']);
    expect(run('retention', 'rules').stdout).toMatch(/contact_activity +7 years +erase_contact +Contact and participation data: Erase the whole contact \(may also: anonymise\); the policy's default/);

    // Entered today, took part 7 years ago less 10 days: due within the window, not yet now.
    const today = localDay(new Date());
    const day = addDays(addDays(today, 10), -365 * 7 - 2);
    // Record commands take their input as --json: their answer is JSON anyway.
    const add = (...args: string[]) => JSON.parse(run(...args).stdout) as { id: string };
    const contact = add('contacts', 'add', '--json', JSON.stringify({ fullName: 'Old Timer' }));
    const event = add('events', 'add', '--json', JSON.stringify({ name: 'Old meeting', startDate: day }));
    add('participation', 'add', '--json', JSON.stringify({ contactId: contact.id, eventId: event.id, participatedOn: day }));

    const due = json<RetentionDueDto>('retention', 'due', '--rule', 'contact_activity');
    expect(due.rules).toHaveLength(1);
    expect(due.rules[0]!.items).toEqual([expect.objectContaining({ contactId: contact.id, clockStart: day, clockReason: 'last_participation', state: 'soon', frozen: null })]);
    expect(json<RetentionDueDto>('retention', 'due', '--within-days', '0', '--rule', 'contact_activity').rules[0]!.items).toEqual([]);
    const text = run('retention', 'due');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Contact and participation data (contact_activity, 7 years, erase_contact): 0 due, 1 soon, 0 frozen`);
    expect(text.stdout).toMatch(new RegExp(`soon +Old Timer  clock ${day}, last participation  contact ${contact.id}`));

    const hold = json<LegalHoldDto>('holds', 'set', '--contact', contact.id, '--reason', 'Grant audit', '--until', addDays(today, 30));
    expect(hold.inForce).toBe(true);
    expect(run('retention', 'due', '--rule', 'contact_activity').stdout).toContain(`FROZEN Old Timer`);
    expect(run('retention', 'due', '--rule', 'contact_activity').stdout).toContain(`frozen: legal hold until ${addDays(today, 30)}: Grant audit`);
    expect(run('holds', 'list', '--contact', contact.id).stdout).toMatch(new RegExp(`${hold.id} +contact ${contact.id} +until ${addDays(today, 30)} +IN FORCE`));
    expect(run('holds', 'lift', hold.id).stdout).toMatch(/^Legal hold .* lifted/);
    expect(run('holds', 'lift', hold.id)).toMatchObject({ code: 1, stderr: expect.stringMatching(/already lifted/) });
    expect(json<LegalHoldDto[]>('holds', 'list')[0]!.inForce).toBe(false);

    const changed = json<RetentionRuleDto[]>('retention', 'set-rule', 'contact_activity', '--period', '6', '--unit', 'years', '--action', 'anonymise');
    expect(changed[0]).toMatchObject({ periodValue: 6, periodUnit: 'years', action: 'anonymise' });
    expect(json<RetentionDueDto>('retention', 'due', '--within-days', '0', '--rule', 'contact_activity').rules[0]!.counts).toEqual({ due: 1, soon: 0, frozen: 0 });

    // Bad input or usage: exit 2, nothing changed.
    expect(run('retention', 'set-rule', 'identity', '--period', '30', '--unit', 'days', '--action', 'anonymise')).toMatchObject({ code: 2, stderr: expect.stringMatching(/can only erase_category/) });
    expect(run('retention', 'set-rule', 'bank', '--period', '101', '--unit', 'years').code).toBe(2);
    expect(run('retention', 'set-rule', 'bank', '--period', '7', '--unit', 'months').code).toBe(2);
    expect(run('retention', 'set-rule', 'photos', '--period', '7', '--unit', 'years').code).toBe(2);
    expect(run('retention', 'set-rule', 'bank', '--unit', 'years').stderr).toMatch(/--period is required/);
    expect(run('retention', 'due', '--within-days', '-1').code).toBe(2);
    expect(run('retention', 'due', '--rule', 'everything').code).toBe(2);
    expect(run('holds', 'set', '--contact', contact.id, '--reason', 'x', '--until', addDays(today, -1))).toMatchObject({ code: 2, stderr: expect.stringMatching(/ends today or later/) });
    expect(run('holds', 'set', '--contact', contact.id, '--until', addDays(today, 1)).stderr).toMatch(/--reason is required/);
    expect(json<RetentionRuleDto[]>('retention', 'rules').find((r) => r.code === 'bank')).toMatchObject({ periodValue: 7, periodUnit: 'years' });
    expect(json<LegalHoldDto[]>('holds', 'list')).toHaveLength(1);

    // Applying: the count confirmed must be the count due now, else exit 1 and nothing done.
    expect(run('retention', 'apply', '--rule', 'contact_activity', '--confirm', '2')).toMatchObject({ code: 1, stderr: expect.stringMatching(/1 now due under this rule, not 2/) });
    expect(run('retention', 'apply', '--rule', 'contact_activity').code).toBe(2);
    expect(run('retention', 'apply', '--confirm', '1').code).toBe(2);
    expect(json<RetentionApplyResultDto>('retention', 'apply', '--rule', 'contact_activity', '--confirm', '1')).toEqual({
      rule: 'contact_activity',
      applied: 1,
      items: [{ contactId: contact.id, requestId: null, outcome: 'anonymised' }],
    });
    expect(run('retention', 'apply', '--rule', 'contact_activity', '--confirm', '0').stdout).toContain('Contact and participation data (contact_activity): 0 of 0 due done.');
    expect(run('audit', 'verify').code).toBe(0);
  });
});
