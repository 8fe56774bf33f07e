/**
 * The audit log as evidence at scale (issue 16 target: the log filtered by one person, over
 * 1M events, ≤ 50 ms p95). The events are seeded with one prepared INSERT in a
 * transaction, spread over two years, twenty staff members and the seeded contacts, with
 * the mix of actions an office writes. Their hashes are placeholders (the appender's HMAC
 * is not what is measured here), so this section runs last: the chain no longer verifies.
 * Then audit.list is timed through the core as the Audit log screen calls it (a page of 50,
 * names of what each row is about included), and the filter choices.
 */
import { randomUUID } from 'node:crypto';
import type { RegistreCore } from '../db/index';
import { prng, stats, timed } from './requests';

type Report = (what: string, value: string, target?: string) => void;

/** Actions and kinds of record, weighted roughly as a secretariat's log holds them. */
const MIX: Array<[string, string, number]> = [
  ['contact.updated', 'contact', 0.35],
  ['consent.recorded', 'consent_event', 0.2],
  ['participation.created', 'participation', 0.15],
  ['sensitive.revealed', 'sensitive_extra', 0.1],
  ['contact.created', 'contact', 0.1],
  ['export.register', 'contacts', 0.05],
  ['session.unlocked', 'staff', 0.05],
];

const DAY = 86_400_000;
const SPAN_DAYS = 730;

function seedAudit(core: RegistreCore, events: number): { staff: string[]; subjects: string[]; start: number } {
  const raw = core.context().vault.raw;
  const subjects = raw.prepare('SELECT id FROM contacts ORDER BY rowid').pluck().all() as string[];
  if (subjects.length === 0) throw new Error('the audit bench needs seeded contacts');
  const rand = prng(16);
  const stamp = new Date().toISOString();
  const staff = Array.from({ length: 20 }, () => randomUUID());
  const addStaff = raw.prepare(`INSERT INTO staff (id, name, role, created_at) VALUES (?, ?, 'staff', ?)`);
  let seq = raw.prepare('SELECT max(seq) FROM audit_events').pluck().get() as number;
  const insert = raw.prepare(`INSERT INTO audit_events (seq, at, staff_id, action, entity_type, entity_id, subject_id, fields, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, '["jobTitle"]', ?, ?)`);
  const placeholder = 'f'.repeat(64);
  const start = Date.now() - SPAN_DAYS * DAY;
  raw.transaction(() => {
    staff.forEach((id, i) => addStaff.run(id, `Bench Staff ${i}`, stamp));
    for (let i = 0; i < events; i++) {
      let r = rand();
      const [action, entityType] = MIX.find(([, , w]) => (r -= w) < 0) ?? MIX[0]!;
      const subject = entityType === 'staff' || entityType === 'contacts' ? null : subjects[Math.floor(rand() * subjects.length)]!;
      const entityId = entityType === 'contact' ? subject : entityType === 'contacts' ? null : randomUUID();
      const at = new Date(start + Math.floor((i / events) * SPAN_DAYS * DAY)).toISOString();
      insert.run(++seq, at, staff[Math.floor(rand() * staff.length)]!, action, entityType, entityId, subject, placeholder, placeholder);
    }
  })();
  return { staff, subjects, start };
}

export async function benchAudit(core: RegistreCore, report: Report, events: number): Promise<void> {
  const t0 = performance.now();
  const { staff, subjects, start } = seedAudit(core, events);
  const seedMs = performance.now() - t0;
  report(`seed ${events} audit events`, `${(seedMs / 1000).toFixed(1)} s`, `${((events / seedMs) * 1000).toFixed(0)} events/s`);
  const rand = prng(17);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const day = (offsetDays: number) => new Date(start + offsetDays * DAY).toISOString().slice(0, 10);
  const line = async (what: string, filters: () => Record<string, unknown>, target = 'p50 / p95') => {
    const samples: number[] = [];
    for (let i = 0; i < 40; i++) {
      const f = filters();
      samples.push(await timed(() => core.call('audit.list', { limit: 50, ...f })));
    }
    const s = stats(samples);
    report(what, `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} ms`, target);
  };
  await line('audit log, newest page of 50', () => ({}));
  await line('audit log filtered by one person', () => ({ subjectId: pick(subjects) }), 'p50 / p95, target p95 ≤ 50 ms');
  await line('audit log filtered by staff member', () => ({ staffId: pick(staff) }));
  await line('audit log filtered by staff, 200 pages deep', () => ({ staffId: pick(staff), beforeSeq: events - 200 * 50 * 20 }));
  await line('audit log filtered by action (revealed)', () => ({ action: ['sensitive.revealed'] }));
  await line('audit log filtered by two actions', () => ({ action: ['contact.created', 'export.register'] }));
  await line('audit log filtered by kind (consent)', () => ({ entityType: 'consent_event' }));
  await line('audit log, one week a year ago', () => {
    const from = 300 + Math.floor(rand() * 60);
    return { from: day(from), to: day(from + 6) };
  });
  await line('audit log, staff member + one month', () => {
    const from = Math.floor(rand() * 600);
    return { staffId: pick(staff), from: day(from), to: day(from + 30) };
  });
  await line('audit log, person + action', () => ({ subjectId: pick(subjects), action: ['contact.updated'] }));
  const options: number[] = [];
  for (let i = 0; i < 10; i++) options.push(await timed(() => core.call('audit.filterOptions', {})));
  report('audit filter choices (staff, actions, kinds)', `${stats(options).p50.toFixed(1)} / ${stats(options).p95.toFixed(1)} ms`, 'p50 / p95');
}
