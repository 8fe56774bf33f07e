/**
 * The fast CSV scanner must read every file it accepts exactly as csv-parse does with
 * parse.ts's options, and give up on every file csv-parse refuses.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvScanner, GIVE_UP } from '../../db/import/csv-scan';

function csvParse(text: string, delimiter: string): string[][] | 'error' {
  try {
    return parse(text, { delimiter, bom: false, relax_column_count: true, relax_quotes: false, skip_empty_lines: false, max_record_size: 1024 * 1024 }) as string[][];
  } catch {
    return 'error';
  }
}

function scan(text: string, delimiter: string, batch: number): string[][] | typeof GIVE_UP {
  const s = new CsvScanner(text, delimiter);
  const all: string[][] = [];
  while (!s.done) {
    const records = s.next(batch);
    if (records === GIVE_UP) return GIVE_UP;
    all.push(...records);
  }
  return all;
}

const piece = fc.constantFrom('a', 'bc', 'é', ' ', ',', ';', '"', '""', '\r', '\n', '\r\n', '\t', 'x@y.be');
const cell = fc.oneof(
  fc.array(fc.constantFrom('a', 'é', ' ', 'x@y.be', '-'), { maxLength: 4 }).map((p) => p.join('')),
  fc.array(piece, { maxLength: 5 }).map((p) => `"${p.join('').replace(/"/g, '""')}"`),
);
const wellFormed = fc
  .tuple(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.constantFrom('\r\n', '\n', '\r'), fc.boolean())
  .map(([rows, eol, trailing]) => rows.map((r) => r.join(',')).join(eol) + (trailing ? eol : ''));

describe('csv scanner', () => {
  it('reads well-formed files itself, as csv-parse does', () => {
    fc.assert(
      fc.property(wellFormed, fc.integer({ min: 1, max: 4 }), (text, batch) => {
        expect(scan(text, ',', batch)).toEqual(csvParse(text, ','));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with csv-parse or gives up on arbitrary text, never reads it differently', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((p) => p.join('')), fc.constantFrom(',', ';', '\t'), (text, delimiter) => {
        const scanned = scan(text, delimiter, 3);
        const expected = csvParse(text, delimiter);
        if (expected === 'error') expect(scanned).toBe(GIVE_UP);
        else if (scanned !== GIVE_UP) expect(scanned).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads the usual export shapes itself instead of giving up', () => {
    const text = '"Email Address","First Name","TAGS"\r\n"a@b.be","Zoë","x, y"\r\n"c@d.be","Ann ""Jo""",""\r\n';
    expect(scan(text, ',', 10)).toEqual([
      ['Email Address', 'First Name', 'TAGS'],
      ['a@b.be', 'Zoë', 'x, y'],
      ['c@d.be', 'Ann "Jo"', ''],
    ]);
    expect(scan('Email;Commentaires\r\na@b.be;"deux\r\nlignes"\r\n\r\n', ';', 10)).toEqual([['Email', 'Commentaires'], ['a@b.be', 'deux\r\nlignes'], ['']]);
  });
});
