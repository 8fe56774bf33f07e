/**
 * The retention review at scale (issue 15 target: `retention.due` over 100k contacts
 * ≤ 1 s). Over the seeded register (every demo contact has participations, dated over
 * the last years), a share of people get what the other rules read: identity and bank
 * details, signed sheets, newsletter-only people who withdrew, open requests and legal
 * holds that freeze. Seeded with prepared INSERTs in one transaction, then the due list is
 * timed through the core as the Retention screen calls it: every rule, a 90-day window.
 */
import { randomUUID } from 'node:crypto';
import type { RegistreCore } from '../db/index';
import { localDay } from '../shared/rules/dates';
import { addDays } from '../shared/rules/deadline';
import { prng, stats, timed } from './requests';

type Report = (what: string, value: string, target?: string) => void;

export function seedRetention(core: RegistreCore): number {
  const raw = core.context().vault.raw;
  const contacts = raw.prepare('SELECT id FROM contacts ORDER BY rowid').pluck().all() as string[];
  const events = raw.prepare('SELECT id FROM events').pluck().all() as string[];
  const newsletter = raw.prepare(`SELECT id FROM purposes WHERE code = 'newsletter'`).pluck().get() as string;
  const rand = prng(15);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const today = localDay(new Date());
  const stamp = new Date().toISOString();
  const ago = (maxDays: number) => addDays(today, -Math.floor(rand() * maxDays));
  const extra = raw.prepare(`INSERT INTO sensitive_extras (id, contact_id, category, data, event_id, reason, created_at, last_paid_on) VALUES (?, ?, ?, ?, ?, 'bench', ?, ?)`);
  const person = raw.prepare(`INSERT INTO contacts (id, full_name, created_at, updated_at) VALUES (?, ?, ?, ?)`);
  const consent = raw.prepare(`INSERT INTO consent_events (id, contact_id, purpose_id, action, lawful_basis, channel, occurred_at, recorded_at) VALUES (?, ?, ?, ?, 'consent', 'form', ?, ?)`);
  const request = raw.prepare(
    `INSERT INTO rights_requests (id, contact_id, type, status, channel, received_on, clock_started_on, due_on, created_at) VALUES (?, ?, 'access', 'received', 'email', ?, ?, ?, ?)`,
  );
  const hold = raw.prepare(`INSERT INTO legal_holds (id, contact_id, reason, until, set_at) VALUES (?, ?, 'Grant audit', ?, ?)`);
  let rows = 0;
  raw.transaction(() => {
    for (const c of contacts) {
      const r = rand();
      if (r < 0.1)
        extra.run(
          randomUUID(),
          c,
          'identity',
          JSON.stringify({ document: 'passport', number: 'X1234567', dateOfBirth: rand() < 0.01 ? ago(5000) : addDays(today, -6600 - Math.floor(rand() * 15000)) }),
          null,
          stamp,
          null,
        );
      else if (r < 0.15) extra.run(randomUUID(), c, 'bank', JSON.stringify({ iban: 'BE71096123456769' }), null, stamp, ago(9 * 365));
      else if (r < 0.17) extra.run(randomUUID(), c, 'signature', '{}', pick(events), stamp, null);
      else if (r < 0.171) request.run(randomUUID(), c, ago(20), today, addDays(today, 30), stamp);
      else if (r < 0.172) hold.run(randomUUID(), c, addDays(today, 60), stamp);
      else continue;
      rows++;
    }
    // People known only for the newsletter: a tenth of the register's size, a third of them withdrawn.
    for (let i = 0; i < contacts.length / 10; i++) {
      const id = randomUUID();
      person.run(id, `Bench Reader ${i}`, stamp, stamp);
      const since = ago(6 * 365);
      consent.run(randomUUID(), id, newsletter, 'granted', since, stamp);
      const withdrawn = addDays(since, Math.floor(rand() * 60));
      if (rand() < 0.33) consent.run(randomUUID(), id, newsletter, 'withdrawn', withdrawn > today ? today : withdrawn, stamp);
      rows += 2;
    }
  })();
  return rows;
}

export async function benchRetention(core: RegistreCore, report: Report): Promise<void> {
  let rows = 0;
  const seedMs = await timed(async () => {
    rows = seedRetention(core);
  });
  const contacts = Number(core.context().vault.raw.prepare('SELECT count(*) FROM contacts').pluck().get());
  report(`seed ${rows} retention rows (${contacts} contacts)`, `${(seedMs / 1000).toFixed(2)} s`, 'prepared INSERT, one transaction');
  let listed = 0;
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    samples.push(
      await timed(async () => {
        const due = await core.call('retention.due', { withinDays: 90 });
        listed = due.rules.reduce((n, r) => n + r.items.length, 0);
      }),
    );
  }
  const s = stats(samples);
  report(`retention.due, every rule, 90 days (${listed} listed)`, `${s.p50.toFixed(0)} / ${s.p95.toFixed(0)} ms`, 'p50 / p95, target ≤ 1 s');
}
