/**
 * Rights requests and erasure at scale (issue 13 targets: the requests list and its counts
 * ≤ 20 ms p95 with 10k requests; erasing one person ≤ 500 ms in the seeded vault).
 *
 * The requests are seeded, not recorded through the API: prepared INSERTs into
 * `rights_requests` and `request_events` in one transaction, each row as the core would
 * have left it (every CHECK of migrations 0008 and 0010 holds: a closed request has its
 * day and outcome, a refusal its ground, an extension its months, deadline and reason, the
 * deadlines follow from the day the clock started). Types, states, channels and deadlines
 * are mixed, a few are test entries, most are linked to a seeded contact. The list is then
 * timed through the core as the Requests screen calls it: the default page, one state, the
 * overdue ones and those due within 7 days.
 *
 * The erasure is timed through `contacts.erase` as the app calls it, which includes the
 * search index's entry and the WAL's checkpoint after the commit (db/erasure/erase.ts):
 * each person is added first with two e-mails, two phones, consents, a participation and
 * the rights request the erasure answers, outside the timing.
 */
import { randomUUID } from 'node:crypto';
import type { RegistreCore } from '../db/index';
import type { ParsedInput } from '../shared/api/index';
import { addDays, legalDeadline } from '../shared/rules/deadline';
import { localDay } from '../shared/rules/dates';
import { identityMethods, refusalReasons, requestChannels, requestTypes, type RequestStatus } from '../shared/vocabulary';

type Report = (what: string, value: string, target?: string) => void;

/** A small deterministic generator, so two runs seed the same requests. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function stats(samples: number[]): { p50: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** States as an office's register holds them after a few years: mostly closed, a few dozen open. */
const STATES: Array<[RequestStatus, number]> = [
  ['completed', 0.62],
  ['refused', 0.08],
  ['received', 0.08],
  ['awaiting_identity', 0.06],
  ['in_progress', 0.11],
  ['on_hold', 0.05],
];

/** The steps that led to each state, after `received` (the timeline's kinds). */
const PATH: Record<RequestStatus, Array<[string, RequestStatus]>> = {
  received: [],
  awaiting_identity: [['identity_requested', 'awaiting_identity']],
  in_progress: [['started', 'in_progress']],
  on_hold: [
    ['started', 'in_progress'],
    ['held', 'on_hold'],
  ],
  completed: [
    ['started', 'in_progress'],
    ['completed', 'completed'],
  ],
  refused: [['refused', 'refused']],
};

/** Seeds `count` requests over the register's contacts; returns how many timeline events it wrote. */
export function seedRequests(core: RegistreCore, count: number): { events: number; ms: number } {
  const ctx = core.context();
  const raw = ctx.vault.raw;
  const contactIds = raw.prepare('SELECT id FROM contacts ORDER BY rowid LIMIT 50000').pluck().all() as string[];
  const rand = prng(13);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const day = localDay(new Date());
  const stamp = new Date().toISOString();
  const insertRequest = raw.prepare(
    `INSERT INTO rights_requests (id, contact_id, requester_name, requester_email, type, status, channel, request_text, is_test, received_on, clock_started_on, due_on,
       paused_on, identity_checked_on, identity_method, extension_months, extended_due_on, extension_reason, closed_on, outcome, refusal_reason, refusal_text, created_at)
     VALUES (@id, @contact_id, @requester_name, @requester_email, @type, @status, @channel, @request_text, @is_test, @received_on, @clock_started_on, @due_on,
       @paused_on, @identity_checked_on, @identity_method, @extension_months, @extended_due_on, @extension_reason, @closed_on, @outcome, @refusal_reason, @refusal_text, @created_at)`,
  );
  const insertEvent = raw.prepare(`INSERT INTO request_events (request_id, at, kind, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?, ?)`);
  let events = 0;
  const t = performance.now();
  raw.transaction(() => {
    for (let i = 0; i < count; i++) {
      let x = rand();
      let status: RequestStatus = 'completed';
      for (const [s, share] of STATES) {
        if ((x -= share) < 0) {
          status = s;
          break;
        }
      }
      const closed = status === 'completed' || status === 'refused';
      // Closed requests spread over five years; open ones over the last ten weeks, so some are overdue and some due this week.
      const received = addDays(day, -Math.floor(rand() * (closed ? 5 * 365 : 70)));
      const identity = status !== 'received' && status !== 'awaiting_identity' && rand() < 0.3;
      const clock = identity ? addDays(received, 1 + Math.floor(rand() * 5)) : received;
      const due = legalDeadline(clock, 1);
      const extension = status !== 'received' && status !== 'awaiting_identity' && rand() < 0.12 ? (rand() < 0.5 ? 1 : 2) : null;
      const linked = rand() < 0.8;
      const refused = status === 'refused';
      const id = randomUUID();
      insertRequest.run({
        id,
        contact_id: linked ? pick(contactIds) : null,
        requester_name: linked ? null : `Bench Requester ${i}`,
        requester_email: linked ? null : `requester${i}@bench.example`,
        type: pick(requestTypes),
        status,
        channel: pick(requestChannels),
        request_text: rand() < 0.5 ? 'Please tell me what you hold about me.' : null,
        is_test: rand() < 0.03 ? 1 : 0,
        received_on: received,
        clock_started_on: clock,
        due_on: due,
        paused_on: status === 'awaiting_identity' ? received : null,
        identity_checked_on: identity ? clock : null,
        identity_method: identity ? pick(identityMethods) : null,
        extension_months: extension,
        extended_due_on: extension ? legalDeadline(clock, 1 + extension) : null,
        extension_reason: extension ? 'Many places to search' : null,
        closed_on: closed ? addDays(clock, Math.floor(rand() * 40)) : null,
        outcome: closed ? status : null,
        refusal_reason: refused ? pick(refusalReasons) : null,
        refusal_text: refused ? 'The request repeats one answered last month.' : null,
        created_at: stamp,
      });
      insertEvent.run(id, stamp, 'received', null, 'received', JSON.stringify({ receivedOn: received, dueDate: due }));
      let from: RequestStatus = 'received';
      for (const [kind, to] of PATH[status]) {
        insertEvent.run(id, stamp, kind, from, to, '{}');
        from = to;
      }
      events += 1 + PATH[status].length;
    }
  })();
  return { events, ms: performance.now() - t };
}

