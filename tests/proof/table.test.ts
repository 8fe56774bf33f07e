/** The proof's table: every row with what a failure means, and the failing rows' first failures under it. */
import { expect, it } from 'vitest';
import { Failures, formatTable } from './table';

it('lists every row and, under the table, the detail of each row that has one', () => {
  const text = formatTable([
    { area: 'crash', check: 'import killed', trials: 200, failures: 0, failureMeans: 'a write lost' },
    { area: 'bridge', check: 'corpora', trials: 40, failures: 2, detail: ['Origin: evil → 200', 'Host: x → 200'], failureMeans: 'an acceptance' },
  ]);
  const lines = text.split('\n');
  expect(lines[0]).toMatch(/^area\s+check\s+trials\s+failures\s+a failure means$/);
  expect(lines[2]).toMatch(/^crash\s+import killed\s+200\s+0\s+a write lost$/);
  expect(lines[3]).toMatch(/^bridge\s+corpora\s+40\s+2\s+an acceptance$/);
  expect(text).toContain('bridge / corpora — 2 failure(s):\n  Origin: evil → 200\n  Host: x → 200');
  expect(text).not.toContain('crash / import killed');
});

it('keeps the first failures, one line each, and counts them all', () => {
  const f = new Failures(2);
  for (const line of ['one', 'two\nlines', 'three']) f.add(line);
  expect(f.count).toBe(3);
  expect(f.lines).toEqual(['one', 'two lines']);
});

it('keeps two lines of each kind, so a flood of one kind does not hide another', () => {
  const f = new Failures();
  for (let i = 0; i < 50; i++) f.add(`zod ${i}`, 'raw zod text');
  f.add('too long one', 'too long');
  expect(f.count).toBe(51);
  expect(f.lines).toEqual(['zod 0', 'zod 1', 'too long one']);
});
