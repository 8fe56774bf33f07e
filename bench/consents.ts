/**
 * The consent ledger at scale (issue 4 targets: `consents.forContact` ≤ 2 ms, review and
 * mailing lists computed in SQL well under a second): `events` ledger events over the
 * first `contacts` contacts of the register, then the timings of the reads at the service
 * layer. The events are seeded, not recorded through the API: one prepared INSERT in one
 * transaction (recording a million events one audited call at a time measures the audit
 * log, which the foundation bench already does). Ids are time-ordered, as the importer's.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { v7 as orderedUuid } from 'uuid';
import type { RegistreCore } from '../db/index';

type Report = (what: string, value: string, target?: string) => void;
type Action = 'granted' | 'withdrawn' | 'objected' | 'restricted';

/** A small deterministic generator, so two runs seed the same ledger. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LI = ['collaboration', 'basecamp', 'photos', 'partner_sharing'];

/**
 * One person's ledger, about `perContact` events: a newsletter consent (sometimes
 * withdrawn, sometimes given again), a consent at each event registration, collaboration;
 * a few objections and restrictions, and one person in a hundred who objects to everything
 * and withdraws (the no-basis review list). Days are random, so entry order is not day order.
 */
function personLedger(rand: () => number, perContact: number): Array<[string, Action, string]> {
  const day = () => `${2018 + Math.floor(rand() * 8)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const out: Array<[string, Action, string]> = [];
  const r = rand();
  if (r < 0.85) out.push(['newsletter', 'granted', day()]);
  if (r < 0.15) out.push(['newsletter', 'withdrawn', day()]);
  out.push(['collaboration', 'granted', day()]);
  if (rand() < 0.03) out.push(['photos', 'objected', day()]);
  if (rand() < 0.005) out.push(['payments', 'restricted', day()]);
  if (rand() < 0.01) {
    out.push(['newsletter', 'withdrawn', '2025-12-31'], ['event_logistics', 'withdrawn', '2025-12-31']);
    for (const code of LI) out.push([code, 'objected', '2025-12-31']);
  }
  while (out.length < perContact) out.push(['event_logistics', 'granted', day()]);
  return out;
}

function stats(samples: number[]): { p50: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

/** Seeds about `events` ledger events over the first `contacts` contacts; returns their ids and the count. */
export async function seedConsentEvents(core: RegistreCore, contacts: number, events: number): Promise<{ ids: string[]; seeded: number; ms: number }> {
  const ctx = core.context();
  const ids = (await ctx.db.selectFrom('contacts').select('id').orderBy(ctx.db.dynamic.ref('rowid')).limit(contacts).execute()).map((r) => r.id);
  const purposes = new Map((await ctx.db.selectFrom('purposes').select(['id', 'code', 'lawful_basis']).execute()).map((p) => [p.code, p]));
  const rand = prng(4);
  const perContact = Math.max(1, Math.round(events / ids.length));
  const raw = ctx.vault.raw;
  const insert = raw.prepare(
    `INSERT INTO consent_events (id, contact_id, purpose_id, action, lawful_basis, channel, evidence, policy_version_id, occurred_at, recorded_by, recorded_at)
     VALUES (?, ?, ?, ?, ?, 'form', NULL, NULL, ?, NULL, ?)`,
  );
  const stamp = new Date().toISOString();
  let seeded = 0;
  const [, ms] = await timed(async () =>
    raw.transaction(() => {
      for (const contactId of ids) {
        for (const [code, action, day] of personLedger(rand, perContact)) {
          const p = purposes.get(code)!;
          insert.run(orderedUuid(), contactId, p.id, action, p.lawful_basis, day, stamp);
          seeded += 1;
        }
      }
    })(),
  );
  return { ids, seeded, ms };
}

export async function benchConsents(core: RegistreCore, report: Report, contacts: number, events = contacts * 10): Promise<void> {
  const ctx = core.context();
  const { ids, seeded, ms: seedMs } = await seedConsentEvents(core, contacts, events);
  report(`seed ${seeded} consent events (${ids.length} contacts)`, `${(seedMs / 1000).toFixed(2)} s`, 'prepared INSERT, one transaction');
  const rand = prng(5);
  const stamp = new Date().toISOString();

  const samples: number[] = [];
  for (let i = 0; i < 200; i++) {
    const contactId = ids[Math.floor(rand() * ids.length)]!;
    samples.push((await timed(() => core.call('consents.forContact', { contactId })))[1]);
  }
  const f = stats(samples);
  report('consents.forContact, 200 random contacts', `${f.p50.toFixed(2)} / ${f.p95.toFixed(2)} ms`, 'p50 / p95, target ≤ 2 ms');

  const [noBasis, noBasisMs] = await timed(() => core.call('consents.noBasis', { limit: 100, offset: 0 }));
  report(`no-basis review, first page (${noBasis.total} flagged)`, `${noBasisMs.toFixed(0)} ms`, 'target well under 1 s');

  const material = randomUUID();
  await ctx.db
    .insertInto('policy_versions')
    .values({ id: material, version: 999, language: 'fr', effective_date: '2022-01-01', text: 'Bench policy', material_change: 1, created_at: stamp, summary: null })
    .execute();
  const [reconsent, reconsentMs] = await timed(() => core.call('consents.reconsentNeeded', { policyVersionId: material, limit: 100, offset: 0 }));
  report(`reconsent list, first page (${reconsent.total} consents)`, `${reconsentMs.toFixed(0)} ms`);

  const [preview, previewMs] = await timed(() => core.call('mailingList.preview', {}));
  report('mailing-list preview (counts)', `${previewMs.toFixed(0)} ms`);
  const out = join(mkdtempSync(join(tmpdir(), 'registre-bench-mailing-')), 'newsletter.csv');
  const [file, exportMs] = await timed(() => core.call('mailingList.export', { out }));
  const ex = preview.excluded;
  const bytes = file.result.outcome === 'written' ? file.result.files[0]!.bytes : 0;
  const rows = file.result.outcome === 'written' ? file.result.rows : 0;
  rmSync(dirname(out), { recursive: true, force: true });
  report(
    `mailing-list export, ${rows} rows (${(bytes / 1024 / 1024).toFixed(1)} MB)`,
    `${(exportMs / 1000).toFixed(2)} s`,
    `${Math.round(rows / (exportMs / 1000)).toLocaleString('en')} rows/s; left out ${ex.restricted + ex.objected + ex.withdrawn + ex.archived + ex.noEmail}`,
  );
  report('peak RSS after the consent ledger', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}
