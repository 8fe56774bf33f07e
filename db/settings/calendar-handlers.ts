/** Handlers for shared/api/calendar.ts: the office's working calendar, edited in Settings. */
import type { calendarContract } from '../../shared/api/calendar';
import type { HandlersOf } from '../context';
import { addClosure, readCalendar, removeHoliday, restoreDay } from './calendar';

export const calendarHandlers: HandlersOf<keyof typeof calendarContract> = {
  'calendar.get': async (i, core) => readCalendar(core.context().db, i.year),
  'calendar.addClosure': async (i, core) => addClosure(core.context(), i),
  'calendar.removeHoliday': async (i, core) => removeHoliday(core.context(), i),
  'calendar.restoreDay': async (i, core) => restoreDay(core.context(), i.day),
};
