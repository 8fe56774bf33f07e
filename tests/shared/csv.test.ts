/** shared/csv.ts: RFC 4180 round trip through a real parser, formulas neutralised. */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from '../../shared/csv';

describe('CSV cells', () => {
  it('survive a round trip through csv-parse exactly, unless they would run as a formula', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), fc.constantFrom(',', ';' as const), (rows, delimiter) => {
        const width = Math.max(...rows.map((r) => r.length));
        const square = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const back = parse(toCsv(square, { delimiter }), { delimiter, relax_column_count: false, bom: true }) as string[][];
        expect(back).toEqual(square.map((r) => r.map(neutraliseFormula)));
      }),
      { numRuns: 300 },
    );
  });

  it('neutralises = + - @ tab CR and NUL at the start, and nothing else', () => {
    for (const c of ['=SUM(A1)', '+32 2 555', '-1', '@cmd', '\tx', '\rx', '\0x']) expect(neutraliseFormula(c)).toBe(`'${c}`);
    for (const c of ['', 'Anne', ' =x', "'=x", '1-2']) expect(neutraliseFormula(c)).toBe(c);
  });

  it('writes CRLF records, and a BOM only when asked', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['c', null],
      ]),
    ).toBe('a,b\r\nc,\r\n');
    expect(toCsv([['é']], { bom: true })).toBe('\uFEFFé\r\n');
    expect(toCsv([['a;b', 'c']], { delimiter: ';' })).toBe('"a;b";c\r\n');
  });
});
