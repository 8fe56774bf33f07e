/**
 * The office's working calendar, which moves a deadline off a closed day. Every deadline of
 * a request is computed with what this one function returns: Belgium's legal public
 * holidays (shared/rules/deadline.ts), less those the office works, plus its own closure
 * days, as admins set them in Settings (table `office_calendar`, db/settings/calendar.ts).
 *
 * A deadline is computed when a step sets it (intake, identity received, extension) and then
 * stored: a change of the calendar applies to deadlines computed from then on, never to one
 * already given, which the requester may have been told. `calendar.get` shows the open
 * requests whose kept deadline now differs from what the calendar would give.
 */
import type { Kysely } from 'kysely';
import type { WorkingCalendar } from '../../shared/rules/deadline';
import type { Database } from '../schema';

export async function officeCalendar(db: Kysely<Database>): Promise<WorkingCalendar> {
  const rows = await db.selectFrom('office_calendar').select(['day', 'kind']).orderBy('day').execute();
  return { closures: rows.filter((r) => r.kind === 'closure').map((r) => r.day), removed: rows.filter((r) => r.kind === 'holiday_removed').map((r) => r.day) };
}
