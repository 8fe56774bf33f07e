/**
 * The office's working calendar, which moves a deadline off a closed day. Every deadline of
 * a request is computed with what this one function returns, so the calendar admins will
 * set in Settings plugs in here and nowhere else; until then it is Belgium's defaults.
 */
import type { Kysely } from 'kysely';
import { defaultCalendar, type WorkingCalendar } from '../../shared/rules/deadline';
import type { Database } from '../schema';

export function officeCalendar(_db: Kysely<Database>): Promise<WorkingCalendar> {
  return Promise.resolve(defaultCalendar);
}
