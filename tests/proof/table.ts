/**
 * The shape every proof row shares (DESIGN §7, `npm run proof`): one check, how many trials
 * it ran, how many of them failed and the first few failures, one line each. Rows run at
 * full size in the proof and at a reduced size inside `npm test`; this file prints them.
 */

export type ProofArea = 'crash' | 'fuzz' | 'xss' | 'bridge' | 'disk full' | 'two writers';

export interface ProofRow {
  area: ProofArea;
  check: string;
  trials: number;
  failures: number;
  /** The first few failures (or what the row excluded and why), one line each. */
  detail?: string[];
}

/** A row as the runner lists it: what a failure means is said once, beside the check. */
export interface ProofCheck {
  area: ProofArea;
  check: string;
  /** What one failure of this row means, for the person reading the table. */
  failureMeans: string;
  /** Full-size and quick-size trials; the row reads what "size" means for it. */
  sizes: { full: number; quick: number };
  run(size: number, scratch: string): Promise<ProofRow>;
}

/**
 * Keeps the first failures a row saw, one line each, and counts them all. With a kind,
 * at most two lines of each kind are kept, so a flood of one kind cannot hide another.
 */
export class Failures {
  readonly lines: string[] = [];
  count = 0;
  private readonly kept = new Map<string, number>();
  constructor(private readonly keep = 12) {}

  add(line: string, kind?: string): void {
    this.count += 1;
    const ofKind = kind === undefined ? 0 : (this.kept.get(kind) ?? 0);
    if (this.lines.length >= this.keep || ofKind >= 2) return;
    if (kind !== undefined) this.kept.set(kind, ofKind + 1);
    this.lines.push(line.replace(/\s+/g, ' ').slice(0, 300));
  }
}

/** Counts right-aligned, words left-aligned, nothing trailing. */
function pad(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => (i === 2 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
    .join('  ')
    .trimEnd();
}

/** The table the proof ends with, and under it each failing row's first failures. */
export function formatTable(rows: readonly (ProofRow & { failureMeans: string })[]): string {
  const header = ['area', 'check', 'trials', 'failures', 'a failure means'];
  const body = rows.map((r) => [r.area, r.check, String(r.trials), String(r.failures), r.failureMeans]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const lines = [pad(header, widths), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map((b) => pad(b, widths))];
  for (const r of rows) {
    if (!r.detail?.length) continue;
    lines.push('', `${r.area} / ${r.check}${r.failures ? ` — ${r.failures} failure(s)` : ''}:`);
    for (const d of r.detail) lines.push(`  ${d}`);
  }
  return lines.join('\n');
}
