/**
 * The office's working calendar (issue 13): Belgium's legal public holidays, computed for
 * any year, less those the office works, plus its own closure days. Admins edit it in
 * Settings; every deadline computed from then on uses it (db/requests/calendar.ts), and a
 * deadline already given is kept (`keptDeadlines` shows where they now differ).
 */
import { z } from 'zod';
import type { CalendarDto } from '../dto/calendar';
import { isoDate, optionalText, text } from './fields';
import { method, returns, type AnyEntry } from './method';

const note = text().trim().max(200);

export const calendarContract = {
  /** The year's holidays (those the office works flagged), its closure days, and who changed which day when. */
  'calendar.get': method({
    access: 'read',
    output: returns<CalendarDto>(),
    subject: null,
    input: z.object({ year: z.number().int().min(1900).max(2999) }).strict(),
  }),
  /** The office is closed on `day` (a weekday that is not a public holiday); returns that day's year. */
  'calendar.addClosure': method({
    access: 'admin',
    output: returns<CalendarDto>(),
    input: z.object({ day: isoDate, note: note.min(1, 'Say why the office is closed that day') }).strict(),
  }),
  /** The office works on `day`, one of Belgium's legal public holidays falling on a weekday. */
  'calendar.removeHoliday': method({
    access: 'admin',
    output: returns<CalendarDto>(),
    input: z.object({ day: isoDate, note: optionalText(200) }).strict(),
  }),
  /** Undoes a closure or a removed holiday: the day is as Belgium's calendar has it again. */
  'calendar.restoreDay': method({ access: 'admin', output: returns<CalendarDto>(), input: z.object({ day: isoDate }).strict() }),
} as const satisfies Record<string, AnyEntry>;