export async function benchRequests(core: RegistreCore, report: Report, count: number): Promise<void> {
  const seeded = seedRequests(core, count);
  report(`seed ${count} rights requests (${seeded.events} events)`, `${(seeded.ms / 1000).toFixed(2)} s`, 'prepared INSERT, one transaction');
  // The contract's defaults written out, as the dispatcher hands them to the core.
  const list = (filter: Partial<ParsedInput<'requests.list'>>): ParsedInput<'requests.list'> => ({ includeTests: false, limit: 100, offset: 0, ...filter });
  const kinds: Array<[string, Partial<ParsedInput<'requests.list'>>]> = [
    ['requests.list, default page', {}],
    ['requests.list, state in_progress', { state: 'in_progress' }],
    ['requests.list, state completed', { state: 'completed' }],
    ['requests.list, overdue', { overdue: true }],
    ['requests.list, due within 7 days', { dueWithinDays: 7 }],
  ];
  for (const [what, filter] of kinds) {
    const samples: number[] = [];
    let total = 0;
    for (let r = 0; r < 60; r++) {
      samples.push(
        await timed(async () => {
          total = (await core.call('requests.list', list(filter))).total;
        }),
      );
    }
    const s = stats(samples);
    report(`${what} (${total} match)`, `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} ms`, 'p50 / p95, target p95 ≤ 20 ms');
  }
}

/** One person as the erasure meets them: two e-mails, two phones, consents, a participation, and the request it answers. */
export async function seedErasee(core: RegistreCore, i: number, eventId: string, day: string): Promise<{ contactId: string; requestId: string }> {
  const person = await core.call('contacts.add', {
    fullName: `Bench Erasee ${i}`,
    email: `erasee${i}@bench.example`,
    otherEmails: [`erasee${i}@home.example`],
    phone: `+32471${String(100000 + i)}`,
    otherPhones: [`+32472${String(100000 + i)}`],
    notes: 'Asked to be forgotten',
  });
  for (const [purposeCode, action] of [
    ['newsletter', 'granted'],
    ['event_logistics', 'granted'],
    ['newsletter', 'withdrawn'],
  ] as const) {
    await core.call('consents.record', { contactId: person.id, purposeCode, action, channel: 'form' });
  }
  await core.call('participations.add', { contactId: person.id, eventId, role: 'participant', travelBooked: false });
  const request = await core.call('requests.add', { type: 'erasure', receivedOn: day, channel: 'email', contactId: person.id, isTest: false });
  return { contactId: person.id, requestId: request.id };
}

export async function benchErasure(core: RegistreCore, report: Report, erasures: number): Promise<void> {
  const contacts = Number(core.context().vault.raw.prepare('SELECT count(*) FROM contacts').pluck().get());
  const day = localDay(new Date());
  const event = await core.call('events.add', { name: 'Bench Erasure Meeting', startDate: addDays(day, -30) });
  const people: Array<{ contactId: string; requestId: string }> = [];
  for (let i = 0; i < erasures; i++) people.push(await seedErasee(core, i, event.id, day));
  const samples: number[] = [];
  for (const { contactId, requestId } of people) {
    samples.push(await timed(() => core.call('contacts.erase', { contactId, requestId, reason: 'Erasure requested by the person' })));
  }
  const s = stats(samples);
  report(`contacts.erase ×${erasures} in ${contacts} contacts`, `${s.p50.toFixed(0)} / ${s.p95.toFixed(0)} / ${s.max.toFixed(0)} ms`, 'p50 / p95 / max, target ≤ 500 ms');
}
