/**
 * Rewriting one contact's search entry, as the contact screen does (`contacts.update`): a
 * new job title (the entry is rewritten under its label) and a rename (the entry moves
 * to the label of its new place in the order). Each deletes the old entry, which the
 * index's `secure-delete` (0011) takes out of the segments in place.
 */
import type { RegistreCore } from '../db/index';

type Report = (what: string, value: string, target?: string) => void;

function stats(samples: number[]): { p50: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

export async function benchContactUpdates(core: RegistreCore, report: Report, rounds = 200): Promise<void> {
  const raw = core.context().vault.raw;
  const total = Number(raw.prepare('SELECT count(*) FROM contacts').pluck().get());
  const ids = raw
    .prepare('SELECT id FROM contacts ORDER BY sort_rank LIMIT ? OFFSET ?')
    .pluck()
    .all(rounds, Math.floor(total / 3)) as string[];
  const kinds: Array<[string, (i: number) => Record<string, string>]> = [
    ['contacts.update, new job title', (i) => ({ jobTitle: `Bench title ${i}` })],
    ['contacts.update, renamed', (i) => ({ fullName: `Bench Renamed ${String(i).padStart(4, '0')}` })],
  ];
  for (const [what, change] of kinds) {
    const samples: number[] = [];
    for (const [i, id] of ids.entries()) {
      const t = performance.now();
      await core.call('contacts.update', { id, ...change(i) });
      samples.push(performance.now() - t);
    }
    const s = stats(samples);
    report(`${what} ×${ids.length}`, `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} ms`, 'p50 / p95');
  }
}
