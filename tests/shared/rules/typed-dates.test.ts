/** Dates typed and shown day first (dd/mm/yyyy) in both languages, carried as ISO to the core. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDate } from '../../../shared/rules/dates';
import { formatTypedDate, parseTypedDate } from '../../../shared/rules/typed-dates';

const realDay = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => formatIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));

describe('parseTypedDate', () => {
  it('reads the day first, never the month', () => {
    expect(parseTypedDate('05/03/2026')).toEqual({ kind: 'date', iso: '2026-03-05' });
  });

  it('accepts single digits and the dot and dash separators people type', () => {
    for (const typed of ['5/3/2026', '05.03.2026', '05-03-2026', ' 5.3.2026 ']) expect(parseTypedDate(typed)).toEqual({ kind: 'date', iso: '2026-03-05' });
  });

  it('tells an impossible day apart from an unreadable text', () => {
    expect(parseTypedDate('31/02/2026')).toEqual({ kind: 'impossible' });
    expect(parseTypedDate('29/02/2025')).toEqual({ kind: 'impossible' });
    expect(parseTypedDate('01/13/2026')).toEqual({ kind: 'impossible' });
    expect(parseTypedDate('29/02/2024')).toEqual({ kind: 'date', iso: '2024-02-29' });
    for (const typed of ['2026-03-05', '05/03/26', '05/03-2026', 'tomorrow']) expect(parseTypedDate(typed)).toEqual({ kind: 'unreadable' });
  });

  it('is empty for blank text', () => {
    expect(parseTypedDate('  ')).toEqual({ kind: 'empty' });
  });
});

describe('formatTypedDate', () => {
  it('shows ISO days as dd/mm/yyyy and nothing for no day', () => {
    expect(formatTypedDate('2026-03-05')).toBe('05/03/2026');
    expect(formatTypedDate('')).toBe('');
  });

  it('round-trips every real day through what is shown', () => {
    fc.assert(
      fc.property(realDay, (iso) => {
        expect(parseTypedDate(formatTypedDate(iso))).toEqual({ kind: 'date', iso });
      }),
    );
  });

  it('reads any separator and unpadded form back to the same day', () => {
    fc.assert(
      fc.property(realDay, fc.constantFrom('/', '.', '-'), (iso, sep) => {
        const [y, m, d] = iso.split('-').map(Number);
        expect(parseTypedDate(`${d}${sep}${m}${sep}${y}`)).toEqual({ kind: 'date', iso });
      }),
    );
  });
});
