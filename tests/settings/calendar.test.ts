/**
 * The office's working calendar (issue 13): Belgium's holidays computed for the year, the
 * closure days and worked holidays admins set, each audited; every deadline computed
 * afterwards uses them, a deadline already given is kept (and listed), and bad input or a
 * non-admin changes nothing. Real encrypted vaults with the core's clock set by the test.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegistreCore } from '../../db/core';
import type { Input } from '../../shared/api/index';
import { call, callError, PASS, tempDir } from '../helpers';

async function vaultOn(day: string) {
  const now = new Date(`${day}T10:00:00.000Z`);
  const core = new RegistreCore({ vaultDir: join(tempDir(), 'vault'), allowFolderChange: false, now: () => now });
  await call(core, 'vault.create', { passphrase: PASS, staffName: 'Anna Admin' });
  const add = (receivedOn: string, input: Partial<Input<'requests.add'>> = {}) => call(core, 'requests.add', { type: 'access', receivedOn, channel: 'email', requesterName: 'Jo Bloggs', ...input });
  /** What a refused call must leave as it was: the calendar's rows and the audit head. */
  const snapshot = () => {
    const raw = core.context().vault.raw;
    return { rows: raw.prepare('SELECT * FROM office_calendar ORDER BY day').all(), audit: raw.prepare('SELECT seq, hash FROM audit_head').get() };
  };
  const lastEvent = async () => (await call(core, 'audit.list', { limit: 1 }))[0];
  return { core, add, snapshot, lastEvent };
}

