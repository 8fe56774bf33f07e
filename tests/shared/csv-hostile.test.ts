/**
 * Register files with hostile text (issue 5): whatever a cell holds — quotes, delimiters,
 * CR/LF, U+2028, NUL, lone surrogates, a megabyte, formula prefixes — the CSV written
 * through the export's own writer and file parses back (csv-parse, RFC 4180) to exactly
 * the value, or the value with one leading apostrophe when it starts with = + - @ tab CR
 * or NUL. A lone surrogate has no UTF-8 form: in CSV it becomes U+FFFD; JSON keeps it as a
 * \u escape and gives it back exactly. (The contract refuses NUL and lone surrogates in what
 * people type, so end to end they can only come from a vault written before it did.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExportFile } from '../../db/export/output-file';
import { csvWriter, jsonWriter } from '../../db/export/register-format';
import { neutraliseFormula } from '../../shared/csv';
import { call, createdVault, tempDir } from '../helpers';

const COLUMNS = ['a', 'b', 'c'];

const hostileChar = fc.oneof(
  fc.constantFrom('"', "'", ',', ';', '\r', '\n', '\r\n', '\u2028', '\u2029', '\0', '=', '+', '-', '@', '\t', '\ufeff', ' '),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.string({ unit: 'binary', maxLength: 2 }),
);
const hostile = fc.tuple(fc.constantFrom('', '=', '+', '-', '@', '\t', '\r', '\0', '"', '\n'), fc.string({ unit: hostileChar, maxLength: 12 })).map(([p, s]) => p + s);
const rowsArb = fc.array(fc.tuple(hostile, hostile, hostile), { minLength: 1, maxLength: 8 });

/** Writes the rows through the register writers into real export files; returns the files' text. */
function writeBoth(rows: ReadonlyArray<readonly string[]>, delimiter: ',' | ';', bom: boolean): { csv: string; json: string } {
  const dir = tempDir();
  const objects = rows.map((r) => Object.fromEntries(COLUMNS.map((c, i) => [c, r[i]!])));
  const csvFile = new ExportFile(join(dir, 'r.csv'));
  const csv = csvWriter(csvFile, COLUMNS, { delimiter, bom });
  csv.rows(objects);
  csv.end();
  csvFile.commit();
  const jsonFile = new ExportFile(join(dir, 'r.json'));
  const json = jsonWriter(jsonFile, COLUMNS, { register: 'contacts', exportedAt: '2026-01-01T00:00:00.000Z', filters: {} });
  json.rows(objects);
  json.end();
  jsonFile.commit();
  return { csv: readFileSync(join(dir, 'r.csv'), 'utf8'), json: readFileSync(join(dir, 'r.json'), 'utf8') };
}

/** What UTF-8 makes of a string: lone surrogates become U+FFFD. */
const throughUtf8 = (value: string) => Buffer.from(value, 'utf8').toString('utf8');
const csvExpected = (value: string) => neutraliseFormula(throughUtf8(value));

describe('register CSV with hostile values', () => {
  it('parses back to each value exactly, neutralised when it starts like a formula, lone surrogates as U+FFFD', () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom(',' as const, ';' as const), fc.boolean(), (rows, delimiter, bom) => {
        const { csv, json } = writeBoth(rows, delimiter, bom);
        expect(csv.startsWith('\ufeff')).toBe(bom);
        const back = parse(csv, { delimiter, bom: true }) as string[][];
        expect(back).toEqual([COLUMNS, ...rows.map((r) => r.map(csvExpected))]);
        // JSON is canonical: every value exactly, lone surrogates included, nothing neutralised.
        const doc = JSON.parse(json) as { rows: Array<Record<string, string>> };
        expect(doc.rows.map((r) => COLUMNS.map((c) => r[c]))).toEqual(rows.map((r) => [...r]));
      }),
      { numRuns: 200 },
    );
  });

  it('neutralises exactly the formula prefixes and nothing else', () => {
    const { csv } = writeBoth(
      [
        ['=1+1', '+32 470', '-2'],
        ['@SUM(A1)', '\tx', '\rx'],
        ['\0x', ' =x', "'=x"],
        ['a=b', '1-2', ''],
      ],
      ',',
      false,
    );
    expect((parse(csv) as string[][]).slice(1)).toEqual([
      ["'=1+1", "'+32 470", "'-2"],
      ["'@SUM(A1)", "'\tx", "'\rx"],
      ["'\0x", ' =x', "'=x"],
      ['a=b', '1-2', ''],
    ]);
  });

  it('carries a 1 MB field with quotes and line breaks', () => {
    const big = `${'"quoted", line\r\n\u2028'.repeat(62_000)}end`.slice(0, 1_048_576);
    const { csv, json } = writeBoth([[big, '=big', 'x']], ';', true);
    expect(big.length).toBe(1_048_576);
    expect(parse(csv, { delimiter: ';', bom: true })).toEqual([COLUMNS, [big, "'=big", 'x']]);
    expect((JSON.parse(json) as { rows: Array<{ a: string }> }).rows[0]!.a).toBe(big);
  });

  it('does the same end to end: hostile names and notes stored in the vault, exported as CSV and JSON', async () => {
    const { core } = await createdVault();
    const values = [
      ['=HYPERLINK("http://x","y")', '-Head, "Unit"\r\nWaste', '@ok\u2028line\u0007bell'],
      ['+32 2 555 00 00', 'astral 𝒜 pair', '\ttabbed\nnote'],
      ['Zoë "Z" Ó\'Brien', '\u2029para;semi', '\rcarriage'],
    ];
    for (const [fullName, jobTitle, notes] of values) await call(core, 'contacts.add', { fullName: fullName!, jobTitle: jobTitle!, notes: notes! });
    const dir = tempDir();
    await call(core, 'exports.register', { table: 'contacts', format: 'csv', delimiter: ';', out: join(dir, 'c.csv') });
    await call(core, 'exports.register', { table: 'contacts', format: 'json', out: join(dir, 'c.json') });
    const stored = core.context().vault.raw.prepare('SELECT full_name, job_title, notes FROM contacts ORDER BY sort_rank').raw().all() as string[][];
    // The export writes what the vault gives back (the API trimmed the values).
    expect(stored.flat()).toContain('astral 𝒜 pair');
    const [header, ...rows] = parse(readFileSync(join(dir, 'c.csv'), 'utf8'), { delimiter: ';' }) as string[][];
    const pick = ['fullName', 'jobTitle', 'notes'].map((c) => header!.indexOf(c));
    expect(rows.map((r) => pick.map((i) => r[i]))).toEqual(stored.map((r) => r.map(csvExpected)));
    const doc = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8')) as { rows: Array<Record<string, string>> };
    expect(doc.rows.map((r) => [r.fullName, r.jobTitle, r.notes])).toEqual(stored);
  });
});
