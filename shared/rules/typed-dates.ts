/**
 * Dates as people in the office type and read them: day first (dd/mm/yyyy) in English
 * (en-GB) and French alike, never the browser's US month-first order. The core keeps ISO
 * `YYYY-MM-DD`; these two functions are the only translation between the two.
 */
import { daysInMonth, parseIsoDate } from './dates';

export type TypedDate = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'impossible' } | { kind: 'unreadable' };

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** "5/3/2026", "05.03.2026" and "05-03-2026" are read like "05/03/2026"; one separator per date. */
const TYPED = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;

export function parseTypedDate(text: string): TypedDate {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const m = TYPED.exec(trimmed);
  if (!m) return { kind: 'unreadable' };
  const [day, month, year] = [Number(m[1]), Number(m[3]), Number(m[4])];
  // A shape that reads but names no day (31/02, 00/13) is told apart from a typo.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { kind: 'impossible' };
  return { kind: 'date', iso: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}

/** `YYYY-MM-DD` shown as dd/mm/yyyy; anything else (an empty value) as ''. */
export function formatTypedDate(iso: string): string {
  const d = parseIsoDate(iso);
  return d ? `${pad(d.day, 2)}/${pad(d.month, 2)}/${pad(d.year, 4)}` : '';
}
