/** CLI commands for shared/api/calendar.ts: the office's working calendar, which deadlines move off. */
import type { CalendarDto } from '../shared/dto/calendar';
import { localDay } from '../shared/rules/dates';
import { RegistreError } from '../shared/errors';
import en from '../shared/i18n/en.json';
import { call, common, str, withVault, type Command, type Values } from './kit';

function day(d: string | undefined): string {
  if (!d) throw new RegistreError('invalid_input', 'Give the day, written like 2026-03-31.');
  return d;
}

function year(v: Values): number {
  const given = str(v.year);
  if (given === undefined) return Number(localDay(new Date()).slice(0, 4));
  if (!/^\d{4}$/.test(given) || Number(given) < 1900 || Number(given) > 2999) throw new RegistreError('invalid_input', '--year takes a year from 1900 to 2999, like 2026.');
  return Number(given);
}

const by = (c: { setBy: { name: string } | null; setAt: string; note: string | null }) => `${c.note ? `${c.note}; ` : ''}${c.setBy ? `set by ${c.setBy.name}` : 'set'} on ${c.setAt.slice(0, 10)}`;

function calendarText(cal: CalendarDto): string {
  const holidays = cal.holidays.map((h) => {
    const state = h.removed ? `OFFICE WORKS (${by(h.removed)})` : h.weekend ? 'closed (weekend anyway)' : 'closed';
    return `  ${h.day}  ${en.settings.calendar.holidayNames[h.name].padEnd(22)} ${state}`;
  });
  const closures = cal.closures.map((c) => `  ${c.day}  closed: ${by(c)}`);
  return [
    `Working calendar ${cal.year}: a deadline that falls on a weekend, a public holiday or a closure day moves to the next working day.`,
    'Belgian public holidays:',
    ...holidays,
    'Office closure days:',
    ...(closures.length ? closures : ['  none']),
    ...keptText(cal),
  ].join('\n');
}

/** Deadlines already given stay as they are; say where the calendar now gives another day. */
function keptText(cal: CalendarDto): string[] {
  if (!cal.keptDeadlines.length) return [];
  return [
    `Deadlines already given are kept (${cal.keptDeadlines.length} open request${cal.keptDeadlines.length === 1 ? '' : 's'}):`,
    ...cal.keptDeadlines.map((k) => `  ${k.requestId}  ${k.type}, received ${k.receivedDate}: due ${k.dueDate} (today's calendar would give ${k.wouldBe})`),
  ];
}

const changed = (done: string, cal: CalendarDto) => [done, ...keptText(cal)].join('\n');

export const calendarCommands: Record<string, Command> = {
  calendar: {
    options: { ...common, year: { type: 'string' } },
    run: (v, positionals) => {
      if (positionals.length) throw new RegistreError('invalid_input', `Unknown command "calendar ${positionals[0]}". Run registre --help.`);
      const y = year(v);
      return withVault(v, async (core, out) => {
        const cal = await call(core, 'calendar.get', { year: y });
        out.result(cal, () => calendarText(cal));
        return 0;
      });
    },
  },
  'calendar close': {
    options: { ...common, note: { type: 'string' } },
    run: (v, [d]) =>
      withVault(v, async (core, out) => {
        const note = str(v.note);
        if (!note?.trim()) throw new RegistreError('invalid_input', '--note is required: say why the office is closed that day.');
        const cal = await call(core, 'calendar.addClosure', { day: day(d), note });
        out.result(cal, () => changed(`The office is closed on ${d}: deadlines computed from now on move off it.`, cal));
        return 0;
      }),
  },
  'calendar work': {
    options: { ...common, note: { type: 'string' } },
    run: (v, [d]) =>
      withVault(v, async (core, out) => {
        const cal = await call(core, 'calendar.removeHoliday', { day: day(d), note: str(v.note) });
        out.result(cal, () => changed(`The office works on ${d}: it is a working day for deadlines computed from now on.`, cal));
        return 0;
      }),
  },
  'calendar restore': {
    options: common,
    run: (v, [d]) =>
      withVault(v, async (core, out) => {
        const cal = await call(core, 'calendar.restoreDay', { day: day(d) });
        out.result(cal, () => changed(`${d} is as Belgium's calendar has it again.`, cal));
        return 0;
      }),
  },
};

/** This module's lines of `registre --help`. */
export const calendarUsage = `
Working calendar (a deadline on a weekend, a public holiday or a closure day moves to the next working day)
  calendar [--year YYYY]              Belgium's public holidays of the year (default this year), the office's
                                      closure days, and who changed which day
  calendar close DAY --note TEXT      The office is closed on DAY, a weekday (admins)
  calendar work DAY [--note TEXT]     The office works on DAY, a public holiday on a weekday (admins)
  calendar restore DAY                Undo either: DAY is as Belgium's calendar has it (admins)
`;
