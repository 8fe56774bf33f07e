/**
 * `registre calendar …` (issue 13): the working calendar as scripts and IT staff read and
 * change it, with the exit codes (0 done, 1 refused by the rules, 2 invalid input or usage).
 */
import { describe, expect, it } from 'vitest';
import type { CalendarDto } from '../../shared/dto/calendar';
import { localDay } from '../../shared/rules/dates';
import { addDays, legalDeadline } from '../../shared/rules/deadline';
import { cliVault } from './run-cli';

describe('registre calendar', () => {
  it('lists a year, closes a day, works a holiday and restores both, with the exit codes scripts rely on', () => {
    const { run, json } = cliVault();
    const cal = json<CalendarDto>('calendar', '--year', '2027');
    expect(cal.year).toBe(2027);
    expect(cal.holidays).toHaveLength(10);
    expect(cal.closures).toEqual([]);
    const text = run('calendar', '--year', '2027');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('2027-03-29  Easter Monday');
    expect(text.stdout).toContain('Office closure days:\n  none');
    expect(json<CalendarDto>('calendar').year).toBe(Number(localDay(new Date()).slice(0, 4)));

    const closed = json<CalendarDto>('calendar', 'close', '2027-05-07', '--note', 'Bridge day after Ascension');
    expect(closed.closures).toEqual([expect.objectContaining({ day: '2027-05-07', note: 'Bridge day after Ascension', setBy: expect.objectContaining({ name: 'Administrator' }) })]);
    const worked = run('calendar', 'work', '2027-11-11', '--note', 'Worked by agreement');
    expect(worked.code).toBe(0);
    expect(worked.stdout).toMatch(/^The office works on 2027-11-11/);
    expect(run('calendar', '--year', '2027').stdout).toMatch(/2027-11-11 {2}Armistice Day +OFFICE WORKS \(Worked by agreement; set by Administrator on \d{4}-\d{2}-\d{2}\)/);
    expect(run('calendar', '--year', '2027').stdout).toContain('2027-05-07  closed: Bridge day after Ascension; set by Administrator');

    // Refused by the rules: exit 1 (already set, nothing to restore); bad input or usage: exit 2. Nothing changes.
    expect(run('calendar', 'close', '2027-05-07', '--note', 'Again')).toMatchObject({ code: 1, stderr: expect.stringMatching(/already set as a closure day/) });
    expect(run('calendar', 'restore', '2027-06-01')).toMatchObject({ code: 1, stderr: expect.stringMatching(/nothing to restore/) });
    expect(run('calendar', 'close', '2027-05-08', '--note', 'Saturday')).toMatchObject({ code: 2, stderr: expect.stringMatching(/Saturday or a Sunday/) });
    expect(run('calendar', 'close', '2027-05-10').stderr).toMatch(/--note is required/);
    expect(run('calendar', 'close', '--note', 'x').stderr).toMatch(/Give the day/);
    expect(run('calendar', 'close', '2027-02-30', '--note', 'x')).toMatchObject({ code: 2, stderr: expect.stringMatching(/not a real date/) });
    expect(run('calendar', 'work', '2027-05-10')).toMatchObject({ code: 2, stderr: expect.stringMatching(/not one of Belgium's legal public holidays/) });
    expect(run('calendar', '--year', '27').code).toBe(2);
    expect(run('calendar', 'open', '2027-05-10').code).toBe(2);
    expect(json<CalendarDto>('calendar', '--year', '2027').closures.map((c) => c.day)).toEqual(['2027-05-07']);

    expect(run('calendar', 'restore', '2027-05-07').stdout).toMatch(/^2027-05-07 is as Belgium's calendar has it again\./);
    const restored = json<CalendarDto>('calendar', 'restore', '2027-11-11');
    expect(restored.closures).toEqual([]);
    expect(restored.holidays.every((h) => h.removed === null)).toBe(true);
    expect(run('audit', 'verify').code).toBe(0);
  });

  it('moves the deadline of a request recorded after a closure; the one recorded before keeps its deadline and is listed', () => {
    const { run, json } = cliVault();
    // The plain deadline is a working day (weekends and holidays are already skipped), so it can be closed.
    const received = addDays(localDay(new Date()), -14);
    const due = legalDeadline(received, 1);
    const before = json<{ id: string; dueDate: string }>('requests', 'add', '--type', 'access', '--received', received, '--channel', 'email', '--requester-name', 'Jo Bloggs');
    expect(before.dueDate).toBe(due);
    const cal = json<CalendarDto>('calendar', 'close', due, '--note', 'Office move');
    const moved = legalDeadline(received, 1, { closures: [due], removed: [] });
    expect(cal.keptDeadlines).toEqual([{ requestId: before.id, type: 'access', receivedDate: received, dueDate: due, wouldBe: moved }]);
    const after = json<{ dueDate: string }>('requests', 'add', '--type', 'access', '--received', received, '--channel', 'email', '--requester-name', 'Jo Bloggs');
    expect(after.dueDate).toBe(moved);
    expect(run('calendar', '--year', due.slice(0, 4)).stdout).toContain(`${before.id}  access, received ${received}: due ${due} (today's calendar would give ${moved})`);
  });
});