describe('the working calendar', () => {
  it('lists the year’s ten Belgian legal holidays, those on a weekend flagged, with no change yet', async () => {
    const { core } = await vaultOn('2026-03-10');
    const cal = await call(core, 'calendar.get', { year: 2026 });
    expect(cal.year).toBe(2026);
    expect(cal.holidays.map((h) => `${h.day} ${h.name}`)).toEqual([
      '2026-01-01 new_year',
      '2026-04-06 easter_monday',
      '2026-05-01 labour_day',
      '2026-05-14 ascension',
      '2026-05-25 whit_monday',
      '2026-07-21 national_day',
      '2026-08-15 assumption',
      '2026-11-01 all_saints',
      '2026-11-11 armistice',
      '2026-12-25 christmas',
    ]);
    expect(cal.holidays.filter((h) => h.weekend).map((h) => h.day)).toEqual(['2026-08-15', '2026-11-01']);
    expect(cal.holidays.every((h) => h.removed === null)).toBe(true);
    expect(cal).toMatchObject({ closures: [], keptDeadlines: [] });
    expect((await call(core, 'calendar.get', { year: 2027 })).holidays[1]).toMatchObject({ day: '2027-03-29', name: 'easter_monday' });
  });

  it('a closure day moves the deadline of a request received afterwards; one already given is kept and shown; restoring undoes it', async () => {
    const { core, add, lastEvent } = await vaultOn('2026-03-10');
    // Received 31 January: one month later is Saturday 28 February, so the reply is due Monday 2 March.
    const before = await add('2026-01-31');
    expect(before.dueDate).toBe('2026-03-02');

    const cal = await call(core, 'calendar.addClosure', { day: '2026-03-02', note: '  Office move  ' });
    expect(cal.closures).toEqual([{ day: '2026-03-02', note: 'Office move', setBy: { id: expect.any(String), name: 'Anna Admin' }, setAt: '2026-03-10T10:00:00.000Z' }]);
    expect(await lastEvent()).toMatchObject({ action: 'calendar.closureAdded', entityType: 'office_calendar', entityId: '2026-03-02', fields: ['day', 'kind', 'note'] });

    const after = await add('2026-01-31');
    expect(after.dueDate).toBe('2026-03-03');
    // The request logged before the change keeps the day it was given, and the calendar says so.
    expect((await call(core, 'requests.get', { id: before.id })).dueDate).toBe('2026-03-02');
    expect(cal.keptDeadlines).toEqual([{ requestId: before.id, type: 'access', receivedDate: '2026-01-31', dueDate: '2026-03-02', wouldBe: '2026-03-03' }]);
    // Closed requests and test entries are not listed: nothing is owed on them.
    await add('2026-01-31', { isTest: true, requesterName: 'Practice' });
    expect((await call(core, 'calendar.get', { year: 2026 })).keptDeadlines.map((k) => k.requestId)).toEqual([before.id]);
    await call(core, 'requests.start', { id: before.id });
    await call(core, 'requests.close', { id: before.id, outcome: 'completed' });
    expect((await call(core, 'calendar.get', { year: 2026 })).keptDeadlines).toEqual([]);

    const restored = await call(core, 'calendar.restoreDay', { day: '2026-03-02' });
    expect(restored.closures).toEqual([]);
    expect(await lastEvent()).toMatchObject({ action: 'calendar.dayRestored', entityType: 'office_calendar', entityId: '2026-03-02', fields: ['day', 'kind'] });
    expect((await add('2026-01-31')).dueDate).toBe('2026-03-02');
    // `after` was given 3 March under the closure and keeps it.
    expect(restored.keptDeadlines).toEqual([{ requestId: after.id, type: 'access', receivedDate: '2026-01-31', dueDate: '2026-03-03', wouldBe: '2026-03-02' }]);
  });

  it('a public holiday the office works is a working day for deadlines computed from then on, restored on demand', async () => {
    const { core, add, lastEvent } = await vaultOn('2026-03-10');
    // 6 April 2026 is Easter Monday: a request received on 6 March is due Tuesday 7 April.
    expect((await add('2026-03-06')).dueDate).toBe('2026-04-07');
    const cal = await call(core, 'calendar.removeHoliday', { day: '2026-04-06' });
    expect(cal.holidays.find((h) => h.day === '2026-04-06')).toMatchObject({ name: 'easter_monday', removed: { note: null, setBy: { name: 'Anna Admin' }, setAt: '2026-03-10T10:00:00.000Z' } });
    expect(await lastEvent()).toMatchObject({ action: 'calendar.holidayRemoved', entityType: 'office_calendar', entityId: '2026-04-06', fields: ['day', 'kind'] });
    expect((await add('2026-03-06')).dueDate).toBe('2026-04-06');
    // An extension granted now runs with the same calendar.
    const r = await add('2026-03-06');
    expect((await call(core, 'requests.extend', { id: r.id, months: 2, reason: 'Several partners to ask' })).dueDate).toBe('2026-06-08');

    await call(core, 'calendar.removeHoliday', { day: '2026-05-14', note: 'Ascension worked by agreement' });
    expect((await call(core, 'calendar.get', { year: 2026 })).holidays.find((h) => h.day === '2026-05-14')?.removed?.note).toBe('Ascension worked by agreement');
    await call(core, 'calendar.restoreDay', { day: '2026-04-06' });
    expect((await add('2026-03-06')).dueDate).toBe('2026-04-07');
    expect((await call(core, 'calendar.get', { year: 2026 })).holidays.filter((h) => h.removed).map((h) => h.day)).toEqual(['2026-05-14']);
  });

  it('refuses bad input with a reason and changes nothing', async () => {
    const { core, snapshot } = await vaultOn('2026-03-10');
    await call(core, 'calendar.addClosure', { day: '2026-12-24', note: 'Christmas Eve' });
    const before = snapshot();
    const refusal = (method: 'calendar.addClosure' | 'calendar.removeHoliday' | 'calendar.restoreDay' | 'calendar.get', input: unknown) => callError(core, method, input);

    expect(await refusal('calendar.addClosure', { day: '2026-12-24', note: 'Again' })).toMatchObject({ code: 'conflict', detail: { reason: 'calendar_day_set', field: 'day', kind: 'closure' } });
    expect(await refusal('calendar.addClosure', { day: '2026-03-07', note: 'A Saturday' })).toMatchObject({ code: 'invalid_input', detail: { reason: 'calendar_weekend' } });
    expect(await refusal('calendar.addClosure', { day: '2026-12-25', note: 'Christmas' })).toMatchObject({ code: 'invalid_input', detail: { reason: 'calendar_is_holiday' } });
    expect(await refusal('calendar.addClosure', { day: '2026-02-30', note: 'No such day' })).toMatchObject({ code: 'invalid_input', detail: { reason: 'date_invalid' } });
    expect(await refusal('calendar.addClosure', { day: '30/03/2026', note: 'x' })).toMatchObject({ code: 'invalid_input' });
    expect(await refusal('calendar.addClosure', { day: '2026-03-30', note: '   ' })).toMatchObject({ code: 'invalid_input', detail: { field: 'note' } });
    expect(await refusal('calendar.addClosure', { day: '2026-03-30' })).toMatchObject({ code: 'invalid_input' });
    expect(await refusal('calendar.removeHoliday', { day: '2026-12-24' })).toMatchObject({ code: 'invalid_input', detail: { reason: 'calendar_not_holiday' } });
    expect(await refusal('calendar.removeHoliday', { day: '2026-03-11' })).toMatchObject({ code: 'invalid_input', detail: { reason: 'calendar_not_holiday' } });
    // All Saints' Day 2026 is a Sunday: closed anyway.
    expect(await refusal('calendar.removeHoliday', { day: '2026-11-01' })).toMatchObject({ code: 'invalid_input', detail: { reason: 'calendar_weekend' } });
    expect(await refusal('calendar.restoreDay', { day: '2026-03-30' })).toMatchObject({ code: 'not_found', detail: { reason: 'calendar_day_unset' } });
    expect(await refusal('calendar.get', { year: 1800 })).toMatchObject({ code: 'invalid_input' });
    expect(await refusal('calendar.get', { year: 2026.5 })).toMatchObject({ code: 'invalid_input' });
    expect(snapshot()).toEqual(before);

    // A worked holiday is changed once; closing it again means restoring it first.
    await call(core, 'calendar.removeHoliday', { day: '2026-05-01' });
    const worked = snapshot();
    expect(await refusal('calendar.removeHoliday', { day: '2026-05-01' })).toMatchObject({ code: 'conflict', detail: { reason: 'calendar_day_set', kind: 'holiday_removed' } });
    expect(await refusal('calendar.addClosure', { day: '2026-05-01', note: 'Closed after all' })).toMatchObject({ code: 'conflict', detail: { reason: 'calendar_day_set', kind: 'holiday_removed' } });
    expect(snapshot()).toEqual(worked);
  });

  it('lets every role read it and only admins change it', async () => {
    const { core, snapshot } = await vaultOn('2026-03-10');
    await call(core, 'calendar.addClosure', { day: '2026-03-30', note: 'Office move' });
    await call(core, 'staff.add', { name: 'Sam Staff', role: 'staff', passphrase: 'staff passphrase 1' });
    await call(core, 'staff.add', { name: 'Alex Auditor', role: 'auditor', passphrase: 'auditor passphrase 1' });
    for (const passphrase of ['staff passphrase 1', 'auditor passphrase 1']) {
      await call(core, 'vault.unlock', { passphrase });
      expect((await call(core, 'calendar.get', { year: 2026 })).closures.map((c) => c.day)).toEqual(['2026-03-30']);
      const before = snapshot();
      for (const [method, input] of [
        ['calendar.addClosure', { day: '2026-03-31', note: 'x' }],
        ['calendar.removeHoliday', { day: '2026-04-06' }],
        ['calendar.restoreDay', { day: '2026-03-30' }],
      ] as const) {
        expect((await callError(core, method, input)).code).toBe('forbidden');
      }
      expect(snapshot().rows).toEqual(before.rows);
    }
  });
});
