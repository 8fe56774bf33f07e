/**
 * `registre stats` (issue 16): the statistics of a period as readable tables and as the
 * `stats.get` answer, with the exit codes scripts rely on (2 for a bad period).
 */
import { describe, expect, it } from 'vitest';
import type { RequestDto } from '../../shared/dto/requests';
import type { StatisticsDto } from '../../shared/dto/stats';
import { localDay } from '../../shared/rules/dates';
import { addDays } from '../../shared/rules/deadline';
import { cliVault } from './run-cli';

describe('registre stats', () => {
  it('prints the period as tables and as JSON, leaves test requests out, and refuses a bad period', () => {
    const { run, json } = cliVault();
    const today = localDay(new Date());
    const received = addDays(today, -40);
    json<RequestDto>('requests', 'add', '--type', 'erasure', '--received', received, '--channel', 'email', '--requester-name', 'Ida');
    json<RequestDto>('requests', 'add', '--type', 'access', '--received', received, '--channel', 'email', '--requester-name', 'Test', '--test');
    const from = addDays(today, -60);

    const s = json<StatisticsDto>('stats', '--from', from, '--to', today);
    expect(s.requests.received).toBe(1);
    expect(s.requests.overdueNow).toBe(1);
    expect(s.months[0]).toBe(from.slice(0, 7));
    expect(s.months.at(-1)).toBe(today.slice(0, 7));
    expect(s.requests.perMonth.find((m) => m.month === received.slice(0, 7))!.byType.erasure).toBe(1);

    const text = run('stats', '--from', from, '--to', today);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Statistics from ${from} to ${today}`);
    expect(text.stdout).toMatch(new RegExp(`${received.slice(0, 7)} +1 +1`));
    expect(text.stdout).toContain('Overdue now: 1');
    // Only the types received or closed get a column; the test access request is in none.
    expect(text.stdout).toMatch(/Month +Erasure +Total/);

    const reversed = run('stats', '--from', today, '--to', from);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain('The end date is before the start date.');
    expect(run('stats', '--from', '2000-01-01', '--to', '2015-01-01').code).toBe(2);
    const missing = run('stats', '--from', from);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--to is required');
  });
});
