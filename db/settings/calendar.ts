/**
 * The office's working calendar as admins edit it in Settings (issue 13): Belgium's legal
 * public holidays are computed for any year (shared/rules/deadline.ts), so the table
 * `office_calendar` holds only what the office changed, one row per day: a closure day, or
 * a holiday it works. db/requests/calendar.ts reads the same rows for every deadline.
 */
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/api/index';
import type { CalendarChangeDto, CalendarDto, KeptDeadlineDto } from '../../shared/dto/calendar';
import { RegistreError } from '../../shared/errors';
import { parseIsoDate } from '../../shared/rules/dates';
import { belgianHolidays, legalDeadline, weekday, type BelgianHoliday } from '../../shared/rules/deadline';
import { closedStates } from '../../shared/rules/request-states';
import type { CallContext } from '../context';
import { officeCalendar } from '../requests/calendar';
import type { Database } from '../schema';

type Kind = Database['office_calendar']['kind'];

const yearOf = (day: string) => parseIsoDate(day)!.year;
const isWeekend = (day: string) => weekday(day) === 0 || weekday(day) === 6;
const holidayOn = (day: string): BelgianHoliday | undefined => belgianHolidays(yearOf(day)).find((h) => h.day === day)?.name;

async function entries(db: Kysely<Database>, from: string, to: string) {
  return db
    .selectFrom('office_calendar as o')
    .leftJoin('staff as s', 's.id', 'o.set_by')
    .select(['o.day', 'o.kind', 'o.note', 'o.set_by', 'o.set_at', 's.name as staff_name'])
    .where('o.day', '>=', from)
    .where('o.day', '<=', to)
    .orderBy('o.day')
    .execute();
}

/**
 * Open requests (test entries aside) whose stored deadline is not what the calendar gives
 * now: the deadline set when the clock (re)started or the extension was granted is kept.
 */
async function keptDeadlines(db: Kysely<Database>): Promise<KeptDeadlineDto[]> {
  const calendar = await officeCalendar(db);
  const rows = await db
    .selectFrom('rights_requests')
    .select(['id', 'type', 'received_on', 'clock_started_on', 'due_on', 'extended_due_on', 'extension_months'])
    .where('status', 'not in', closedStates)
    .where('is_test', '=', 0)
    .orderBy('received_on')
    .orderBy('id')
    .execute();
  const kept: KeptDeadlineDto[] = [];
  for (const r of rows) {
    const dueDate = r.extended_due_on ?? r.due_on;
    const wouldBe = legalDeadline(r.clock_started_on, 1 + (r.extension_months ?? 0), calendar);
    if (wouldBe !== dueDate) kept.push({ requestId: r.id, type: r.type, receivedDate: r.received_on, dueDate, wouldBe });
  }
  return kept;
}

export async function readCalendar(db: Kysely<Database>, year: number): Promise<CalendarDto> {
  const pad = String(year).padStart(4, '0');
  const rows = await entries(db, `${pad}-01-01`, `${pad}-12-31`);
  const change = (r: (typeof rows)[number]): CalendarChangeDto => ({ note: r.note, setBy: r.set_by ? { id: r.set_by, name: r.staff_name ?? '' } : null, setAt: r.set_at });
  const removed = new Map(rows.filter((r) => r.kind === 'holiday_removed').map((r) => [r.day, change(r)]));
  return {
    year,
    holidays: belgianHolidays(year).map((h) => ({ day: h.day, name: h.name, weekend: isWeekend(h.day), removed: removed.get(h.day) ?? null })),
    closures: rows.filter((r) => r.kind === 'closure').map((r) => ({ day: r.day, ...change(r) })),
    keptDeadlines: await keptDeadlines(db),
  };
}

async function entryOn(db: Kysely<Database>, day: string) {
  return db.selectFrom('office_calendar').select(['kind']).where('day', '=', day).executeTakeFirst();
}

function alreadySet(day: string, kind: Kind): RegistreError {
  const what = kind === 'closure' ? 'a closure day' : 'a public holiday the office works';
  return new RegistreError('conflict', `${day} is already set as ${what}: restore it first to change it.`, { reason: 'calendar_day_set', field: 'day', kind });
}

/** Sets the day unless it already has an entry; `check` refuses what the day itself rules out, once that is known. */
async function setDay(ctx: CallContext, day: string, kind: Kind, note: string | null, check: () => void): Promise<CalendarDto> {
  await ctx.tx(async (trx, audit) => {
    const existing = await entryOn(trx, day);
    // First: a worked holiday closed again is a restore, which the refusal should say rather than "a holiday".
    if (existing) throw alreadySet(day, existing.kind);
    check();
    await trx
      .insertInto('office_calendar')
      .values({ day, kind, note, set_by: ctx.session?.staff.id ?? null, set_at: ctx.now.toISOString() })
      .execute();
    await audit({
      action: kind === 'closure' ? 'calendar.closureAdded' : 'calendar.holidayRemoved',
      entityType: 'office_calendar',
      entityId: day,
      fields: ['day', 'kind', ...(note ? ['note'] : [])],
    });
  });
  return readCalendar(ctx.db, yearOf(day));
}

export function addClosure(ctx: CallContext, input: ParsedInput<'calendar.addClosure'>): Promise<CalendarDto> {
  const { day } = input;
  // Refused rather than stored: an entry that changes no deadline would only make the list lie about what matters.
  if (isWeekend(day)) {
    throw new RegistreError('invalid_input', `${day} is a Saturday or a Sunday: the office is closed then anyway, and deadlines already move off it.`, { reason: 'calendar_weekend', field: 'day' });
  }
  return setDay(ctx, day, 'closure', input.note, () => {
    const holiday = holidayOn(day);
    if (holiday) throw new RegistreError('invalid_input', `${day} is a Belgian public holiday: the office is closed then already.`, { reason: 'calendar_is_holiday', field: 'day', holiday });
  });
}

export function removeHoliday(ctx: CallContext, input: ParsedInput<'calendar.removeHoliday'>): Promise<CalendarDto> {
  const { day } = input;
  if (!holidayOn(day)) throw new RegistreError('invalid_input', `${day} is not one of Belgium's legal public holidays.`, { reason: 'calendar_not_holiday', field: 'day' });
  if (isWeekend(day)) {
    throw new RegistreError('invalid_input', `${day} is a public holiday on a Saturday or a Sunday: it is never a working day, so there is nothing to change.`, {
      reason: 'calendar_weekend',
      field: 'day',
    });
  }
  return setDay(ctx, day, 'holiday_removed', input.note ?? null, () => {});
}

export async function restoreDay(ctx: CallContext, day: string): Promise<CalendarDto> {
  await ctx.tx(async (trx, audit) => {
    const existing = await entryOn(trx, day);
    if (!existing) throw new RegistreError('not_found', `${day} has no closure and no holiday the office works: there is nothing to restore.`, { reason: 'calendar_day_unset', field: 'day' });
    await trx.deleteFrom('office_calendar').where('day', '=', day).execute();
    await audit({ action: 'calendar.dayRestored', entityType: 'office_calendar', entityId: day, fields: ['day', 'kind'] });
  });
  return readCalendar(ctx.db, yearOf(day));
}
